"""Markdown documents (CommonMark with GitHub tables and strikethrough, parsed by markdown-it-py).

Segments: paragraphs (also inside block quotes), headings (without the ``#`` marker or the ``===``
underline), list items (without the bullet or number) and table cells. Each segment's text is the
text of the file: a paragraph spanning lines keeps its line breaks; only container prefixes at the
start of continuation lines (``>`` of a block quote, a list item's indentation) are left out, and
positions still map exactly onto the file.

Not checked: fenced and indented code blocks, HTML blocks, link reference definitions and front
matter (``---`` YAML or ``+++`` TOML at the top of the file). Protected from prose checks: inline
code, link and image destinations, autolinks and bare URLs, e-mail addresses, inline HTML and
character references (``&nbsp;``).

Suppression: an HTML comment ``<!-- qa-ignore: QA201, QA3 -->`` on its own line suppresses those
rules (codes, code prefixes or rule names; bare ``qa-ignore``: every rule) for the next block — a
paragraph, heading, whole list, table or block quote; inside a paragraph it applies to that
paragraph. ``<!-- qa-ignore-file: QA104 -->`` anywhere (outside code) suppresses them for the file.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from qa_pipeline.model import Document, OffsetMap, Segment, SegmentKind, Span
from qa_pipeline.readers.base import ReadOptions, make_document
from qa_pipeline.readers.decode import ReaderError
from qa_pipeline.readers.suppression import selectors
from qa_pipeline.selectors import RuleSelector
from qa_pipeline.text.protect import merge_spans, protected_spans

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_SUPPRESS = re.compile(r"<!--\s*qa-ignore(-file)?\b\s*(?::\s*(.*?))?\s*-->", re.IGNORECASE | re.DOTALL)
_AUTOLINK = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*)>"
)
_HTML_INLINE = re.compile(
    r"""<(?:[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*/?>"""
    r"""|/[A-Za-z][A-Za-z0-9-]*\s*>)"""
)
# comments, processing instructions, CDATA and declarations run to a closing string: found with
# str.find, remembering when there is none, so that many unclosed openers stay linear
_HTML_RUNS = (("<!--", "-->"), ("<?", "?>"), ("<![CDATA[", "]]>"), ("<!", ">"))
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
_DESTINATION = re.compile(
    r"""\]\(\s*(?:<[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)"""
)
_INLINE_SPECIAL = re.compile(r"[\\`<&\]]")
_TICKS = re.compile(r"`+")
_NEWLINE = re.compile(r"\r\n?|\n")
MAX_NESTING = 100
"""Block quotes and lists nested this deep are refused: markdown-it drops what lies deeper (and, in a
list, the rest of the file), which would pass unchecked."""


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # only the block structure is used: the inline pass (emphasis, links as tokens) is switched off
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
    return md.enable(["table", "strikethrough"]).disable("inline")


@dataclass
class _Lines:
    """The file's lines as markdown-it counts them (breaks: LF, CRLF, CR): start and end offsets."""

    text: str

    def __post_init__(self) -> None:
        self.starts: list[int] = [0]
        self.ends: list[int] = []
        for m in _NEWLINE.finditer(self.text):
            self.ends.append(m.start())
            self.starts.append(m.end())
        self.ends.append(len(self.text))

    def line(self, i: int) -> str:
        return self.text[self.starts[i] : self.ends[i]] if i < len(self.starts) else ""


def _front_matter(lines: _Lines) -> int:
    """Number of lines taken by front matter at the top (0 when there is none)."""
    first = lines.line(0).rstrip()
    if first not in ("---", "+++"):
        return 0
    closers = ("---", "...") if first == "---" else ("+++",)
    for i in range(1, len(lines.starts)):
        if lines.line(i).rstrip() in closers:
            return i + 1
    return 0


def _locate(content: str, fline: str, last: bool) -> int:
    """Where a line of markdown-it's block content starts in the file's line (-1: not found)."""
    body = fline.rstrip(" \t") if last else fline
    if body.endswith(content):
        return len(body) - len(content)
    return fline.find(content) if content else len(body)


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = _Lines(text)
        self.segments: list[Segment] = []
        self.file_suppressed: set[RuleSelector] = set()

    def block(
        self, content: str, first_line: int, kind: SegmentKind, suppressed: frozenset[RuleSelector]
    ) -> None:
        """A segment from a block's content whose first content line is file line ``first_line``."""
        pieces: list[tuple[int, int]] = []  # (file start, file end) of each line's part
        parts = content.split("\n")
        for n, part in enumerate(parts):
            i = first_line + n
            if i >= len(self.lines.starts):
                break
            fline = self.lines.line(i)
            last = n == len(parts) - 1
            k = _locate(part, fline, last)
            if k < 0:
                k = _locate(part.lstrip(), fline, last)
                part = part.lstrip()
            if k < 0:  # markdown-it rewrote the line (tabs, NUL): take the file's own text
                stripped = fline.lstrip(" \t>")
                k = len(fline) - len(stripped)
                part = stripped.rstrip() if last else stripped
            start = self.lines.starts[i] + k
            # a line break is kept as the file spells it (LF or CRLF)
            end = start + len(part) if last or i + 1 >= len(self.lines.starts) else self.lines.starts[i + 1]
            pieces.append((start, end))
        self.add(pieces, kind, suppressed)

    def add(
        self, pieces: list[tuple[int, int]], kind: SegmentKind, suppressed: frozenset[RuleSelector]
    ) -> None:
        pieces = [(s, e) for s, e in pieces if e > s] or pieces[:1]
        if not pieces:
            return
        text = self.text
        target = "".join(text[s:e] for s, e in pieces)
        if not target.strip():
            return
        anchors: list[tuple[int, int]] = []
        t = 0
        for s, e in pieces:
            if not anchors or anchors[-1][1] + (t - anchors[-1][0]) != s:
                anchors.append((t, s))
            t += e - s
        protected = inline_protected(target)
        inline_suppressed: set[RuleSelector] = set(suppressed)
        starts = {span.start for span in protected}
        for m in _suppress_comments(target):
            if m.start() in starts:  # an HTML comment, not text inside inline code
                (self.file_suppressed if m.group(1) else inline_suppressed).update(selectors(m.group(2)))
        idx = len(self.segments)
        self.segments.append(
            Segment(
                id=f"p{idx + 1}",
                target=target,
                kind=kind,
                offsets=OffsetMap(tuple(anchors)),
                protected=protected,
                index=idx,
                suppressed=frozenset(inline_suppressed),
            )
        )

    def table_row(self, line: int, cells: list[str], suppressed: frozenset[RuleSelector]) -> None:
        """Cells of one table row, found in order in the row's line (which may carry ``>`` or indentation)."""
        fline = self.lines.line(line)
        base = self.lines.starts[line]
        pos = 0
        for content in cells:
            cell = content.strip()
            if not cell:
                continue
            k = fline.find(cell, pos)
            if k < 0 and "|" in cell:  # markdown-it unescapes ``\|`` inside cells
                cell = cell.replace("|", "\\|")
                k = fline.find(cell, pos)
            if k < 0:
                continue
            self.add([(base + k, base + k + len(cell))], SegmentKind.TABLE_CELL, suppressed)
            pos = k + len(cell)


def inline_protected(text: str) -> tuple[Span, ...]:
    """Spans of ``text`` (a block's Markdown source) that are not prose."""
    found: list[Span] = []
    runs: dict[int, list[int]] | None = None  # backtick run length -> where such runs start
    unclosed: set[str] = set()  # HTML openers with no closing string after the current place
    i = 0
    n = len(text)
    while i < n:
        m = _INLINE_SPECIAL.search(text, i)
        if m is None:
            break
        i = m.start()
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "`":
            run = _TICKS.match(text, i)
            assert run is not None  # text[i] is a backtick
            j = run.end()
            ticks = j - i
            if runs is None:  # every run once, so that finding a closing run is a lookup
                runs = {}
                for m in _TICKS.finditer(text):
                    runs.setdefault(m.end() - m.start(), []).append(m.start())
            later = runs.get(ticks, [])
            k = bisect.bisect_left(later, j)
            if k == len(later):  # no closing run of the same length: literal backticks
                i = j
                continue
            close = later[k]
            found.append(Span(i, close + ticks))
            i = close + ticks
            continue
        if c == "<":
            m = _AUTOLINK.match(text, i) or _HTML_INLINE.match(text, i)
            end = m.end() if m else _html_run(text, i, unclosed)
            if end > i:
                found.append(Span(i, end))
                i = end
                continue
        elif c == "&":
            m = _ENTITY.match(text, i)
            if m:
                found.append(Span(i, m.end()))
                i = m.end()
                continue
        elif c == "]" and text.startswith("](", i):
            m = _DESTINATION.match(text, i)
            if m:  # the link text's brackets stay prose, so bracket pairing still balances
                found.append(Span(i + 1, m.end()))
                i = m.end()
                continue
        i += 1
    # bare URLs and e-mail addresses, unless Markdown syntax already covers them (a link's
    # destination ends at its ``)``, where a bare-URL pattern would run on)
    starts = [span.start for span in found]  # found in order, disjoint
    ends = [span.end for span in found]
    for span in protected_spans(text):
        k = bisect.bisect_left(ends, span.start + 1)  # the first syntax span ending after it starts
        if k == len(starts) or starts[k] >= span.end:
            found.append(span)
    return merge_spans(found)


def _suppress_comments(text: str) -> Iterator[re.Match[str]]:
    """The ``qa-ignore`` comments of ``text`` as ``_SUPPRESS.finditer`` finds them, in linear time:
    each match is bounded by the first ``-->`` after its ``<!--``, and none is tried after the last."""
    i = 0
    close = -1
    while True:
        i = text.find("<!--", i)
        if i < 0:
            return
        if close < i + 4:
            close = text.find("-->", i + 4)
            if close < 0:
                return
        m = _SUPPRESS.match(text, i, close + 3)
        if m is None:
            i += 1
            continue
        yield m
        i = m.end()


def _html_run(text: str, i: int, unclosed: set[str]) -> int:
    """End of the comment, processing instruction, CDATA section or declaration at ``i`` (or ``i``)."""
    for opener, closer in _HTML_RUNS:
        if not text.startswith(opener, i):
            continue
        if opener == "<!" and not (i + 2 < len(text) and "A" <= text[i + 2] <= "Z"):
            return i
        if opener in unclosed:
            return i
        k = text.find(closer, i + len(opener))
        if k < 0:
            unclosed.add(opener)
            return i
        return k + len(closer)
    return i


def _walk(tokens: list[Token], b: _Builder, offset: int) -> None:
    pending: dict[int, set[RuleSelector]] = {}  # block level -> selectors waiting for the next block there
    active: list[tuple[int, frozenset[RuleSelector]]] = []  # (level, selectors) of open suppressed blocks
    list_items = 0
    parent = "paragraph"
    cells: list[str] = []
    row_line = -1

    def current() -> frozenset[RuleSelector]:
        out: set[RuleSelector] = set()
        for _, codes in active:
            out |= codes
        return frozenset(out)

    for tok in tokens:
        level = tok.level
        if tok.type == "html_block":
            for m in _suppress_comments(tok.content):
                if m.group(1):
                    b.file_suppressed.update(selectors(m.group(2)))
                else:
                    pending.setdefault(level, set()).update(selectors(m.group(2)))
            continue
        if tok.nesting == 1 and level in pending:
            active.append((level, frozenset(pending.pop(level))))
        elif tok.nesting == 0 and tok.type != "inline" and level in pending:
            del pending[level]  # a code block or rule: nothing to suppress in it
        if tok.type == "list_item_open":
            list_items += 1
        elif tok.type == "list_item_close":
            list_items -= 1
        elif tok.type == "heading_open":
            parent = "heading"
        elif tok.type == "paragraph_open":
            parent = "paragraph"
        elif tok.type in ("th_open", "td_open"):
            parent = "cell"
        elif tok.type == "tr_open":
            cells = []
            row_line = tok.map[0] + offset if tok.map else -1
        elif tok.type == "tr_close" and row_line >= 0:
            b.table_row(row_line, cells, current())
        elif tok.type == "inline" and parent == "cell":
            cells.append(tok.content)
        elif tok.type == "inline" and tok.map is not None and tok.content.strip():
            if parent == "heading":
                kind = SegmentKind.HEADING
            elif list_items:
                kind = SegmentKind.LIST_ITEM
            else:
                kind = SegmentKind.PARAGRAPH
            b.block(tok.content, tok.map[0] + offset, kind, current())
        if tok.nesting == -1:
            while active and active[-1][0] == level:
                active.pop()


def read_markdown(text: str, path: str, options: ReadOptions) -> Document:
    """Parse a Markdown file into segments (see the module docstring)."""
    b = _Builder(text)
    skip = _front_matter(b.lines)
    body = (text[b.lines.starts[skip] :] if skip < len(b.lines.starts) else "") if skip else text
    tokens = _parser().parse(body)
    if any(tok.level >= MAX_NESTING - 1 for tok in tokens):
        raise ReaderError(f"block quotes or lists nested {MAX_NESTING} levels deep: cannot be checked")
    _walk(tokens, b, skip)
    meta: dict[str, object] = {}
    if b.file_suppressed:
        meta["suppressed"] = frozenset(b.file_suppressed)
    if skip:
        meta["front_matter_lines"] = skip
    return make_document(path=path, format="markdown", text=text, segments=tuple(b.segments), meta=meta)


__all__ = ["inline_protected", "read_markdown"]
