"""MQM scoring: APT, EWC, score formula, pass/fail; word counts for unspaced scripts."""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from qa_pipeline.cli import main
from qa_pipeline.config import Settings
from qa_pipeline.model import Document, Finding, GateResult, LanguageInfo, Segment, Severity
from qa_pipeline.pairing import attach_source
from qa_pipeline.pipeline.check import FileResult
from qa_pipeline.pipeline.gate import file_report
from qa_pipeline.pipeline.plan import FilePlan
from qa_pipeline.readers import ReadOptions
from qa_pipeline.readers.markdown import read_markdown
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
    result = FileResult(FilePlan(Path("a.txt"), "a.txt", "a.txt", "text"), doc, "a.txt")
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


def test_ewc_counts_source_paragraphs_the_translation_omits() -> None:
    source = read_markdown("Save your work.\n\nClose the window when you are done.\n", "s.md", ReadOptions())
    target = read_markdown("Enregistrez votre travail.\n", "t.md", ReadOptions())
    doc = replace(attach_source(target, source), source_language=LanguageInfo("en"))
    assert evaluation_word_count(doc) == (10, "source")
    empty = replace(
        attach_source(read_markdown("", "t.md", ReadOptions()), source), source_language=LanguageInfo("en")
    )
    assert evaluation_word_count(empty) == (10, "source")


def _paired(tmp_path: Path, source: str, target: str) -> dict[str, Any]:
    (tmp_path / "qa-pipeline.toml").write_text(
        'layout = "{lang}/{path}"\nsource = "en/{path}"\nexclude = ["en/*"]\n', encoding="utf-8"
    )
    for lang, body in (("en", source), ("fr", target)):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "a.md").write_text(body, encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(
            ["check", str(tmp_path), "--format", "json", "--config", str(tmp_path / "qa-pipeline.toml")]
        )
    data: dict[str, Any] = json.loads(out.getvalue())
    data["exit_code"] = code
    return data


@pytest.mark.parametrize("target", ["", "\n  \n", "<!-- à traduire -->\n"])
def test_an_empty_translation_scores_zero_and_fails(tmp_path: Path, target: str) -> None:
    data = _paired(tmp_path, "The quick brown fox jumps over the lazy dog today.\n", target)
    (report,) = data["files"]
    assert [(f["code"], f["severity"], f["line"], f["column"]) for f in report["findings"]] == [
        ("QA514", "critical", 1, 1)
    ]
    assert (report["word_count"], report["word_count_basis"]) == (10, "source")
    assert report["score"] == 0.0 and not report["passed"] and data["exit_code"] == 1


def test_a_gutted_translation_reports_each_omitted_paragraph(tmp_path: Path) -> None:
    source = (
        "# Getting started\n\n"
        "The checker reads every translation in the folder and compares it with its source file.\n\n"
        "Install it in a virtual environment with pip, then run it once on the folder that holds your files.\n\n"
        "Each finding names the file, the line and the rule, so that you can fix the problem quickly.\n"
    )
    data = _paired(tmp_path, source, "# Premiers pas\n")
    (report,) = data["files"]
    assert [(f["code"], f["severity"], f["line"]) for f in report["findings"]] == [("QA513", "major", 1)] * 3
    assert report["word_count"] == 54 and report["score"] == 72.22 and not report["passed"]
