"""Sibling translations: other translations of the same document, found by layout or by structure.

With ``layout = "content/{lang}/{path}"`` in config, the siblings of ``content/fr/a.md`` are the other
``content/*/a.md`` files (read from disk even when only one file is checked, as in a pre-commit hook).
Without a layout (``siblings = "auto"``), documents of one run are siblings when they share paragraph
structure: the same number of segments (±10%) in the same sequence of kinds.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from qa_pipeline.model import Document
from qa_pipeline.pairing import align, match_layout, render
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
        if other and other.get("lang") != fields["lang"] and candidate.resolve() != own and candidate.is_file():
            out.append(candidate)
    return out


def structure_key(doc: Document) -> list[str]:
    return [s.kind.value for s in doc.segments]


def similar_structure(a: Document, b: Document) -> bool:
    n, m = len(a.segments), len(b.segments)
    if min(n, m) < 4 or abs(n - m) > 0.1 * max(n, m):
        return False
    ratio = difflib.SequenceMatcher(a=structure_key(a), b=structure_key(b), autojunk=False).ratio()
    return ratio >= 0.75


UNIT_FORMATS = frozenset({"po", "xliff"})
DOCUMENT_FORMATS = frozenset({"text", "markdown"})


def make_sibling(doc: Document, other: Document) -> Sibling:
    """Pair segments: by id for software strings (PO msgid, XLIFF unit id), by alignment for documents."""
    if doc.format in UNIT_FORMATS and other.format in UNIT_FORMATS:
        ids = {s.id for s in other.segments}
        return Sibling(document=other, alignment={s.id: s.id for s in doc.segments if s.id in ids})
    pairs = align([s.target for s in doc.segments], [s.target for s in other.segments])
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
    for doc in prose:
        found = [
            make_sibling(doc, other)
            for other in prose
            if other is not doc
            and other.format == doc.format
            and other.target_language.code != doc.target_language.code
            and similar_structure(doc, other)
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
