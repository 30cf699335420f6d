"""QA401 wrong-language-segment."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.langid.detect import language_label
from qa_pipeline.analysis.langid.worker import analysis_for, start_background
from qa_pipeline.checks.families import UNTRANSLATED
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class WrongLanguageSegment(SegmentRule):
    """A whole segment is written in another language than the target (usually left in the source).

    Why it matters: a paragraph, heading or string left in English (or in a third language) is the
    most visible translation defect; the reader of the target language gets nothing.

    How it decides: for targets written in another script than the text (Latin text in a Japanese,
    Arabic or Russian document) the script decides; otherwise lingua, restricted to the source and
    target languages, weighs the whole segment (and langdetect names a third language for segments of
    nine or more words). When the document has no source, the source language is assumed to be
    ``assumed-source`` (English). Names, acronyms, codes, URLs, do-not-translate terms (``dnt``) and
    allow-listed words are ignored; a segment identical to its source is left to QA102.

    Example:
        Bad: fr target ``The file could not be saved because the disk is full.``
        Good: fr target ``Le fichier n'a pas pu être enregistré : le disque est plein.``

    Options: none of its own. It reads the ``[rules.untranslated]`` family settings (shared with
    QA402–QA404): ``assumed-source`` (``en``), ``segment-threshold`` (lingua confidence for the source,
    0.9), ``segment-min-words`` (3), ``min-words`` (2) / ``min-letters`` (12) for text in a foreign
    script.
    """

    meta = RuleMeta(
        code="QA401",
        name="wrong-language-segment",
        category="accuracy/untranslated",
        severity=Severity.MAJOR,
        summary="The whole segment is in another language than the target.",
    )
    family = UNTRANSLATED

    def prepare(self, ctx: Context) -> bool:
        return start_background(ctx, ctx.family_options)

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        whole = analysis_for(segment, ctx, ctx.family_options).whole
        if whole is None:
            return
        target = language_label(ctx.lang)
        if whole.language is None:
            message = f"segment is not written in {target} (text in another script)"
        else:
            conf = f", confidence {whole.confidence:.2f}" if whole.confidence is not None else ""
            message = f"segment is in {language_label(whole.language)}, not {target} ({whole.by}{conf})"
        data = {"language": whole.language, "confidence": whole.confidence, "method": whole.by}
        yield Violation(message, data=data)


RULE = WrongLanguageSegment
