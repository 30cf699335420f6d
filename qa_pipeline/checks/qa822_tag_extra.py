"""QA822 tag-extra."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.checks.fidelity import MarkupMixin
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class TagExtra(MarkupMixin, SegmentRule):
    """The translation has a tag that the source does not have.

    Tags are read and compared as QA821 does; an extra tag that takes the place of a missing one
    (``<strong>`` for ``<b>``, ``<g id="3">`` for ``<g id="1">``) is QA823's.

    Why it matters: unexpected formatting, an unbalanced element that breaks the page, or an XLIFF
    inline code that refers to nothing in the original document. Severity major.

    Example:
        Bad: source ``Save``, target ``<b>Enregistrer</b>``
        Good: target ``Enregistrer``

    Options: none.
    """

    meta = RuleMeta(
        code="QA822",
        name="tag-extra",
        category="design/added-markup",
        severity=Severity.MAJOR,
        summary="The translation has a tag or XLIFF inline element the source does not have.",
        needs_source=True,
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for issue in self.tag_issues(segment, ctx):
            if issue.kind == "extra":
                data = {"source": issue.source, "found": issue.found}
                yield Violation(issue.message, span=issue.span, data={k: v for k, v in data.items() if v})


RULE = TagExtra
