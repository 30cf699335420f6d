"""qa-pipeline: a translation quality checker with MQM scoring.

As a library: :func:`check_paths` and :func:`check_text` (see :mod:`qa_pipeline.api`) return the
typed reports of :mod:`qa_pipeline.model`. They are imported on first use, so ``import qa_pipeline``
stays cheap for the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qa_pipeline.version import __version__

if TYPE_CHECKING:
    from qa_pipeline.api import check_paths, check_text

__all__ = ["__version__", "check_paths", "check_text"]


def __getattr__(name: str) -> Any:
    if name in ("check_paths", "check_text"):
        from qa_pipeline import api

        return getattr(api, name)
    raise AttributeError(f"module 'qa_pipeline' has no attribute {name!r}")
