"""QA821 tag-missing."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.checks.fidelity import MarkupMixin
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class TagMissing(MarkupMixin, SegmentRule):
    """A tag of the source is missing from the translation.

    Tags are HTML/XML tags in the text (``<b>``, ``</a>``, ``<br/>``, Format.js ``<link>…</link>``,
    Android ``<xliff:g>``) and XLIFF inline elements (``<g>``, ``<x/>``, ``<bx/>``/``<ex/>``,
    ``<ph>``, ``<bpt>``/``<ept>``, ``<it>``, ``<mrk>``, 2.0 ``<pc>``, ``<sc/>``/``<ec/>``, ``<sm/>``/``<em/>``),
    compared by name, by opening/closing, and for XLIFF elements by ``id``; they may move. A ``<word>``
    that is no HTML element and is never closed is a metavariable (``<file>``), not a tag. Not checked
    in plain-text documents, where QA302 leaked-html reports tags as leaked markup.

    Why it matters: formatting or a link is lost, an unclosed element breaks the page, and an XLIFF
    file with a missing inline code cannot be merged back into its document. Severity major.

    Example:
        Bad: source ``Read the <a href="/terms">terms</a>``, target ``Lisez les conditions``
        Good: target ``Lisez les <a href="/terms">conditions</a>``

    Options: none.
    """

    meta = RuleMeta(
        code="QA821",
        name="tag-missing",
        category="design/missing-markup",
        severity=Severity.MAJOR,
        summary="A tag or XLIFF inline element of the source is missing from the translation.",
        needs_source=True,
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for issue in self.tag_issues(segment, ctx):
            if issue.kind == "missing":
                data = {"source": issue.source, "found": issue.found}
                yield Violation(issue.message, span=issue.span, data={k: v for k, v in data.items() if v})


RULE = TagMissing
