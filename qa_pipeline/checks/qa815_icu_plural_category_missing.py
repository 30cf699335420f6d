"""QA815 icu-plural-category-missing."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.checks.families import PLACEHOLDERS
from qa_pipeline.checks.fidelity import IcuMixin
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class IcuPluralCategoryMissing(IcuMixin, SegmentRule):
    """An ICU plural of the translation lacks a category that the target language uses.

    The categories come from CLDR's plural rules for the target language (Babel): Polish and Russian
    need ``one``, ``few`` and ``many``, Arabic ``zero``, ``one``, ``two``, ``few``, ``many``, Japanese
    only ``other``. A category only used for numbers no count reaches (French ``many``, for millions
    in compact notation) is not required, nor one whose numbers are all covered by ``=N`` branches
    (``=1`` covers English ``one``). Where ``other`` serves no whole number (Russian, Polish, Czech),
    ``other`` may hold one missing category's form (``one few other`` is a working Russian plural).
    Only reported when the source inflects (it has a branch besides ``other`` and ``=0``) and the
    number is shown, in the branches or beside the plural (``{n} {n, plural, …}``): without a number
    next to it the forms agree anyway. One finding per plural. ``selectordinal`` uses the ordinal
    rules. Needs a known target language.

    Why it matters: those numbers get the ``other`` text, in the wrong grammatical form
    ("5 plik" instead of "5 plików"). Severity major.

    Example:
        Bad: pl ``{n, plural, one {# plik} other {# pliki}}`` ("5 pliki" should be "5 plików")
        Good: pl ``{n, plural, one {# plik} few {# pliki} many {# plików} other {# pliku}}``

    Options: none of its own; reads the ``[rules.placeholders]`` family setting ``infer`` (whether a
    string without format flags is taken as ICU when its source has a plural, select or typed argument).
    """

    meta = RuleMeta(
        code="QA815",
        name="icu-plural-category-missing",
        category="fluency/grammar",
        severity=Severity.MAJOR,
        summary="An ICU plural lacks a category the target language needs (few and many in Polish).",
        needs_source=True,
    )
    family = PLACEHOLDERS

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for issue in self.icu_issues(segment, ctx):
            if issue.kind == "category-missing":
                yield Violation(issue.message, span=issue.span, data=dict(issue.data))


RULE = IcuPluralCategoryMissing
