"""Reporters only print: each turns a :class:`~qa_pipeline.model.RunReport` into text.

:data:`RENDERERS` is the one table of output formats (the command line's ``--format`` choices come from
it); every renderer is ``render(run, options) -> str`` and prints only what the run hands it — findings,
scores, the gate's decision and the documentation of the rules that ran. Reporters import nothing from
the pipeline, the engine or the registry.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass

from qa_pipeline.model import FileReport, RunReport, ScoreDrop

RENDERERS: Mapping[str, str] = {
    "text": "qa_pipeline.reporters.text",
    "json": "qa_pipeline.reporters.json_report",
    "sarif": "qa_pipeline.reporters.sarif",
    "junit": "qa_pipeline.reporters.junit",
    "github": "qa_pipeline.reporters.github",
}
"""Output format -> the module whose ``render(run, options)`` prints it."""


@dataclass(frozen=True)
class RenderOptions:
    """How to print: colour (text), and the compact form for pre-commit (text)."""

    color: bool = False
    compact: bool = False


def render(run: RunReport, fmt: str, options: RenderOptions | None = None) -> str:
    """``run`` in output format ``fmt`` (a key of :data:`RENDERERS`)."""
    module = importlib.import_module(RENDERERS[fmt])
    text: str = module.render(run, options or RenderOptions())
    return text


def checked_files(run: RunReport) -> int:
    """How many files were read and checked (files that could not be read have no score)."""
    return sum(1 for f in run.files if f.error is None)


def nothing_checked(run: RunReport) -> str | None:
    """Why the run has no score — ``"nothing was checked (…)"`` — or None when some file was checked."""
    if checked_files(run):
        return None
    if not run.files:
        return "nothing was checked (no file to check)"
    return f"nothing was checked ({len(run.files)} file(s) could not be read)"


def describe_drop(drop: ScoreDrop) -> str:
    """Why a file fails the regression gate on its score, in words."""
    if drop.reason == "score-drop":
        return (
            f"score {drop.score:.2f} dropped below the baseline's {drop.baseline_score or 0:.2f} "
            f"(tolerance {drop.tolerance or 0:g})"
        )
    return f"score {drop.score:.2f} is below min-score {drop.min_score or 0:g} (file not in the baseline)"


def score_failure(rep: FileReport, run: RunReport) -> str | None:
    """Why ``rep`` fails on its score (the gate's reason), or None."""
    if rep.error is not None:
        return None
    if run.gate.baseline is not None:
        drop = run.gate.score_drop(rep.path)
        return describe_drop(drop) if drop is not None else None
    if rep.score < rep.min_score:
        return f"score {rep.score:.2f} is below min-score {rep.min_score:g}"
    return None


def rule_error_lines(rep: FileReport) -> list[str]:
    """One line per rule that raised on ``rep``: its findings there are incomplete."""
    out = []
    for e in rep.rule_errors:
        where = f" on segment {e.segment_id}" if e.segment_id is not None else ""
        more = f" (and {e.count - 1} more segment(s))" if e.count > 1 else ""
        out.append(f"rule {e.code} {e.name} raised{where}{more}: {e.message}")
    return out
