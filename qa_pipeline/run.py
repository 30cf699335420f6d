"""One run: collect files, read them, pair sources, resolve languages, find siblings, check, score."""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from qa_pipeline import __version__
from qa_pipeline.config import Settings, language_dnt, resolve
from qa_pipeline.engine import Job, locate, run_corpus_rules, run_document_rules
from qa_pipeline.languages import language_from_path, normalize, resolve_languages
from qa_pipeline.model import Document, FileReport, LanguageInfo, RuleError, RunReport
from qa_pipeline.pairing import attach_source, counterpart, match_layout
from qa_pipeline.readers import FORMATS, ReaderError, ReadOptions, read_document
from qa_pipeline.registry import Registry
from qa_pipeline.ruleapi import Resources
from qa_pipeline.scoring import counts, evaluation_word_count, gate, penalty, score, total
from qa_pipeline.siblings import find_siblings

SKIP_DIRS = {".git", ".hg", ".svn", ".tox", ".venv", "venv", "node_modules", "__pycache__", ".mypy_cache"}


@dataclass(frozen=True)
class RunOptions:
    """Command-line choices that are not configuration."""

    target_language: str | None = None
    source_language: str | None = None
    language_origin: str = "cli"


def collect_files(paths: Sequence[str], settings: Settings, skipped: list[str] | None = None) -> list[Path]:
    """Files to check: given files as they are, folders searched for known extensions (sorted).

    In a folder, a symbolic link whose target lies outside that folder is not followed (like git and
    ruff) unless ``follow-links`` is set: its path and reason are appended to ``skipped``. A file named
    on the command line is checked even when it is a link: naming it is asking for it.
    """
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(_walk(p, settings.follow_links, skipped if skipped is not None else [])))
        else:
            out.append(p)
    kept = []
    seen = set()
    for p in out:
        rel = relpath(p, settings.root)
        if any(fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(p.name, pat) for pat in settings.exclude):
            continue
        key = str(p.resolve())
        if key not in seen:
            seen.add(key)
            kept.append(p)
    return kept


def _skipped_dir(name: str) -> bool:
    return name in SKIP_DIRS or name.startswith(".")


def _walk(top: Path, follow: bool, skipped: list[str]) -> list[Path]:
    """Checkable files under ``top``. Links out of ``top`` are skipped unless ``follow``; links to
    folders are only followed with ``follow`` (inside ``top`` their target is walked anyway), each real
    folder at most once, so a link loop ends."""
    root = Path(os.path.realpath(top))
    found: list[Path] = []
    visited = {root}
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue  # unreadable folder: like os.walk, skip it
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                real = Path(os.path.realpath(path))
                is_dir = real.is_dir()
                if (is_dir and _skipped_dir(entry.name)) or (
                    not is_dir and path.suffix.lower() not in FORMATS
                ):
                    continue
                if not real.exists():
                    skipped.append(f"{path}: a broken symbolic link")
                    continue
                if not follow and not (real == root or root in real.parents):
                    kind = "folder" if is_dir else "file"
                    skipped.append(
                        f"{path}: a symbolic link to a {kind} outside {top} (--follow-links checks it)"
                    )
                    continue
                if not is_dir:
                    found.append(path)
                elif follow and real not in visited:
                    visited.add(real)
                    stack.append(path)
            elif entry.is_dir(follow_symlinks=False):
                if not _skipped_dir(entry.name):
                    visited.add(Path(os.path.realpath(path)))
                    stack.append(path)
            elif path.suffix.lower() in FORMATS:
                found.append(path)
    return found


