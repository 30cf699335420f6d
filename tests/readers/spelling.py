"""What a file spells at an offset, for the keyed formats (JSON, YAML, Android resources).

The position property of the readers (see ``helpers.assert_positions_exact``): every character of a
segment maps to an offset where the file has that very character, or an escape, reference or line
break that stands for it. These formats add their own ways of spelling a character:

- JSON: ``\\n``, ``\\"``, ``\\uXXXX`` and surrogate pairs;
- YAML: double-quoted escapes, ``''`` in single quotes, and a line break, which folding turns into a
  space (or keeps as ``\\n``);
- Android: XML references (``&amp;``, ``&#233;``), Android escapes (``\\'``, ``\\n``, ``\\u00e9``) and
  whitespace, which a collapsed run turns into one space.
"""

from __future__ import annotations

from qa_pipeline.model import Document

KEYED = frozenset({"json", "yaml", "android"})

_JSON = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_YAML = {
    "0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b", "f": "\x0c",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "\\": "\\", "/": "/", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_XML = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_BREAKS = "\r\n\x85\u2028\u2029"


def _json(text: str, at: int) -> str | None:
    e = text[at + 1]
    if e in _JSON:
        return _JSON[e]
    code = int(text[at + 2 : at + 6], 16)
    if 0xD800 <= code < 0xDC00:
        low = int(text[at + 8 : at + 12], 16)
        return chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
    return chr(code)


def _yaml(text: str, at: int) -> str | None:
    e = text[at + 1]
    if e in _YAML:
        return _YAML[e]
    n = {"x": 2, "u": 4, "U": 8}.get(e)
    return chr(int(text[at + 2 : at + 2 + n], 16)) if n else None


def _xml_ref(text: str, at: int) -> str | None:
    end = text.find(";", at)
    name = text[at + 1 : end]
    if name.startswith("#x"):
        return chr(int(name[2:], 16))
    if name.startswith("#"):
        return chr(int(name[1:]))
    return _XML.get(name)


def _android(text: str, at: int) -> str | None:
    e = text[at + 1]
    if e == "u":
        digits = ""
        while len(digits) < 4 and text[at + 2 + len(digits)] in "0123456789abcdefABCDEF":
            digits += text[at + 2 + len(digits)]
        return chr(int(digits, 16)) if digits else "u"
    return {"n": "\n", "t": "\t"}.get(e, e)


def spells(doc: Document, at: int, ch: str) -> bool:
    """Whether ``doc.text`` at ``at`` spells ``ch``: the very character, or an escape for it."""
    try:
        return doc.text[at] == ch or _spells(doc, at, ch)
    except (IndexError, ValueError):  # a backslash that is no escape (plain YAML, end of text)
        return False


def _spells(doc: Document, at: int, ch: str) -> bool:
    text = doc.text
    c = text[at]
    if doc.format == "json":
        return c == "\\" and _json(text, at) == ch
    if doc.format == "yaml":
        if c in _BREAKS:
            return ch in ("\n", " ") or ch == c
        return c == "\\" and _yaml(text, at) == ch
    if doc.format == "android":
        if c in " \t\n\r\f\v":
            return ch == " "
        if c == "&":
            return _xml_ref(text, at) == ch
        return c == "\\" and _android(text, at) == ch
    return False
