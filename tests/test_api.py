"""The Python API: the examples of docs/api.md run as written, and check_text/check_paths agree with
the command line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from qa_pipeline import check_paths, check_text
from qa_pipeline.cli import main
from qa_pipeline.errors import QaPipelineError

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "block", re.findall(r"```python\n(.*?)```", (ROOT / "docs" / "api.md").read_text(encoding="utf-8"), re.S)
)
def test_docs_api_examples_run(block: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    exec(compile(block, "docs/api.md", "exec"), {})


def test_check_paths_is_the_command_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    run = check_paths(["examples/articles"], select=["QA6"])
    main(["check", "examples/articles", "--select", "QA6", "--format", "json"])
    cli = json.loads(capsys.readouterr().out)
    assert [f["code"] for r in cli["files"] for f in r["findings"]] == [
        f.code for r in run.files for f in r.findings
    ]
    assert cli["summary"]["score"] == run.score


def test_check_text_bilingual_format_and_options() -> None:
    po = 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "Copied %d of 3 files"\nmsgstr "%d fichiers copiés sur 4"\n'
    report = check_text(po, lang="fr", format="po", select=["QA201"])
    assert [f.code for f in report.findings] == ["QA201"]
    assert report.target_language.code == "fr"
    strict = check_text("Le  chat.", lang="fr", select=["QA104"], fail_on="minor")
    assert not strict.passed


def test_configuration_errors_raise() -> None:
    with pytest.raises(QaPipelineError, match="unknown rule"):
        check_text("x", lang="fr", select=["QA999"])
