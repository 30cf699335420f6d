"""XML with exact character positions, parsed safely: shared by the XML-based readers.

:func:`validate` parses the text with defusedxml — well-formed, no entity declarations (billion
laughs), no external entities or network access — and turns any problem into a one-line
:class:`~qa_pipeline.readers.decode.ReaderError` naming line and column. :func:`tree` then walks the
(known well-formed) text with a small tokenizer that keeps every element's offsets: where its tag
starts, where its content starts and ends. Readers take the characters from there, decoding
references with :data:`REF` / :func:`decode_ref`, so every character keeps its place in the file.

The XLIFF reader carries its own copy of these helpers (written first); this module is the shared
version for the readers added since (Android resources).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa_pipeline.readers.decode import ReaderError

TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>"
    r"""|<(/?)([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(/?)>""",
    re.DOTALL,
)
"""One markup token: comment, CDATA, processing instruction, DOCTYPE, or a tag (groups: ``/`` of an
end tag, the qualified name, the raw attributes, ``/`` of an empty-element tag)."""
REF = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));")
_ATTR = re.compile(r"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}

COMMENT = "#comment"
"""The name of the pseudo-elements :func:`tree` records for comments when asked to."""


@dataclass
class El:
    """An element (or, with ``keep_comments``, a comment) and its offsets in the text."""

    name: str  # local name, without a namespace prefix
    attrs: dict[str, str]
    start: int  # offset of '<'
    inner_start: int
    inner_end: int
    end: int
    children: list[El] = field(default_factory=list)
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


def decode_ref(m: re.Match[str]) -> str:
    """The character a :data:`REF` match stands for."""
    if m.group(1):
        return _NAMED[m.group(1)]
    code = int(m.group(2)) if m.group(2) else int(m.group(3), 16)
    return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"


def unescape(value: str) -> str:
    return REF.sub(decode_ref, value)


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
        reason = {
            "EntitiesForbidden": "entity declarations are not allowed (possible entity-expansion attack)",
            "ExternalReferenceForbidden": "external references are not allowed",
            "DTDForbidden": "document type declarations are not allowed",
        }.get(type(exc).__name__, "unsafe XML construct refused")
        raise ReaderError(f"unsafe XML: {reason}") from None
    except ParseError as exc:
        line, col = exc.position
        msg = str(exc).split(":")[0]
        lines = body.split("\n")
        if 0 < line <= len(lines):  # expat counts bytes of UTF-8; columns are code points
            col = len(lines[line - 1].encode("utf-8")[:col].decode("utf-8", "ignore"))
        raise ReaderError(f"line {line}, column {col + 1}: malformed XML ({msg})") from None


def tree(text: str, keep_comments: bool = False) -> El:
    """Element tree with character positions (``text`` must be well-formed: call :func:`validate`)."""
    root = El("#document", {}, 0, 0, len(text), len(text))
    stack = [root]
    for m in TOKEN.finditer(text):
        name = m.group(2)
        if name is None:
            tok = m.group(0)
            if keep_comments and tok.startswith("<!--"):
                stack[-1].children.append(El(COMMENT, {}, m.start(), m.start() + 4, m.end() - 3, m.end()))
            continue
        if m.group(1):  # end tag
            el = stack.pop()
            el.inner_end = m.start()
            el.end = m.end()
            continue
        raw_attrs = m.group(3)
        local = name.rsplit(":", 1)[-1]
        attrs = parse_attrs(raw_attrs) if raw_attrs else {}
        el = El(local, attrs, m.start(), m.end(), m.end(), m.end(), qname=name)
        stack[-1].children.append(el)
        if not m.group(4):
            stack.append(el)
    return root


__all__ = ["COMMENT", "REF", "TOKEN", "El", "decode_ref", "parse_attrs", "tree", "unescape", "validate"]
