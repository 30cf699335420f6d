"""HTML pages: the visible text a reader of the page sees.

- Segments: the text of each block — ``p``, ``h1``–``h6``, ``li``, ``dt``/``dd``, ``td``/``th``,
  ``caption``, ``figcaption``, ``blockquote``, ``title``, ``summary``, ``legend``, ``address``, and
  text written straight into ``div``/``section``/``body``… — with kinds ``heading`` (``h1``–``h6``,
  ``title``), ``list-item`` (``li``, ``dt``, ``dd``), ``table-cell`` (``td``, ``th``) or
  ``paragraph``. ``alt``, ``title``, ``aria-label`` and ``placeholder`` attributes, the ``value``
  of ``<input type="submit|button|reset">`` and ``<meta name="description">`` /
  ``og:title`` / ``og:description`` contents are segments of their own.
- Not checked: ``script style template noscript pre textarea svg math iframe object canvas select``
  and anything marked ``translate="no"`` or ``class="notranslate"``.
- Inline markup inside a block (``<a href=…>``, ``<em>``, ``<br>``, ``<img>``) stays in the text as
  the file spells it and is protected; inline ``code``/``kbd``/``samp``/``var`` are protected with
  their content. URLs and e-mail addresses are protected.
- Whitespace: a run of spaces and line breaks counts as one character, as a browser renders it (a
  line break if the run has one, else a space), and is trimmed at a block's ends; each character
  still maps to its place in the file. Entities and character references (``&amp;``, ``&eacute;``,
  ``&#233;``, ``&#xE9;``) are decoded; a finding points at the reference.
- Segment id: the element's ``id`` attribute, else its tag and its number among the page's elements
  of that tag (``p3``, ``h2-1``, ``li12``); attributes add ``@alt``, ``@title``… (``img2@alt``); a
  block split by a nested block continues as ``p3#2``.
- Language: ``<html lang>``. Suppression: ``<!-- qa-ignore: QA201 -->`` before a block applies to it
  (inside a block: to that block); ``<!-- qa-ignore-file: QA104 -->`` anywhere, to the file.

Parsing uses the standard library's forgiving ``html.parser`` (no network, no entity expansion
beyond HTML's own named references); its ``getpos()`` gives each token's place in the file.
"""

from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from qa_pipeline.model import Document, LanguageInfo, OffsetMap, Segment, SegmentKind, Span
from qa_pipeline.readers.base import ReadOptions, make_document
from qa_pipeline.readers.suppression import selectors
from qa_pipeline.selectors import RuleSelector
from qa_pipeline.text.protect import merge_spans, protected_spans

