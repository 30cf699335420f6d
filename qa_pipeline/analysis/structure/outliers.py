"""Structure of a segment and robust statistics over a document: sentences, lines, length ratios.

Length ratios are learnt from the file itself: the median log-ratio of target to source (or to an
aligned sibling translation) and the median absolute deviation (MAD) around it. A segment is an outlier
when its ratio is many MADs away *and* far from the median in plain terms, so that a very regular file
(tiny MAD) does not flag small differences.
"""

from __future__ import annotations

import functools
import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from qa_pipeline.analysis.punctuation import dangling_words, ending, quote_pairs
from qa_pipeline.model import PROTECTED_CHAR, Segment
from qa_pipeline.text.segmentation import sentences
from qa_pipeline.text.wordcount import count_words

_LIST_LINE = regex.compile(r"^[ \t]*(?:[•·◦▪‣●○■□*+-]|\d{1,3}[.)])[ \t]+\S", regex.MULTILINE)


def weight(text: str) -> float:
    """Length of ``text`` in comparable units: letters of alphabetic scripts count 1, a Han character or
    kana 2.5, a Hangul syllable 2.

    One Han character carries about as much as a short word, so weighting keeps ja/zh/ko ratios in the
    same range as European pairs; the file-learnt median absorbs what remains.
    """
    total = 0.0
    for ch in text:
        if ch.isspace() or ch == PROTECTED_CHAR:
            continue
        total += _DENSE.get(_script_class(ch), 1.0)
    return total


_DENSE = {"cjk": 2.5, "hangul": 2.0}
_CJK_RE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_HANGUL_RE = regex.compile(r"\p{Hangul}")


def _script_class(ch: str) -> str:
    if ch < "\u1100":
        return ""
    if _CJK_RE.match(ch):
        return "cjk"
    if _HANGUL_RE.match(ch):
        return "hangul"
    return ""


def sentence_count(text: str, lang: str | None) -> int:
    """Sentences ending in terminal punctuation (ICU boundaries), ignoring empty pieces."""
    n = 0
    for span in sentences(text, lang):
        piece = text[span.start : span.end].strip()
        if piece and any(ch.isalnum() for ch in piece):
            n += 1
    return n


def list_lines(text: str) -> int:
    return len(_LIST_LINE.findall(text))


def block_count(text: str) -> int:
    """Paragraphs: blocks of non-blank lines separated by blank lines."""
    return len([b for b in regex.split(r"\n[ \t]*\n", text.strip()) if b.strip()])


@dataclass(frozen=True)
class RatioModel:
    """Median and scaled MAD of log length ratios."""

    median: float
    mad: float
    n: int

    def z(self, log_ratio: float) -> float:
        return (log_ratio - self.median) / self.mad


def ratio_model(log_ratios: Sequence[float], floor: float = 0.12) -> RatioModel | None:
    """A robust model of log ratios; None with fewer than 5 observations.

    ``floor`` bounds the scaled MAD from below (0.12 ≈ ±12 % in length), so that a file of very regular
    translations still tolerates ordinary variation.
    """
    if len(log_ratios) < 5:
        return None
    med = statistics.median(log_ratios)
    mad = statistics.median(abs(x - med) for x in log_ratios) * 1.4826
    return RatioModel(med, max(mad, floor), len(log_ratios))


def log_ratio(target: str, other: str) -> float | None:
    a, b = weight(target), weight(other)
    if a <= 0 or b <= 0:
        return None
    return math.log(a / b)


def is_prose(segment: Segment, min_weight: float = 40.0) -> bool:
    """A paragraph-like segment long enough for length statistics."""
    return weight(segment.prose) >= min_weight


def ends_terminated(text: str, lang: str | None) -> bool:
    return ending(text, lang).cls != "none"


_LAST_WORD = regex.compile(r"(\p{L}[\p{L}\p{M}'’-]*)\s*$")
_COMMA_END = regex.compile(r"[,،、，﹐]\s*$")
_OPEN_END = regex.compile(r"[(\[{（【「『“„«‹]\s*$")
_HYPHEN_END = regex.compile(r"(?<=\p{L})-\s*$|\s[-–—]\s*$")
_BROKEN_END = regex.compile(r"[\ufffd\ud800-\udfff]\s*$|(?<![\p{L}\p{N}\p{M}])\p{M}+\s*$")


