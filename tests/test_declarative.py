"""Rule files: schema validation errors name file, JSON path and reason; the four kinds; extensions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

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


# --- hostile rule files: bounded patterns, safe YAML, harmless messages and expressions ------------

EVIL = GOOD.replace(
    "tokens:\n  en: [world-class, best ever]\n  fr: [meilleur de tous les temps]\n",
    "patterns:\n  en: ['(a+)+$']\n",
).replace('"A world-class editor."', '"aaa"')


@pytest.fixture
def quick_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """A small time budget, so that a catastrophic pattern fails in a fraction of a second."""
    from qa_pipeline.declarative import patterns

    monkeypatch.setattr(patterns, "SECONDS", 0.05)
    monkeypatch.setattr(patterns, "SECONDS_PER_CHAR", 0.0)


def _check(entry: Any, target: str, source: str | None = None, lang: str = "en") -> list[Any]:
    """Run one rule instance directly, so that what it raises reaches the test as it is."""
    from types import SimpleNamespace

    from qa_pipeline.model import Segment

    seg = Segment(id="s", target=target, source=source)
    return list(entry.factory().check(seg, SimpleNamespace(lang=lang, document=None)))


def test_catastrophic_pattern_is_a_rule_timeout(tmp_path: Path, quick_budget: None) -> None:
    from qa_pipeline.declarative.patterns import RuleTimeout

    path = _write(tmp_path / "r", "evil.yaml", EVIL)
    (entry,) = _entries(tmp_path / "r")
    assert _check(entry, "aaa")  # fine on short text
    with pytest.raises(RuleTimeout) as info:
        _check(entry, "a" * 5000 + "!")
    err = info.value
    assert (err.rule, err.file, err.pattern) == ("QA990", str(path), "(a+)+$")
    assert str(err).startswith(f"pattern '(a+)+$' of {path} ran out of time")
    assert "\n" not in str(err)
    # through the engine: an error of the rule on that segment, not a finding and not a pass
    with pytest.raises(
        RuntimeError, match=r"^QA990 raised on segment s1: RuleTimeout: pattern '\(a\+\)\+\$' of "
    ):
        run_case({"target": "a" * 5000 + "!", "lang": "en"}, entry)


def test_timeout_names_the_extension_file_that_added_the_pattern(tmp_path: Path, quick_budget: None) -> None:
    from qa_pipeline.declarative.patterns import RuleTimeout

    _write(tmp_path / "r", "a.yaml", GOOD)
    ext = _write(
        tmp_path / "r",
        "a-evil.yaml",
        "extends: QA990\npatterns:\n  en: ['(x|xx)+y']\nexamples:\n  - {lang: en, target: 'xy', expect: 1}\n",
    )
    (entry,) = _entries(tmp_path / "r")
    with pytest.raises(RuleTimeout) as info:
        _check(entry, "x" * 60)
    assert (info.value.file, info.value.pattern) == (str(ext), "(x|xx)+y")


def test_conditional_patterns_are_bounded_too(tmp_path: Path, quick_budget: None) -> None:
    from qa_pipeline.declarative.patterns import RuleTimeout

    text = """\
code: QA995
name: kept-name
category: accuracy/omission
severity: major
summary: A name of the source must stay.
kind: conditional
first: "(a|aa)+b"
second: "{match}"
examples:
  - {lang: fr, source: "ab", target: "x", expect: 1}
  - {lang: fr, source: "ab", target: "ab", expect: 0}
"""
    _write(tmp_path / "r", "c.yaml", text)
    (entry,) = _entries(tmp_path / "r")
    with pytest.raises(RuleTimeout, match=r"pattern '\(a\|aa\)\+b'"):
        _check(entry, "x", source="a" * 60, lang="fr")


def test_cli_reports_a_timeout_as_an_error_for_that_file(
    tmp_path: Path, quick_budget: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from qa_pipeline.cli import main

    _write(tmp_path / "rules", "evil.yaml", EVIL)
    (tmp_path / "qa-pipeline.toml").write_text('rule-paths = ["rules"]\n', encoding="utf-8")
    (tmp_path / "long.txt").write_text("a" * 5000 + "!\n", encoding="utf-8")
    (tmp_path / "fine.txt").write_text("A good editor.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["check", "long.txt", "fine.txt", "--lang", "en", "--select", "QA990", "--format", "json"])
    out, _ = capsys.readouterr()
    assert code == 2
    files = {f["file"]: f for f in json.loads(out)["files"]}
    (error,) = files["long.txt"]["errors"]
    assert error["code"] == "QA990" and "'(a+)+$'" in error["message"]
    assert files["long.txt"]["passed"] is False
    assert "errors" not in files["fine.txt"]  # the run went on


@pytest.mark.parametrize(
    ("patterns", "needle"),
    [
        (
            "en: ['((a{1000}){1000}){1000}']",
            "$.patterns.en[0]: pattern '((a{1000}){1000}){1000}' is too large",
        ),
        ("en: ['ok', '(?:x{1000}){100}']", "$.patterns.en[1]: pattern '(?:x{1000}){100}' is too large"),
        ("en: ['(unclosed']", "$.patterns.en[0]: invalid regular expression '(unclosed': missing )"),
        ("en: ['" + "(" * 3000 + "a" + ")" * 3000 + "']", "$.patterns.en[0]: invalid regular expression"),
    ],
)
def test_bad_patterns_are_refused_at_load(tmp_path: Path, patterns: str, needle: str) -> None:
    text = GOOD.replace(
        "tokens:\n  en: [world-class, best ever]\n  fr: [meilleur de tous les temps]\n",
        f"patterns:\n  {patterns}\n",
    )
    path = _write(tmp_path / "r", "x.yaml", text)
    with pytest.raises(RuleFileError) as info:
        _entries(tmp_path / "r")
    assert str(info.value).startswith(f"{path}: {needle}")
    assert len(str(info.value)) < 400 and "\n" not in str(info.value)


def test_bad_pattern_in_an_extension_names_the_extension(tmp_path: Path) -> None:
    _write(tmp_path / "r", "a.yaml", GOOD)
    ext = _write(tmp_path / "r", "b.yaml", "extends: QA990\npatterns:\n  fr: ['[unclosed']\n")
    with pytest.raises(RuleFileError, match=rf"^{ext}: \$\.patterns\.fr\[0\]: invalid regular expression"):
        _entries(tmp_path / "r")


@pytest.mark.parametrize(
    ("first", "second", "needle"),
    [
        ("(", "x", "$.first: invalid regular expression"),
        ("x", "({match}", "$.second: invalid regular expression"),
    ],
)
def test_bad_conditional_patterns(tmp_path: Path, first: str, second: str, needle: str) -> None:
    text = f"""\
