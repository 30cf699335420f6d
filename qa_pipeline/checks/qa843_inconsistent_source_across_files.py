"""QA843 inconsistent-source-across-files."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.fidelity.consistency import corpus_conflicts, line_of, run_languages, short
from qa_pipeline.checks.qa841_inconsistent_source import Options
from qa_pipeline.model import Severity, Violation
from qa_pipeline.ruleapi import CorpusContext, CorpusRule, RuleMeta


class InconsistentSourceAcrossFiles(CorpusRule):
    """Different source texts translated identically in different files of the run (same source and
    target language).

    Why it matters: when one catalog renders "Sign in" and another "Sign up" with the same words,
    users of the product cannot tell the two actions apart.

    The same normalization and exclusions as QA841 (inflection, word order, function words,
    placeholders, abbreviations, ``msgctxt``, one-word translations). The source most units of the run
    have (the first by file path on a tie) is the reference; a unit is reported when its file does not have the reference source with that
    translation (within a file, QA841 reports it). The run keeps 8-byte hashes, not texts.

    Example:
        Bad: ``Sign in`` → ``Se connecter`` in ``web/fr.po`` and ``Sign up`` → ``Se connecter`` in ``app/fr.po``
        Good: ``Sign up`` → ``S'inscrire``

    Options: ``min-letters`` (default 5), ``min-target-words`` (default 2).
    """

    meta = RuleMeta(
        code="QA843",
        name="inconsistent-source-across-files",
        category="terminology/inconsistent-use",
        severity=Severity.MINOR,
        summary="Different source texts are translated identically in different files of the run.",
        needs_source=True,
    )
    Options = Options

    def check_corpus(self, ctx: CorpusContext) -> Iterator[Violation]:
        options = ctx.options if isinstance(ctx.options, Options) else Options()
        docs = sorted((d for d in ctx.documents if d.has_source), key=lambda d: d.path)
        found = corpus_conflicts(
            docs, run_languages(docs), True, options.min_letters, 1, options.min_target_words
        )
        for c in found:
            d, s = c.others[0]
            ref = docs[d].segments[s]
            yield Violation(
                f"'{short(c.segment.source or '')}' gets the same translation as the different source "
                f"'{short(ref.source or '')}' ({docs[d].path}:{line_of(docs[d], ref)})",
                segment_id=c.segment.id,
                path=docs[c.document].path,
                data={"other_source": ref.source, "where": f"{docs[d].path}:{line_of(docs[d], ref)}"},
            )


RULE = InconsistentSourceAcrossFiles
