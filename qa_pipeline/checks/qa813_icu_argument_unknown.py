"""QA813 icu-argument-unknown."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.checks.families import PLACEHOLDERS
from qa_pipeline.checks.fidelity import IcuMixin
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class IcuArgumentUnknown(IcuMixin, SegmentRule):
    """The ICU translation uses an argument the source does not have.

    Usually a translated or misspelt name (``{nom}`` for ``{name}``, ``{Count}``), sometimes an argument
    copied from another message. The message lists the source's arguments.

    Why it matters: the program passes no value for it. Format.js throws ("The intl string context
    variable was not provided"), ICU shows ``{nom}`` literally. Severity critical.

    Example:
        Bad: source ``Hello {name}``, target ``Bonjour {nom}``
        Good: target ``Bonjour {name}``

    Options: none of its own; reads the ``[rules.placeholders]`` family setting ``infer`` (whether a
    string without format flags is taken as ICU when its source has a plural, select or typed argument).
    """

    meta = RuleMeta(
        code="QA813",
        name="icu-argument-unknown",
        category="design/added-markup",
        severity=Severity.CRITICAL,
        summary="The ICU translation has an argument the source does not have (a translated or misspelt name).",
        needs_source=True,
    )
    family = PLACEHOLDERS

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for issue in self.icu_issues(segment, ctx):
            if issue.kind == "unknown":
                yield Violation(issue.message, span=issue.span, data=dict(issue.data))


RULE = IcuArgumentUnknown
