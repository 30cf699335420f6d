"""QA850 glossary-term-missing."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.fidelity.terms import check_terms
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class GlossaryTermMissing(SegmentRule):
    """A source term of the glossary whose required translation the target does not use.

    Why it matters: a product's terms are decided once (``file`` is ``Datei``, never ``Akte``); a
    translation that says something else reads as a different thing to users and breaks the links
    between UI, help and documentation.

    The glossary is the ``glossary`` setting: a CSV file (``source``, ``target``, ``forbidden``,
    ``lang`` columns, ``|`` between alternatives) or a TBX file (the terms of each language of a
    concept; any one of them will do). Terms match tolerant of inflection: Snowball stems for the
    languages that have a stemmer (``Datei`` matches ``Dateien``), else a word that starts with the
    term and has at most three more letters, else (Chinese, Japanese, Thai) the characters anywhere.
    A target that uses a forbidden term of the concept is QA851's.

    Example:
        Bad (glossary ``file`` → ``Datei``): source ``Delete the file``, target ``Akte löschen``
        Good: source ``Delete the file``, target ``Die Dateien löschen``

    Options: none (the glossary is a top-level setting).
    """

    meta = RuleMeta(
        code="QA850",
        name="glossary-term-missing",
        category="terminology/inconsistent-with-termbase",
        severity=Severity.MINOR,
        summary="A glossary term of the source is not translated with the glossary's term.",
        needs_source=True,
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        glossary = getattr(ctx.resources.settings, "terms", None)
        if glossary is None or segment.source is None or not ctx.target_language:
            return
        found = check_terms(
            glossary, segment.source_prose or "", segment.prose, ctx.source_lang, ctx.target_language
        )
        for term, required in found.missing:
            want = " or ".join(f"'{t}'" for t in required)
            yield Violation(
                f"the source has the glossary term '{term}': the target should use {want}",
                data={"term": term, "required": list(required)},
            )


RULE = GlossaryTermMissing
