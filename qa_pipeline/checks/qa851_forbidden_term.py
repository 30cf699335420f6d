"""QA851 forbidden-term."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.fidelity.terms import check_terms
from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class ForbiddenTerm(SegmentRule):
    """A target term that the glossary forbids: a deprecated or superseded translation.

    Why it matters: deprecated terms are the ones a team decided against (an old product name, a
    term that misleads); each use undoes that decision in front of users.

    Forbidden terms are the ``forbidden`` column of a CSV glossary and the TBX terms whose
    ``administrativeStatus`` (or ``normativeAuthorization``) is ``deprecatedTerm-admn-sts`` or
    ``supersededTerm-admn-sts``. One is reported when the concept's source term is in the source
    (or the concept has none), unless the same word is a required term of another concept whose
    source term is there too (``répertoire`` may be wrong for *folder* and right for *directory*).
    Matching is tolerant of inflection as in QA850.

    Example:
        Bad (glossary ``folder``: ``dossier``, forbidden ``répertoire``): source ``Open the folder``,
        target ``Ouvrir le répertoire``
        Good: source ``Open the folder``, target ``Ouvrir le dossier``

    Options: none (the glossary is a top-level setting).
    """

    meta = RuleMeta(
        code="QA851",
        name="forbidden-term",
        category="terminology/inconsistent-with-termbase",
        severity=Severity.MAJOR,
        summary="The target uses a term that the glossary forbids.",
        needs_source=True,
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        glossary = getattr(ctx.resources.settings, "terms", None)
        if glossary is None or segment.source is None or not ctx.target_language:
            return
        found = check_terms(
            glossary, segment.source_prose or "", segment.prose, ctx.source_lang, ctx.target_language
        )
        for match, source_term in found.forbidden:
            why = f" for '{source_term}'" if source_term else ""
            yield Violation(
                f"'{segment.target[match.start : match.end]}' is a forbidden term{why} (glossary: '{match.term}')",
                span=Span(match.start, match.end),
                data={"term": match.term, "source_term": source_term},
            )


RULE = ForbiddenTerm
