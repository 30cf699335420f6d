"""Monotone alignment of a translation's paragraphs (or sentences) with its source's.

A dynamic programme in the spirit of Gale & Church (1993): each step costs -log of a prior
probability plus -log of how likely the length difference is. Steps are 1–1, an omitted or added
item (1–0, 0–1), two source items merged into one target item (1–2) and one split in two (2–1).
Beyond length (learnt as a ratio from the pairs that match), the cost weighs sentence counts, the
kind of item (heading, list item, paragraph), commas, colons and brackets, numbers both sides share
and shared word stems (names and cognates: ``publication``/``publié``). Omitted and added paragraphs are rare; a
translator merging or splitting paragraphs is rarer than a 1–1 pair but no rarer than an omission.
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex

from qa_pipeline.analysis.structure.outliers import weight
from qa_pipeline.text.segmentation import sentences

SPLIT_FLAG = "source-split"  # a segment flag: its source is part of a source paragraph split over two
MERGED_FLAG = "source-merged"  # its source is two source paragraphs joined
SKIP = 4.6  # -log P(an item has no counterpart)
PARAGRAPH_MERGE = 4.0  # -log P(two paragraphs become one, or one two)
SENTENCE_MERGE = 2.4  # sentences are merged and split far more often (Gale & Church's 2–1 prior)
_KIND = 1.0
_SENTENCE = 1.2  # per sentence more or fewer than the source (counted up to three)
_NUMBERS_SHARED, _NUMBERS_DISJOINT, _NUMBERS_LOST = -0.5, 1.0, 0.8
_LEXICAL = 3.0  # bonus when every stem of the shorter side is shared
_STEPS = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1))
_BAND = 20  # cells beyond the length difference a path may stray from the diagonal
_DIGITS = re.compile(r"\d+")
_MARKS = regex.compile(r"[,;:()\[\]،、，；：（）]")
_MARK = 0.4  # per comma, colon, semicolon or bracket more or fewer (counted up to three)
_ALPHA_WORD = regex.compile(r"[\p{Latin}\p{Greek}\p{Cyrillic}\p{M}]{5,}")


def dp_steps(
    n: int,
    m: int,
    step_cost: Callable[[int, int, int, int], float],
    steps: Sequence[tuple[int, int]],
    band: int | None = None,
) -> list[tuple[range, range]]:
    """Monotone alignment of ``n`` and ``m`` items by dynamic programming over ``steps``: a step
    ``(di, dj)`` takes ``di`` items of the first list from ``i`` and ``dj`` of the second from ``j``
    at ``step_cost(i, di, j, dj)``. Returns the cheapest path as (first-list range, second-list range)
    pairs, in order. With ``band``, only cells within ``band`` of the diagonal are expanded (widened
    by the ratio of the lengths, so a path along the diagonal always exists)."""
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    width = None if band is None else band + ((m + n - 1) // n if n else m)
    for i in range(n + 1):
        lo, hi = 0, m
        if width is not None:
            centre = i * m // n if n else 0
            lo, hi = max(0, centre - width), min(m, centre + width)
        for j in range(lo, hi + 1):
            here = cost[i][j]
            if here == inf:
                continue
            for di, dj in steps:
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                c = here + step_cost(i, di, j, dj)
                if c < cost[ni][nj]:
                    cost[ni][nj], back[ni][nj] = c, (i, j)
    out: list[tuple[range, range]] = []
    i, j = n, m
    while i or j:
        pi, pj = back[i][j]
        out.append((range(pi, i), range(pj, j)))
        i, j = pi, pj
    out.reverse()
    return out


@dataclass(frozen=True)
class Item:
    """What the aligner knows of a paragraph or a sentence."""

    weight: float
    kind: str
    numbers: frozenset[int]
    stems: frozenset[str]
    cuts: tuple[tuple[int, float], ...]  # (offset, weight before it) of each sentence start but the first
    sentences: int
    marks: int  # commas, colons, semicolons, brackets: translations tend to keep them


def item(text: str, prose: str | None = None, kind: str = "", lang: str | None = None) -> Item:
    """An :class:`Item` of ``text`` (``prose``: the same text with protected spans blanked)."""
    prose = text if prose is None else prose
    cuts = []
    for sp in sentences(text, lang)[1:]:
        if any(ch.isalnum() for ch in text[sp.start : sp.end]):
            cuts.append((sp.start, weight(prose[: sp.start])))
    return Item(
        weight(prose),
        kind,
        frozenset(int(d) for d in _DIGITS.findall(prose)[:20]),
        frozenset(_stem(w) for w in _ALPHA_WORD.findall(prose)),
        tuple(cuts),
        len(cuts) + 1,
        len(_MARKS.findall(prose)),
    )


def _stem(word: str) -> str:
    """The first four letters, case and accents folded: names, and cognates such as
    ``publication``/``publié`` or ``problem``/``problème``, look alike across many languages."""
    folded = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))[:4]


def length_cost(wt: float, ws: float) -> float:
    """-log P(|deviation| this large): the log length ratio against a spread that is wide for short
    texts (a heading of two words may become five) and narrow for long paragraphs."""
    dev = abs(math.log((wt + 2.0) / (ws + 2.0)))
    sigma = 0.18 + 1.6 / math.sqrt(min(wt, ws) + 1.0)
    return -math.log(max(math.erfc(dev / sigma / math.sqrt(2.0)), 1e-30))


def _skip_cost(w: float) -> float:
    """Leaving out (or adding) an item with no prose (an image, a bare link) is nearly free."""
    return 1.0 + (SKIP - 1.0) * min(1.0, w / 10.0)


def _sentence_cost(t: int, s: int) -> float:
    return _SENTENCE * min(3, abs(t - s))


def _anchors(nt: frozenset[int], ns: frozenset[int], st: frozenset[str], ss: frozenset[str]) -> float:
    """Numbers both sides share pull a pair together, numbers of the source missing from the target
    push it apart; shared word stems (names, cognates) pull it together."""
    c = 0.0
    if ns:
        c += (_NUMBERS_SHARED if nt & ns else _NUMBERS_DISJOINT) if nt else _NUMBERS_LOST
    if st and ss:
        c -= _LEXICAL * len(st & ss) / min(len(st), len(ss))
    return c


class Aligner:
    """Align target items with source items.

    ``paragraphs=True``: the items are paragraphs; a source paragraph is only split over two target
    paragraphs at one of its sentence boundaries, and sentence counts are compared. Otherwise the
    items are sentences, which merge and split more freely. ``merge`` overrides the cost of a merge
    or split step.
    """

    def __init__(
        self,
        targets: Sequence[Item],
        sources: Sequence[Item],
        paragraphs: bool = True,
        merge: float | None = None,
    ) -> None:
        self.t, self.s = list(targets), list(sources)
        self.paragraphs = paragraphs
        self.multi = merge if merge is not None else PARAGRAPH_MERGE if paragraphs else SENTENCE_MERGE
        self.ratio = 1.0

    def cost(self, i: int, di: int, j: int, dj: int) -> float:
        if not di:
            return _skip_cost(self.s[j].weight)
        if not dj:
            return _skip_cost(self.t[i].weight)
        if di == 1 and dj == 1:  # the common step, kept cheap: documents have thousands of cells
            a, b = self.t[i], self.s[j]
            c = length_cost(a.weight, b.weight * self.ratio)
            if self.paragraphs:
                c += _sentence_cost(a.sentences, b.sentences)
            c += 0.0 if a.kind == b.kind else _KIND
            c += _MARK * min(3, abs(a.marks - b.marks))
            return c + _anchors(a.numbers, b.numbers, a.stems, b.stems)
        if dj == 2:  # two source items merged into one target item
            one, x, y = self.t[i], self.s[j], self.s[j + 1]
            c = length_cost(one.weight, (x.weight + y.weight) * self.ratio)
            if self.paragraphs:
                c += _sentence_cost(one.sentences, x.sentences + y.sentences)
            anchors = _anchors(one.numbers, x.numbers | y.numbers, one.stems, x.stems | y.stems)
            c += _MARK * min(3, abs(one.marks - x.marks - y.marks))
        else:  # one source item split over two target items
            x, y, one = self.t[i], self.t[i + 1], self.s[j]
            if self.paragraphs:
                best = self.split(i, j)
                if best is None:
                    return math.inf  # a one-sentence paragraph is not split over two paragraphs
                c = best[1]
            else:
                c = length_cost(x.weight + y.weight, one.weight * self.ratio)
            anchors = _anchors(x.numbers | y.numbers, one.numbers, x.stems | y.stems, one.stems)
            c += _MARK * min(3, abs(one.marks - x.marks - y.marks))
        if one.kind != x.kind and one.kind != y.kind:
            c += _KIND
        if not one.kind == x.kind == y.kind:
            c += _KIND  # a heading merged with a paragraph is unlikely
        return c + self.multi + anchors

    def split(self, i: int, j: int) -> tuple[int, float] | None:
        """(offset, cost) of the best sentence boundary to cut source ``j`` at for targets ``i, i+1``."""
        a, b, src = self.t[i], self.t[i + 1], self.s[j]
        best: tuple[int, float] | None = None
        for k, (offset, before) in enumerate(src.cuts, start=1):
            c = length_cost(a.weight, before * self.ratio)
            c += length_cost(b.weight, (src.weight - before) * self.ratio)
            c += _sentence_cost(a.sentences, k) + _sentence_cost(b.sentences, src.sentences - k)
            if best is None or c < best[1]:
                best = (offset, c)
        return best

    def align(self, ratio: float | None = None) -> list[tuple[range, range]]:
        """The cheapest path: under ``ratio`` (target/source length) when given; otherwise under 1:1
        (the ratio of the totals is skewed by the very omissions we look for), then again under the
        median ratio of the pairs that matched."""
        if ratio is not None:
            self.ratio = ratio
            return banded(len(self.t), len(self.s), self.cost, _STEPS)
        path = self.align(1.0)
        ratios = [
            self.t[a.start].weight / self.s[b.start].weight
            for a, b in path
            if len(a) == len(b) == 1 and self.t[a.start].weight >= 10 and self.s[b.start].weight >= 10
        ]
        return self.align(min(2.5, max(0.4, statistics.median(ratios)))) if len(ratios) >= 2 else path


def banded(
    n: int, m: int, step_cost: Callable[[int, int, int, int], float], steps: Sequence[tuple[int, int]]
) -> list[tuple[range, range]]:
    """:func:`dp_steps` in a band around the diagonal, widened until the best path keeps clear of its
    edges (near-linear time when the path stays near the diagonal, exact otherwise)."""
    band = _BAND
    while True:
        path = dp_steps(n, m, step_cost, steps, band)
        width = band + (m + n - 1) // n if n else m
        if width >= m or all(abs(r.start - (i.start * m // n if n else 0)) < width - 2 for i, r in path):
            return path
        band *= 2
