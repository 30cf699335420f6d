"""Stage 5, gate: the one place where a run passes or fails.

In order: keep only findings on changed lines (``--diff``), mark each finding ``new`` or ``known``
against the baseline (``--baseline``), score every file (MQM), decide each file's pass/fail and the
run's. Without a baseline a file passes when its score reaches ``min-score`` and it has no finding at or
above ``fail-on``; with one, when it has no *new* finding at or above ``fail-on`` and its score did not
drop below the baseline's (by more than ``score-tolerance``; a file not in the baseline must reach
``min-score``). A file that could not be read, or on which a rule raised, never passes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from qa_pipeline import __version__
from qa_pipeline.baseline import Baseline, BaselineFile
from qa_pipeline.config import Settings
from qa_pipeline.model import (
    BaselineInfo,
    DiffInfo,
    Document,
    FileReport,
    Finding,
    FixedFinding,
    GateResult,
    LanguageInfo,
    RuleDoc,
    RunReport,
    ScoreDrop,
)
from qa_pipeline.pipeline.check import CheckedRun, FileResult
from qa_pipeline.positions import segment_lines
from qa_pipeline.ruleapi import RuleEntry
from qa_pipeline.scoring import counts, evaluation_word_count, penalty, score, total

_EPSILON = 1e-9


def on_changed_lines(finding: Finding, doc: Document | None, lines: frozenset[int]) -> bool:
    """True when ``finding`` touches a changed line. A unit of a file that holds its own source (PO,
    XLIFF) is changed when any line from its source to its target changed; a finding not tied to a
    segment is always kept."""
    if finding.segment_id is None:
        return True
    seg = doc.segment(finding.segment_id) if doc is not None else None
    if doc is not None and seg is not None and doc.source_path is None and seg.source_offsets is not None:
        return any(n in lines for n in segment_lines(doc, seg, with_source=True))
    return any(n in lines for n in range(finding.line, max(finding.end_line, finding.line) + 1))


def _score_drop(
    rep: FileReport, entry: BaselineFile | None, new: int, settings: Settings
) -> ScoreDrop | None:
    """Why a file fails the regression gate on its score, or None."""
    if entry is None:
        if rep.score + _EPSILON < settings.min_score:
            return ScoreDrop(rep.path, "min-score", rep.score, min_score=settings.min_score)
        return None
    if new and entry.score - rep.score > settings.score_tolerance + _EPSILON:
        return ScoreDrop(
            rep.path, "score-drop", rep.score, baseline_score=entry.score, tolerance=settings.score_tolerance
        )
    return None


def _error_report(result: FileResult, settings: Settings) -> FileReport:
    return FileReport(
        path=result.plan.display,
        format=result.plan.format or "unknown",
        source_file=None,
        source_language=LanguageInfo(None),
        target_language=LanguageInfo(None),
        word_count=0,
        word_count_basis="target",
        segment_count=0,
        penalty=0.0,
        score=0.0,
        passed=False,
        min_score=settings.min_score,
        findings=(),
        counts=counts(()),
        error=result.error,
    )


def file_report(
    result: FileResult, settings: Settings, findings: Sequence[Finding], decision: GateResult
) -> FileReport:
    """A file's report: its findings scored, passed as a plain check decides (without a baseline: its
    score reaches ``min-score`` and no finding blocks)."""
    doc = result.document
    if doc is None:
        return _error_report(result, settings)
    found = tuple(findings)
    ewc, basis = evaluation_word_count(doc)
    apt = penalty(found, settings)
    value = score(apt, ewc)
    return FileReport(
        path=doc.path,
        format=doc.format,
        source_file=doc.source_path,
        source_language=doc.source_language,
        target_language=doc.target_language,
        word_count=ewc,
        word_count_basis=basis,
        segment_count=len(doc.segments),
        penalty=apt,
        score=value,
        passed=not result.rule_errors
        and value >= settings.min_score
        and not any(decision.blocks(f) for f in found),
        min_score=settings.min_score,
        findings=found,
        counts=counts(found),
        metrics=result.metrics,
        document=doc,
        rule_errors=result.rule_errors,
        file=doc.file or "",
    )


def rule_docs(entries: Sequence[RuleEntry]) -> dict[str, RuleDoc]:
    """What reporters may print about the rules that ran (their ``qa-pipeline explain`` text)."""
    from qa_pipeline.docs import explain

    out = {}
    for entry in entries:
        m = entry.meta
        text = explain(entry).partition("\n")[2].strip("\n")
        out[m.code] = RuleDoc(m.code, m.name, m.category, m.severity.value, m.summary, entry.doc, text)
    return out


def gate_run(
    checked: CheckedRun,
    settings: Settings,
    diff: DiffInfo | None = None,
    baseline: Baseline | None = None,
) -> RunReport:
    """Filter, mark, score and decide: the run's report."""
    files: list[FileReport] = []
    decision = GateResult(True, settings.fail_on, settings.min_score, diff)
    if baseline is not None:  # blocks() needs to know the run has a baseline
        decision = replace(decision, baseline=BaselineInfo(str(baseline.path), 0, 0))
    new = known = 0
    fixed: list[FixedFinding] = []
    drops: list[ScoreDrop] = []
    for result in checked.files:
        findings = list(result.findings)
        lines = result.plan.changed_lines
        if diff is not None and lines is not None:
            findings = [f for f in findings if on_changed_lines(f, result.document, lines)]
        entry = baseline.files.get(result.key) if baseline is not None else None
        if baseline is not None:
            accepted = {e.fingerprint for e in entry.findings} if entry else set()
            findings = [replace(f, status="known" if f.fingerprint in accepted else "new") for f in findings]
        rep = file_report(result, settings, findings, decision)
        if baseline is not None and rep.error is None:
            n_new = sum(1 for f in rep.findings if f.status == "new")
            new += n_new
            known += len(rep.findings) - n_new
            if entry is not None and diff is None:
                present = {f.fingerprint for f in rep.findings}
                fixed += [
                    FixedFinding(rep.path, e.fingerprint, e.code, e.severity, e.excerpt, e.message)
                    for e in entry.findings
                    if e.fingerprint not in present
                ]
            drop = _score_drop(rep, entry, n_new, settings)
            if drop is not None:
                drops.append(drop)
            blocked = any(decision.blocks(f) for f in rep.findings)
            rep = replace(rep, passed=not rep.rule_errors and not blocked and drop is None)
        files.append(rep)
    if baseline is not None:
        decision = replace(
            decision, baseline=BaselineInfo(str(baseline.path), new, known, tuple(fixed), tuple(drops))
        )
    return summarize(files, settings, decision, checked)


def summarize(
    files: Sequence[FileReport],
    settings: Settings,
    result: GateResult | None = None,
    checked: CheckedRun | None = None,
) -> RunReport:
    """The run's totals; it passes when every file passes."""
    ewc = sum(f.word_count for f in files)
    apt = sum(f.penalty for f in files)
    passed = all(f.passed for f in files)
    decided = (
        replace(result, passed=passed) if result else GateResult(passed, settings.fail_on, settings.min_score)
    )
    return RunReport(
        files=tuple(files),
        word_count=ewc,
        penalty=apt,
        score=score(apt, ewc),
        passed=passed,
        min_score=settings.min_score,
        counts=total([f.counts for f in files]),
        tool_version=__version__,
        gate=decided,
        rules=rule_docs(checked.rules) if checked is not None else {},
    )
