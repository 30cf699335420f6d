"""QA837 bracket-pair-lost."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.fidelity.enclosures import ROUND, SQUARE, lost_enclosures, only_literals
from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class BracketPairLost(SegmentRule):
    """A literal that the source encloses in brackets (``[%s]``, ``[Ctrl_L]``) and the target keeps
    without any.

    Why it matters: square brackets around a placeholder or an identifier are usually part of the
    format (a log prefix ``[%s]``, an optional part of a syntax ``HH:MM[:ss]``); dropping them changes
    what the program prints or what the user must type.

    Square brackets count everywhere; round brackets only in a format template with no words of its
    own (``%(name)s (%(count)s)``), because prose parentheses are the translator's to keep or drop
    (``Output directory (%s)`` → ``출력 디렉토리 %s은(는)``). Any bracket or quotation mark in the
    target encloses (``[%s]`` → ``【%s】`` is fine). An unbalanced bracket is QA604's; a changed or
    missing literal is the placeholder and markup rules'.

    Example:
        Bad: source ``[%(level)s] %(message)s``, target ``%(level)s %(message)s``
        Good: source ``[%(level)s] %(message)s``, target ``[%(level)s] %(message)s``

    Options: none.
    """

    meta = RuleMeta(
        code="QA837",
        name="bracket-pair-lost",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="Brackets that the source puts around a placeholder or identifier are gone in the target.",
        needs_source=True,
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        source, prose = segment.source, segment.source_prose
        if source is None or prose is None:
            return
        table = dict(SQUARE)
        if only_literals(prose):
            table.update(ROUND)
        if not any(c in table for c in source):
            return
        for lost in lost_enclosures(source, prose, segment.target, segment.prose, table):
            yield Violation(
                f"the source encloses '{lost.content}' in {lost.opening}{lost.closing}; the target leaves it bare",
                span=Span(lost.start, lost.end),
                data={"content": lost.content, "pair": lost.opening + lost.closing},
            )


RULE = BracketPairLost
