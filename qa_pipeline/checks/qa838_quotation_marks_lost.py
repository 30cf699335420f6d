"""QA838 quotation-marks-lost."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.fidelity.enclosures import QUOTES, lost_enclosures
from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class QuotationMarksLost(SegmentRule):
    """A placeholder or identifier that the source quotes (``“%(value)s”``, ``'%s'``) and the target
    leaves bare.

    Why it matters: the quotation marks show where a user's value begins and ends (``“ ”`` is not a
    valid UUID); without them an empty or multi-word value makes the message unreadable.

    Any quotation style encloses, the language's own (``« %s »``, ``„%s“``, ``「%s」``) or another
    (whether the style suits the language is QA606's), and so do brackets and ``*…*``. An unbalanced
    quotation mark is QA603's; a changed or missing placeholder is the placeholder rules'.

    Example:
        Bad: source ``“%(value)s” is not a valid UUID.``, target ``%(value)s n'est pas un UUID valide.``
        Good: source ``“%(value)s” is not a valid UUID.``, target ``« %(value)s » n'est pas un UUID valide.``

    Options: none.
    """

    meta = RuleMeta(
        code="QA838",
        name="quotation-marks-lost",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="Quotation marks that the source puts around a placeholder or identifier are gone in the target.",
        needs_source=True,
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        source, prose = segment.source, segment.source_prose
        if source is None or prose is None or not any(c in QUOTES for c in source):
            return
        for lost in lost_enclosures(source, prose, segment.target, segment.prose, QUOTES):
            yield Violation(
                f"the source quotes '{lost.content}' ({lost.opening}…{lost.closing}); the target leaves it bare",
                span=Span(lost.start, lost.end),
                data={"content": lost.content, "pair": lost.opening + lost.closing},
            )


RULE = QuotationMarksLost
