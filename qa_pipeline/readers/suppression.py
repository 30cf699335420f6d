"""Inline suppression comments, shared by the readers: ``qa-ignore: QA201, QA3, double-space``.

Each format finds its comments its own way (PO translator comments, XLIFF notes, Markdown HTML
comments); the list of selectors after the colon is parsed here, once, into rule selectors.
"""

from __future__ import annotations

from qa_pipeline.selectors import RuleSelector, parse_list


def selectors(value: str | None) -> frozenset[RuleSelector]:
    """Codes, prefixes or names separated by commas or spaces; none means every rule (``all``)."""
    return parse_list(value)
