"""Runs every ``tests/rules/<CODE>/cases.yaml`` and every rule file's ``examples``.

Each case names the rule's expected findings (a count or exact spans); near-misses expect 0.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from qa_pipeline.registry import load_registry
from qa_pipeline.testing import case_matches, run_case

HERE = Path(__file__).resolve().parent


def _case_files() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(HERE.glob("QA*/cases.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        code = path.parent.name
        for case in data["cases"]:
            out.append((code, case))
    return out


def _rule_file_examples() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for entry in load_registry():
        for i, ex in enumerate(entry.examples):
            case = dict(ex)
            case.setdefault("name", f"example {i + 1}")
            out.append((entry.meta.code, case))
    return out


CASES = _case_files()
EXAMPLES = _rule_file_examples()


@pytest.mark.parametrize(("code", "case"), CASES, ids=[f"{c}:{k['name']}" for c, k in CASES])
def test_case(code: str, case: dict[str, Any]) -> None:
    entry = load_registry().get(code)
    assert entry is not None, f"no rule {code}"
    problem = case_matches(case, run_case(case, entry))
    assert problem is None, f"{code} {case['name']}: {problem}"


@pytest.mark.parametrize(("code", "case"), EXAMPLES, ids=[f"{c}:{k['name']}" for c, k in EXAMPLES])
def test_rule_file_example(code: str, case: dict[str, Any]) -> None:
    entry = load_registry().get(code)
    assert entry is not None
    problem = case_matches(case, run_case(case, entry))
    assert problem is None, f"{code} {case['name']}: {problem}"


def test_case_names_unique() -> None:
    seen: set[tuple[str, str]] = set()
    for code, case in CASES:
        key = (code, case["name"])
        assert key not in seen, f"duplicate case name {key}"
        seen.add(key)


def test_case_matches_fails_on_a_wrong_place_or_message() -> None:
    """The runner itself can fail: a finding in the wrong place, in another order, with another or a
    partial message, or over other text is a mismatch; a count only checks the count."""
    from qa_pipeline.testing import check_snippet

    findings = check_snippet("Le  chat   dort.", "QA104", lang="fr")
    msgs = ["2 consecutive spaces", "3 consecutive spaces"]
    ok = {"expect": [[2, 4], [8, 11]], "messages": msgs, "excerpts": ["  ", "   "]}
    assert case_matches(ok, findings) is None
    assert case_matches({"expect": 2}, findings) is None
    assert case_matches({"expect": 1}, findings)
    assert case_matches({**ok, "expect": [[8, 11], [2, 4]]}, findings)  # report order
    assert case_matches({**ok, "expect": [[2, 4], [8, 10]]}, findings)
    assert case_matches({**ok, "messages": ["2 consecutive spaces", "3 consecutive"]}, findings)
    assert case_matches({**ok, "messages": msgs[:1]}, findings)
    assert case_matches({**ok, "excerpts": ["  ", "  "]}, findings)
    assert case_matches({**ok, "messages": [{"regex": r"\d consecutive spaces"}] * 2}, findings) is None
    assert case_matches({**ok, "messages": [{"regex": r"\d consecutive"}] * 2}, findings)  # whole message
    with pytest.raises(ValueError, match="not True"):
        case_matches({"expect": True}, findings)


def test_a_whole_document_finding_has_the_span_null() -> None:
    entry = load_registry().get("QA514")
    assert entry is not None
    case = {"lang": "fr", "format": "text", "target": "\n", "source_document": "Two words.\n"}
    findings = run_case(case, entry)
    assert case_matches({"expect": [None], "messages": [findings[0].message]}, findings) is None
    assert case_matches({"expect": [[0, 0]], "messages": [findings[0].message]}, findings)
