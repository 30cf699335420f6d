"""One run, in stages, each a function of the previous one's output:

collect (the files) → plan (paths, pairing, languages given from outside) → read (documents, sources,
languages, siblings) → check (rules → findings) → gate (diff filter, baseline marking, scores, pass/fail)
→ a :class:`~qa_pipeline.model.RunReport` that reporters print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qa_pipeline.baseline import Baseline
from qa_pipeline.config import Settings
from qa_pipeline.model import DiffInfo, RunReport
from qa_pipeline.pipeline.check import CheckedRun, FileResult, check_all
from qa_pipeline.pipeline.collect import collect_files, relpath, report_skipped
from qa_pipeline.pipeline.gate import gate_run
from qa_pipeline.pipeline.plan import FilePlan, RunOptions, plan_files
from qa_pipeline.pipeline.read import DocumentCache, read_all, siblings_of
from qa_pipeline.readers import format_of
from qa_pipeline.registry import Registry
from qa_pipeline.ruleapi import Resources


@dataclass(frozen=True)
class Checked:
    """A checked run before the gate: its results and, for ``--diff``, what changed."""

    run: CheckedRun
    diff: DiffInfo | None = None


def check(
    paths: Sequence[str],
    settings: Settings,
    registry: Registry,
    options: RunOptions | None = None,
    diff_ref: str | None = None,
) -> Checked:
    """Collect, plan, read and check (stages 1–4)."""
    options = options or RunOptions()
    changed = None
    if diff_ref is not None:
        from qa_pipeline.gitdiff import changed_under

        paths, changed = changed_under(paths, diff_ref, lambda p: format_of(p) is not None)
    skipped: list[str] = []
    files = collect_files(paths, settings, skipped) if paths else []
    report_skipped(skipped)
    plans = plan_files(files, settings, options, changed)
    cache = DocumentCache(settings)
    loaded = read_all(plans, cache)
    siblings = siblings_of(loaded, settings, cache)
    checked = check_all(loaded, siblings, settings, registry, Resources(settings))
    return Checked(checked, DiffInfo(diff_ref, len(files)) if diff_ref is not None else None)


def check_paths(
    paths: Sequence[str],
    settings: Settings,
    registry: Registry,
    options: RunOptions | None = None,
    diff_ref: str | None = None,
    baseline: Baseline | None = None,
) -> RunReport:
    """Check every file under ``paths`` and gate the run (all stages)."""
    done = check(paths, settings, registry, options, diff_ref)
    return gate_run(done.run, settings, done.diff, baseline)


__all__ = [
    "Checked",
    "CheckedRun",
    "FilePlan",
    "FileResult",
    "RunOptions",
    "check",
    "check_paths",
    "gate_run",
    "relpath",
]
