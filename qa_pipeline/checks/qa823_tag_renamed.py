"""QA823 tag-renamed."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.checks.fidelity import MarkupMixin
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class TagRenamed(MarkupMixin, SegmentRule):
    """A tag of the source is in the translation as another tag.

    A tag missing from the translation and an extra one of the same kind (opening, closing or empty)
    make a pair: another element (``<strong>`` for ``<b>``) or another XLIFF id (``<g id="3">`` for
    ``<g id="1">``). A renamed element reports its opening tag only.

    Why it matters: the styling differs from the source's and the XLIFF codes no longer match the
    original document's, so merging back puts formatting in the wrong place or fails. Severity major.

    Example:
        Bad: source ``Click <g id="1">Save</g>``, target ``Cliquez sur <g id="2">Enregistrer</g>``
        Good: target ``Cliquez sur <g id="1">Enregistrer</g>``

    Options: none.
    """

    meta = RuleMeta(
        code="QA823",
        name="tag-renamed",
        category="design/questionable-markup",
        severity=Severity.MAJOR,
        summary="A tag of the source is another tag in the translation (<b> became <strong>, g id 1 became id 3).",
        needs_source=True,
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for issue in self.tag_issues(segment, ctx):
            if issue.kind == "renamed":
                data = {"source": issue.source, "found": issue.found}
                yield Violation(issue.message, span=issue.span, data={k: v for k, v in data.items() if v})


RULE = TagRenamed
