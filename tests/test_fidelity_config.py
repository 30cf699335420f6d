"""The `placeholder-formats` setting and the `[rules.placeholders]` family, end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_pipeline.config import ConfigError, load_settings
from qa_pipeline.pipeline import check_paths
from qa_pipeline.registry import load_registry

PO = """msgid ""
msgstr ""
"Language: fr\\n"

msgid "Hello {name}, you have %d messages"
msgstr "Bonjour, vous avez %d messages"

#, python-brace-format
msgid "Welcome {user}"
msgstr "Bienvenue"
"""


def _codes(tmp_path: Path, config: str) -> list[tuple[str, str | None]]:
    (tmp_path / "qa-pipeline.toml").write_text('select = ["QA8"]\n' + config, encoding="utf-8")
    (tmp_path / "locale").mkdir(exist_ok=True)
    po = tmp_path / "locale" / "fr.po"
    po.write_text(PO, encoding="utf-8")
    settings, registry = load_settings(None, tmp_path, load_registry)
    findings = check_paths([str(po)], settings, registry).files[0].findings
    return sorted((f.code, f.segment_id) for f in findings)


def test_without_config_flags_and_inference_decide(tmp_path: Path) -> None:
    # the first entry has no flag: {name} and %d are inferred from its source
    assert _codes(tmp_path, "") == [
        ("QA801", "Hello {name}, you have %d messages"),
        ("QA801", "Welcome {user}"),
    ]


def test_configured_formats_replace_flags_and_inference(tmp_path: Path) -> None:
    config = '[placeholder-formats]\n"locale/*.po" = ["c-format"]\n'
    # printf only: {name} and {user} are text, %d is kept
    assert _codes(tmp_path, config) == []


def test_an_empty_list_switches_placeholders_off_for_matching_files(tmp_path: Path) -> None:
    assert _codes(tmp_path, '[placeholder-formats]\n"other/*.po" = []\n"*.po" = []\n') == []


def test_family_option_infer_off(tmp_path: Path) -> None:
    assert _codes(tmp_path, "[rules.placeholders]\ninfer = false\n") == [("QA801", "Welcome {user}")]


def test_unknown_format_flag_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "qa-pipeline.toml").write_text(
        '[placeholder-formats]\n"*.po" = ["klingon-format"]\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError) as err:
        load_settings(None, tmp_path, load_registry)
    message = str(err.value)
    assert "qa-pipeline.toml" in message and "placeholder-formats" in message and "format flags" in message
