"""MQM scoring: APT, EWC, score formula, pass/fail; word counts for unspaced scripts."""

from __future__ import annotations

import pytest

from qa_pipeline.config import Settings
from qa_pipeline.model import Document, Finding, GateResult, LanguageInfo, Segment, Severity
from qa_pipeline.pipeline.check import FileResult
from qa_pipeline.pipeline.gate import file_report
from qa_pipeline.pipeline.plan import FilePlan
from qa_pipeline.scoring import counts, evaluation_word_count, penalty, score
from qa_pipeline.text.wordcount import count_words


def _finding(sev: Severity) -> Finding:
    return Finding(
        "QA104", "double-space", "fluency/punctuation", sev, "m", "f", 1, 1, 1, 2, "p1", (0, 1), "x", "0" * 20
    )


def test_weights_and_formula() -> None:
    findings = [_finding(Severity.MINOR), _finding(Severity.MAJOR), _finding(Severity.NEUTRAL)]
    apt = penalty(findings, Settings())
    assert apt == 6.0
    assert score(apt, 100) == 94.0
    assert score(500, 100) == 0.0
    assert score(0, 0) == 100.0


def test_custom_weights() -> None:
    s = Settings(weights={"neutral": 0, "minor": 2, "major": 10, "critical": 100})
    assert penalty([_finding(Severity.MINOR), _finding(Severity.CRITICAL)], s) == 102.0


def _passes(words: int, findings: list[Finding], min_score: float, fail_on: Severity) -> bool:
    """The gate's verdict on a file of ``words`` words (no baseline)."""
    from pathlib import Path

    doc = Document(
        "a.txt", "text", "", (Segment(id="p1", target=" ".join(["mot"] * words)),), LanguageInfo("fr")
    )
    settings = Settings(min_score=min_score, fail_on=fail_on)
    result = FileResult(FilePlan(Path("a.txt"), "a.txt", "a.txt", "text"), doc)
    return file_report(result, settings, findings, GateResult(True, fail_on, min_score)).passed


def test_gate() -> None:
    assert _passes(100, [_finding(Severity.MAJOR)], 90.0, Severity.CRITICAL)  # score 95
    assert not _passes(100, [_finding(Severity.CRITICAL)], 70.0, Severity.CRITICAL)
    assert not _passes(
        10, [_finding(Severity.MINOR), _finding(Severity.MINOR)], 90.0, Severity.CRITICAL
    )  # 80
    assert not _passes(100, [_finding(Severity.MINOR)], 90.0, Severity.MINOR)
    assert _passes(100, [_finding(Severity.NEUTRAL)], 90.0, Severity.MINOR)


def test_blocking_under_a_baseline_needs_a_new_finding() -> None:
    from dataclasses import replace

    from qa_pipeline.model import BaselineInfo

    gate = GateResult(True, Severity.MAJOR, 90.0, baseline=BaselineInfo("b.json", 0, 0))
    assert gate.blocks(replace(_finding(Severity.MAJOR), status="new"))
    assert not gate.blocks(replace(_finding(Severity.MAJOR), status="known"))
    assert not gate.blocks(replace(_finding(Severity.MINOR), status="new"))


def test_counts() -> None:
    c = counts([_finding(Severity.MINOR), _finding(Severity.MINOR)])
    assert c == {"neutral": 0, "minor": 2, "major": 0, "critical": 0}


def test_ewc_uses_source_when_present() -> None:
    seg = Segment(id="1", target="Bonjour tout le monde", source="Hello world")
    doc = Document("a.po", "po", "", (seg,), LanguageInfo("fr"), LanguageInfo("en"))
    assert evaluation_word_count(doc) == (2, "source")
    mono = Document(
        "a.txt", "text", "", (Segment(id="1", target="Bonjour tout le monde"),), LanguageInfo("fr")
    )
    assert evaluation_word_count(mono) == (4, "target")


@pytest.mark.parametrize(
    ("text", "lang", "lo", "hi"),
    [
        ("The quick brown fox jumps over the lazy dog.", "en", 9, 9),
        ("カスタマーサービス担当者は電話で顧客を支援します。", "ja", 6, 16),
        ("我们的客户服务团队全天候为您提供帮助。", "zh", 6, 14),
        ("ผมชอบกินข้าวผัดมาก", "th", 4, 8),
        ("  --  ", "en", 0, 0),
    ],
)
def test_word_counts(text: str, lang: str, lo: int, hi: int) -> None:
    assert lo <= count_words(text, lang) <= hi
