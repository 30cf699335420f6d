"""QA812 icu-argument-missing."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.checks.families import PLACEHOLDERS
from qa_pipeline.checks.fidelity import IcuMixin
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class IcuArgumentMissing(IcuMixin, SegmentRule):
    """An argument of the ICU source is missing from the translation, or from a plural/select branch.

    Arguments are compared by name. A branch of the translation is compared with the source's branch
    of the same key, else its ``other`` branch: a ``{name}`` the source's branch shows must be in it
    too. When an apostrophe quoted the argument away (``l'{name}``: ICU reads ``'{`` as the start of
    quoted text) the message says so. The plural's own number in a branch is QA818's.

    Why it matters: the value (a name, a count, a date) is not shown, and the sentence is often wrong
    without it. Severity major.

    Example:
        Bad: source ``{user} liked your post``, target ``a aimé votre publication``;
        target ``l'{user} …`` (apostrophe quotes the argument)
        Good: target ``{user} a aimé votre publication``; ``l''{user} …``

    Options: none of its own; reads the ``[rules.placeholders]`` family setting ``infer`` (whether a
    string without format flags is taken as ICU when its source has a plural, select or typed argument).
    """

    meta = RuleMeta(
        code="QA812",
        name="icu-argument-missing",
        category="design/missing-markup",
        severity=Severity.MAJOR,
        summary="An argument of the ICU source ({name}) is missing from the translation or from one of its branches.",
        needs_source=True,
    )
    family = PLACEHOLDERS

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for issue in self.icu_issues(segment, ctx):
            if issue.kind == "missing":
                yield Violation(issue.message, span=issue.span, data=dict(issue.data))


RULE = IcuArgumentMissing