def _closes_in(mark: str, lang: str | None) -> bool:
    """True when ``mark`` is a closing quotation mark in ``lang`` (» « and “ are reversed in de, da…)."""
    return any(len(p) == 2 and p[1] == mark for p in quote_pairs(lang))


def broken_end(text: str) -> int | None:
    """Offset of a broken final character (U+FFFD, a lone surrogate or combining mark), or None."""
    m = _BROKEN_END.search(text)
    return m.start() if m else None


def abrupt_end(text: str, lang: str | None) -> tuple[int, str] | None:
    """(offset, description) when ``text`` ends the way only a cut sentence does, else None.

    A final comma, an opening bracket or quotation mark, a hyphen or dash, or a word that cannot end a
    sentence in ``lang`` (conjunction, article: see ``dangling`` in the punctuation data).
    """
    text = text.rstrip()
    for pattern, what in (
        (_COMMA_END, "a comma"),
        (_OPEN_END, "an opening bracket or quotation mark"),
        (_HYPHEN_END, "a hyphen or dash"),
    ):
        m = pattern.search(text)
        if m and not (pattern is _OPEN_END and _closes_in(m.group(0).strip(), lang)):
            return m.start(), what
    w = _LAST_WORD.search(text)
    if w and w.group(1).casefold() in dangling_words(lang):
        return w.start(1), f"{w.group(1)!r}, a word that cannot end a sentence"
    return None


@dataclass(frozen=True)
class Outlier:
    """A segment whose length is far from what the file (or its siblings) lead one to expect."""

    segment: Segment
    direction: str  # "short" or "long"
    ratio: float  # actual length / expected length
    z: float
    basis: str  # "source" or "siblings"
    detail: str


_PROSE_MIN = 60.0  # weight units (~12 words) below which a length comparison means little


def _sentences_differ(seg: Segment, other: str, lang: str | None, other_lang: str | None) -> int:
    return sentence_count(seg.prose, lang) - sentence_count(other, other_lang)


def length_outliers(
    segments: Sequence[Segment],
    lang: str | None,
    source_lang: str | None,
    siblings: Sequence[tuple[Sequence[Segment], dict[str, str], str | None]] = (),
    strong: float = 4.0,
    weak: float = 3.0,
) -> list[Outlier]:
    """Segments much shorter or longer than expected, against the source or against siblings.

    With a source, the expected ratio is the file's median log-ratio (MAD-scaled); a segment is an
    outlier at ``strong`` MADs and half/double the expected length, or at ``weak`` MADs and
    0.65/1.6 times when its sentence count differs in the same direction. Without a source,
    ``siblings`` is a list of (segments, alignment, language): every sibling (at least two) must
    agree on the direction, and the least extreme of them is used.
    """
    out: list[Outlier] = []
    unsure = uncertain_sources(segments)
    pairs = [(s, s.source_prose) for s in segments if s.source_prose is not None and s.id not in unsure]
    if pairs:
        obs = [
            (s, log_ratio(s.prose, src), src) for s, src in pairs if weight(src) >= 20 and weight(s.prose) > 0
        ]
        model = ratio_model([lr for _, lr, _ in obs if lr is not None]) or RatioModel(0.0, 0.35, 0)
        for seg, lr, src in obs:
            if lr is None or weight(src) < _PROSE_MIN:
                continue
            o = _judge(
                seg,
                model.z(lr),
                math.exp(lr - model.median),
                strong,
                weak,
                functools.partial(_sentences_differ, seg, src, lang, source_lang),
                "source",
            )
            if o is not None:
                out.append(o)
        return out
    if len(siblings) < 2:
        return out
    models = []
    for sib_segments, alignment, sib_lang in siblings:
        by_id = {s.id: s for s in sib_segments}
        lrs: dict[str, tuple[float, Segment]] = {}
        for seg in segments:
            other = by_id.get(alignment.get(seg.id, ""))
            if other is None or weight(other.prose) < 20 or weight(seg.prose) < 20:
                continue
            lr = log_ratio(seg.prose, other.prose)
            if lr is not None:
                lrs[seg.id] = (lr, other)
        sib_model = ratio_model([v[0] for v in lrs.values()])
        if sib_model is not None and sib_model.n >= 8:
            models.append((sib_model, lrs, sib_lang))
    if len(models) < 2:
        return out
    for seg in segments:
        if weight(seg.prose) < _PROSE_MIN / 2:
            continue
        zs = []
        for model, lrs, sib_lang in models:
            if seg.id not in lrs:
                break
            lr, other = lrs[seg.id]
            zs.append((model.z(lr), math.exp(lr - model.median), other, sib_lang))
        else:
            if all(z < 0 for z, *_ in zs) or all(z > 0 for z, *_ in zs):
                z, ratio, other, sib_lang = min(zs, key=lambda t: abs(t[0]))
                o = _judge(
                    seg,
                    z,
                    ratio,
                    strong,
                    weak,
                    functools.partial(_sentences_differ, seg, other.prose, lang, sib_lang),
                    "siblings",
                )
                if o is not None:
                    out.append(o)
    return out


