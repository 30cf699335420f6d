"""QA802 placeholder-extra."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.checks.families import PLACEHOLDERS
from qa_pipeline.checks.fidelity import PlaceholderMixin, quoted
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class PlaceholderExtra(PlaceholderMixin, SegmentRule):
    """The translation has a placeholder that the source does not have.

    Placeholders are read as QA801 reads them (format flags, `placeholder-formats`, or the source's
    own syntax). A placeholder that only spells a source placeholder differently (``{nom}`` for
    ``{name}``, ``{ name }``) is QA803's; one more ``%s`` than the source has is reported here. A form of
    a plural message may use a placeholder of any form of the source's (``%d`` in a singular).

    Why it matters: the program does not pass a value for it. Python raises ``KeyError`` or
    ``TypeError``, .NET ``FormatException``, Ruby ``I18n::MissingInterpolationArgument``; C and
    Objective-C read an argument that is not there (undefined behaviour, often a crash); i18next and Qt
    show the raw code to the user. Severity critical.

    Example:
        Bad: source ``Saved``, target ``%s enregistré`` (c-format)
        Good: target ``Enregistré``

    Options: none of its own; reads the ``[rules.placeholders]`` family setting ``infer`` (see QA801).
    """

    meta = RuleMeta(
        code="QA802",
        name="placeholder-extra",
        category="design/added-markup",
        severity=Severity.CRITICAL,
        summary="The translation has a placeholder the source does not have: formatting fails or shows code.",
        needs_source=True,
    )
    family = PLACEHOLDERS

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for issue in self.issues(segment, ctx):
            if issue.kind != "extra" or issue.target is None:
                continue
            p = issue.target
            what = (
                "one placeholder more than the source has"
                if p.ordinal
                else "a placeholder the source does not have"
            )
            yield Violation(
                f"{quoted(p.text)} is {what}: the program passes no value for it",
                span=issue.span,
                data={"placeholder": p.text, "syntax": p.syntax, "key": p.key},
            )


RULE = PlaceholderExtra
