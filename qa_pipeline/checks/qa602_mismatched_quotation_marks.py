"""QA602 mismatched-quotation-marks."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.punctuation import scan_quotes
from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class MismatchedQuotationMarks(SegmentRule):
    """A quotation opened with one kind of mark and closed with another: ``“…"``, ``«…"``, ``„…"``.

    Why it matters: a curly or angle opening quote closed by a straight one (or the reverse) is the
    trace of a machine translation or of a careless edit; it looks broken in print and on screen.
    Pairs that some locale uses (``„…“``, ``„…”``, ``»…«``, ``”…”``) are accepted here; whether
    they are the right ones for the language is QA606's business. A quotation that the source
    mismatches the same way is not reported.

    Example:
        Bad: ``“Comment puis-je vous aider ?"``
        Good: ``« Comment puis-je vous aider ? »``

    Options: none.
    """

    meta = RuleMeta(
        code="QA602",
        name="mismatched-quotation-marks",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="A quotation opened with one kind of quotation mark and closed with another.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        scan = scan_quotes(segment.prose, ctx.target_language)
        if not scan.mismatched:
            return
        source = segment.source_prose
        if source is not None and len(scan_quotes(source, ctx.source_language).mismatched) >= len(
            scan.mismatched
        ):
            return
        text = segment.target
        for start, end in scan.mismatched:
            yield Violation(
                f"quotation opened with {text[start]!r} and closed with {text[end]!r}",
                span=Span(start, end + 1),
                data={"opening": text[start], "closing": text[end]},
            )


RULE = MismatchedQuotationMarks
