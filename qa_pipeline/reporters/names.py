"""File names of a report folder's pages and JSON files, one per checked file."""

from __future__ import annotations

import re
from pathlib import Path


def report_name(path: str) -> str:
    """A file name for a checked file's report, unique per path: ``docs/fr/a.md`` -> ``docs__fr__a.md``."""
    posix = Path(path).as_posix().lstrip("./")
    slug = re.sub(r"[^\w.@-]+", "_", posix.replace("/", "__"))
    return slug or "file"
