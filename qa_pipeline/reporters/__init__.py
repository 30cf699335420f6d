"""Reporters only print: each turns a :class:`~qa_pipeline.model.RunReport` into text or files."""

from __future__ import annotations

from qa_pipeline.model import RunReport


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
