"""Config discovery and validation: every bad key names the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_pipeline.config import ConfigError, find_config, load_settings, resolve
from qa_pipeline.model import Severity
from qa_pipeline.registry import load_registry


def _load(tmp_path: Path, text: str, name: str = "qa-pipeline.toml"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_settings(path, tmp_path, load_registry)


def test_defaults_without_config(tmp_path: Path) -> None:
    settings, registry = load_settings(None, tmp_path, load_registry)
    assert settings.path is None
    assert settings.min_score == 90.0
    assert settings.fail_on is Severity.CRITICAL
    assert len(registry) > 0


def test_found_upward_in_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.qa-pipeline]\nmin-score = 80\n", encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "pyproject.toml"
    settings, _ = load_settings(None, deep, load_registry)
    assert settings.min_score == 80.0


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(tmp_path) is None


def test_qa_pipeline_toml_wins_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.qa-pipeline]\nmin-score = 80\n", encoding="utf-8")
    (tmp_path / "qa-pipeline.toml").write_text("min-score = 70\n", encoding="utf-8")
    assert find_config(tmp_path) == tmp_path / "qa-pipeline.toml"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("colour = 1\n", "colour: unknown key"),
        ('select = ["QA999"]\n', "select: unknown rule or prefix 'QA999'"),
        ('ignore = ["no-such-rule"]\n', "ignore: unknown rule or prefix"),
        ('[severity]\nQA104 = "huge"\n', "severity.QA104: unknown severity"),
        ('[severity]\nQA999 = "major"\n', "severity.QA999: unknown rule"),
        ("[rules.QA102]\nmin-letterz = 3\n", "rules.QA102.min-letterz: unknown option for QA102"),
        ('[rules.QA102]\nmin-letters = "three"\n', "rules.QA102.min-letters: expected int"),
        ("[rules.QA104]\nanything = 1\n", "it has none"),
        ("min-score = 150\n", "min-score: expected a number from 0 to 100"),
        ('fail-on = "sometimes"\n', "fail-on: expected critical"),
        ("[weights]\nmajor = -1\n", "weights.major: expected a non-negative number"),
        ("[weights]\nhuge = 3\n", "weights.huge: unknown severity"),
        ('[per-language.fr]\nselectt = ["QA1"]\n', "per-language.fr.selectt: unknown key"),
        ('source = "content/en/"\n', "source: the pattern must contain {path}"),
        ('rule-paths = ["missing-folder"]\n', "rule-paths:"),
        ("min-score = \n", "invalid TOML"),
    ],
)
def test_invalid_config_names_file_and_key(tmp_path: Path, text: str, needle: str) -> None:
    with pytest.raises(ConfigError) as err:
        _load(tmp_path, text)
    message = str(err.value)
    assert str(tmp_path / "qa-pipeline.toml") in message
    assert needle in message
    assert "\n" not in message


def test_select_ignore_and_severity(tmp_path: Path) -> None:
    settings, registry = _load(
        tmp_path,
        'select = ["QA1"]\nignore = ["QA104"]\n[severity]\ndouble-space = "major"\nQA102 = "minor"\n',
    )
    sel = resolve(settings, registry, str(tmp_path / "a.po"), "fr")
    codes = [e.meta.code for e in sel.enabled]
    assert codes and all(c.startswith("QA1") for c in codes)
    assert "QA104" not in codes
    assert sel.severities["QA102"] is Severity.MINOR


def test_most_specific_selector_wins(tmp_path: Path) -> None:
    settings, registry = _load(tmp_path, 'ignore = ["QA1"]\nselect = ["ALL", "QA104"]\n')
    codes = [e.meta.code for e in resolve(settings, registry, "x.txt", "en").enabled]
    assert "QA104" in codes and "QA101" not in codes


def test_per_file_ignores_and_per_language(tmp_path: Path) -> None:
    settings, registry = _load(
        tmp_path,
        '[per-file-ignores]\n"legacy/*.po" = ["QA104"]\n[per-language.ja]\nignore = ["QA102"]\n'
        "[per-language.fr.rules.QA102]\nmin-letters = 9\n",
    )
    legacy = resolve(settings, registry, str(tmp_path / "legacy" / "x.po"), "de")
    assert "QA104" not in [e.meta.code for e in legacy.enabled]
    fresh = resolve(settings, registry, str(tmp_path / "new" / "x.po"), "de")
    assert "QA104" in [e.meta.code for e in fresh.enabled]
    ja = resolve(settings, registry, "x.po", "ja-JP")
    assert "QA102" not in [e.meta.code for e in ja.enabled]
    fr = resolve(settings, registry, "x.po", "fr-CA")
    assert fr.options["QA102"].min_letters == 9


def test_rule_options_are_frozen_dataclasses(tmp_path: Path) -> None:
    settings, registry = _load(tmp_path, "[rules.target-equals-source]\nmin-letters = 2\n")
    opts = resolve(settings, registry, "x.po", "fr").options["QA102"]
    assert opts.min_letters == 2
    with pytest.raises(AttributeError):
        opts.min_letters = 5


def test_dnt_file(tmp_path: Path) -> None:
    (tmp_path / "terms.txt").write_text("# names\nLumen Cloud\n\nPayScale\n", encoding="utf-8")
    settings, _ = _load(tmp_path, 'dnt = ["GED"]\ndnt-file = "terms.txt"\n')
    assert settings.dnt == {"GED", "Lumen Cloud", "PayScale"}


def test_command_line_overrides_config(tmp_path: Path) -> None:
    path = tmp_path / "qa-pipeline.toml"
    path.write_text("min-score = 70\n", encoding="utf-8")
    settings, _ = load_settings(path, tmp_path, load_registry, {"min-score": 95.0, "select": None})
    assert settings.min_score == 95.0


def test_bad_command_line_selector(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="<command line>: select: unknown rule"):
        load_settings(None, tmp_path, load_registry, {"select": ["QA9"]})


def test_regional_table_overrides_base_language(tmp_path: Path) -> None:
    settings, registry = _load(
        tmp_path,
        "[per-language.fr-CA.rules.QA102]\nmin-letters = 7\n[per-language.fr.rules.QA102]\nmin-letters = 5\n",
    )
    assert resolve(settings, registry, "x.po", "fr-CA").options["QA102"].min_letters == 7
    assert resolve(settings, registry, "x.po", "fr").options["QA102"].min_letters == 5


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = (
        'colour = 1\nselect = ["QA999"]\nmin-score = 150\n[severity]\nQA104 = "huge"\n'
        "[rules.QA102]\nmin-letterz = 3\n"
    )
    with pytest.raises(ConfigError) as err:
        _load(tmp_path, text)
    problems = err.value.problems
    assert len(problems) == 5, problems
    keys = ["colour", "select", "min-score", "severity.QA104", "rules.QA102.min-letterz"]
    for key in keys:
        assert any(f"{tmp_path / 'qa-pipeline.toml'}: {key}: " in p for p in problems), key
    assert all("\n" not in p for p in problems)


def test_family_options_are_shared_by_its_rules(tmp_path: Path) -> None:
    settings, registry = _load(tmp_path, "[rules.untranslated]\nclause-words = 4\n")
    sel = resolve(settings, registry, "x.po", "fr")
    assert sel.family_options["untranslated"].clause_words == 4
    for code in ("QA401", "QA402", "QA403", "QA404"):
        entry = registry.get(code)
        assert entry is not None and entry.family is not None and entry.family.name == "untranslated"


def test_family_option_on_one_rule_is_an_error_that_names_the_family(tmp_path: Path) -> None:
    # QA402 and QA403 share one analysis: a clause length set for one rule only made both report a run
    with pytest.raises(ConfigError, match=r"rules\.QA402\.clause-words: .*\[rules\.untranslated\]"):
        _load(tmp_path, "[rules.QA402]\nclause-words = 4\n")


def test_per_language_family_options(tmp_path: Path) -> None:
    settings, registry = _load(tmp_path, "[per-language.de.rules.untranslated]\nmin-words = 3\n")
    assert resolve(settings, registry, "x.po", "de-AT").family_options["untranslated"].min_words == 3
    assert resolve(settings, registry, "x.po", "fr").family_options["untranslated"].min_words == 2


def test_checked_in_config_schema_and_reference_are_current() -> None:
    """Regenerate with `qa-pipeline schema config > qa_pipeline/schemas/config.schema.json` and
    `qa-pipeline schema config --format markdown > docs/config.md`."""
    import json

    from qa_pipeline.config.schema import config_reference, config_schema

    root = Path(__file__).resolve().parent.parent
    registry = load_registry()
    schema_file = root / "qa_pipeline" / "schemas" / "config.schema.json"
    assert json.loads(schema_file.read_text(encoding="utf-8")) == config_schema(registry), "stale schema"
    assert (root / "docs" / "config.md").read_text(encoding="utf-8") == config_reference(registry), (
        "stale docs"
    )


def test_every_setting_is_in_the_schema_and_documented() -> None:
    from qa_pipeline.config.schema import config_schema
    from qa_pipeline.config.settings import Settings, user_fields

    props = config_schema(load_registry())["properties"]
    for f in user_fields(Settings):
        assert f.metadata["key"] in props
        assert f.metadata["doc"].endswith("."), f.metadata["key"]


def test_examples_config_is_valid_against_the_schema() -> None:
    import tomllib

    import jsonschema

    from qa_pipeline.config.schema import config_schema

    root = Path(__file__).resolve().parent.parent
    table = tomllib.loads((root / "examples" / "qa-pipeline.toml").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(config_schema(load_registry())).validate(table)


def test_untranslated_span_and_clause_never_report_the_same_words(tmp_path: Path) -> None:
    """Regression: with clause-words set per rule, QA402 and QA403 could both report one run."""
    from qa_pipeline.pipeline import check_paths

    (tmp_path / "qa-pipeline.toml").write_text(
        'select = ["QA402", "QA403"]\n[rules.untranslated]\nclause-words = 3\n', encoding="utf-8"
    )
    doc = tmp_path / "a.fr.txt"
    doc.write_text(
        "Le serveur a répondu please try again later à chaque tentative de connexion.\n", encoding="utf-8"
    )
    settings, registry = load_settings(None, tmp_path, load_registry)
    findings = check_paths([str(doc)], settings, registry).files[0].findings
    spans = [(f.code, f.span) for f in findings]
    assert [c for c, _ in spans] == ["QA403"], spans