code: QA996
name: kept-thing
category: accuracy/omission
severity: major
summary: s
kind: conditional
first: "{first}"
second: "{second}"
examples:
  - {{lang: fr, source: "x", target: "x", expect: 0}}
  - {{lang: fr, source: "x", target: "y", expect: 1}}
"""
    path = _write(tmp_path / "r", "c.yaml", text)
    with pytest.raises(RuleFileError, match="^" + __import__("re").escape(f"{path}: {needle}")):
        _entries(tmp_path / "r")


@pytest.mark.parametrize(
    ("source", "size"),
    [
        ("abc", 3),
        (r"a\d[xyz]", 3),
        ("a{2,5}", 5),
        ("a{3,}", 3),
        ("a{,4}", 4),
        ("(?:x{1000}){100}", 100_000),
        (r"\p{L}{10}", 10),
        ("[a{9}]", 1),
        ("(?#{1000})a", 1),
        ("(ab|cd){3}", 12),
        ("a*b+c?", 3),
        ("x{e<=1}", 7),  # a fuzzy constraint, not a count: each character counts once
        ("(?P<n>ab){2}(?i:c){3}(?=d)", 8),
    ],
)
def test_expanded_size(source: str, size: int) -> None:
    from qa_pipeline.declarative.patterns import expanded_size

    assert expanded_size(source) == size


def test_yaml_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = [
        GOOD.split("tokens:")[0].rstrip("\n"),
        'l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
    ]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 9)]
    lines += [
        "tokens:",
        "  en: *l8",
        "examples:",
        "  - {lang: en, target: a, expect: 0}",
        "  - {lang: en, target: b, expect: 0}",
    ]
    path = _write(tmp_path, "bomb.yaml", "\n".join(lines) + "\n")
    with pytest.raises(RuleFileError, match=r"YAML aliases make it larger than its own text"):
        read_rule_file(path)


def test_yaml_alias_cycle_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "cycle.yaml", GOOD.replace("examples:\n", "examples: &e\n  - *e\n", 1))
    with pytest.raises(RuleFileError, match=r"YAML aliases"):
        read_rule_file(path)


def test_yaml_is_loaded_safely(tmp_path: Path) -> None:
    """No Python objects from YAML tags: a rule file cannot run code."""
    marker = tmp_path / "ran"
    path = _write(tmp_path, "tag.yaml", f"code: !!python/object/apply:os.system ['touch {marker}']\n")
    with pytest.raises(RuleFileError, match=r"invalid YAML"):
        read_rule_file(path)
    assert not marker.exists()


def test_oversized_rule_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from qa_pipeline.readers import decode

    monkeypatch.setattr(decode, "MAX_BYTES", 100)
    path = _write(tmp_path, "big.yaml", GOOD)
    with pytest.raises(RuleFileError, match=r"rule file too large"):
        read_rule_file(path)


@pytest.mark.parametrize(
    "message",
    ["{match:>999999999}", "{match.__class__}", "{match[0]}", "{match:{match}}", "unclosed {", "{0.__doc__}"],
)
def test_message_fields_are_plain(tmp_path: Path, message: str) -> None:
    _write(tmp_path / "r", "m.yaml", GOOD.replace("avoid '{match}'", message.replace("'", "''")))
    with pytest.raises(RuleFileError, match=r"message: "):
        _entries(tmp_path / "r")


@pytest.mark.parametrize(
    "message", ["avoid {match!r}", "{match:>10}", "{match} {{literal}}", "unknown {name}"]
)
def test_ordinary_messages_still_load(tmp_path: Path, message: str) -> None:
    _write(tmp_path / "r", "m.yaml", GOOD.replace("avoid '{match}'", message))
    (entry,) = _entries(tmp_path / "r")
    (finding,) = run_case({"target": "A world-class editor.", "lang": "en"}, entry)
    assert finding.message == (message.format(match="world-class") if "name" not in message else message)


@pytest.mark.parametrize(
    ("expression", "needle"),
    [
        ("1+" * 5000 + "target_chars > 0", "longer than 1000 characters"),
        ("(" * 60 + "target_chars" + ")" * 60 + " > 1", ""),
        ("target_chars" + " + 1" * 60 + " > 0", "nested deeper than 50 levels"),
        ("target_chars * " + "9" * 400 + " > 1", "expression: "),
    ],
)
def test_hostile_metric_expressions(tmp_path: Path, expression: str, needle: str) -> None:
    text = f"""\
