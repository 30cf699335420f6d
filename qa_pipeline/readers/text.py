"""Plain-text documents.

Blocks are separated by blank lines. A block whose lines look hard-wrapped (similar lengths, none
longer than 100 characters) is one paragraph; otherwise each line is its own segment, which is how
extracted web pages store one paragraph per line. A short line without sentence-final punctuation
followed by body text is a heading; a line starting with a bullet or ``1.`` is a list item.
URLs and e-mail addresses are protected from prose checks. Inline ``qa-ignore: CODE`` comments are
not possible in plain text: use ``per-file-ignores`` instead.
"""

from __future__ import annotations

import regex

from qa_pipeline.model import Document, OffsetMap, Segment, SegmentKind, Span
from qa_pipeline.readers.base import ReadOptions, make_document
from qa_pipeline.text.protect import protected_spans
from qa_pipeline.text.scripts import is_unspaced_char

_BULLET = regex.compile(r"^[ \t]*(?:[•·◦▪▫‣⁃∙●○■□–—*+-]|\d{1,3}[.)]|[a-zA-Z][.)])[ \t\u00a0]+\S")
_TERMINAL = tuple(".!?。！？…؟۔।‼⁇⁈⁉;；")
_OPENERS = "\"'“”„«»‹›「『（([{¿¡-–—"


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content, without its line break."""
    out = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        out.append((pos, pos + len(content)))
        pos += len(raw)
    return out


def _blocks(text: str) -> list[list[tuple[int, int]]]:
    blocks: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for start, end in _lines(text):
        if text[start:end].strip():
            current.append((start, end))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _is_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    if len(lines) < 2:
        return False
    lengths = [len(text[s:e].strip()) for s, e in lines]
    longest = max(lengths)
    if longest > 100:
        return False
    if any(_BULLET.match(text[s:e]) for s, e in lines[1:]):
        return False
    return all(n >= 0.6 * longest for n in lengths[:-1])


def looks_like_heading(line: str) -> bool:
    """A short line without sentence-final punctuation that does not open a quotation."""
    stripped = line.strip()
    if not stripped or stripped.endswith(_TERMINAL) or stripped.endswith(","):
        return False
    if stripped[0] in _OPENERS:
        return False
    if sum(1 for c in stripped if is_unspaced_char(c)) > len(stripped) / 3:
        return len(stripped) <= 40
    return len(stripped.split()) <= 12 and len(stripped) <= 90


def segments_from_text(text: str, start_index: int = 0) -> list[Segment]:
    """Paragraph/heading/list-item segments of a plain-text region (also used for Markdown-less text)."""
    pieces: list[tuple[int, int]] = []
    for block in _blocks(text):
        if _is_wrapped(text, block):
            pieces.append((block[0][0], block[-1][1]))
        else:
            pieces.extend(block)
    segments: list[Segment] = []
    for start, end in pieces:
        raw = text[start:end]
        lead = len(raw) - len(raw.lstrip())
        content = raw.strip()
        if not content:
            continue
        begin = start + lead
        if _BULLET.match(raw):
            kind = SegmentKind.LIST_ITEM
        elif "\n" not in content and looks_like_heading(content):
            kind = SegmentKind.HEADING
        else:
            kind = SegmentKind.PARAGRAPH
        idx = start_index + len(segments)
        segments.append(
            Segment(
                id=f"p{idx + 1}",
                target=content,
                kind=kind,
                offsets=OffsetMap.contiguous(begin),
                protected=tuple(protected_spans(content)),
                index=idx,
            )
        )
    return segments


def read_text(text: str, path: str, options: ReadOptions) -> Document:
    return make_document(path=path, format="text", text=text, segments=tuple(segments_from_text(text)))


__all__ = ["Span", "looks_like_heading", "read_text", "segments_from_text"]
