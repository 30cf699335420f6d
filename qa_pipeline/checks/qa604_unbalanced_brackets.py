"""QA604 unbalanced-brackets."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.punctuation import scan_brackets
from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class UnbalancedBrackets(SegmentRule):
    """A bracket that is opened and never closed, or closed without being opened: ``(…``, ``【…``.

    Why it matters: a lost closing parenthesis makes the rest of the sentence read as an aside; in
    software strings it often means that a placeholder or markup was damaged. Round, square, curly and
    CJK brackets are checked. List markers (``1)``, ``a)``), emoticons (``:-)``) and brackets that the
    source leaves unbalanced the same way are not reported.

    Example:
        Bad: ``Le délai (30 jours est dépassé.``
        Good: ``Le délai (30 jours) est dépassé.``

    Options: none.
    """

    meta = RuleMeta(
        code="QA604",
        name="unbalanced-brackets",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="A bracket without its partner.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        unclosed, stray = scan_brackets(segment.prose)
        if not unclosed and not stray:
            return
        if segment.source_prose is not None:
            s_unclosed, s_stray = scan_brackets(segment.source_prose)
            if len(s_unclosed) + len(s_stray) >= len(unclosed) + len(stray):
                return
        text = segment.target
        for i in sorted(unclosed):
            yield Violation(f"{text[i]!r} is never closed", span=Span(i, i + 1))
        for i in sorted(stray):
            yield Violation(f"{text[i]!r} closes a bracket that was never opened", span=Span(i, i + 1))


RULE = UnbalancedBrackets
