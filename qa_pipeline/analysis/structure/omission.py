"""Sentences of a source segment that its translation leaves out.

A segment whose source has several sentences and whose target has fewer is aligned sentence by
sentence (:mod:`qa_pipeline.analysis.structure.align`; sentences merge and split freely). A source sentence that
no target sentence translates is an omission when the length agrees: the target is clearly shorter
than the file's usual target/source ratio predicts, and about as long as the source *without* the
omitted sentences. A translator who merges two sentences, or rewrites one shorter, is left alone.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from qa_pipeline.analysis.punctuation import has_terminal_prose
from qa_pipeline.analysis.structure.align import Aligner, item
from qa_pipeline.analysis.structure.outliers import RatioModel, source_ratio_model, uncertain_sources, weight
from qa_pipeline.model import Segment, Span
from qa_pipeline.text.segmentation import sentences

MIN_SOURCE = 40.0  # weight units (~8 words): shorter sources have too little to compare
MIN_OMITTED = 15.0  # an omitted sentence this long at least (about three words)
SHORT = 0.8  # the target is at most this share of its expected length...
EXPLAINED = 0.3  # ...and within this log-distance of the expected length of the rest
MERGE = 4.0  # a target already known to be short: merging two sentences is no likelier than leaving one out


@dataclass(frozen=True)
class SentenceOmission:
    """Source sentences missing from a segment's translation, and where they would go."""

    segment: Segment
    omitted: tuple[str, ...]  # the source sentences, in order
    position: int  # offset in the target where the first one would be
    ratio: float  # target length / expected length


def _pieces(text: str, prose: str, lang: str | None) -> list[tuple[Span, str, str]]:
    out = []
    for sp in sentences(text, lang):
        piece = text[sp.start : sp.end]
        if any(ch.isalnum() for ch in piece):
            out.append((sp, piece, prose[sp.start : sp.end]))
    return out


def segment_omission(
    seg: Segment, model: RatioModel, lang: str | None, source_lang: str | None
) -> SentenceOmission | None:
    """The sentences of ``seg``'s source that its target leaves out, judged against ``model``."""
    source, src_prose = seg.source, seg.source_prose
    if not source or src_prose is None or weight(src_prose) < MIN_SOURCE:
        return None
    if not has_terminal_prose(lang):
        return None  # Thai, Lao, Khmer, Burmese: no sentence-final stop, so no sentences to count
    src = _pieces(source, src_prose, source_lang)
    tgt = _pieces(seg.target, seg.prose, lang)
    if len(src) < 2 or not tgt or len(tgt) >= len(src):
        return None
    wt, ws = weight(seg.prose), weight(src_prose)
    expected = math.exp(model.median)
    ratio = wt / (ws * expected)
    if ratio > SHORT:
        return None
    aligner = Aligner(
        [item(p[1], p[2], lang=lang) for p in tgt],
        [item(p[1], p[2], lang=source_lang) for p in src],
        paragraphs=False,
        merge=MERGE,
    )
    omitted: list[str] = []
    position = None
    lost = 0.0
    for trange, srange in aligner.align(ratio=expected):
        if trange or not srange:
            continue
        for j in srange:
            lost += aligner.s[j].weight
            omitted.append(src[j][1].strip())
        if position is None:
            at = trange.start
            position = tgt[at][0].start if at < len(tgt) else len(seg.target.rstrip())
    if not omitted or position is None or max(weight(s) for s in omitted) < MIN_OMITTED:
        return None
    rest = ws - lost
    if rest <= 0 or abs(math.log(wt / (rest * expected))) > EXPLAINED:
        return None  # the missing sentences do not account for the missing length
    return SentenceOmission(seg, tuple(omitted), position, ratio)


def omissions(
    segments: Sequence[Segment], lang: str | None, source_lang: str | None
) -> list[SentenceOmission]:
    """Every segment's :func:`segment_omission`, against the file's own ratio model."""
    model = source_ratio_model(segments)
    unsure = uncertain_sources(segments)
    found = (
        segment_omission(s, model, lang, source_lang) for s in segments if s.source and s.id not in unsure
    )
    return [o for o in found if o is not None]


def document_omissions(ctx: Any) -> list[SentenceOmission]:
    """:func:`omissions` of a rule context's document, computed once per run and document."""
    doc = ctx.document
    cache: dict[int, tuple[Any, list[SentenceOmission]]] = ctx.resources.get("omission.sentences", dict)
    hit = cache.get(id(doc))
    if hit is not None and hit[0] is doc:
        return hit[1]
    result = omissions(doc.segments, ctx.target_language, ctx.source_language)
    cache[id(doc)] = (doc, result)  # keeps ``doc`` alive, so its id cannot be reused during the run
    return result
