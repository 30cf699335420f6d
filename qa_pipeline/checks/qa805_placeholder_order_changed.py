"""QA805 placeholder-order-changed."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.checks.families import PLACEHOLDERS
from qa_pipeline.checks.fidelity import PlaceholderMixin, quoted
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class PlaceholderOrderChanged(PlaceholderMixin, SegmentRule):
    """Printf placeholders that are filled in order (``%s``, ``%d``) appear in another order.

    Only placeholders filled in order can be misordered: positional ones (``%2$s %1$s``) and named ones
    (``%(name)s``, ``{name}``, ``%{name}``) may move freely, and a translation that switches to
    positional placeholders to reorder them is correct (``%2$d … %1$s`` for ``%s … %d``; not in Python
    ``%`` strings, which have no positional form). Placeholders of the same kind cannot be told apart,
    so only a change of kinds (``%s … %d`` → ``%d … %s``) is seen.

    Why it matters: each placeholder receives the argument of the other, so the types no longer
    match — undefined behaviour in C and Objective-C, ``TypeError`` in Python. Severity critical.

    Example:
        Bad: source ``%s has %d new messages``, target ``%d nouveaux messages pour %s``
        Good: target ``%2$d nouveaux messages pour %1$s``

    Options: none of its own; reads the ``[rules.placeholders]`` family setting ``infer`` (see QA801).
    """

    meta = RuleMeta(
        code="QA805",
        name="placeholder-order-changed",
        category="design/misplaced-markup",
        severity=Severity.CRITICAL,
        summary="Printf placeholders filled in order (%s … %d) are reordered: use positional ones (%1$s).",
        needs_source=True,
    )
    family = PLACEHOLDERS

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for issue in self.issues(segment, ctx):
            if issue.kind != "order" or issue.source is None or issue.target is None:
                continue
            python = issue.source.syntax == "python"
            hint = (
                "use named placeholders (%(name)s)" if python else "use positional placeholders (%1$s, %2$d)"
            )
            yield Violation(
                f"{quoted(issue.target.text)} is where the source has {quoted(issue.source.text)}: "
                f"placeholders filled in order receive each other's arguments; {hint}",
                span=issue.span,
                data={"placeholder": issue.source.text, "found": issue.target.text},
            )


RULE = PlaceholderOrderChanged
