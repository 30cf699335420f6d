"""QA841 inconsistent-source."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from qa_pipeline.analysis.fidelity.consistency import document_conflicts, line_of, short
from qa_pipeline.model import Severity, Violation
from qa_pipeline.ruleapi import Context, DocumentRule, RuleMeta


@dataclass(frozen=True)
class Options:
    min_letters: int = 5
    """Sources with fewer letters (outside placeholders) are not compared: abbreviations (``Tue``,
    ``p.m.``) rightly share the full word's translation."""
    min_target_words: int = 2
    """Shorter translations are not compared: one word often renders two synonyms rightly."""


class InconsistentSource(DocumentRule):
    """Different source texts translated identically within a file.

    Why it matters: when "Sign in" and "Sign up", or "Previous" and "Next", get one translation,
    one of them is wrong, and users cannot tell two actions apart.

    Not reported: sources that differ only in case, punctuation, whitespace, placeholders, numbers,
    inflection (``%d file`` / ``%d files``, stemmed), word order (``Password change`` / ``Change
    password``) or English function words (``Search %s`` / ``Search within %s``); sources of fewer
    than ``min-letters`` letters (abbreviations: ``Tue``, ``p.m.``); units whose PO
    ``msgctxt`` differs; one-word translations (``min-target-words``), because a language often has
    one word where English has two synonyms. The source most units have (the first on a tie) is
    the reference; the units of the others are reported, naming where it is. Across the files of a run: QA843.

    Example:
        Bad: ``Sign in`` → ``Se connecter`` and ``Sign up`` → ``Se connecter``
        Good: ``%d file deleted`` → ``%d fichiers supprimés`` and ``%d files deleted`` → the same

    Options: ``min-letters`` (default 5), ``min-target-words`` (default 2).
    """

    meta = RuleMeta(
        code="QA841",
        name="inconsistent-source",
        category="terminology/inconsistent-use",
        severity=Severity.MINOR,
        summary="Different source texts are translated identically within a file.",
        needs_source=True,
    )
    Options = Options

    def check_document(self, ctx: Context) -> Iterator[Violation]:
        options = ctx.options if isinstance(ctx.options, Options) else Options()
        doc = ctx.document
        _, conflicts = document_conflicts(
            doc, ctx.source_lang, options.min_letters, 1, options.min_target_words
        )
        for c in conflicts:
            ref = c.others[0]
            yield Violation(
                f"'{short(c.segment.source or '')}' gets the same translation as the different source "
                f"'{short(ref.source or '')}' (line {line_of(doc, ref)})",
                segment_id=c.segment.id,
                data={"other_source": ref.source, "lines": [line_of(doc, o) for o in c.others]},
            )


RULE = InconsistentSource
