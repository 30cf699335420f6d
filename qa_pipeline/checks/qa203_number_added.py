"""QA203 number-added."""

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


class NumberAdded(SegmentRule):
    """The target has a number the source does not have, in any form.

    A number the source spells out as a word (``twelve`` / ``12``) is not added; nor is a date part
    (``24.12.2020`` for ``December 24, 2020``) or a time written in 24-hour form.

    Why it matters: an invented number is a fact the author never stated.

    Example:
        Bad: en→es, source ``Save up to 20%.``, target ``Ahorre hasta un 20 % en 2 pedidos.``
        Good: en→es, source ``Save up to twenty percent.``, target ``Ahorre hasta un 20 %.``

    Options: ``unit-conversions`` (default false): accept ``5 miles`` / ``8 km``, ``70 °F`` / ``21 °C``.
    """

    meta = RuleMeta(
        code="QA203",
        name="number-added",
        category="accuracy/addition",
        severity=Severity.MINOR,
        summary="The target has a number the source does not have.",
        needs_source=True,
    )
    Options = Options

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        opts: Options = ctx.options
        diff = segment_diff(segment, ctx, opts.unit_conversions)
        if diff is None:
            return
        for tok, item in diff.extra:
            yield Violation(
                f"target has {item.primary} ('{tok.text}'); the source does not",
                span=tok.span,
                data={"extra": item.primary},
            )


RULE = NumberAdded
