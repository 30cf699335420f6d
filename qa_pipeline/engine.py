"""Run the selected rules over documents and turn violations into located findings.

The engine (not the rules) decides which rules run on which file, skips rules that need a source
when a document has none, applies inline suppressions, and maps segment offsets to file line and
column — in exactly one place, :func:`locate`.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from qa_pipeline.config import RuleSelection
from qa_pipeline.model import Document, Finding, RuleError, Segment, Span, Violation
from qa_pipeline.ruleapi import (
    Context,
    CorpusContext,
    CorpusRule,
    DocumentRule,
    Resources,
    RuleEntry,
    Scope,
    SegmentRule,
    Sibling,
)
from qa_pipeline.selectors import RuleSelector


@dataclass(frozen=True)
class Job:
    """One document to check, with what the engine resolved for it."""

    document: Document
    selection: RuleSelection
    fingerprint_path: str
    siblings: tuple[Sibling, ...] = ()
    dnt: frozenset[str] = frozenset()


def suppressed(selectors: Iterable[RuleSelector], entry: RuleEntry) -> bool:
    """True when an inline suppression names the rule (by code, prefix, name or ``all``)."""
    return any(s.matches(entry.meta.code, entry.meta.name) for s in selectors)


@dataclass(frozen=True)
class Checked:
    """What the rules found in one document, and the rules that raised instead."""

    results: tuple[tuple[RuleEntry, Violation], ...]
    errors: tuple[RuleError, ...] = ()


class _Errors:
    """Rule exceptions of one document, one entry per rule (the first segment it raised on, and how often)."""

    def __init__(self) -> None:
        self._by_code: dict[str, RuleError] = {}

    def add(self, entry: RuleEntry, exc: BaseException, segment_id: str | None = None) -> None:
        code = entry.meta.code
        known = self._by_code.get(code)
        if known is not None:
            self._by_code[code] = replace(known, count=known.count + 1)
            return
        text = str(exc).splitlines()[0] if str(exc) else ""
        message = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
        self._by_code[code] = RuleError(code, entry.meta.name, message, segment_id)

    def all(self) -> tuple[RuleError, ...]:
        return tuple(self._by_code[c] for c in sorted(self._by_code))


def _context(job: Job, entry: RuleEntry, resources: Resources) -> Context:
    doc = job.document
    return Context(
        document=doc,
        target=doc.target_language.language,
        source=doc.source_language.language,
        options=job.selection.options[entry.meta.code],
        family_options=job.selection.family_options.get(entry.family.name) if entry.family else None,
        resources=resources,
        siblings=job.siblings,
        dnt=job.dnt,
    )


def run_document_rules(job: Job, resources: Resources) -> Checked:
    """Segment and document rules of one job. A rule that raises is recorded as an error of the
    document and the other rules (and the same rule on the other segments) still run."""
    doc = job.document
    has_source = doc.has_source
    file_suppressed = doc.suppressed
    out: list[tuple[RuleEntry, Violation]] = []
    errors = _Errors()
    by_id = {s.id: s for s in doc.segments}
    runnable = []
    for entry in job.selection.enabled:
        if entry.scope is Scope.CORPUS or (entry.meta.needs_source and not has_source):
            continue
        if suppressed(file_suppressed, entry):
            continue
        rule = entry.factory()
        ctx = _context(job, entry, resources)
        try:
            late = rule.prepare(ctx)
        except Exception as exc:
            errors.add(entry, exc)
            continue
        runnable.append((late, entry, rule, ctx))
    runnable.sort(key=lambda r: r[0])  # stable: rules warming a resource run last
    for _late, entry, rule, ctx in runnable:
        if isinstance(rule, SegmentRule):
            for seg in doc.segments:
                if (entry.meta.needs_source and seg.source is None) or suppressed(seg.suppressed, entry):
                    continue
                try:
                    found = list(rule.check(seg, ctx))
                except Exception as exc:  # a rule bug must not lose the other findings
                    errors.add(entry, exc, seg.id)
                    continue
                out.extend((entry, v if v.segment_id else replace(v, segment_id=seg.id)) for v in found)
        elif isinstance(rule, DocumentRule):
            try:
                found = list(rule.check_document(ctx))
            except Exception as exc:
                errors.add(entry, exc)
                continue
            for v in found:
                target = by_id.get(v.segment_id or "")
                if target is None or not suppressed(target.suppressed, entry):
                    out.append((entry, v))
    return Checked(tuple(out), errors.all())


def run_corpus_rules(jobs: Sequence[Job], resources: Resources) -> dict[str, Checked]:
    """Corpus rules over every document; results keyed by document path. A corpus rule that raises
    is an error of every document it ran on."""
    out: dict[str, list[tuple[RuleEntry, Violation]]] = {}
    errors: dict[str, _Errors] = {}
    if len(jobs) < 2:
        return {}
    entries: dict[str, RuleEntry] = {}
    for job in jobs:
        for entry in job.selection.enabled:
            if entry.scope is Scope.CORPUS:
                entries[entry.meta.code] = entry
    by_path = {job.document.path: job for job in jobs}
    for code in sorted(entries):
        entry = entries[code]
        docs = [j.document for j in jobs if any(e.meta.code == code for e in j.selection.enabled)]
        rule = entry.factory()
        if not isinstance(rule, CorpusRule):
            continue
        options = jobs[0].selection.options.get(code)
        try:
            found = list(
                rule.check_corpus(CorpusContext(documents=docs, options=options, resources=resources))
            )
        except Exception as exc:
            for doc in docs:
                errors.setdefault(doc.path, _Errors()).add(entry, exc)
            continue
        for v in found:
            owner = by_path.get(v.path or "")
            if owner is None:
                continue
            seg = owner.document.segment(v.segment_id or "")
            if seg is not None and suppressed(seg.suppressed, entry):
                continue
            out.setdefault(owner.document.path, []).append((entry, v))
    paths = sorted(set(out) | set(errors))
    return {p: Checked(tuple(out.get(p, ())), errors[p].all() if p in errors else ()) for p in paths}


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(text.split())


REPORT_DIGITS = 4


def _rounded(value: Any) -> Any:
    """``value`` with every float in it (nested in dicts, lists, tuples) rounded to :data:`REPORT_DIGITS`
    places: model scores differ in their last digits between runs, reports must not."""
    if isinstance(value, float):
        return round(value, REPORT_DIGITS)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_rounded(v) for v in value)
    return value


def locate(
    job: Job,
    results: Iterable[tuple[RuleEntry, Violation]],
) -> list[Finding]:
    """Findings with file positions, excerpts and fingerprints, sorted by position then code; floats in
    their data rounded (:func:`_rounded`)."""
    doc = job.document
    by_id = {s.id: s for s in doc.segments}
    findings: list[Finding] = []
    seen_keys: Counter[str] = Counter()
    raw: list[tuple[RuleEntry, Violation, Segment | None, Span | None]] = []
    for entry, v in results:
        seg = by_id.get(v.segment_id or "")
        span = v.span
        if seg is not None and span is None:
            span = Span(0, len(seg.target))
        if seg is not None and span is not None and span.end > len(seg.target):
            span = Span(min(span.start, len(seg.target)), len(seg.target))
        raw.append((entry, v, seg, span))
    raw.sort(
        key=lambda r: (r[2].index if r[2] else -1, r[3].start if r[3] else 0, r[0].meta.code, r[1].message)
    )
    for entry, v, seg, span in raw:
        if seg is not None and span is not None:
            start = seg.offsets.to_file(span.start)
            end = seg.offsets.to_file(span.end - 1) + 1 if span.end > span.start else start
            line, col = doc.line_col(start)
            end_line, end_col = doc.line_col(end)
            excerpt = seg.target[span.start : span.end]
            context = (
                seg.target[max(0, span.start - 30) : span.start] + "|" + seg.target[span.end : span.end + 30]
            )
        else:
            line, col, end_line, end_col = 1, 1, 1, 1
            excerpt, context = "", ""
        key = "\x1f".join((entry.meta.code, job.fingerprint_path, _norm(excerpt), _norm(context)))
        seen_keys[key] += 1
        digest = hashlib.sha256(f"{key}\x1f{seen_keys[key]}".encode()).hexdigest()[:20]
        findings.append(
            Finding(
                code=entry.meta.code,
                name=entry.meta.name,
                category=entry.meta.category,
                severity=job.selection.severities.get(entry.meta.code, entry.meta.severity),
                message=v.message,
                path=doc.file_path,
                line=line,
                column=col,
                end_line=end_line,
                end_column=end_col,
                segment_id=seg.id if seg else v.segment_id,
                span=(span.start, span.end) if span is not None else None,
                excerpt=excerpt if len(excerpt) <= 200 else excerpt[:199] + "…",
                fingerprint=digest,
                data=_rounded(dict(v.data)),
                fix=v.fix,
            )
        )
    return findings