_SUPPRESS = re.compile(r"^\s*qa-ignore(-file)?\b\s*(?::\s*(.*?))?\s*$", re.IGNORECASE | re.DOTALL)
_REF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
_ATTR = re.compile(r"""(?<=[\s"'/])([^\s/>"'=][^\s/>=]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"'][^\s>]*))?""")
_WS = re.compile(r"[ \t\n\r\f]+")
_KINDS = {
    **{f"h{n}": SegmentKind.HEADING for n in range(1, 7)},
    "title": SegmentKind.HEADING,
    "li": SegmentKind.LIST_ITEM,
    "dt": SegmentKind.LIST_ITEM,
    "dd": SegmentKind.LIST_ITEM,
    "td": SegmentKind.TABLE_CELL,
    "th": SegmentKind.TABLE_CELL,
}
_BLOCKS = frozenset(
    {
        *_KINDS, "p", "caption", "figcaption", "blockquote", "summary", "legend", "address", "div", "section",
        "article", "aside", "nav", "header", "footer", "main", "body", "html", "head", "figure", "ul", "ol",
        "dl", "table", "thead", "tbody", "tfoot", "tr", "form", "fieldset", "details", "dialog", "hgroup",
        "hr", "menu", "search", "center", "option", "optgroup", "label", "button",
    }
)  # fmt: skip
_SKIP = frozenset(
    {"script", "style", "template", "noscript", "pre", "textarea", "svg", "math", "iframe", "object",
     "canvas", "select", "video", "audio"}
)  # fmt: skip
_CONTAINERS = frozenset(
    {"#document", "html", "head", "body", "div", "section", "article", "aside", "nav", "header", "footer",
     "main", "figure", "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "form", "fieldset",
     "details", "dialog", "hgroup", "menu", "search", "center", "blockquote"}
)  # fmt: skip  # blocks that mostly hold blocks: a comment in them waits for the next block
_CODE = frozenset({"code", "kbd", "samp", "var", "tt"})
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
        "param",
    }
)
_CLOSES = {"p": {"p"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "td": {"td", "th"},
           "th": {"td", "th"}, "tr": {"tr", "td", "th"}, "option": {"option"}}  # fmt: skip
_TEXT_ATTRS = ("alt", "title", "aria-label", "placeholder")
_META = frozenset({"description", "og:title", "og:description"})


def claims(path: Path, head: str) -> bool:
    """A folder scan reads an HTML file only when it is a localized page: the path names a
    language (``fr/…``, ``page.fr.html``) and ``<html lang>`` is set; qa-pipeline's own reports
    are never read."""
    from qa_pipeline.languages import language_from_path

    if 'content="qa-pipeline' in head:
        return False
    if not re.search(r"<html\b[^>]*\slang\s*=", head, re.IGNORECASE):
        return False
    return language_from_path(path.as_posix()) is not None


@dataclass
class _Open:
    tag: str
    seg_id: str
    suppressed: set[RuleSelector]
    pieces: list[tuple[str, str, int]] = field(default_factory=list)  # (kind, text, file offset)
    parts: int = 0  # segments already made from this element


class _Parser(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.stack: list[_Open] = [_Open("#document", "document", set())]
        self.counts: dict[str, int] = {}
        self.ids: set[str] = set()
        self.segments: list[Segment] = []
        self.skip: list[str] = []  # open elements whose content is not checked
        self.code: tuple[str, int, int] | None = None  # open inline code: (tag, depth, start offset)
        self.pending: set[RuleSelector] = set()  # suppression waiting for the next block
        self.file_suppressed: set[RuleSelector] = set()
        self.lang: str | None = None
        self.data_at: int | None = None  # start of the data whose end is the next token's start
        self.data = ""

    # positions ---------------------------------------------------------------------------------
    def here(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def settle(self, end: int) -> None:
        """Place the data read before a token: from where it began up to ``end``."""
        if self.data_at is None:
            return
        start, data = self.data_at, self.data
        self.data_at, self.data = None, ""
        raw_end = end
        if _html.unescape(self.text[start:raw_end]) != data:
            raw_end = next(
                (e for e in range(start + 1, end + 1) if _html.unescape(self.text[start:e]) == data), end
            )
        if self.skip:
            return
        target = self.stack[-1]
        for m in _REF.finditer(self.text, start, raw_end):
            target.pieces.append(("text", self.text[start : m.start()], start))
            raw = m.group(0)
            decoded = _html.unescape(raw)
            if decoded == raw:
                target.pieces.append(("text", raw, m.start()))
            else:
                keep = 0  # a reference without ';' decodes a prefix: "&copy2024" is "©2024"
                while (
                    keep < len(raw) - 1 and keep < len(decoded) - 1 and raw[-1 - keep] == decoded[-1 - keep]
                ):
                    keep += 1
                target.pieces.append(("ref", decoded[: len(decoded) - keep], m.start()))
                if keep:
                    target.pieces.append(("text", raw[-keep:], m.end() - keep))
            start = m.end()
        target.pieces.append(("text", self.text[start:raw_end], start))

    # tokens ------------------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        at = self.here()
        self.settle(at)
        self.data_at, self.data = at, data

    def handle_comment(self, data: str) -> None:
        self.settle(self.here())
        m = _SUPPRESS.match(data)
        if m is None or self.skip:
            return
        if m.group(1):
            self.file_suppressed.update(selectors(m.group(2)))
        elif self.stack[-1].tag not in _CONTAINERS or any(t.strip() for _, t, _ in self.stack[-1].pieces):
            self.stack[-1].suppressed.update(selectors(m.group(2)))  # inside a block: that block
        else:
            self.pending.update(selectors(m.group(2)))

    def handle_decl(self, decl: str) -> None:
        self.settle(self.here())

    def handle_pi(self, data: str) -> None:
        self.settle(self.here())

    def unknown_decl(self, data: str) -> None:
        self.settle(self.here())

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _VOID:
            return
        if self.skip or tag in _BLOCKS:
            self.handle_endtag(tag)  # only closes what the start tag opened: no text of its own
        elif self.stack[-1].pieces and self.stack[-1].pieces[-1][0] == "code":
            # ``<code/>``: the token is all there is (an end tag here would repeat it at the same
            # place); it is protected as a tag, not left open as inline code
            _, raw, at = self.stack[-1].pieces.pop()
            self.stack[-1].pieces.append(("tag", raw, at))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        at = self.here()
        self.settle(at)
        raw = self.get_starttag_text() or ""
        values = dict(attrs)
        count = self.counts[tag] = self.counts.get(tag, 0) + 1  # every element counts: p7 is the 7th <p>
        if self.skip:
            if tag not in _VOID:
                self.skip.append(tag)
            return
        if tag == "html" and self.lang is None:
            self.lang = (values.get("lang") or values.get("xml:lang") or "").strip() or None
        hidden = values.get("translate") == "no" or "notranslate" in (values.get("class") or "").split()
        if tag in _SKIP or hidden:
            if tag not in _VOID:
                self.skip.append(tag)
            return
        own_id = self.unique(
            (values.get("id") or "").strip() or (f"{tag}-{count}" if tag[-1].isdigit() else f"{tag}{count}")
        )
        self.attributes(tag, own_id, raw, at, values)
        if tag in _BLOCKS:
            while self.stack[-1].tag in _CLOSES.get(tag, ()) or (
                self.stack[-1].tag == "p" and tag in _BLOCKS and tag not in ("label", "button", "option")
            ):
                self.flush(self.stack.pop())
            self.flush(self.stack[-1])
            suppressed = set(self.pending) | self.stack[-1].suppressed
            self.pending = set()
            if tag not in _VOID:
                self.stack.append(_Open(tag, own_id, suppressed))
            return
        kind = "code" if tag in _CODE else "tag"
        self.stack[-1].pieces.append((kind, raw, at))

    def handle_endtag(self, tag: str) -> None:
        at = self.here()
        self.settle(at)
        if self.skip:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag in _BLOCKS:
            if any(o.tag == tag for o in self.stack[1:]):
                while True:
                    el = self.stack.pop()
                    self.flush(el)
                    if el.tag == tag:
                        break
            return
        end = self.text.find(">", at)
        raw = self.text[at : end + 1 if end >= 0 else len(self.text)]
        self.stack[-1].pieces.append(("endcode" if tag in _CODE else "tag", raw, at))

    def unique(self, seg_id: str) -> str:
        base, n = seg_id, 1
        while seg_id in self.ids:
            n += 1
            seg_id = f"{base}~{n}"
        self.ids.add(seg_id)
        return seg_id

    # segments ----------------------------------------------------------------------------------
    def attributes(self, tag: str, own_id: str, raw: str, at: int, values: dict[str, str | None]) -> None:
        names = list(_TEXT_ATTRS)
        if tag == "input" and (values.get("type") or "").lower() in ("submit", "button", "reset"):
            names.append("value")
        if tag == "meta" and ((values.get("name") or values.get("property") or "").lower() in _META):
            names.append("content")
        wanted = {n for n in names if (values.get(n) or "").strip()}
        if not wanted:
            return
        for m in _ATTR.finditer(raw, len(tag) + 1):
            name = m.group(1).lower()
            if name not in wanted or m.group(2) is None:
                continue
            wanted.discard(name)
            value = m.group(2)
            start = at + m.start(2) + (1 if value[0] in "\"'" else 0)
            end = at + m.end(2) - (1 if value[0] in "\"'" else 0)
            el = _Open(tag, own_id, set(self.pending) | self.stack[-1].suppressed)
            saved, self.data_at, self.data = (
                (self.data_at, self.data),
                start,
                _html.unescape(self.text[start:end]),
            )
            self.stack.append(el)
            self.settle(end)
            self.stack.pop()
            self.data_at, self.data = saved
            label = (
                f"meta-{(values.get('name') or values.get('property') or '').lower()}"
                if tag == "meta"
                else None
            )
            self.emit(el, label or f"{own_id}@{name}", SegmentKind.PARAGRAPH)

    def flush(self, el: _Open) -> None:
        kind = _KINDS.get(el.tag, SegmentKind.PARAGRAPH)
        el.parts += 1
        seg_id = el.seg_id if el.parts == 1 else f"{el.seg_id}#{el.parts}"
        if not self.emit(el, seg_id, kind):
            el.parts -= 1
        el.pieces = []

    def emit(self, el: _Open, seg_id: str, kind: SegmentKind) -> bool:
        """Make a segment of the pieces gathered in ``el``; False when they hold no text."""
        parts: list[str] = []
        anchors: list[tuple[int, int]] = []
        spans: list[Span] = []
        length = 0
        space: tuple[str, int] | None = None  # collapsed whitespace, written before the next content
        code_start: int | None = None
        has_text = False

        def put(piece: str, at: int) -> None:
            nonlocal length, space
            if space is not None and length:
                ch, where = space
                anchors.append((length, where))
                parts.append(ch)
                length += 1
            space = None
            if not anchors or anchors[-1][1] + (length - anchors[-1][0]) != at:
                anchors.append((length, at))
            parts.append(piece)
            length += len(piece)

        for what, piece, at in el.pieces:
            if what == "text":
                pos = 0
                for m in _WS.finditer(piece):
                    if m.start() > pos:
                        put(piece[pos : m.start()], at + pos)
                        has_text = has_text or code_start is None
                    run = m.group(0)
                    k = run.find("\n") if "\n" in run else max(run.find(" "), 0)
                    space = (run[k], at + m.start() + k)
                    pos = m.end()
                if pos < len(piece):
                    put(piece[pos:], at + pos)
                    has_text = has_text or code_start is None
            elif what == "ref":
                for k, ch in enumerate(piece):
                    put(ch, at + k)
                has_text = has_text or (code_start is None and not piece.isspace())
            else:
                put(piece, at)
                t0 = length - len(piece)
                if what == "code" and code_start is None:
                    code_start = t0
                elif what == "endcode" and code_start is not None:
                    spans.append(Span(code_start, length))
                    code_start = None
                elif code_start is None:
                    spans.append(Span(t0, length))
        if code_start is not None:
            spans.append(Span(code_start, length))
        target, offsets, spans = _trim("".join(parts), anchors, spans)
        if not has_text or not target:
            return False
        spans.extend(protected_spans(target))
        self.segments.append(
            Segment(
                id=seg_id,
                target=target,
                kind=kind,
                offsets=offsets,
                protected=merge_spans(spans),
                index=len(self.segments),
                suppressed=frozenset(el.suppressed),
            )
        )
        return True

    def finish(self) -> None:
        super().close()
        self.settle(len(self.text))
        while len(self.stack) > 1:
            self.flush(self.stack.pop())
        self.flush(self.stack[0])


def _trim(
    target: str, anchors: list[tuple[int, int]], spans: list[Span]
) -> tuple[str, OffsetMap, list[Span]]:
    """The target without whitespace at its ends (a no-break space too), offsets and spans moved."""
    lead = len(target) - len(target.lstrip())
    end = len(target.rstrip())
    if lead >= end:
        return "", OffsetMap(tuple(anchors) or ((0, 0),)), []
    whole = OffsetMap(tuple(anchors))
    moved = [(t - lead, f) for t, f in anchors if lead < t < end]
    offsets = OffsetMap(((0, whole.to_file(lead)), *moved))
    kept = [
        Span(max(s.start - lead, 0), min(s.end, end) - lead) for s in spans if s.end > lead and s.start < end
    ]
    return target[lead:end], offsets, kept


def read_html(text: str, path: str, options: ReadOptions) -> Document:
    """Parse an HTML page into segments (see the module docstring)."""
    from qa_pipeline.languages import normalize

    parser = _Parser(text)
    parser.feed(text)
    parser.finish()
    meta: dict[str, object] = {}
    if parser.file_suppressed:
        meta["suppressed"] = frozenset(parser.file_suppressed)
    return make_document(
        path=path,
        format="html",
        text=text,
        segments=tuple(parser.segments),
        target_language=LanguageInfo(normalize(parser.lang), "file") if parser.lang else LanguageInfo(None),
        meta=meta,
    )


__all__ = ["claims", "read_html"]
