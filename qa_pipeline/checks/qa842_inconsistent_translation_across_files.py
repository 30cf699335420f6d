"""QA842 inconsistent-translation-across-files."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.fidelity.consistency import corpus_conflicts, line_of, run_languages, short
from qa_pipeline.checks.qa840_inconsistent_translation import Options
from qa_pipeline.model import Severity, Violation
from qa_pipeline.ruleapi import CorpusContext, CorpusRule, RuleMeta


class InconsistentTranslationAcrossFiles(CorpusRule):
    """One source text translated in different ways in different files of the run (same source and
    target language).

    Why it matters: the catalogs of one product (an app and its plugins, a site's sections) are read
    as one text; a term that changes from one catalog to the next is a different term to the reader.

    The same normalization and exclusions as QA840 (case, whitespace, punctuation, ``msgctxt``,
    plural forms, one-word sources). The translation most units of the run use is the reference; a
    unit is reported when its file does not use the reference at all (within a file, QA840 reports
    it), naming up to three files where the reference is used. Files of different target languages
    or regions (``pt-BR``, ``pt-PT``) are never compared. The run keeps 8-byte hashes, not texts.

    Example:
        Bad: ``Delete file`` → ``Supprimer le fichier`` in ``admin/fr.po`` and ``Effacer le fichier`` in ``core/fr.po``
        Good: the same translation in both catalogs

    Options: ``min-letters`` (default 2), ``min-words`` (default 2).
    """

    meta = RuleMeta(
        code="QA842",
        name="inconsistent-translation-across-files",
        category="terminology/inconsistent-use",
        severity=Severity.MINOR,
        summary="The same source text is translated in different ways in different files of the run.",
        needs_source=True,
    )
    Options = Options

    def check_corpus(self, ctx: CorpusContext) -> Iterator[Violation]:
        options = ctx.options if isinstance(ctx.options, Options) else Options()
        docs = sorted((d for d in ctx.documents if d.has_source), key=lambda d: d.path)
        for c in corpus_conflicts(docs, run_languages(docs), False, options.min_letters, options.min_words):
            where = ", ".join(f"{docs[d].path}:{line_of(docs[d], docs[d].segments[s])}" for d, s in c.others)
            ref = docs[c.others[0][0]].segments[c.others[0][1]].target.strip()
            yield Violation(
                f"'{short(c.segment.source or '')}' is translated differently in other files: "
                f"'{short(ref)}' ({where})",
                segment_id=c.segment.id,
                path=docs[c.document].path,
                data={"reference": ref, "where": where, "variants": c.variants},
            )


RULE = InconsistentTranslationAcrossFiles
