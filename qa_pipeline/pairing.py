"""Pair a monolingual translation with its source (and reference) and align paragraphs.

Config: ``layout = "content/{lang}/{path}"`` says where translations live; ``source =
"content/en/{path}"`` and ``reference = "refs/{lang}/{path}"`` where their source and reference
translation are. :func:`attach_source` aligns a translation's paragraphs with its source's
(:mod:`qa_pipeline.analysis.structure.align`: 1–1, omitted, added, merged and split paragraphs), so an omitted or
added paragraph does not shift the rest, and records the source paragraphs nothing translates.
:func:`align` is the plain length-based alignment used for references and siblings.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

from qa_pipeline.analysis.structure.align import MERGED_FLAG, SPLIT_FLAG, Aligner, dp_steps, item
from qa_pipeline.model import Document, OffsetMap, Segment, SegmentKind, SourceGap, Span


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

    def cost(i: int, di: int, j: int, dj: int) -> float:
        return pair_cost(i, j) if di and dj else skip

    return [
        (a.start if a else None, b.start if b else None)
        for a, b in dp_steps(n, m, cost, ((1, 1), (1, 0), (0, 1)))
    ]


def attach_source(target: Document, source: Document) -> Document:
    """``target`` with each segment's ``source`` filled from the aligned source paragraph(s).

    Two source paragraphs merged into one target paragraph both become its source (joined by a line
    break); a source paragraph split over two target paragraphs is cut at the sentence boundary that
    best matches their lengths; such segments carry the flag ``source-merged`` or ``source-split``.
    Source paragraphs that nothing translates are listed in ``Document.source_gaps``
    (:class:`SourceGap`); target paragraphs with no source get ``source=""``.
    """
    tsegs, ssegs = target.segments, source.segments
    aligner = Aligner(
        [item(s.target, s.prose, _kind(target, s)) for s in tsegs],
        [item(s.target, s.prose, _kind(source, s)) for s in ssegs],
    )
    path = aligner.align()
    segments: list[Segment] = []
    gaps: list[SourceGap] = []
    for trange, srange in path:
        if not srange:
            segments.extend(replace(tsegs[i], source="", source_protected=()) for i in trange)
        elif not trange:
            at = trange.start
            after = tsegs[at - 1].id if at > 0 else None
            before = tsegs[at].id if at < len(tsegs) else None
            for j in srange:
                line = source.line_col(ssegs[j].offsets.to_file(0))[0]
                gaps.append(SourceGap(ssegs[j], after, before, line))
        elif len(srange) == 2:
            seg = tsegs[trange.start]
            joined = _join(ssegs[srange.start], ssegs[srange.start + 1])
            segments.append(_with_source(seg, joined, MERGED_FLAG))
        elif len(trange) == 2:
            a, b = tsegs[trange.start], tsegs[trange.start + 1]
            cut = aligner.split(trange.start, srange.start)
            assert cut is not None  # the aligner only splits where it can
            first, second = _split(ssegs[srange.start], cut[0])
            segments += [_with_source(a, first, SPLIT_FLAG), _with_source(b, second, SPLIT_FLAG)]
        else:
            segments.append(_with_source(tsegs[trange.start], ssegs[srange.start]))
    return replace(target, segments=tuple(segments), source_path=source.path, source_gaps=tuple(gaps))


_ATX = re.compile(r" {0,3}(#{1,6})[ \t]")


def _kind(doc: Document, seg: Segment) -> str:
    """The segment's kind; for a Markdown ``#`` heading with its level (``heading-2``)."""
    if seg.kind is not SegmentKind.HEADING or doc.format != "markdown":
        return seg.kind.value
    start = seg.offsets.to_file(0)
    line = doc.text[doc.text.rfind("\n", 0, start) + 1 : start]
    m = _ATX.match(line)
    return f"heading-{len(m.group(1))}" if m else seg.kind.value


def _with_source(seg: Segment, src: Segment, flag: str | None = None) -> Segment:
    flags = seg.flags | {flag} if flag else seg.flags
    return replace(
        seg, source=src.target, source_protected=src.protected, source_offsets=src.offsets, flags=flags
    )


def _join(a: Segment, b: Segment) -> Segment:
    """One source segment of two, joined by a line break (a sentence boundary, not a paragraph one)."""
    shift = len(a.target) + 1
    return replace(
        a,
        target=a.target + "\n" + b.target,
        protected=a.protected + tuple(Span(p.start + shift, p.end + shift) for p in b.protected),
        offsets=OffsetMap(a.offsets.pieces + tuple((t + shift, f) for t, f in b.offsets.pieces)),
    )


def _split(src: Segment, cut: int) -> tuple[Segment, Segment]:
    """``src`` cut in two at offset ``cut`` (a sentence boundary)."""
    text = src.target
    head = text[:cut].rstrip()
    tail_start = cut + (len(text[cut:]) - len(text[cut:].lstrip()))
    first = replace(src, target=head, protected=_clip(src.protected, 0, len(head)))
    later = [(t - tail_start, f) for t, f in src.offsets.pieces if t > tail_start]
    pieces = ((0, src.offsets.to_file(tail_start)), *later)
    second = replace(
        src,
        target=text[tail_start:],
        protected=_clip(src.protected, tail_start, len(text)),
        offsets=OffsetMap(pieces),
    )
    return first, second


def _clip(spans: tuple[Span, ...], start: int, end: int) -> tuple[Span, ...]:
    return tuple(
        Span(max(p.start, start) - start, min(p.end, end) - start)
        for p in spans
        if p.start < end and p.end > start
    )
