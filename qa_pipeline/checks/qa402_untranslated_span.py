"""QA402 untranslated-span."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.langid.detect import language_label
from qa_pipeline.analysis.langid.untranslated import ForeignRun
from qa_pipeline.analysis.langid.worker import analysis_for, start_background
from qa_pipeline.checks.families import UNTRANSLATED
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


def describe(run: ForeignRun, target: str) -> str:
    """The message of QA402/QA403: what was found, in which language, and why it is not a name."""
    lang = language_label(run.language) if run.language else "another script"
    how = (
        "Latin/foreign script in a " + language_label(target) + " text"
        if run.by == "script"
        else f"{lang} vs {language_label(target)} confidence {run.confidence:.2f}"
        if run.confidence is not None
        else lang
    )
    where = "; also in the source" if run.in_source else ""
    return f"{run.words} word(s) left in {lang}: '{run.text}' ({how}{where})"


class UntranslatedSpan(SegmentRule):
    """A short run of source-language (or foreign-script) words inside a translated segment.

    Why it matters: leftovers such as ``not found``, ``read more`` or ``odds ratio`` inside a
    translated sentence are easy to miss in review and read as a mistake.

    How it decides: runs of at least ``min-words`` words or ``min-letters`` letters. For targets in
    another script than the source (ja, zh, ko, ar, ru, el, he, th, hi…) a run of Latin-script words is
    a candidate; for targets in the same script each word is weighed by lingua restricted to {source,
    target} and a run is kept when the run as a whole is source language (``span-threshold``). Names
    are not reported: words in mixed case (``iPhone``, ``PayScale``), acronyms (``BLS``), capitalised
    words inside a sentence and title-case runs (``Harris Poll``, ``Bureau of Labor Statistics``),
    codes, file names, URLs, e-mails, placeholders, units, ``dnt`` terms and the allow-list. Without a
    source, the source is assumed to be ``assumed-source`` (English). A full clause is QA403.

    Example:
        Bad: fr ``Le serveur a répondu not found à chaque tentative.``
        Good: fr ``Selon PayScale, le Bureau of Labor Statistics publie ces chiffres.`` (names)

    Options: none of its own. It reads the ``[rules.untranslated]`` family settings (shared with
    QA401, QA403, QA404, so a run is a span or a clause, never both): ``min-words`` (2),
    ``min-letters`` (12), ``clause-words`` (5, from here QA403), ``span-threshold`` (0.7),
    ``switch-penalty`` (1.5: how much evidence a run needs), ``assumed-source`` (``en``).
    """

    meta = RuleMeta(
        code="QA402",
        name="untranslated-span",
        category="accuracy/untranslated",
        severity=Severity.MINOR,
        summary="A short run of untranslated (source-language) words inside the target.",
    )
    family = UNTRANSLATED

    def prepare(self, ctx: Context) -> bool:
        return start_background(ctx, ctx.family_options)

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for run in analysis_for(segment, ctx, ctx.family_options).runs:
            if not run.clause:
                yield Violation(describe(run, ctx.lang), span=run.span, data=_data(run))


def _data(run: ForeignRun) -> dict[str, object]:
    return {"language": run.language, "confidence": run.confidence, "words": run.words, "method": run.by}


RULE = UntranslatedSpan
