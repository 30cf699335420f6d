"""QA204 number-format."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.numbers.compare import format_problems
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class NumberFormat(SegmentRule):
    """A number is written with another locale's decimal mark or group separator, or invalid ones.

    The target locale's convention comes from CLDR (Babel). Reported, with or without a source:

    - a separator only another locale reads that way: hr ``15.81`` (hr writes ``15,81``), de
      ``1,234.56`` (de writes ``1.234,56``), fr ``13.52``;
    - U+060C ARABIC COMMA between digits (``36،612``): a punctuation mark, not ``٬`` or ``,``;
    - digits of two scripts in one number (``3٥0``);
    - a number the locale reads one way while the source, or most sibling translations, have the other
      value: hr ``36,612`` (36.612) where the source says 36612 — "write 36.612".

    Not reported: version-like numbers after a product or a word such as *version*, *figure*,
    *section* (``Python 3.11``, ``Figure 2.1``), dates, times, phone numbers, and numbers the locale
    reads the same either way (``2 000``). An ambiguity nothing can settle is QA206.

    Why it matters: a reader reads the number with their locale's convention: ``15.81`` in Croatian
    is fifteen thousand eight hundred and ten, and ``36,612`` is thirty-six and a bit.

    Example:
        Bad: hr, ``Plaća iznosi 15.81 dolara po satu.``
        Good: hr, ``Plaća iznosi 15,81 dolara po satu.``

    Options: none.
    """

    meta = RuleMeta(
        code="QA204",
        name="number-format",
        category="locale-convention/number-format",
        severity=Severity.MAJOR,
        summary="A number uses another locale's separators, or invalid ones.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for problem in format_problems(segment, ctx):
            if problem.resolved:
                tok = problem.token
                yield Violation(problem.message, span=tok.span, fix=tok.suggestion, data={"issue": tok.issue})


RULE = NumberFormat