code: QA997
name: odd-metric
category: design/length
severity: minor
summary: x
kind: metric
expression: "{expression}"
examples:
  - {{target: "a", expect: 0}}
  - {{target: "b", expect: 0}}
"""
    _write(tmp_path / "r", "m.yaml", text)
    if not needle:  # parentheses do not nest the tree: accepted
        (entry,) = _entries(tmp_path / "r")
        assert run_case({"target": "ab", "lang": "en"}, entry)
        return
    with pytest.raises(RuleFileError, match=needle):
        _entries(tmp_path / "r")


def test_unvalidated_metric_rule_parses_its_expression_when_used() -> None:
    from qa_pipeline.declarative.kinds import DeclarativeSpec, MetricRule
    from qa_pipeline.model import Segment

    data = {"kind": "metric", "summary": "Long.", "expression": "target_chars > 3"}
    rule = MetricRule(DeclarativeSpec.from_data(data), validate=False)  # as built-in rules load
    assert len(list(rule.check(Segment(id="s", target="long text"), None))) == 1  # type: ignore[arg-type]


# --- the existence rule's linear bookkeeping agrees with the plain definition ------------------------

_ALPHABET = list(" ab.«-")


@given(st.text(st.sampled_from([*_ALPHABET, "é", "\t"]), max_size=30), st.integers(0, 30), st.integers(0, 30))
@settings(max_examples=300, deadline=None)
def test_placement_bounds_agree_with_strip(text: str, a: int, b: int) -> None:
    from qa_pipeline.declarative.kinds import _AROUND, _content_bounds

    strip = "".join(sorted(_AROUND))
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    first, last = _content_bounds(text)
    assert (text[:start].strip(strip) == "") == (start <= first)
    assert (text[end:].strip(strip) == "") == (end >= last)


@given(
    text=st.text(st.sampled_from(_ALPHABET), max_size=40),
    tokens=st.lists(st.sampled_from(["a", "ab", "b a", "a a"]), max_size=3),
    patterns=st.lists(st.sampled_from(["a+", "b a", "a b?", r"\.", "(?<=b) a"]), max_size=3),
    match=st.sampled_from(["contains", "start", "whole-segment"]),
)
@settings(max_examples=300, deadline=None)
@example(text="a b a", tokens=["b a"], patterns=["a b?"], match="contains")  # a later match ends inside
@example(text="b a a", tokens=["a a"], patterns=["b a"], match="contains")
def test_existence_spans_agree_with_the_plain_algorithm(
    text: str, tokens: list[str], patterns: list[str], match: str
) -> None:
    """First match wins, later overlapping ones are dropped; ``match`` places the match in the text."""
    import re
    from types import SimpleNamespace

    import regex

    from qa_pipeline.declarative.kinds import _AROUND, DeclarativeSpec, ExistenceRule, _phrase_regex
    from qa_pipeline.model import Segment

    data = {
        "kind": "existence",
        "summary": "s",
        "match": match,
        "tokens": {"en": tokens},
        "patterns": {"en": patterns},
    }
    rule = ExistenceRule(DeclarativeSpec.from_data(data))
    ctx = SimpleNamespace(lang="en", document=None)
    got = [(v.span.start, v.span.end) for v in rule.check(Segment(id="s", target=text), ctx)]  # type: ignore[arg-type, union-attr]

    strip = "".join(sorted(_AROUND))
    compiled: list[Any] = []
    if tokens:
        alts = sorted((_phrase_regex(t, "both") for t in tokens), key=len, reverse=True)
        compiled.append(re.compile("(?:" + "|".join(alts) + ")", re.IGNORECASE))
    compiled += [regex.compile(p, regex.IGNORECASE) for p in patterns]
    want: list[tuple[int, int]] = []
    for pattern in compiled:
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            before_ok = text[: m.start()].strip(strip) == ""
            after_ok = text[m.end() :].strip(strip) == ""
            if (match == "start" and not before_ok) or (
                match == "whole-segment" and not (before_ok and after_ok)
            ):
                continue
            if any(m.start() < e and s < m.end() for s, e in want):
                continue
            want.append((m.start(), m.end()))
    assert got == want
