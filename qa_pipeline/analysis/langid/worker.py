"""Run the untranslated analysis of a whole document in a worker process, beside the other rules.

Loading lingua's high-accuracy models for a language pair takes about a second and holds the GIL the
whole time (measured with lingua 2.1: a Python thread makes no progress meanwhile), so a thread cannot
hide it; a worker process can, while the main process runs the other rules. A process that has
started native threads must never fork: lingua's batch API starts a thread pool, and a child forked
after that blocks forever inside lingua (issue 11: a short document, then a long one, hung the run).
So, per document that needs the models:

* the pair's models are already loaded here: analyse here (a worker would load them a second time);
* a worker exists: it analyses the document (it holds the models, or loads them once);
* otherwise, for a document of :data:`MIN_SEGMENTS` segments or more, start the worker — forked when
  this process still has a single thread (nothing to re-import), spawned (a fresh interpreter, about
  0.2 s more) when it has others; shorter documents are analysed here.

Findings are the same either way; a worker that fails is replaced by analysis in this process.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

from qa_pipeline.analysis.langid.detect import models_in_process, needs_model
from qa_pipeline.analysis.langid.untranslated import Analysis, AnalysisOptions, analyze
from qa_pipeline.model import Segment

MIN_SEGMENTS = 8


def _analyze_document(
    segments: Sequence[Segment], target: str, source_lang: str, dnt: frozenset[str], opts: AnalysisOptions
) -> list[Analysis]:
    return [analyze(seg, target, source_lang, dnt, opts) for seg in segments]


def single_threaded() -> bool:
    """True when this process runs one thread only (native threads included), so a fork is safe."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def _executor() -> Any:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if single_threaded() else "spawn"
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context(method))


def _document_key(ctx: Any, opts: AnalysisOptions) -> tuple[Any, ...]:
    return (ctx.document.path, ctx.lang, ctx.source_lang, ctx.dnt, opts)


def start_background(ctx: Any, opts: AnalysisOptions) -> bool:
    """Start analysing the whole document in the worker and return True (the engine then runs the
    untranslated rules after the others); False when the document is analysed in this process: no
    model needed, the models already loaded here, a short document and no worker yet, or a platform
    other than Linux."""
    if not needs_model(ctx.source_lang, ctx.lang, opts.assumed_source):
        return False
    jobs: dict[tuple[Any, ...], Any] = ctx.resources.get("langid.background", dict)
    key = _document_key(ctx, opts)
    if key in jobs:
        return True
    source = ctx.source_lang if ctx.source_lang not in ("", "und") else opts.assumed_source
    if sys.platform != "linux" or models_in_process((source, ctx.lang)):
        return False
    holder: dict[str, Any] = ctx.resources.shared("langid.worker", dict)
    if "executor" not in holder and len(ctx.document.segments) < MIN_SEGMENTS:
        return False
    try:
        if "executor" not in holder:
            holder["executor"] = _executor()
        jobs[key] = holder["executor"].submit(
            _analyze_document, ctx.document.segments, ctx.lang, ctx.source_lang, ctx.dnt, opts
        )
    except (OSError, RuntimeError, ValueError):
        return False  # no process could be started, or the worker broke: analyse in this one
    return True


def _background_results(ctx: Any, opts: AnalysisOptions) -> list[Analysis] | None:
    jobs: dict[tuple[Any, ...], Any] = ctx.resources.get("langid.background", dict)
    future = jobs.pop(_document_key(ctx, opts), None)
    if future is None:
        return None
    try:
        results: list[Analysis] = future.result()
    except Exception:  # a worker that died: the analysis is redone here
        return None
    return results


def analysis_for(segment: Segment, ctx: Any, opts: AnalysisOptions) -> Analysis:
    """:func:`analyze` memoised for the run, so the four rules share one analysis per segment."""
    cache_: dict[tuple[Any, ...], Analysis] = ctx.resources.get("langid.analysis", dict)
    key = (
        ctx.document.path,
        segment.index,
        segment.id,
        segment.target,
        segment.source,
        ctx.lang,
        ctx.source_lang,
        ctx.dnt,
        opts,
    )
    hit = cache_.get(key)
    if hit is None:
        done = _background_results(ctx, opts)
        if done is not None and len(done) == len(ctx.document.segments):
            for seg, result in zip(ctx.document.segments, done, strict=True):
                cache_[(*key[:1], seg.index, seg.id, seg.target, seg.source, *key[5:])] = result
            hit = cache_.get(key)
    if hit is None:
        hit = analyze(segment, ctx.lang, ctx.source_lang, ctx.dnt, opts)
        cache_[key] = hit
    return hit
