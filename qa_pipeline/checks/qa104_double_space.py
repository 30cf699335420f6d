"""QA104 double-space."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule

_RUN = regex.compile(r"(?<=\S)[ \u00a0\u202f\u2009]{2,}(?=\S)")


class DoubleSpace(SegmentRule):
    """Two or more spaces between words inside a line.

    Why it matters: a double space is a typing or extraction slip; it shows as a gap in justified
    text and breaks search-and-replace. Spaces that the source has too, and indentation at the start
    of a line, are not reported.

    Example:
        Bad: ``Le  fichier est ouvert.``
        Good: ``Le fichier est ouvert.``

    Options: none.
    """

    meta = RuleMeta(
        code="QA104",
        name="double-space",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="Two or more consecutive spaces inside the text.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        source_runs = len(_RUN.findall(segment.source)) if segment.source else 0
        found = list(_RUN.finditer(segment.prose))
        if source_runs and len(found) <= source_runs:
            return
        for m in found:
            yield Violation(f"{len(m.group(0))} consecutive spaces", span=Span(m.start(), m.end()), fix=" ")


RULE = DoubleSpace
