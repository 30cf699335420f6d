"""QA826 link-target-changed."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.checks.fidelity import MarkupMixin
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class LinkTargetChanged(MarkupMixin, SegmentRule):
    """A Markdown link's or image's destination (``[text](destination)``) changed or is missing.

    Checked in Markdown documents and in strings whose source has a Markdown link. The link text
    (and an image's alt text, and the title) is translatable; the destination is not, except for its
    language code (``/en/docs`` → ``/fr/docs``, or a page of the same site in the target language).
    Destinations are matched in any order; an unmatched one of the translation is paired with an
    unmatched one of the source. An example address (``example.com``, ``*.example``) may be localized
    like the text around it. A space between ``]`` and ``(`` (``[text] (url)``) is no link: the finding
    says so. Bare URLs and autolinks are compared by the URL rules.

    Why it matters: readers land on a wrong or broken page, or lose the link. Severity major.

    Example:
        Bad: source ``See [the guide](https://docs.acme.dev/guide)``,
        target ``Voir [le guide](https://docs.acme.dev/guia)``
        Good: target ``Voir [le guide](https://docs.acme.dev/guide)`` (or the French page, ``https://docs.acme.dev/fr/guide``)

    Options: none.
    """

    meta = RuleMeta(
        code="QA826",
        name="link-target-changed",
        category="design/questionable-markup",
        severity=Severity.MAJOR,
        summary="A Markdown link's or image's destination changed or is missing in the translation.",
        needs_source=True,
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for issue in self.link_issues(segment, ctx):
            if issue.kind == "link":
                data = {"source": issue.source, "found": issue.found}
                yield Violation(issue.message, span=issue.span, data={k: v for k, v in data.items() if v})


RULE = LinkTargetChanged