def _judge(
    seg: Segment,
    z: float,
    ratio: float,
    strong: float,
    weak: float,
    sentences_diff: Callable[[], int],
    basis: str,
) -> Outlier | None:
    if z <= -weak and ratio <= 0.65:
        if z <= -strong and ratio <= 0.5:
            return Outlier(seg, "short", ratio, z, basis, "")
        diff = sentences_diff()
        if diff < 0:
            return Outlier(seg, "short", ratio, z, basis, f"{-diff} sentence(s) fewer")
    if z >= weak and ratio >= 1.6:
        if z >= strong and ratio >= 2.0:
            return Outlier(seg, "long", ratio, z, basis, "")
        diff = sentences_diff()
        if diff > 0:
            return Outlier(seg, "long", ratio, z, basis, f"{diff} sentence(s) more")
    return None


def document_outliers(ctx: Any) -> list[Outlier]:
    """:func:`length_outliers` of a rule context's document, computed once per run and document."""
    doc = ctx.document
    cache: dict[int, tuple[Any, list[Outlier]]] = ctx.resources.get("structure.outliers", dict)
    hit = cache.get(id(doc))
    if hit is not None and hit[0] is doc:
        return hit[1]
    sibs = [(s.document.segments, dict(s.alignment), s.document.target_language.code) for s in ctx.siblings]
    result = length_outliers(doc.segments, ctx.target_language, ctx.source_language, sibs)
    cache[id(doc)] = (doc, result)  # keeps ``doc`` alive, so its id cannot be reused during the run
    return result


def source_ratio_model(segments: Sequence[Segment]) -> RatioModel:
    """The file's model of target/source log length ratios (a wide prior when it has too few pairs)."""
    obs = [
        log_ratio(s.prose, s.source_prose)
        for s in segments
        if s.source_prose is not None and weight(s.source_prose) >= 20 and weight(s.prose) > 0
    ]
    return ratio_model([x for x in obs if x is not None]) or RatioModel(0.0, 0.35, 0)


def uncertain_sources(segments: Sequence[Segment]) -> set[str]:
    """Ids of segments whose source, attached by paragraph alignment, may hold more or less than what
    they translate: half of a source paragraph split over two target paragraphs (where it was cut
    is a guess), and a segment beside a target paragraph that aligned to no source (which may
    translate part of this segment's source)."""
    out = {s.id for s in segments if "source-split" in s.flags}
    for i, seg in enumerate(segments):
        if seg.source == "" and seg.target.strip():
            out.update(segments[k].id for k in (i - 1, i + 1) if 0 <= k < len(segments))
    return out


def has_words(segments: Sequence[Segment], lang: str | None) -> bool:
    """True when some segment's prose holds a word (a letter or digit outside protected spans)."""
    return any(count_words(s.prose, lang) for s in segments)


def source_words(doc: Any, lang: str | None) -> int:
    """Words of a document's source: the aligned source text and the paragraphs left out."""
    aligned = sum(count_words(s.source_prose or "", lang) for s in doc.segments)
    return aligned + sum(count_words(g.segment.prose, lang) for g in doc.source_gaps)


def excerpt(text: str, limit: int = 80) -> str:
    """``text`` on one line, cut to ``limit`` characters at a word boundary with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"
