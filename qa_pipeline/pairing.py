"""Pair a monolingual translation with its source (and reference) and align paragraphs.

Config: ``layout = "content/{lang}/{path}"`` says where translations live; ``source =
"content/en/{path}"`` and ``reference = "refs/{lang}/{path}"`` where their source and reference
translation are. Paragraphs are aligned by a length-based dynamic programme (Gale & Church style)
that allows 1–1, 1–0 and 0–1 steps, so an omitted or added paragraph does not shift the rest.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

from qa_pipeline.model import Document, Segment


@cache
def _compile(pattern: str) -> re.Pattern[str]:
    out = ""
    pos = 0
    for m in re.finditer(r"\{(lang|path|name)\}", pattern):
        out += re.escape(pattern[pos : m.start()])
        out += {
            "lang": r"(?P<lang>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)",
            "path": r"(?P<path>.+)",
            "name": r"(?P<name>[^/]+)",
        }[m.group(1)]
        pos = m.end()
    out += re.escape(pattern[pos:])
    return re.compile(f"^{out}$")


def match_layout(pattern: str, relpath: str) -> dict[str, str] | None:
    """The fields of ``relpath`` (posix, relative to the config folder) under ``pattern``."""
    m = _compile(pattern.strip("/")).match(relpath)
    return m.groupdict() if m else None


def render(pattern: str, fields: dict[str, str]) -> str:
    out = pattern
    for key, value in fields.items():
        out = out.replace("{" + key + "}", value)
    return out


def counterpart(pattern: str | None, layout: str | None, relpath: str, root: Path) -> Path | None:
    """Where the file paired with ``relpath`` by ``pattern`` is, if ``relpath`` fits the layout."""
    if not pattern:
        return None
    fields = match_layout(layout, relpath) if layout else None
    if fields is None:
        fields = {"path": relpath, "name": Path(relpath).name}
    if "{lang}" in pattern and "lang" not in fields:
        return None
    candidate = root / render(pattern, fields)
    if candidate.resolve() == (root / relpath).resolve():
        return None
    return candidate


def _weight(text: str) -> float:
    return max(1.0, float(len(text)))


def align(targets: Sequence[str], sources: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """Align two paragraph lists; each pair is (target index or None, source index or None)."""
    n, m = len(targets), len(sources)
    if n == m:
        return [(i, i) for i in range(n)]
    ratio = (
        sum(_weight(t) for t in targets) / sum(_weight(s) for s in sources) if targets and sources else 1.0
    )
    pairs = _align(targets, sources, ratio)
    # second pass: the length ratio of the paragraphs that did pair, not skewed by an omission
    matched = sorted(
        _weight(targets[i]) / _weight(sources[j]) for i, j in pairs if i is not None and j is not None
    )
    if matched:
        pairs = _align(targets, sources, matched[len(matched) // 2])
    return pairs


def _align(
    targets: Sequence[str], sources: Sequence[str], ratio: float
) -> list[tuple[int | None, int | None]]:
    def cost(i: int, j: int) -> float:
        return 3.0 * abs(math.log(_weight(targets[i]) / (_weight(sources[j]) * ratio)))

    return dp_align(len(targets), len(sources), cost)


def dp_align(
    n: int, m: int, pair_cost: Callable[[int, int], float], skip: float = 4.0
) -> list[tuple[int | None, int | None]]:
    """Monotone alignment of ``n`` and ``m`` items by dynamic programming: 1–1 steps cost
    ``pair_cost(i, j)``, 1–0 and 0–1 steps (an omitted or added item) cost ``skip``. Each returned pair
    is (index in the first list or None, index in the second or None), in order."""
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            if i < n and j < m:
                c = here + pair_cost(i, j)
                if c < cost[i + 1][j + 1]:
                    cost[i + 1][j + 1], back[i + 1][j + 1] = c, (i, j)
            if i < n and here + skip < cost[i + 1][j]:
                cost[i + 1][j], back[i + 1][j] = here + skip, (i, j)
            if j < m and here + skip < cost[i][j + 1]:
                cost[i][j + 1], back[i][j + 1] = here + skip, (i, j)
    pairs: list[tuple[int | None, int | None]] = []
    i, j = n, m
    while i or j:
        pi, pj = back[i][j]
        pairs.append((i - 1 if pi < i else None, j - 1 if pj < j else None))
        i, j = pi, pj
    pairs.reverse()
    return pairs


def attach_source(target: Document, source: Document) -> Document:
    """``target`` with each segment's ``source`` filled from the aligned source paragraph."""
    pairs = align([s.target for s in target.segments], [s.target for s in source.segments])
    by_target: dict[int, Segment] = {}
    for ti, si in pairs:
        if ti is not None and si is not None:
            by_target[ti] = source.segments[si]
    segments = []
    for i, seg in enumerate(target.segments):
        src = by_target.get(i)
        if src is None:
            segments.append(replace(seg, source="", source_protected=()))
        else:
            segments.append(
                replace(seg, source=src.target, source_protected=src.protected, source_offsets=src.offsets)
            )
    unmatched = [si for ti, si in pairs if ti is None and si is not None]
    meta = dict(target.meta)
    meta["unaligned_source_segments"] = tuple(source.segments[si].id for si in unmatched if si is not None)
    return replace(target, segments=tuple(segments), source_path=source.path, meta=meta)
