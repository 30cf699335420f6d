"""XML with exact character positions, shared by the XML readers (XLIFF, TMX, Apple ``.stringsdict``,
Android resources).

:func:`validate` parses the text with defusedxml first (well-formed; no entity declarations, so no
entity expansion; no external references or network access), then :func:`tree` builds a light
element tree from a regex tokenizer that records where every element and its content start and end
in the decoded text. :func:`content` turns an element's content into a segment's text: entities and
character references decoded, CDATA unwrapped, comments dropped, inline tags kept as the file spells
them (and protected), with an :class:`~qa_pipeline.model.OffsetMap` back into the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa_pipeline.model import OffsetMap, Span
from qa_pipeline.readers.decode import ReaderError
from qa_pipeline.text.protect import merge_spans, protected_spans

TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>"
    r"""|<(/?)([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(/?)>""",
    re.DOTALL,
)
"""One markup token: comment, CDATA, processing instruction, DOCTYPE, or a tag (groups: ``/`` of an
end tag, the qualified name, the raw attributes, ``/`` of an empty-element tag)."""
_ATTR = re.compile(r"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
REF = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}

COMMENT = "#comment"
"""The name of the pseudo-elements :func:`tree` records for comments when asked to."""

XLIFF_OPAQUE = frozenset({"ph", "bpt", "ept", "it", "cp"})
"""Inline elements whose content is native code (protected as a whole), in XLIFF."""


@dataclass
class El:
    """An element and where it is: ``start``/``end`` around the whole element, ``inner_*`` its content."""

    name: str  # local name, without a namespace prefix
    attrs: dict[str, str]
    start: int  # offset of '<'
    inner_start: int
    inner_end: int
    end: int
    children: list[El] = field(default_factory=list)
    comments: list[tuple[int, str]] = field(default_factory=list)  # (offset, text) of child comments
    qname: str = ""  # the name as written, with its prefix

    def get(self, key: str) -> str | None:
        return self.attrs.get(key)

    def child(self, name: str) -> El | None:
        for c in self.children:
            if c.name == name:
                return c
        return None

    def all(self, name: str) -> list[El]:
        return [c for c in self.children if c.name == name]


def unescape(value: str) -> str:
    return REF.sub(decode_ref, value)


def decode_ref(m: re.Match[str]) -> str:
    """The character a :data:`REF` match stands for."""
    if m.group(1):
        return _NAMED[m.group(1)]
    code = int(m.group(2)) if m.group(2) else int(m.group(3), 16)
    return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"


def parse_attrs(raw: str) -> dict[str, str]:
    """Attributes by qualified name and, for prefixed ones (``tools:ignore``), also by local name."""
    out: dict[str, str] = {}
    for m in _ATTR.finditer(raw):
        key = m.group(1)
        value = unescape(m.group(2) if m.group(2) is not None else m.group(3))
        out[key] = value
        local = key.rsplit(":", 1)[-1]
        if local != key and key.split(":", 1)[0] not in ("xml", "xmlns"):
            out.setdefault(local, value)
    return out


def validate(text: str) -> None:
    """Parse with defusedxml: well-formed, and no entity declarations or external references."""
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as SafeET
    from defusedxml.common import DefusedXmlException

    body = text[1:] if text.startswith("\ufeff") else text
    try:
        SafeET.fromstring(body)
    except DefusedXmlException as exc:
        what = type(exc).__name__
        reason = {
            "EntitiesForbidden": "entity declarations are not allowed (possible entity-expansion attack)",
            "ExternalReferenceForbidden": "external references are not allowed",
            "DTDForbidden": "document type declarations are not allowed",
        }.get(what, "unsafe XML construct refused")
        raise ReaderError(f"unsafe XML: {reason}") from None
    except ParseError as exc:
        line, col = exc.position
        msg = str(exc).split(":")[0]
        lines = body.split("\n")
        if 0 < line <= len(lines):
            col = len(lines[line - 1].encode("utf-8")[:col].decode("utf-8", "ignore"))
        raise ReaderError(f"line {line}, column {col + 1}: malformed XML ({msg})") from None


def tree(text: str, keep_comments: bool = False) -> El:
    """Element tree with character positions (the text is known to be well-formed: :func:`validate`).
    Comments are listed in their parent's ``comments``; with ``keep_comments`` also as :data:`COMMENT`
    pseudo-elements among its children, in document order."""
    root = El("#document", {}, 0, 0, len(text), len(text))
    stack = [root]
    for m in TOKEN.finditer(text):
        name = m.group(2)
        if name is None:
            if m.group(0).startswith("<!--"):
                stack[-1].comments.append((m.start(), m.group(0)[4:-3]))
                if keep_comments:
                    el = El(COMMENT, {}, m.start(), m.start() + 4, m.end() - 3, m.end())
                    stack[-1].children.append(el)
            continue
        local = name.rsplit(":", 1)[-1]
        if m.group(1):  # end tag
            el = stack.pop()
            el.inner_end = m.start()
            el.end = m.end()
            continue
        raw_attrs = m.group(3)
        el = El(
            local,
            parse_attrs(raw_attrs) if raw_attrs else {},
            m.start(),
            m.end(),
            m.end(),
            m.end(),
            qname=name,
        )
        stack[-1].children.append(el)
        if not m.group(4):
            stack.append(el)
    return root


@dataclass
class Text:
    """A piece of content as a segment's text, with its offsets and protected spans."""

    text: str
    offsets: OffsetMap
    protected: tuple[Span, ...]


def content(
    text: str,
    start: int,
    end: int,
    protect: bool = True,
    opaque: frozenset[str] = XLIFF_OPAQUE,
    placeholders: bool = True,
) -> Text:
    """The text of an element's content: entities decoded, inline tags kept literally and protected.

    The content of ``opaque`` elements (native code) is kept literally and protected with its tags.
    ``placeholders`` also protects placeholders (``%s``, ``{0}``…) besides URLs and e-mail addresses.
    """
    if text.find("<", start, end) < 0 and text.find("&", start, end) < 0:  # plain text, the usual case
        plain_text = text[start:end]
        spans = tuple(protected_spans(plain_text, placeholders=placeholders)) if protect else ()
        return Text(plain_text, OffsetMap.contiguous(start), spans)
    parts: list[str] = []
    anchors: list[tuple[int, int]] = []
    tags: list[Span] = []
    length = 0
    depth = 0  # depth inside a native-code element
    opaque_start = 0

    def emit(piece: str, file_offset: int) -> None:
        nonlocal length
        if not piece:
            return
        if not anchors or anchors[-1][1] + (length - anchors[-1][0]) != file_offset:
            anchors.append((length, file_offset))
        parts.append(piece)
        length += len(piece)

    def run(a: int, b: int) -> None:
        pos = a
        for m in REF.finditer(text, a, b):
            emit(text[pos : m.start()], pos)
            emit(decode_ref(m), m.start())
            pos = m.end()
        emit(text[pos:b], pos)

    pos = start
    for m in TOKEN.finditer(text, start, end):
        if not depth:
            run(pos, m.start())
        pos = m.end()
        tok = m.group(0)
        if tok.startswith("<![CDATA["):
            if depth:
                continue
            emit(tok[9:-3], m.start() + 9)
            continue
        name = m.group(2)
        if name is None:
            continue  # comment or processing instruction: not text
        local = name.rsplit(":", 1)[-1]
        closing, selfclosing = bool(m.group(1)), bool(m.group(4))
        if depth:
            if not selfclosing:
                depth += -1 if closing else 1
            if depth == 0:
                t0 = length
                emit(text[opaque_start : m.end()], opaque_start)
                tags.append(Span(t0, length))
            continue
        if local in opaque and not closing and not selfclosing:
            depth = 1
            opaque_start = m.start()
            continue
        t0 = length
        emit(tok, m.start())
        tags.append(Span(t0, length))
    if not depth:
        run(pos, end)
    if not anchors:
        anchors.append((0, start))
    target = "".join(parts)
    if not protect:
        return Text(target, OffsetMap(tuple(anchors)), ())
    found = [*tags, *protected_spans(target, placeholders=placeholders)]
    return Text(target, OffsetMap(tuple(anchors)), merge_spans(found))


def plain(text: str, el: El) -> str:
    """An element's text content, decoded, without protection (notes, keys, attribute-like values)."""
    return content(text, el.inner_start, el.inner_end, protect=False).text


__all__ = ["XLIFF_OPAQUE", "El", "Text", "content", "plain", "tree", "unescape", "validate"]
