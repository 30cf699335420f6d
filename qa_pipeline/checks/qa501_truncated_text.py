"""QA501 truncated-text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from qa_pipeline.analysis.punctuation import ending
from qa_pipeline.analysis.structure.outliers import abrupt_end, broken_end, weight
from qa_pipeline.model import PROTECTED_CHAR, Segment, SegmentKind, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


@dataclass(frozen=True)
class Options:
    min_words: int = 6
    """Without a source, segments with fewer words are labels and are not checked for a final word."""


class TruncatedText(SegmentRule):
    """A segment that stops mid-sentence: after a comma, a conjunction or article, an opening
    bracket or quotation mark, a hyphen, or inside a broken character.

    Why it matters: a cut-off paragraph is a design defect that every reader notices; it comes from
    length limits in machine translation, from page extraction that cuts at a fixed size, and from
    string buffers cut at a byte count (which leaves a broken ``�`` character). Headings and UI labels
    are not sentences: a segment whose source ends the same way (``Sort by``), a heading, and a short
    label (fewer than ``min-words`` words without a source) are not reported for a final comma or word.

    Example:
        Bad: ``Agent ostaje smiren i uljudan,``
        Good: ``Agent ostaje smiren i uljudan, čak i kada je kupac ljut.``

    Options: ``min-words`` (default 6): without a source, the shortest segment checked for a final
    comma or dangling word.
    """

    meta = RuleMeta(
        code="QA501",
        name="truncated-text",
        category="design/truncation",
        severity=Severity.MAJOR,
        summary="The text stops mid-sentence (comma, conjunction, open bracket, broken character).",
    )

    Options = Options

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        text = segment.prose.rstrip()
        if not text or text.endswith(PROTECTED_CHAR):
            return
        broken = broken_end(text)
        if broken is not None:
            yield Violation(
                "the text ends inside a broken character (cut at a byte limit)", span=Span(broken, len(text))
            )
            return
        if segment.kind is SegmentKind.HEADING:
            return
        source = segment.source_prose.rstrip() if segment.source_prose is not None else None
        if source is not None:
            if not source or ending(source, ctx.source_language).cls == "none":
                return  # the source is a label or a fragment too
        elif len(text.split()) < ctx.options.min_words and weight(text) < 2.5 * ctx.options.min_words * 4:
            return
        if ending(text, ctx.target_language).cls != "none":
            return
        signal = abrupt_end(text, ctx.target_language)
        if signal is not None:
            start, what = signal
            yield Violation(f"the text stops mid-sentence after {what}", span=Span(start, len(text)))


RULE = TruncatedText
