"""QA404 copied-source-run."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.langid.worker import analysis_for, start_background
from qa_pipeline.checks.families import UNTRANSLATED
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class CopiedSourceRun(SegmentRule):
    """A run of four or more consecutive source words copied verbatim into the target.

    Why it matters: a copied stretch of the source is untranslated text even when a language
    identifier cannot tell (words shared by both languages, a language without a model). A target
    identical to the whole source is QA102's; runs already reported by QA401–QA403 are not repeated.

    Not reported: title-case names (``Bureau of Labor Statistics``), acronyms, codes, numbers,
    ``dnt`` terms and allow-listed words (they do not count towards ``copy-min-words``), and pairs
    whose source and target language are the same.

    Example:
        Bad: source ``Press the power button and wait for the light``, fr target
        ``Appuyez sur power button and wait for the light``.
        Good: fr target ``Appuyez sur le bouton d'alimentation et attendez le voyant``.

    Options: none of its own. It reads ``copy-min-words`` (default 4) from the
    ``[rules.untranslated]`` family settings.
    """

    meta = RuleMeta(
        code="QA404",
        name="copied-source-run",
        category="accuracy/untranslated",
        severity=Severity.MINOR,
        summary="Four or more consecutive source words copied into the target.",
        needs_source=True,
    )
    family = UNTRANSLATED

    def prepare(self, ctx: Context) -> bool:
        return start_background(ctx, ctx.family_options)

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for span in analysis_for(segment, ctx, ctx.family_options).copied:
            text = segment.target[span.start : span.end]
            yield Violation(f"copied from the source: '{text}'", span=span)


RULE = CopiedSourceRun
