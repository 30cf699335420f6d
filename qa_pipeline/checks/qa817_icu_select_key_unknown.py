"""QA817 icu-select-key-unknown."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.checks.families import PLACEHOLDERS
from qa_pipeline.checks.fidelity import IcuMixin
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class IcuSelectKeyUnknown(IcuMixin, SegmentRule):
    """An ICU ``select`` key of the translation is not one of the source's keys.

    Select keys are values the program passes (``male``, ``female``, ``admin``): they are not
    translated. A translation may drop branches and let ``other`` serve (a language without that
    distinction), so only keys the source lacks are reported.

    Why it matters: the program never passes that key; the branch is never shown and ``other`` is
    used instead. Severity major.

    Example:
        Bad: source ``{g, select, male {He} female {She} other {They}}``,
        target ``{g, select, masculin {Il} féminin {Elle} other {Iel}}``
        Good: target ``{g, select, male {Il} female {Elle} other {Iel}}``

    Options: none of its own; reads the ``[rules.placeholders]`` family setting ``infer`` (whether a
    string without format flags is taken as ICU when its source has a plural, select or typed argument).
    """

    meta = RuleMeta(
        code="QA817",
        name="icu-select-key-unknown",
        category="design/questionable-markup",
        severity=Severity.MAJOR,
        summary="An ICU select key is not in the source (a translated key such as masculin for male).",
        needs_source=True,
    )
    family = PLACEHOLDERS

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for issue in self.icu_issues(segment, ctx):
            if issue.kind == "select-key":
                yield Violation(issue.message, span=issue.span, data=dict(issue.data))


RULE = IcuSelectKeyUnknown
