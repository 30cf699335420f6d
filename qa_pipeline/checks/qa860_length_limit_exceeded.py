"""QA860 length-limit-exceeded."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.fidelity.lengths import cut_at, declared, measure
from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class LengthLimitExceeded(SegmentRule):
    """A target longer than the limit its file declares for the unit.

    Why it matters: the limit is where the text is cut on screen, in a database column or in a
    fixed-size buffer; past it, users read half a word or the program refuses the string.

    Declared limits: XLIFF 1.2 ``maxwidth`` with ``size-unit="char"`` (code points) or ``"byte"``,
    and ``maxbytes``; XLIFF 2.0 ``slr:sizeRestriction`` (code points) and ``slr:storageRestriction``
    (bytes). Bytes are counted in UTF-8. ``maxwidth`` in pixels (the XLIFF default ``size-unit``) or
    other display units needs the font and is not measured. Placeholders count as written. Android
    and Apple string files declare no limits: configure one with QA861.

    Example:
        Bad: ``<trans-unit maxwidth="10" size-unit="char">``, target ``Einstellungen`` (13 characters)
        Good: the same unit, target ``Optionen``

    Options: none.
    """

    meta = RuleMeta(
        code="QA860",
        name="length-limit-exceeded",
        category="design/truncation",
        severity=Severity.MAJOR,
        summary="The target is longer than the length limit its file declares.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        if not segment.flags:
            return
        for limit in declared(segment.flags):
            used = measure(segment.target, limit.unit)
            if used > limit.value:
                yield Violation(
                    f"the target has {used} {limit.unit}; the file allows {limit.value} ({limit.name})",
                    span=Span(cut_at(segment.target, limit.value, limit.unit), len(segment.target)),
                    data={"limit": limit.value, "unit": limit.unit, "length": used, "declared": limit.name},
                )


RULE = LengthLimitExceeded
