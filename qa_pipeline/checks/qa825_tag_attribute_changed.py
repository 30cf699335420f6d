"""QA825 tag-attribute-changed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from qa_pipeline.analysis.fidelity.markup import TRANSLATABLE_ATTRIBUTES
from qa_pipeline.checks.fidelity import MarkupMixin
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


@dataclass(frozen=True)
class Options:
    translatable_attributes: tuple[str, ...] = TRANSLATABLE_ATTRIBUTES
    """Attributes whose value is text for the reader and may be translated."""


class TagAttributeChanged(MarkupMixin, SegmentRule):
    """A tag's attribute that is not text for the reader changed: ``href``, ``src``, ``class``, ``id``,
    ``style``, ``target``…, or the native code inside an XLIFF ``<ph>``/``<bpt>``/``<ept>``/``<it>``.

    Attributes that are text (``title``, ``alt``, ``aria-label``, ``placeholder``, ``label``,
    ``value``…, XLIFF ``equiv-text``/``disp``) may be translated; the list is the
    ``translatable-attributes`` option. A URL that only changes its language code (``/en-US/`` →
    ``/fr/``) is fine. One finding per tag.

    Why it matters: a link that points elsewhere, a broken image, lost styling; changed native code
    corrupts the original document on merge-back. Severity major.

    Example:
        Bad: source ``See <a href="https://example.org/help">help</a>``,
        target ``Voir l'<a href="https://example.org/aide">aide</a>``
        Good: target ``Voir l'<a href="https://example.org/help" title="Aide">aide</a>``

    Options: ``translatable-attributes``: attributes whose value may be translated (default: ``title``,
    ``alt``, ``aria-label`` and the other ARIA text attributes, ``placeholder``, ``label``, ``summary``, ``abbr``,
    ``value``, ``content``, XLIFF ``equiv-text``, ``disp``…).
    """

    meta = RuleMeta(
        code="QA825",
        name="tag-attribute-changed",
        category="design/questionable-markup",
        severity=Severity.MAJOR,
        summary="A tag's non-translatable attribute (href, src, class) or an XLIFF element's native code changed.",
        needs_source=True,
    )
    Options = Options

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for issue in self.tag_issues(segment, ctx, ctx.options.translatable_attributes):
            if issue.kind == "attribute":
                data = {"source": issue.source, "found": issue.found}
                yield Violation(issue.message, span=issue.span, data={k: v for k, v in data.items() if v})


RULE = TagAttributeChanged
