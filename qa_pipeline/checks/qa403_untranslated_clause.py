"""QA403 untranslated-clause."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.langid.worker import analysis_for, start_background
from qa_pipeline.checks.families import UNTRANSLATED
from qa_pipeline.checks.qa402_untranslated_span import describe
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class UntranslatedClause(SegmentRule):
    """A full clause or sentence left in the source language inside a translated segment.

    Why it matters: a whole sentence the reader cannot understand is a major accuracy error, unlike a
    stray two-word leftover (QA402).

    How it decides: as QA402, for runs of at least ``clause-words`` words (default 5), or of three or
    more words that make up a whole sentence.

    Example:
        Bad: de ``Die Ergebnisse waren gut, but the sample size was small.``
        Good: de ``Die Ergebnisse waren gut, aber die Stichprobe war klein.``

    Options: none of its own. It reads the ``[rules.untranslated]`` family settings, as QA402
    (``clause-words``, ``min-words``, ``span-threshold``, ``assumed-source``…).
    """

    meta = RuleMeta(
        code="QA403",
        name="untranslated-clause",
        category="accuracy/untranslated",
        severity=Severity.MAJOR,
        summary="A whole clause or sentence left untranslated inside the target.",
    )
    family = UNTRANSLATED

    def prepare(self, ctx: Context) -> bool:
        return start_background(ctx, ctx.family_options)

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for run in analysis_for(segment, ctx, ctx.family_options).runs:
            if run.clause:
                data = {"language": run.language, "confidence": run.confidence, "words": run.words}
                yield Violation(describe(run, ctx.lang), span=run.span, data=data)


RULE = UntranslatedClause
