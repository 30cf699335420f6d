"""QA201 number-changed."""

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


class NumberChanged(SegmentRule):
    """A number of the source appears with a different value in the target.

    Numbers are compared as values read the way each language writes them, so ``2,000`` (en),
    ``2.000`` (de), ``2 000`` (fr) and ``٢٬٠٠٠`` (ar) are equal; reordering, repeated mentions, numbers
    spelled out as words (``six`` / ``6``), ranges and shorthand (``24/7`` / ``24h/24 7j/7``), dates in
    another order, times in 12- or 24-hour form and placeholders are not reported. A value missing from
    the target and a value only in the target, in the same segment, are reported here as one change.

    Why it matters: a wrong price, dose, date or version is the costliest error a translation can make,
    and it reads fluently.

    Example:
        Bad: en→de, source ``The fee is 1,250 euros.``, target ``Die Gebühr beträgt 1.520 Euro.``
        Good: en→de, source ``The fee is 1,250 euros.``, target ``Die Gebühr beträgt 1.250 Euro.``

    Options: ``unit-conversions`` (default false): accept ``5 miles`` / ``8 km``, ``70 °F`` / ``21 °C``.
    """

    meta = RuleMeta(
        code="QA201",
        name="number-changed",
        category="accuracy/mistranslation",
        severity=Severity.MAJOR,
        summary="A number of the source has a different value in the target.",
        needs_source=True,
    )
    Options = Options

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        opts: Options = ctx.options
        diff = segment_diff(segment, ctx, opts.unit_conversions)
        if diff is None:
            return
        for (_, src), (tok, tgt) in diff.changed:
            yield Violation(
                f"source has {src.primary}; target has {tgt.primary} ('{tok.text}') instead",
                span=tok.span,
                data={"source": src.primary, "target": tgt.primary},
            )


RULE = NumberChanged
