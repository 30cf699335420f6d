"""A strict JSON scanner (RFC 8259) that keeps where every character of every string is.

Python's :mod:`json` gives values but no positions. :func:`scan` parses the same language — and the
test suite checks it against :func:`json.loads` — into a small tree whose strings carry an
:class:`~qa_pipeline.model.OffsetMap` from each decoded character to the file: a plain character maps
to itself, an escape (``\\n``, ``\\"``, ``\\u00e9``, a surrogate pair ``\\ud83d\\ude00``) to its
backslash. Shared by the readers of JSON-based formats.

Strict means: no comments, trailing commas, single quotes, ``NaN``/``Infinity``, control characters in
strings or lone surrogates; nesting deeper than :data:`MAX_DEPTH` is refused. Errors are
:class:`~qa_pipeline.readers.decode.ReaderError` with ``line L, column C: what``. Duplicate keys are
kept in order (a reader decides what they mean).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa_pipeline.model import OffsetMap
from qa_pipeline.readers.decode import ReaderError
from qa_pipeline.readers.mapped import MappedText

MAX_DEPTH = 200

_WS = re.compile(r"[ \t\n\r]*")
_RUN = re.compile(r'[^"\\\x00-\x1f]*')
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")
_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


@dataclass(frozen=True)
class JString:
    """A string value or key: decoded ``value``, ``offsets`` into the file, ``start`` of its quote."""

    value: str
    offsets: OffsetMap
    start: int


@dataclass
class JObject:
    start: int
    members: list[tuple[JString, JValue]] = field(default_factory=list)


@dataclass
class JArray:
    start: int
    items: list[JValue] = field(default_factory=list)


@dataclass(frozen=True)
class JScalar:
    """A number, ``true``, ``false`` or ``null`` as the file spells it."""

    start: int
    raw: str


JValue = JString | JObject | JArray | JScalar


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (code points) of ``offset``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def pointer(parts: list[str]) -> str:
    """RFC 6901 JSON pointer of a path of keys and array indexes (``/settings/title``)."""
    return "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in parts)


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def fail(self, message: str, at: int | None = None) -> ReaderError:
        line, col = line_col(self.text, self.pos if at is None else at)
        return ReaderError(f"line {line}, column {col}: malformed JSON ({message})")

    def ws(self) -> None:
        m = _WS.match(self.text, self.pos)
        assert m is not None
        self.pos = m.end()

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def describe(self) -> str:
        c = self.peek()
        return "end of file" if not c else repr(c)

    def value(self, depth: int) -> JValue:
        self.ws()
        c = self.peek()
        if c == '"':
            return self.string()
        if c == "{":
            return self.object(depth + 1)
        if c == "[":
            return self.array(depth + 1)
        start = self.pos
        m = _NUMBER.match(self.text, start)
        if m is not None and m.end() > start:
            self.pos = m.end()
            return JScalar(start, m.group())
        for word in ("true", "false", "null"):
            if self.text.startswith(word, start):
                self.pos = start + len(word)
                return JScalar(start, word)
        if self.text.startswith(("NaN", "Infinity", "-Infinity"), start):
            raise self.fail("NaN and Infinity are not JSON")
        raise self.fail(f"expected a value, found {self.describe()}")

    def object(self, depth: int) -> JObject:
        if depth > MAX_DEPTH:
            raise self.fail(f"nested deeper than {MAX_DEPTH} levels")
        obj = JObject(self.pos)
        self.pos += 1
        self.ws()
        if self.peek() == "}":
            self.pos += 1
            return obj
        while True:
            self.ws()
            if self.peek() != '"':
                raise self.fail(f"expected a key in double quotes, found {self.describe()}")
            key = self.string()
            self.ws()
            if self.peek() != ":":
                raise self.fail(f"expected ':' after a key, found {self.describe()}")
            self.pos += 1
            obj.members.append((key, self.value(depth)))
            self.ws()
            c = self.peek()
            self.pos += 1
            if c == "}":
                return obj
            if c != ",":
                self.pos -= 1
                raise self.fail(f"expected ',' or '}}' after an object member, found {self.describe()}")

    def array(self, depth: int) -> JArray:
        if depth > MAX_DEPTH:
            raise self.fail(f"nested deeper than {MAX_DEPTH} levels")
        arr = JArray(self.pos)
        self.pos += 1
        self.ws()
        if self.peek() == "]":
            self.pos += 1
            return arr
        while True:
            arr.items.append(self.value(depth))
            self.ws()
            c = self.peek()
            self.pos += 1
            if c == "]":
                return arr
            if c != ",":
                self.pos -= 1
                raise self.fail(f"expected ',' or ']' after an array item, found {self.describe()}")

    def string(self) -> JString:
        text = self.text
        start = self.pos
        out = MappedText()
        i = start + 1
        while True:
            m = _RUN.match(text, i)
            assert m is not None
            out.add(m.group(), i)
            i = m.end()
            c = text[i] if i < len(text) else ""
            if c == '"':
                self.pos = i + 1
                return JString(out.value(), out.offsets(start + 1), start)
            if c != "\\":
                raise self.fail("unterminated string" if not c else "control character in a string", i)
            e = text[i + 1 : i + 2]
            if e in _SIMPLE:
                out.add(_SIMPLE[e], i)
                i += 2
                continue
            if e != "u":
                raise self.fail(f"invalid escape \\{e}" if e else "unterminated string", i)
            code = self.hex4(i)
            j = i + 6
            if 0xD800 <= code < 0xDC00:
                low = self.hex4(j) if text.startswith("\\u", j) else -1
                if not 0xDC00 <= low < 0xE000:
                    raise self.fail("lone surrogate in a \\u escape", i)
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                j += 6
            elif 0xDC00 <= code < 0xE000:
                raise self.fail("lone surrogate in a \\u escape", i)
            out.add(chr(code), i)
            i = j

    def hex4(self, i: int) -> int:
        m = _HEX4.match(self.text, i + 2)
        if m is None:
            raise self.fail("\\u must be followed by four hex digits", i)
        return int(m.group(), 16)


def scan(text: str) -> JValue | None:
    """Parse ``text`` (a leading BOM is skipped); None for an empty or blank file."""
    s = _Scanner(text)
    if text.startswith("\ufeff"):
        s.pos = 1
    s.ws()
    if s.pos == len(text):
        return None
    value = s.value(0)
    s.ws()
    if s.pos != len(text):
        raise s.fail(f"unexpected {s.describe()} after the top-level value")
    return value


__all__ = ["MAX_DEPTH", "JArray", "JObject", "JScalar", "JString", "JValue", "line_col", "pointer", "scan"]
