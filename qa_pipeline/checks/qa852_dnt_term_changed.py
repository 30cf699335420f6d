"""QA852 dnt-term-changed."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.fidelity.terms import dnt_missing
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class DntTermChanged(SegmentRule):
    """A do-not-translate term of the source that the target does not carry unchanged.

    Why it matters: product names, brands and code names are the same in every language; a
    translated (``Renard de feu``), transliterated (``ファイアフォックス``) or respelled (``FireFox``)
    name is a different name to search engines, trademarks and users.

    The terms are the ``dnt`` and ``dnt-file`` settings (and ``[per-language.<code>] dnt``). A term
    counts when the source has it as a whole word with the same letter case; the target must have it
    with the same spelling and case, and may glue a suffix to it, as languages that decline names
    do (``Firefoxu``, ``Firefoxissa``, ``Firefoxを``).

    Example:
        Bad (dnt ``Firefox``): source ``Firefox is up to date``, target ``ファイアフォックスは最新です``
        Good: source ``Firefox is up to date``, target ``Firefox は最新です``

    Options: none (the terms are top-level settings).
    """

    meta = RuleMeta(
        code="QA852",
        name="dnt-term-changed",
        category="accuracy/do-not-translate",
        severity=Severity.MAJOR,
        summary="A do-not-translate term of the source is missing or changed in the target.",
        needs_source=True,
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        if not ctx.dnt or segment.source is None:
            return
        for term in dnt_missing(sorted(ctx.dnt), segment.source, segment.target):
            yield Violation(
                f"the do-not-translate term '{term}' of the source is not in the target unchanged",
                data={"term": term},
            )


RULE = DntTermChanged
