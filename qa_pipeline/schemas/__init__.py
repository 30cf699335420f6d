"""JSON Schemas shipped with the package (report format)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A schema of this folder by file name, e.g. ``report.schema.json``."""
    data: dict[str, Any] = json.loads((Path(__file__).parent / name).read_text(encoding="utf-8"))
    return data
