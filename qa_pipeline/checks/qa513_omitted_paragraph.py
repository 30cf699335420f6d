"""QA513 omitted-paragraph."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from qa_pipeline.analysis.structure.outliers import excerpt, has_words, weight
from qa_pipeline.model import Segment, Severity, SourceGap, Span, Violation
from qa_pipeline.ruleapi import Context, DocumentRule, RuleMeta


@dataclass(frozen=True)
class Options:
    min_weight: int = 15
    """Shorter source paragraphs (in letters; a Han character counts 2.5) are not reported: the
    alignment of a two-word heading or list item is too uncertain to call it omitted."""


class OmittedParagraph(DocumentRule):
    """A paragraph, heading or list item of the source that the translation leaves out.

    Why it matters: a dropped paragraph reads fluently, so neither the translator nor a reviewer who
    reads only the translation notices it; the reader of the translation simply never learns what it
    said. Translations paired with their source file (``layout`` and ``source`` in the config) are
    aligned paragraph by paragraph (length ratio, sentence counts, heading levels and segment kinds,
    shared numbers and word stems; a translator who merges two paragraphs into one or splits one
    into two is recognised). Each source paragraph that no target paragraph translates is reported
    at the place it is missing from (the start of the next target paragraph, or the end of the
    last); the message quotes it and gives its line in the source file.

    Inside one segment, other omissions are reported by other rules: a paragraph lost inside a
    multi-paragraph PO or XLIFF unit by QA512, a target much shorter than its source (a dropped
    sentence) by QA510, an empty translation by QA514.

    Example:
        Bad: source ``# Setup`` / ``Install the tool.`` / ``Then run it once to create the config.``,
        target ``# Installation`` / ``Installez l'outil.``
        Good: target ``# Installation`` / ``Installez l'outil. Lancez-le ensuite une fois pour créer
        la configuration.`` (two sentences merged into one paragraph are fine)

    Options: ``min-weight`` (default 15): the shortest source paragraph reported, in letters.
    """

    meta = RuleMeta(
        code="QA513",
        name="omitted-paragraph",
        category="accuracy/omission",
        severity=Severity.MAJOR,
        summary="A source paragraph that the translation leaves out.",
        needs_source=True,
    )
    Options = Options

    def check_document(self, ctx: Context) -> Iterator[Violation]:
        doc = ctx.document
        gaps: tuple[SourceGap, ...] = doc.source_gaps
        if not gaps or not has_words(doc.segments, ctx.target_language):
            return  # nothing omitted, or everything: an empty translation is QA514's
        by_id = {s.id: s for s in doc.segments}
        for gap in gaps:
            src = gap.segment
            if weight(src.prose) < ctx.options.min_weight:
                continue
            where, span = _position(gap, by_id)
            if where is None:
                continue
            yield Violation(
                f"the source {_KIND.get(src.kind.value, 'paragraph')} {excerpt(src.target)!r} "
                f"(line {gap.line} of the source) has no translation here",
                span=span,
                segment_id=where.id,
                data={
                    "source_segment": src.id,
                    "source_line": gap.line,
                    "source_excerpt": excerpt(src.target),
                },
            )


_KIND = {"heading": "heading", "list-item": "list item", "table-cell": "table cell"}


def _position(gap: SourceGap, by_id: dict[str, Segment]) -> tuple[Segment | None, Span]:
    """Where the omitted text belongs: the start of the next target segment, else the end of the last."""
    nxt = by_id.get(gap.before or "")
    if nxt is not None:
        return nxt, Span(0, 0)
    prev = by_id.get(gap.after or "")
    if prev is not None:
        end = len(prev.target.rstrip())
        return prev, Span(end, end)
    return None, Span(0, 0)


RULE = OmittedParagraph
