"""Sibling translations: other translations of the same document, found by layout or by structure.

With ``layout = "content/{lang}/{path}"`` in config, the siblings of ``content/fr/a.md`` are the other
``content/*/a.md`` files (read from disk even when only one file is checked, as in a pre-commit hook).
Without a layout (``siblings = "auto"``), prose documents of one run are siblings when they share
paragraph structure (the same number of segments, ±10%, in much the same sequence of kinds) and the
numbers do not contradict it, or when they share most of their numbers (±25% segments): translations
of one article keep its figures, two articles built on one page template do not.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from qa_pipeline.model import Document
from qa_pipeline.pairing import align, dp_align, match_layout, render
from qa_pipeline.ruleapi import Sibling


def layout_sibling_paths(layout: str, relpath: str, root: Path) -> list[Path]:
    """Files under ``root`` that fit ``layout`` with the same ``{path}`` and another ``{lang}``."""
    fields = match_layout(layout, relpath)
    if fields is None or "lang" not in fields:
        return []
    glob = render(layout, {**{k: v for k, v in fields.items() if k != "lang"}, "lang": "*"})
    own = (root / relpath).resolve()
    out = []
    for candidate in sorted(root.glob(glob)):
        rel = candidate.relative_to(root).as_posix()
        other = match_layout(layout, rel)
        if (
            other
            and other.get("lang") != fields["lang"]
            and candidate.resolve() != own
            and candidate.is_file()
        ):
            out.append(candidate)
    return out


def structure_key(doc: Document) -> list[str]:
    return [s.kind.value for s in doc.segments]


def number_values(doc: Document) -> frozenset[str]:
    """The values a document writes in digits (each read in the document's own language)."""
    from qa_pipeline.analysis.numbers.extract import extract

    lang = doc.target_language.language.base
    return frozenset(
        item.primary
        for seg in doc.segments
        for tok in extract(seg.prose, lang, words=False)
        for item in tok.items
        if item.hard and tok.kind in ("number", "date")
    )


def number_overlap(a: Document, b: Document, memo: dict[str, frozenset[str]] | None = None) -> float | None:
    """Share of the smaller document's numbers the other one has too (None: too few numbers to tell).

    ``memo`` (path -> values) saves re-reading the numbers of a document compared with many others."""
    memo = {} if memo is None else memo
    x = memo[a.path] if a.path in memo else memo.setdefault(a.path, number_values(a))
    y = memo[b.path] if b.path in memo else memo.setdefault(b.path, number_values(b))
    if min(len(x), len(y)) < 4:
        return None
    return len(x & y) / min(len(x), len(y))


def similar_structure(a: Document, b: Document, memo: dict[str, frozenset[str]] | None = None) -> bool:
    """Same paragraph structure (±10% segments, same sequence of kinds), not contradicted by the numbers.

    With enough numbers on both sides, the numbers decide: translations of one article share most of
    them (a paragraph split or merged does not matter); two articles built on one template do not.
    """
    n, m = len(a.segments), len(b.segments)
    if min(n, m) < 4 or abs(n - m) > 0.25 * max(n, m):
        return False
    overlap = number_overlap(a, b, memo)
    if overlap is not None and overlap < 0.3:
        return False
    if overlap is not None and overlap >= 0.6:
        return True
    if abs(n - m) > 0.1 * max(n, m):
        return False
    ratio = difflib.SequenceMatcher(a=structure_key(a), b=structure_key(b), autojunk=False).ratio()
    return ratio >= 0.75


UNIT_FORMATS = frozenset({"po", "xliff"})
DOCUMENT_FORMATS = frozenset({"text", "markdown"})


def _segment_numbers(doc: Document) -> list[frozenset[str]]:
    from qa_pipeline.analysis.numbers.extract import extract

    lang = doc.target_language.language.base
    return [
        frozenset(i.primary for t in extract(s.prose, lang, words=False) for i in t.items if i.hard)
        for s in doc.segments
    ]


def align_by_numbers(doc: Document, other: Document) -> list[tuple[int | None, int | None]]:
    """Align two translations paragraph by paragraph: by length (Gale & Church style, as
    :func:`qa_pipeline.pairing.align`) with the numbers as anchors — paragraphs that share numbers
    attract, paragraphs that both have numbers but share none repel."""
    a, b = doc.segments, other.segments
    if len(a) == len(b):
        return [(i, i) for i in range(len(a))]
    na, nb = _segment_numbers(doc), _segment_numbers(other)
    if not any(na) or not any(nb):
        return align([s.target for s in a], [s.target for s in b])
    total_a = sum(max(1, len(s.target)) for s in a) or 1
    total_b = sum(max(1, len(s.target)) for s in b) or 1
    ratio = total_a / total_b

    def cost(i: int, j: int) -> float:
        c = abs(math.log(max(1, len(a[i].target)) / (max(1, len(b[j].target)) * ratio)))
        if na[i] and nb[j]:
            c += -1.0 if na[i] & nb[j] else 2.0
        return max(c, 0.0)

    return dp_align(len(a), len(b), cost)


def make_sibling(doc: Document, other: Document) -> Sibling:
    """Pair segments: by id for software strings (PO msgid, XLIFF unit id), by alignment for documents."""
    if doc.format in UNIT_FORMATS and other.format in UNIT_FORMATS:
        ids = {s.id for s in other.segments}
        return Sibling(document=other, alignment={s.id: s.id for s in doc.segments if s.id in ids})
    pairs = align_by_numbers(doc, other)
    alignment = {
        doc.segments[i].id: other.segments[j].id for i, j in pairs if i is not None and j is not None
    }
    return Sibling(document=other, alignment=alignment)


def auto_siblings(docs: Sequence[Document]) -> dict[str, tuple[Sibling, ...]]:
    """Siblings among the documents of a run, by shared structure (different target languages only).

    Only prose documents (text, Markdown): PO and XLIFF files carry their source, and their siblings
    come from ``layout``."""
    out: dict[str, tuple[Sibling, ...]] = {}
    prose = [d for d in docs if d.format in DOCUMENT_FORMATS]
    memo: dict[str, frozenset[str]] = {}
    for doc in prose:
        found = [
            make_sibling(doc, other)
            for other in prose
            if other is not doc
            and other.format == doc.format
            and other.target_language.code != doc.target_language.code
            and similar_structure(doc, other, memo)
        ]
        if found:
            out[doc.path] = tuple(found)
    return out


def find_siblings(
    docs: Sequence[Document],
    mode: str,
    layout: str | None,
    relpaths: Mapping[str, str],
    root: Path,
    load: Callable[[Path], Document | None],
) -> dict[str, tuple[Sibling, ...]]:
    """Siblings of each checked document, keyed by its path."""
    if mode == "off":
        return {}
    if layout:
        by_real = {(root / relpaths[d.path]).resolve(): d for d in docs if d.path in relpaths}
        out: dict[str, tuple[Sibling, ...]] = {}
        for doc in docs:
            rel = relpaths.get(doc.path)
            if rel is None:
                continue
            sibs = []
            for path in layout_sibling_paths(layout, rel, root):
                other = by_real.get(path.resolve()) or load(path)
                if other is not None:
                    sibs.append(make_sibling(doc, other))
            if sibs:
                out[doc.path] = tuple(sibs)
        if out or mode == "layout":
            return out
    return auto_siblings(docs)
