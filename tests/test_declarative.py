"""Rule files: schema validation errors name file, JSON path and reason; the four kinds; extensions."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_pipeline.declarative.loader import RuleFileError, load_rule_dirs, read_rule_file
from qa_pipeline.registry import Registry, code_rule_entries, load_registry
from qa_pipeline.testing import run_case

GOOD = """\
code: QA990
name: marketing-superlative
category: style/register
severity: minor
summary: Superlatives that the style guide forbids.
kind: existence
tokens:
  en: [world-class, best ever]
  fr: [meilleur de tous les temps]
message: "avoid '{match}'"
examples:
  - {lang: en, target: "A world-class editor.", expect: 1}
  - {lang: en, target: "A good editor.", expect: 0}
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _entries(folder: Path):  # type: ignore[no-untyped-def]
    return load_rule_dirs([folder], frozenset(Registry(code_rule_entries()).codes()))


def test_user_rule_folder_via_config(tmp_path: Path) -> None:
    _write(tmp_path / "myrules", "style.yaml", GOOD)
    (entry,) = _entries(tmp_path / "myrules")
    assert entry.meta.code == "QA990"
    findings = run_case({"target": "Our best  ever release.", "lang": "en"}, entry)
    assert [f.excerpt for f in findings] == ["best  ever"]
    assert findings[0].message == "avoid 'best  ever'"


@pytest.mark.parametrize(
    ("mutation", "needle"),
    [
        (("severity: minor", "severity: high"), "$.severity: 'high' is not one of"),
        (("code: QA990", "code: X990"), "$.code: 'X990' does not match"),
        (("name: marketing-superlative", "name: MarketingSuperlative"), "$.name"),
        (("kind: existence", "kind: vibes"), "$.kind"),
        (
            ("  en: [world-class, best ever]", "  en: world-class"),
            "$.tokens.en: 'world-class' is not of type 'array'",
        ),
        (('  - {lang: en, target: "A good editor.", expect: 0}\n', ""), "$.examples: [{"),
    ],
)
def test_invalid_rule_file_reports_path(tmp_path: Path, mutation: tuple[str, str], needle: str) -> None:
    path = _write(tmp_path, "bad.yaml", GOOD.replace(*mutation))
    with pytest.raises(RuleFileError) as err:
        read_rule_file(path)
    assert str(path) in str(err.value)
    assert needle in str(err.value)


