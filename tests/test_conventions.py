"""Convention tests: what STYLE.md asks of every rule, enforced."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from qa_pipeline.docs import rules_listing
from qa_pipeline.registry import builtin_rules_dir, load_registry
from qa_pipeline.ruleapi import Scope

ROOT = Path(__file__).resolve().parent.parent
ENTRIES = list(load_registry())
CODE_RULES = [e for e in ENTRIES if not e.origin.endswith((".yaml", ".yml"))]
CATEGORY_ROOTS = {
    "accuracy",
    "fluency",
    "terminology",
    "style",
    "locale-convention",
    "design",
    "audience-appropriateness",
}


def test_codes_and_names_unique_and_well_formed() -> None:
    codes = [e.meta.code for e in ENTRIES]
    names = [e.meta.name for e in ENTRIES]
    assert len(codes) == len(set(codes)) and len(names) == len(set(names))
    for e in ENTRIES:
        assert re.fullmatch(r"QA\d{3}", e.meta.code)
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", e.meta.name)
        assert not e.meta.name.startswith(("no-", "check-")), e.meta.name
        assert e.meta.category.split("/")[0] in CATEGORY_ROOTS, (e.meta.code, e.meta.category)
        assert e.meta.summary.endswith("."), e.meta.code


@pytest.mark.parametrize("entry", CODE_RULES, ids=[e.meta.code for e in CODE_RULES])
def test_code_rule_docstring_sections(entry) -> None:  # type: ignore[no-untyped-def]
    doc = entry.doc
    assert doc, f"{entry.meta.code} has no docstring"
    for section in ("Why it matters", "Example", "Bad", "Good", "Options"):
        assert section in doc, f"{entry.meta.code} docstring lacks '{section}'"


@pytest.mark.parametrize("entry", CODE_RULES, ids=[e.meta.code for e in CODE_RULES])
def test_code_rule_module_is_small(entry) -> None:  # type: ignore[no-untyped-def]
    path = ROOT / (entry.origin.replace(".", "/") + ".py")
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= 300, f"{path.name} has {lines} lines: move helpers to qa_pipeline/text/"


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.meta.code for e in ENTRIES])
def test_every_rule_has_bad_and_near_miss_cases(entry) -> None:  # type: ignore[no-untyped-def]
    cases = list(entry.examples)
    case_file = ROOT / "tests" / "rules" / entry.meta.code / "cases.yaml"
    if case_file.is_file():
        cases += yaml.safe_load(case_file.read_text(encoding="utf-8"))["cases"]
    bad = [c for c in cases if c["expect"] not in (0, [])]
    good = [c for c in cases if c["expect"] in (0, [])]
    assert bad, f"{entry.meta.code}: no case that must fire"
    assert good, f"{entry.meta.code}: no near-miss that must not fire"


def test_case_folders_name_real_rules() -> None:
    codes = {e.meta.code for e in ENTRIES}
    for folder in (ROOT / "tests" / "rules").glob("QA*"):
        assert folder.name in codes, f"tests/rules/{folder.name} has no rule"


def test_explicit_rule_table_lists_every_rule_module() -> None:
    """A rule exists when qa_pipeline.checks.RULES lists it: every qaNNN module is listed, in code
    order, and each module's RULE is the class the table names."""
    import importlib

    from qa_pipeline.checks import RULES

    modules = sorted(p.stem for p in (ROOT / "qa_pipeline" / "checks").glob("qa[0-9][0-9][0-9]_*.py"))
    assert [cls.__module__.rsplit(".", 1)[1] for cls in RULES] == modules
    for cls in RULES:
        module = importlib.import_module(cls.__module__)
        assert module.RULE is cls
        assert module.__name__.rsplit(".", 1)[1][:5].upper() == cls.meta.code
        assert cls.scope in (Scope.SEGMENT, Scope.DOCUMENT, Scope.CORPUS)


def test_rule_options_are_documented() -> None:
    """Each option of a rule or family has a docstring: it becomes docs/config.md and the schema."""
    import dataclasses

    from qa_pipeline.config.schema import attribute_docs

    registry = load_registry()
    types = {e.options_type for e in registry} | {f.options for f in registry.families()}
    for opt in types:
        if dataclasses.is_dataclass(opt):
            docs = attribute_docs(opt)
            missing = [f.name for f in dataclasses.fields(opt) if f.name not in docs]
            assert not missing, f"{opt.__module__}.{opt.__qualname__}: undocumented {missing}"


def test_rules_doc_is_current() -> None:
    """docs/rules.md is generated: `qa-pipeline rules --format markdown > docs/rules.md`."""
    expected = rules_listing(load_registry(), "markdown")
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == expected, "docs/rules.md is stale: regenerate it (see its first line)"


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "qa_pipeline" / "schemas").glob("*.json")))
def test_shipped_schemas_are_valid(name: str) -> None:
    schema = json.loads((ROOT / "qa_pipeline" / "schemas" / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)


def test_rule_file_schema_is_valid() -> None:
    schema = json.loads(
        (ROOT / "qa_pipeline" / "declarative" / "rule-file.schema.json").read_text(encoding="utf-8")
    )
    jsonschema.Draft202012Validator.check_schema(schema)


def test_builtin_rules_dir_is_the_top_level_rules_folder() -> None:
    assert builtin_rules_dir().resolve() in {
        (ROOT / "rules").resolve(),
        (ROOT / "qa_pipeline" / "builtin_rules").resolve(),
    }
