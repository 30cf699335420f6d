"""QA605 quotation-opened-with-dash."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.punctuation import dash_opened_quotation
from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class QuotationOpenedWithDash(SegmentRule):
    """A quotation that starts with a dash or hyphen and ends with a closing quotation mark.

    Why it matters: machine translation sometimes turns an opening quotation mark into a dialogue
    dash and keeps the closing one: ``- Thank you for calling. How can I help?"``. The text reader
    may even take such a line for a list item. A dialogue dash without a closing quotation mark,
    and a list item that contains a complete quotation, are correct and not reported.

    Example:
        Bad: ``- Hvala na pozivu. Kako vam mogu pomoći?"``
        Good: ``„Hvala na pozivu. Kako vam mogu pomoći?“``

    Options: none.
    """

    meta = RuleMeta(
        code="QA605",
        name="quotation-opened-with-dash",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="A quotation opened with a dash and closed with a quotation mark.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        found = dash_opened_quotation(segment.prose)
        if found is None:
            return
        if segment.source_prose is not None and dash_opened_quotation(segment.source_prose) is not None:
            return
        start, end = found
        yield Violation(
            f"quotation opened with {segment.target[start]!r} and closed with {segment.target[end - 1]!r}",
            span=Span(start, end),
        )


RULE = QuotationOpenedWithDash
