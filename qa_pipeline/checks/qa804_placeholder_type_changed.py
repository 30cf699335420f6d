"""QA804 placeholder-type-changed."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.checks.families import PLACEHOLDERS
from qa_pipeline.checks.fidelity import PlaceholderMixin, quoted
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class PlaceholderTypeChanged(PlaceholderMixin, SegmentRule):
    """A printf placeholder takes another kind of argument than the source's.

    Kinds: integer (``d i u o x X``), floating point (``f e g a``), string (``s``, Python ``r``),
    object (``%@``), character, pointer; a length modifier counts (``%ld`` is a long integer, ``%d``
    an int). Width, precision and flags may change (``%5.2f`` → ``%.1f``). Positional placeholders
    (``%2$d``) are compared with the source's placeholder of that position, placeholders filled in
    order with the source's in the same place; ``%s`` where ``%d`` was, with the same kinds overall,
    is a reordering (QA805).

    Why it matters: printf reads the argument as the conversion says. In C and Objective-C a string
    read as ``%d`` or an integer read as ``%@`` is undefined behaviour (garbage or a crash); Python
    raises ``TypeError`` for ``%d`` given a string. Severity critical.

    Example:
        Bad: source ``%d files``, target ``%s fichiers`` (c-format)
        Good: target ``%d fichiers``

    Options: none of its own; reads the ``[rules.placeholders]`` family setting ``infer`` (see QA801).
    """

    meta = RuleMeta(
        code="QA804",
        name="placeholder-type-changed",
        category="design/questionable-markup",
        severity=Severity.CRITICAL,
        summary="A printf placeholder's conversion takes another type (%d became %s, %ld became %d).",
        needs_source=True,
    )
    family = PLACEHOLDERS

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for issue in self.issues(segment, ctx):
            if issue.kind != "type" or issue.source is None or issue.target is None:
                continue
            s, t = issue.source, issue.target
            yield Violation(
                f"{quoted(t.text)} takes {_article(t.type)} where the source's {quoted(s.text)} takes "
                f"{_article(s.type)}",
                span=issue.span,
                data={"placeholder": s.text, "found": t.text, "expected_type": s.type, "type": t.type},
            )


def _article(kind: str) -> str:
    if not kind:
        return "another argument"
    return ("an " if kind[0] in "aeiou" else "a ") + kind


RULE = PlaceholderTypeChanged
