"""Stage 4, check: the selected rules over every read document, located as findings.

Selection (rules, severities, options) and do-not-translate terms are resolved per file from its target
language and path; corpus rules see every document of the run; each document's caches are freed when it
is done, so memory does not grow with the number of files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from qa_pipeline.config import Settings, language_dnt, resolve
from qa_pipeline.engine import Checked, Job, locate, run_corpus_rules, run_document_rules
from qa_pipeline.model import Document, Finding, Metrics, RuleError
from qa_pipeline.pipeline.plan import FilePlan
from qa_pipeline.pipeline.read import Loaded
from qa_pipeline.registry import Registry
from qa_pipeline.ruleapi import Resources, RuleEntry, Sibling


@dataclass(frozen=True)
class FileResult:
    """What checking one file produced (``error``: it could not be read)."""

    plan: FilePlan
    document: Document | None
    key: str  # the path relative to the config folder (``#lang`` for one language of a file)
    findings: tuple[Finding, ...] = ()
    rule_errors: tuple[RuleError, ...] = ()
    error: str | None = None
    metrics: Metrics | None = None


@dataclass(frozen=True)
class CheckedRun:
    """Every file's result, in plan order, and the rules that ran on at least one file."""

    files: tuple[FileResult, ...]
    rules: tuple[RuleEntry, ...]


def check_all(
    loaded: Sequence[Loaded],
    siblings: Mapping[str, tuple[Sibling, ...]],
    settings: Settings,
    registry: Registry,
    resources: Resources,
) -> CheckedRun:
    jobs: dict[str, Job] = {}
    for item in loaded:
        doc = item.document
        if doc is None:
            continue
        lang = doc.target_language.code
        jobs[doc.path] = Job(
            document=doc,
            selection=resolve(settings, registry, doc.file_path, lang),
            fingerprint_path=item.key,
            siblings=siblings.get(doc.path, ()),
            dnt=language_dnt(settings, lang),
        )
    corpus = run_corpus_rules(list(jobs.values()), resources)
    ran: dict[str, RuleEntry] = {}
    out = []
    for item in loaded:
        job = jobs.get(item.document.path) if item.document is not None else None
        if job is None:
            out.append(FileResult(item.plan, None, item.key, error=item.error))
            continue
        for entry in job.selection.enabled:
            ran.setdefault(entry.meta.code, entry)
        parts: list[Checked] = [run_document_rules(job, resources)]
        if job.document.path in corpus:
            parts.append(corpus[job.document.path])
        resources.end_document()
        findings = locate(job, [r for part in parts for r in part.results])
        out.append(
            FileResult(
                item.plan,
                job.document,
                item.key,
                findings=tuple(findings),
                rule_errors=tuple(e for part in parts for e in part.errors),
                metrics=_metrics(item.plan, job.document, settings),
            )
        )
    return CheckedRun(tuple(out), tuple(ran[c] for c in sorted(ran)))


def _metrics(plan: FilePlan, doc: Document, settings: Settings) -> Metrics | None:
    if plan.reference is None:
        return None
    from qa_pipeline.metrics import reference_metrics

    return reference_metrics(doc, plan.reference, settings)
