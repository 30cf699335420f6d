"""QA816 icu-plural-category-invalid."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.checks.families import PLACEHOLDERS
from qa_pipeline.checks.fidelity import IcuMixin
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class IcuPluralCategoryInvalid(IcuMixin, SegmentRule):
    """An ICU plural key is one the target language never selects, or no CLDR category at all.

    Keys are checked against CLDR's categories for the target language (``one`` is fine in French,
    ``few`` is never chosen in German, Japanese has only ``other``); ``=N`` keys are always fine, and
    so is a category kept from the source's structure (an English ``one`` left in a Japanese message is
    dead but harmless). Without a known target language only non-CLDR keys (``single``, ``plural``)
    are reported.

    Why it matters: the translator wrote a form for a category the language never uses, so the text
    meant for those numbers is never shown; with a key that is no category at all the intended form is
    never shown either. Severity minor.

    Example:
        Bad: de ``{n, plural, one {# Datei} few {# Dateien} other {# Dateien}}``
        Good: de ``{n, plural, one {# Datei} other {# Dateien}}``

    Options: none of its own; reads the ``[rules.placeholders]`` family setting ``infer`` (whether a
    string without format flags is taken as ICU when its source has a plural, select or typed argument).
    """

    meta = RuleMeta(
        code="QA816",
        name="icu-plural-category-invalid",
        category="design/questionable-markup",
        severity=Severity.MINOR,
        summary="An ICU plural key is never selected in the target language (few in German) or is no CLDR category.",
        needs_source=True,
    )
    family = PLACEHOLDERS

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for issue in self.icu_issues(segment, ctx):
            if issue.kind == "category-invalid":
                yield Violation(issue.message, span=issue.span, data=dict(issue.data))


RULE = IcuPluralCategoryInvalid
