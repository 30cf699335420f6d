"""QA840 inconsistent-translation."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from qa_pipeline.analysis.fidelity.consistency import document_conflicts, line_of, short
from qa_pipeline.model import Severity, Violation
from qa_pipeline.ruleapi import Context, DocumentRule, RuleMeta


@dataclass(frozen=True)
class Options:
    min_letters: int = 2
    """Sources with fewer letters (outside placeholders) are not compared."""
    min_words: int = 2
    """Sources with fewer words are not compared: one word is often two parts of speech (``Open``
    the verb and the adjective) that a file without ``msgctxt`` cannot tell apart."""


class InconsistentTranslation(DocumentRule):
    """One source text translated in different ways within a file.

    Why it matters: a button called "Enregistrer" on one screen and "Sauvegarder" on the next makes
    users wonder whether they are different actions; in documentation, a term that changes name is
    a different term to the reader.

    Sources and translations are compared after normalizing case, whitespace, quotation-mark
    styles, French spacing, an ``&`` accelerator and punctuation at either end. Units whose PO
    ``msgctxt`` differs are different meanings and are not compared; each plural form is compared
    with the same form only; one-word sources are left out (``min-words``), because ``Open`` may be
    a verb in one place and an adjective in another. The translation most units use is taken as the reference; the others
    are reported, naming where the reference is used. Across the files of a run: QA842.

    Example:
        Bad: ``Save file`` → ``Enregistrer le fichier`` at line 10 and ``Sauvegarder le fichier`` at line 52
        Good: ``Open file`` (msgctxt ``verb``) → ``Ouvrir le fichier`` and (msgctxt ``state``) → ``Fichier ouvert``

    Options: ``min-letters`` (default 2), ``min-words`` (default 2).
    """

    meta = RuleMeta(
        code="QA840",
        name="inconsistent-translation",
        category="terminology/inconsistent-use",
        severity=Severity.MINOR,
        summary="The same source text is translated in different ways within a file.",
        needs_source=True,
    )
    Options = Options

    def check_document(self, ctx: Context) -> Iterator[Violation]:
        options = ctx.options if isinstance(ctx.options, Options) else Options()
        doc = ctx.document
        conflicts, _ = document_conflicts(doc, ctx.source_lang, options.min_letters, options.min_words)
        for c in conflicts:
            where = ", ".join(f"line {line_of(doc, o)}" for o in c.others)
            ref = c.others[0].target.strip()
            yield Violation(
                f"'{c.segment.source}' is translated differently elsewhere in this file: "
                f"'{short(ref)}' ({where})",
                segment_id=c.segment.id,
                data={"reference": ref, "lines": [line_of(doc, o) for o in c.others], "variants": c.variants},
            )


RULE = InconsistentTranslation
