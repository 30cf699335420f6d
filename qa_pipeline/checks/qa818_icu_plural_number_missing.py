"""QA818 icu-plural-number-missing."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.checks.families import PLACEHOLDERS
from qa_pipeline.checks.fidelity import IcuMixin
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class IcuPluralNumberMissing(IcuMixin, SegmentRule):
    """A plural branch that serves several numbers does not show the number, though the source does.

    A branch serves several numbers when the target language's rule gives its category to more than
    one count besides 0 (Russian ``one``: 1, 21, 31…; every ``other``); a branch for a single number
    (English or German ``one``, ``=0``) may say it in words ("un fichier"). The number is ``#`` or
    the plural's own argument (``{count}``).

    Why it matters: a Russian user with 21 files reads "один файл" (one file). Severity major.

    Example:
        Bad: ru ``{n, plural, one {один файл} few {# файла} many {# файлов} other {# файла}}``
        Good: ru ``{n, plural, one {# файл} few {# файла} many {# файлов} other {# файла}}``

    Options: none of its own; reads the ``[rules.placeholders]`` family setting ``infer`` (whether a
    string without format flags is taken as ICU when its source has a plural, select or typed argument).
    """

    meta = RuleMeta(
        code="QA818",
        name="icu-plural-number-missing",
        category="accuracy/omission",
        severity=Severity.MAJOR,
        summary="A plural branch used for several numbers lost the number (#) the source shows.",
        needs_source=True,
    )
    family = PLACEHOLDERS

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for issue in self.icu_issues(segment, ctx):
            if issue.kind == "pound":
                yield Violation(issue.message, span=issue.span, data=dict(issue.data))


RULE = IcuPluralNumberMissing
