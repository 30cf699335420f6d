"""QA814 icu-argument-type-changed."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.checks.families import PLACEHOLDERS
from qa_pipeline.checks.fidelity import IcuMixin
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class IcuArgumentTypeChanged(IcuMixin, SegmentRule):
    """An ICU argument has another type than in the source.

    Types: none (``{n}``), ``number``, ``date``, ``time``, ``spellout``, ``ordinal``, ``duration``,
    ``plural``, ``selectordinal``, ``select``, ``choice``. A number's style counts
    (``::currency/EUR``, ``percent``); a date or time style may change (``{d, date, short}`` →
    ``{d, date, long}`` is a locale decision). ``{n}`` and ``{n, number}`` format alike, and a
    translation may show a plural's number as ``{n}`` and drop the plural where its language does
    not inflect (Chinese ``{n} 个文件``; Hungarian after a numeral).

    Why it matters: the value is formatted differently (a price without its currency, a date as a
    raw timestamp), a plural turned into a select matches no key and always shows ``other``, a
    select shown as ``{gender}`` prints the raw key. Severity major.

    Example:
        Bad: source ``Total: {amount, number, ::currency/EUR}``, target ``Total : {amount}``
        Good: target ``Total : {amount, number, ::currency/EUR}``

    Options: none of its own; reads the ``[rules.placeholders]`` family setting ``infer`` (whether a
    string without format flags is taken as ICU when its source has a plural, select or typed argument).
    """

    meta = RuleMeta(
        code="QA814",
        name="icu-argument-type-changed",
        category="design/questionable-markup",
        severity=Severity.MAJOR,
        summary="An ICU argument's type changed ({n, number} became {n}, a plural became a select).",
        needs_source=True,
    )
    family = PLACEHOLDERS

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for issue in self.icu_issues(segment, ctx):
            if issue.kind == "type":
                yield Violation(issue.message, span=issue.span, data=dict(issue.data))


RULE = IcuArgumentTypeChanged
