"""QA603 unbalanced-quotation-marks."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.punctuation import dash_opened_quotation, scan_quotes
from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class UnbalancedQuotationMarks(SegmentRule):
    """A quotation mark that opens and never closes, or closes what never opened (``「…``, ``“…``).

    Why it matters: half a quotation leaves the reader guessing where the quoted words end; in
    software strings it often means a string was cut or joined wrongly. Double quotation marks and
    corner brackets are checked (single quotes double as apostrophes and are left alone). A segment
    whose source is unbalanced the same way, an inch mark (``27"``) and a quotation opened with a
    dash (QA605) are not reported.

    Example:
        Bad: ``Er sagte: „Wir kommen morgen.``
        Good: ``Er sagte: „Wir kommen morgen.“``

    Options: none.
    """

    meta = RuleMeta(
        code="QA603",
        name="unbalanced-quotation-marks",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="A quotation mark without its partner.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        scan = scan_quotes(segment.prose, ctx.target_language)
        lone = sorted(
            [(i, "opens a quotation that is never closed") for i in scan.unclosed]
            + [(i, "closes a quotation that was never opened") for i in scan.stray]
        )
        if not lone:
            return
        if segment.source_prose is not None:
            src = scan_quotes(segment.source_prose, ctx.source_language)
            if len(src.unclosed) + len(src.stray) >= len(lone):
                return
        if dash_opened_quotation(segment.prose) is not None:
            return
        for i, what in lone:
            yield Violation(f"{segment.target[i]!r} {what}", span=Span(i, i + 1))


RULE = UnbalancedQuotationMarks
