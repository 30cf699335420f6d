"""Inline suppression comments, shared by the readers: ``qa-ignore: QA201, QA3, double-space``.

Each format finds its comments its own way (PO translator comments, XLIFF notes, Markdown HTML
comments); the list of selectors after the colon is read here.
"""

from __future__ import annotations

import re


def selectors(value: str | None) -> frozenset[str]:
    """Codes, prefixes or names separated by commas or spaces; none means every rule (``all``)."""
    return frozenset(c for c in re.split(r"[\s,]+", value or "") if c) or frozenset({"all"})
