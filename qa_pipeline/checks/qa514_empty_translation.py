"""QA514 empty-translation."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.structure.outliers import has_words, source_words
from qa_pipeline.model import Severity, Violation
from qa_pipeline.ruleapi import Context, DocumentRule, RuleMeta


class EmptyTranslation(DocumentRule):
    """A translation file with no text at all (empty, only whitespace, or only markup) while its
    source file has text.

    Why it matters: an empty file is the worst translation there is, yet no rule that looks for
    wrong text finds anything in it, and a score computed from findings alone would be 100. A file
    created as a placeholder, truncated by a failed export, or committed before the translation was
    pasted in ships a blank page. This rule reports it once, as a critical *accuracy/omission*
    error (the whole content is omitted; MQM's *untranslated* is for source text left in the
    target, which an empty file does not have), and the score's word count is the source's, so
    the file scores 0. It applies to translations paired with their source file (``layout`` and
    ``source`` in the config); in PO and XLIFF files each empty unit is QA101's business. The
    finding has no segment to point into: it is reported at line 1, column 1.

    Example:
        Bad: ``fr/guide.md`` is empty (or holds only ``<!-- TODO -->``) while ``en/guide.md`` has
        text.
        Good: ``fr/guide.md`` holds the translation.

    Options: none.
    """

    meta = RuleMeta(
        code="QA514",
        name="empty-translation",
        category="accuracy/omission",
        severity=Severity.CRITICAL,
        summary="The translation file has no text while its source has some.",
        needs_source=True,
    )

    def check_document(self, ctx: Context) -> Iterator[Violation]:
        doc = ctx.document
        if doc.source_path is None or has_words(doc.segments, ctx.target_language):
            return
        n = source_words(doc, ctx.source_language)
        if n:
            yield Violation(
                f"the translation is empty while its source has {n} word(s)",
                data={"source_file": doc.source_path, "source_words": n},
            )


RULE = EmptyTranslation
