"""QA202 number-missing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from qa_pipeline.analysis.numbers.compare import segment_diff
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


@dataclass(frozen=True)
class Options:
    unit_conversions: bool = False
    """Accept a value converted to another unit of the same dimension (``5 miles`` / ``8 km``,
    ``70 °F`` / ``21 °C``), within rounding. Off by default: a converted value is usually a change."""


class NumberMissing(SegmentRule):
    """A number of the source is not in the target, in any form.

    The target may write the number its own way (``1,5`` for ``1.5``, ``٣`` for ``3``), spell it out
    (``three``, ``drei``, ``三``), move it, or mention it once where the source repeats it: none of that
    is reported. Phone numbers, IDs, versions and dates must be there as written (dates in any order).

    Why it matters: a dropped number is a dropped fact — a quantity, a deadline, a limit.

    Example:
        Bad: en→fr, source ``Delivery within 3 to 5 days.``, target ``Livraison sous 3 jours.``
        Good: en→fr, source ``Delivery within 3 to 5 days.``, target ``Livraison sous 3 à 5 jours.``

    Options: ``unit-conversions`` (default false): accept ``5 miles`` / ``8 km``, ``70 °F`` / ``21 °C``.
    """

    meta = RuleMeta(
        code="QA202",
        name="number-missing",
        category="accuracy/omission",
        severity=Severity.MAJOR,
        summary="A number of the source is missing from the target.",
        needs_source=True,
    )
    Options = Options

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        opts: Options = ctx.options
        diff = segment_diff(segment, ctx, opts.unit_conversions)
        if diff is None:
            return
        for tok, item in diff.missing:
            yield Violation(
                f"source has {item.primary} ('{tok.text}'); the target does not",
                data={"missing": item.primary},
            )


RULE = NumberMissing