def test_invalid_yaml(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.yaml", "code: [unclosed\n")
    with pytest.raises(RuleFileError, match=r"bad.yaml: line \d+: invalid YAML"):
        read_rule_file(path)


def test_bad_regex_is_a_rule_file_error(tmp_path: Path) -> None:
    text = GOOD.replace(
        "tokens:\n  en: [world-class, best ever]\n  fr: [meilleur de tous les temps]\n",
        "patterns:\n  en: ['(unclosed']\n",
    )
    _write(tmp_path / "r", "x.yaml", text)
    with pytest.raises(RuleFileError, match="invalid regular expression"):
        _entries(tmp_path / "r")


def test_duplicate_code(tmp_path: Path) -> None:
    _write(tmp_path / "r", "a.yaml", GOOD)
    _write(tmp_path / "r", "b.yaml", GOOD.replace("marketing-superlative", "other-name"))
    with pytest.raises(RuleFileError, match="already defined"):
        _entries(tmp_path / "r")


def test_code_taken_by_code_rule(tmp_path: Path) -> None:
    _write(tmp_path / "r", "a.yaml", GOOD.replace("QA990", "QA104"))
    with pytest.raises(RuleFileError, match="already used by a built-in code rule"):
        _entries(tmp_path / "r")


def test_extends_adds_a_language(tmp_path: Path) -> None:
    _write(tmp_path / "r", "a.yaml", GOOD)
    _write(
        tmp_path / "r",
        "a-de.yaml",
        "extends: QA990\ntokens:\n  de: [Weltklasse]\nexamples:\n  - {lang: de, target: 'Ein Weltklasse-Editor.', expect: 1}\n",
    )
    (entry,) = _entries(tmp_path / "r")
    assert run_case({"target": "Ein Weltklasse Editor.", "lang": "de"}, entry)
    assert not run_case({"target": "Ein Weltklasse Editor.", "lang": "fr"}, entry)
    assert len(entry.examples) == 3


def test_extends_unknown_rule(tmp_path: Path) -> None:
    _write(tmp_path / "r", "a.yaml", "extends: QA991\ntokens:\n  de: [x]\n")
    with pytest.raises(RuleFileError, match=r"\$.extends: no data rule QA991"):
        _entries(tmp_path / "r")


def test_substitution_conditional_metric(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    _write(
        folder,
        "sub.yaml",
        """\
code: QA991
name: deprecated-term
category: terminology/inconsistent-with-termbase
severity: minor
summary: A term the glossary replaced.
kind: substitution
swap:
  fr: {courriel: "e-mail"}
message: "use '{replacement}' instead of '{match}'"
examples:
  - {lang: fr, target: "Envoyez un courriel.", expect: 1}
  - {lang: fr, target: "Envoyez un e-mail.", expect: 0}
""",
    )
    _write(
        folder,
        "cond.yaml",
        """\
code: QA992
name: trademark-dropped
category: accuracy/omission
severity: major
summary: The source has a trademark sign the target lost.
kind: conditional
first: "™"
second: "™"
examples:
  - {lang: fr, source: "Lumen™ Notes", target: "Lumen Notes", expect: 1}
  - {lang: fr, source: "Lumen™ Notes", target: "Lumen™ Notes", expect: 0}
""",
    )
    _write(
        folder,
        "metric.yaml",
        """\
code: QA993
name: target-too-long
category: design/length
severity: minor
summary: The target is more than twice as long as the source.
kind: metric
expression: "target_chars > 2 * source_chars and source_chars >= 10"
message: "target is {target_chars} characters for a {source_chars}-character source"
examples:
  - {lang: de, source: "Save the file", target: "Speichern Sie die Datei jetzt sofort auf Ihrer Festplatte ab", expect: 1}
  - {lang: de, source: "Save the file", target: "Datei speichern", expect: 0}
""",
    )
    entries = {e.meta.code: e for e in _entries(folder)}
    assert entries["QA992"].meta.needs_source
    for entry in entries.values():
        for case in entry.examples:
            assert len(run_case(case, entry)) == case["expect"], (entry.meta.code, case)
    (fix,) = run_case({"target": "Un courriel.", "lang": "fr"}, entries["QA991"])
    assert fix.fix == "e-mail"


def test_metric_unknown_name(tmp_path: Path) -> None:
    _write(
        tmp_path / "r",
        "m.yaml",
        """\
code: QA994
name: bad-metric
category: design/length
severity: minor
summary: x
kind: metric
expression: "target_bytes > 3"
examples:
  - {target: "a", expect: 0}
  - {target: "b", expect: 0}
""",
    )
    with pytest.raises(RuleFileError, match="unknown name"):
        _entries(tmp_path / "r")


def test_builtin_rule_files_are_valid() -> None:
    from qa_pipeline.registry import builtin_rules_dir

    files = sorted(builtin_rules_dir().glob("*.yaml"))
    assert files
    for path in files:
        read_rule_file(path)  # schema-validated
    registry = load_registry(validate_builtin=True)
    assert len(registry) >= 4


def test_conditional_with_match_and_unvalidated_rule(tmp_path: Path) -> None:
    from qa_pipeline.declarative.kinds import ConditionalRule, DeclarativeSpec

    data = {
        "kind": "conditional",
        "summary": "Product names of the source must stay.",
        "first": r"Lumen \w+",
        "second": "{match}",
    }
    rule = ConditionalRule(DeclarativeSpec.from_data(data), validate=False)  # as built-in rules load
    from qa_pipeline.model import Segment

    seg = Segment(id="s", target="Lumen Notes et Cloud", source="Lumen Notes and Lumen Cloud")
    (v,) = list(rule.check(seg, None))  # type: ignore[arg-type]
    assert v.data["match"] == "Lumen Cloud"
    ok = Segment(id="s", target="Lumen Notes et Lumen Cloud", source="Lumen Notes and Lumen Cloud")
    assert list(rule.check(ok, None)) == []  # type: ignore[arg-type]
