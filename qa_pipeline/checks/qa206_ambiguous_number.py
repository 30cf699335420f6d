"""QA206 ambiguous-number."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.numbers.compare import format_problems
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class AmbiguousNumber(SegmentRule):
    """A number reads as a decimal with exactly three decimals in the target locale, and nothing says
    whether a grouped integer was meant.

    In fr, fi, hr, de… ``36,612`` is 36.612 — but a translation that copied the English ``36,612``
    means 36612. When the source or sibling translations have one of the two values, QA204 (wrong) or
    nothing (right) is reported instead; this note is left for numbers nothing can settle.

    Why it matters: the reader may be off by a factor of a thousand.

    Example:
        Bad: fi, ``Palkka on 41,430 dollaria.`` (41,43 or 41 430?)
        Good: fi, ``Palkka on 41 430 dollaria.``

    Options: none.
    """

    meta = RuleMeta(
        code="QA206",
        name="ambiguous-number",
        category="locale-convention/number-format",
        severity=Severity.MINOR,
        summary="A number the locale reads as a 3-decimal value may be a grouped integer.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for problem in format_problems(segment, ctx):
            if not problem.resolved:
                tok = problem.token
                yield Violation(
                    problem.message, span=tok.span, data={"reads": str(tok.value), "or": str(tok.alt)}
                )


RULE = AmbiguousNumber
