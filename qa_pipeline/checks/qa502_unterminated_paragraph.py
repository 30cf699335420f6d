"""QA502 unterminated-paragraph."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from qa_pipeline.analysis.punctuation import ending, has_terminal_prose
from qa_pipeline.analysis.structure.outliers import abrupt_end, broken_end, sentence_count, weight
from qa_pipeline.model import PROTECTED_CHAR, Segment, SegmentKind, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, DocumentRule, RuleMeta

_PROSE_KINDS = (SegmentKind.PARAGRAPH, SegmentKind.LIST_ITEM)
# the last word: letters and digits after the last space or punctuation mark (``l'équi``, and in an
# unspaced script the run after the last comma: ``チームによって評価されま``)
_LAST_WORD = regex.compile(r"[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}]|['’-](?=[\p{L}\p{M}\p{N}]))*\Z")


@dataclass(frozen=True)
class Options:
    min_share: float = 0.8
    """Without a source: the share of the document's multi-sentence paragraphs that must end with
    terminal punctuation before a paragraph without it counts as cut off."""


class UnterminatedParagraph(DocumentRule):
    """A prose paragraph that stops without terminal punctuation where its source, or the rest of the
    document, ends with one: the text was cut off.

    Why it matters: web-extracted and machine-translated documents are often cut at a fixed length,
    mid-word (``… žele postaviti, prom``). With a source, a paragraph or list item whose source ends a
    sentence but whose translation does not is reported. Without a source, a paragraph of two or more
    sentences is reported when it ends without terminal punctuation while at least ``min-share`` of
    the document's other multi-sentence paragraphs end with it (at least three of them), so a
    document whose paragraphs never end with a full stop (notes, captions) is left alone. Headings,
    titles, UI strings (PO/XLIFF units: see QA504) and languages without a sentence-final stop (Thai,
    Lao, Khmer, Burmese) are not checked.

    Example:
        Bad: ``Agents answer calls. They record each request and forward it to the right team so th``
        Good: ``Agents answer calls. They record each request and forward it to the right team.``

    Options: ``min-share`` (default 0.8).
    """

    meta = RuleMeta(
        code="QA502",
        name="unterminated-paragraph",
        category="design/truncation",
        severity=Severity.MAJOR,
        summary="A prose paragraph that stops without terminal punctuation (cut off).",
    )
    Options = Options

    def check_document(self, ctx: Context) -> Iterator[Violation]:
        lang = ctx.target_language
        if not has_terminal_prose(lang):
            return
        prose = [s for s in ctx.document.segments if _is_prose(s, lang)]
        with_source = [s for s in prose if s.source_prose is not None]
        for seg in with_source:
            src = seg.source_prose or ""
            if ending(src, ctx.source_language).cls in ("none", "colon") or _open(seg, lang) is None:
                continue
            yield _violation(seg, "its source ends the sentence")
        multi = [s for s in prose if s.source_prose is None and sentence_count(s.prose, lang) >= 2]
        if len(multi) < 4:
            return
        open_ = [s for s in multi if _open(s, lang) is not None]
        closed = len(multi) - len(open_)
        if closed < 3:
            return
        for seg in open_:
            if (closed / (len(multi) - 1)) >= ctx.options.min_share:
                yield _violation(
                    seg, f"{closed} of the document's other {len(multi) - 1} paragraphs end with one"
                )


def _is_prose(seg: Segment, lang: str | None) -> bool:
    """A paragraph or list item; or a "heading" that is really two sentences (readers guess headings
    from short lines without a final stop, which is exactly what a cut paragraph looks like)."""
    w = weight(seg.prose)
    if seg.kind in _PROSE_KINDS:
        return w >= 30
    return seg.kind is SegmentKind.HEADING and w >= 50 and sentence_count(seg.prose, lang) >= 2


def _open(seg: Segment, lang: str | None) -> int | None:
    text = seg.prose.rstrip()
    if not text or text.endswith(PROTECTED_CHAR) or ending(text, lang).cls != "none":
        return None
    if abrupt_end(text, lang) is not None or broken_end(text) is not None:
        return None  # QA501 reports it
    return len(text)


def _violation(seg: Segment, why: str) -> Violation:
    text = seg.prose.rstrip()
    m = _LAST_WORD.search(text)
    words = text.split()
    word = m.group(0) if m else words[-1] if words else ""
    last = len(word) if 0 < len(word) < 40 else min(len(text), 12)
    return Violation(
        f"the paragraph stops without terminal punctuation ({why}): it looks cut off",
        span=Span(len(text) - last, len(text)),
        segment_id=seg.id,
    )


RULE = UnterminatedParagraph
