"""QA824 tag-nesting-broken."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.checks.fidelity import MarkupMixin
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class TagNestingBroken(MarkupMixin, SegmentRule):
    """The translation's tags are all there but no longer nest: one closes while an inner one is open.

    Only reported when the source's tags nest properly and the translation has the same tags (a
    missing or extra tag is QA821/QA822).

    Why it matters: browsers repair crossed tags in unpredictable ways, XML parsers (Android
    resources, XLIFF) refuse them. Severity major.

    Example:
        Bad: source ``<b>Note: <i>read this</i></b>``, target ``<b>Remarque : <i>lisez ceci</b></i>``
        Good: target ``<b>Remarque : <i>lisez ceci</i></b>``

    Options: none.
    """

    meta = RuleMeta(
        code="QA824",
        name="tag-nesting-broken",
        category="design/misplaced-markup",
        severity=Severity.MAJOR,
        summary="The translation's tags are all there but cross each other (<b><i>…</b></i>).",
        needs_source=True,
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for issue in self.tag_issues(segment, ctx):
            if issue.kind == "nesting":
                data = {"source": issue.source, "found": issue.found}
                yield Violation(issue.message, span=issue.span, data={k: v for k, v in data.items() if v})


RULE = TagNestingBroken