def relpath(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _read(
    path: Path, settings: Settings, cache: dict[Path, Document], display: str | None = None
) -> Document:
    """Read a file once per run: a source shared by ten translations is parsed once."""
    key = path.resolve()
    doc = cache.get(key)
    if doc is None:
        opts = ReadOptions(
            include_fuzzy=settings.include_fuzzy,
            include_obsolete=settings.include_obsolete,
            include_untranslated=settings.include_untranslated,
        )
        doc = read_document(path, opts)
        cache[key] = doc
    shown = display if display is not None else str(path)
    return doc if doc.path == shown else replace(doc, path=shown)


def _layout_language(rel: str, settings: Settings) -> str | None:
    fields = match_layout(settings.layout, rel) if settings.layout else None
    return normalize(fields["lang"]) if fields and "lang" in fields else None


def _prepare(path: Path, settings: Settings, run: RunOptions, cache: dict[Path, Document]) -> Document:
    rel = relpath(path, settings.root)
    doc = _read(path, settings, cache, display=str(path))
    src_path = counterpart(settings.source, settings.layout, rel, settings.root)
    meta = dict(doc.meta)
    source_path_lang = None
    if src_path is not None:
        if src_path.is_file():
            try:
                doc = attach_source(doc, _read(src_path, settings, cache))
            except ReaderError as exc:
                raise ReaderError(f"source file {src_path}: {exc}") from None
            rel_src = relpath(src_path, settings.root)
            source_path_lang = _layout_language(rel_src, settings) or language_from_path(rel_src)
        else:
            meta["source_missing"] = str(src_path)
    target, source = resolve_languages(
        doc,
        run.target_language or settings.target_language,
        run.source_language or settings.source_language,
        origin=run.language_origin if run.target_language else "config",
        path_lang=_layout_language(rel, settings),
        source_origin=run.language_origin if run.source_language else "config",
        source_path_lang=source_path_lang,
    )
    ref_path = counterpart(settings.reference, settings.layout, rel, settings.root)
    if ref_path is not None and ref_path.is_file():
        meta["reference_file"] = str(ref_path)
    return replace(doc, target_language=target, source_language=source, meta=meta)


def _error_report(display: str, message: str, settings: Settings, fmt: str | None) -> FileReport:
    return FileReport(
        path=display,
        format=fmt or "unknown",
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
        error=message,
    )


def check_paths(
    paths: Sequence[str], settings: Settings, registry: Registry, run: RunOptions | None = None
) -> RunReport:
    """Check every file under ``paths`` and return the run's report."""
    run = run or RunOptions()
    skipped: list[str] = []
    files = collect_files(paths, settings, skipped)
    _note_skipped(skipped)
    resources = Resources(settings)
    docs: list[Document] = []
    cache: dict[Path, Document] = {}
    errors: dict[str, FileReport] = {}
    order: list[str] = []
    for path in files:
        display = str(path)
        order.append(display)
        try:
            docs.append(_prepare(path, settings, run, cache))
        except ReaderError as exc:
            errors[display] = _error_report(display, str(exc), settings, FORMATS.get(path.suffix.lower()))
    relpaths = {d.path: relpath(Path(d.path), settings.root) for d in docs}

    def load_sibling(p: Path) -> Document | None:
        try:
            return _prepare(p, settings, RunOptions(), cache)
        except ReaderError:
            return None

    siblings = find_siblings(docs, settings.siblings, settings.layout, relpaths, settings.root, load_sibling)
    jobs = []
    for doc in docs:
        lang = doc.target_language.code
        dnt = language_dnt(settings, lang)
        jobs.append(
            Job(
                document=doc,
                selection=resolve(settings, registry, doc.path, lang),
                fingerprint_path=relpaths[doc.path],
                siblings=siblings.get(doc.path, ()),
                dnt=dnt,
            )
        )
    corpus = run_corpus_rules(jobs, resources)
    reports: dict[str, FileReport] = dict(errors)
    for job in jobs:
        checked = [run_document_rules(job, resources)]
        if job.document.path in corpus:
            checked.append(corpus[job.document.path])
        results = [r for c in checked for r in c.results]
        raised = tuple(e for c in checked for e in c.errors)
        for e in raised:  # one stderr line each: the text report shows only the file's FAIL
            print(
                f"qa-pipeline: error: {job.document.path}: rule {e.code} raised {e.message}", file=sys.stderr
            )
        reports[job.document.path] = file_report(job.document, locate(job, results), settings, raised)
    ordered = tuple(reports[p] for p in order if p in reports)
    return summarize(ordered, settings)


def _note_skipped(skipped: Sequence[str], limit: int = 10) -> None:
    """One stderr line per skipped link (up to ``limit``, then a count): never a silent skip."""
    for line in skipped[:limit]:
        print(f"qa-pipeline: skipped {line}", file=sys.stderr)
    if len(skipped) > limit:
        print(f"qa-pipeline: skipped {len(skipped) - limit} more symbolic link(s)", file=sys.stderr)


def file_report(
    doc: Document, findings: Sequence[object], settings: Settings, rule_errors: tuple[RuleError, ...] = ()
) -> FileReport:
    from qa_pipeline.metrics import reference_metrics
    from qa_pipeline.model import Finding

    found = tuple(f for f in findings if isinstance(f, Finding))
    ewc, basis = evaluation_word_count(doc)
    apt = penalty(found, settings)
    value = score(apt, ewc)
    ref = doc.meta.get("reference_file")
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
        passed=not rule_errors and gate(value, found, settings.min_score, settings.fail_on),
        min_score=settings.min_score,
        findings=found,
        counts=counts(found),
        metrics=reference_metrics(doc, Path(ref), settings) if isinstance(ref, str) else None,
        document=doc,
        rule_errors=rule_errors,
    )


def summarize(
    files: Sequence[FileReport], settings: Settings, gate_info: Mapping[str, object] | None = None
) -> RunReport:
    ewc = sum(f.word_count for f in files)
    apt = sum(f.penalty for f in files)
    return RunReport(
        files=tuple(files),
        word_count=ewc,
        penalty=apt,
        score=score(apt, ewc),
        passed=all(f.passed for f in files),
        min_score=settings.min_score,
        counts=total([f.counts for f in files]),
        tool_version=__version__,
        gate=dict(gate_info or {}),
        fail_on=settings.fail_on,
    )
