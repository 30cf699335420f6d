"""JSON with exact character positions (for the Xcode string catalog reader, ``.xcstrings``).

The stdlib ``json`` module validates the text and words the error for malformed input; a small
scanner then rebuilds the value with every string's place in the file: objects become
:class:`JObject` (a dict whose values are parsed values, keeping the key strings' positions), strings
become :class:`JStr`. :meth:`JStr.decode` gives a string's text and an
:class:`~qa_pipeline.model.OffsetMap` back into the file, through escapes (``\\n``, ``\\"``,
``\\u00e9``, surrogate pairs).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from qa_pipeline.model import OffsetMap
from qa_pipeline.readers.decode import ReaderError

_WS = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|NaN|-?Infinity")
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|(.))", re.DOTALL)
_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_LITERALS = {"true": True, "false": False, "null": None}


@dataclass(frozen=True)
class JStr:
    """A JSON string: its value and the offsets of its quotes in the file."""

    value: str
    start: int  # offset of the opening quote
    end: int  # offset after the closing quote

    def decode(self, text: str) -> tuple[str, OffsetMap]:
        """The value and where each of its characters is spelled in ``text``."""
        first = self.start + 1
        raw_end = self.end - 1
        if text.find("\\", first, raw_end) < 0:
            return self.value, OffsetMap.contiguous(first)
        parts: list[str] = []
        anchors: list[tuple[int, int]] = []
        length = 0
        pos = first
        pending_high: tuple[int, int] | None = None  # (text index, file offset) of a high surrogate

        def emit(piece: str, at: int) -> None:
            nonlocal length
            if not anchors or anchors[-1][1] + (length - anchors[-1][0]) != at:
                anchors.append((length, at))
            parts.append(piece)
            length += len(piece)

        for m in _ESCAPE.finditer(text, first, raw_end):
            if m.start() > pos:
                emit(text[pos : m.start()], pos)
                pending_high = None
            if m.group(1) is not None:
                code = int(m.group(1), 16)
                if 0xDC00 <= code <= 0xDFFF and pending_high is not None and pos == m.start():
                    high = ord(parts[-1])
                    parts[-1] = chr(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00))
                    pending_high = None
                elif 0xD800 <= code <= 0xDBFF:
                    emit(chr(code), m.start())
                    pending_high = (length - 1, m.start())
                else:
                    emit(chr(code), m.start())
                    pending_high = None
            else:
                emit(_SIMPLE.get(m.group(2), m.group(2)), m.start())
                pending_high = None
            pos = m.end()
        if pos < raw_end:
            emit(text[pos:raw_end], pos)
        value = "".join(parts)
        # a lone surrogate cannot be written out: the same replacement json would need
        value = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in value)
        return value, OffsetMap(tuple(anchors) or ((0, first),))


class JObject(dict[str, Any]):
    """A JSON object: key -> parsed value, with each key's :class:`JStr` in ``keys_at``."""

    def __init__(self, start: int) -> None:
        super().__init__()
        self.start = start
        self.keys_at: dict[str, JStr] = {}

    def obj(self, key: str) -> JObject | None:
        value = self.get(key)
        return value if isinstance(value, JObject) else None

    def string(self, key: str) -> JStr | None:
        value = self.get(key)
        return value if isinstance(value, JStr) else None


def _string_value(raw: str) -> str:
    if "\\" not in raw:
        return raw[1:-1]
    value = json.loads(raw)
    assert isinstance(value, str)
    return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in value)


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text

    def ws(self, pos: int) -> int:
        m = _WS.match(self.text, pos)
        return m.end() if m else pos

    def value(self, pos: int) -> tuple[Any, int]:
        text = self.text
        pos = self.ws(pos)
        c = text[pos]
        if c == "{":
            obj = JObject(pos)
            pos = self.ws(pos + 1)
            if text[pos] == "}":
                return obj, pos + 1
            while True:
                pos = self.ws(pos)
                m = _STRING.match(text, pos)
                assert m is not None
                key = JStr(_string_value(m.group(0)), m.start(), m.end())
                pos = self.ws(m.end())
                assert text[pos] == ":"
                value, pos = self.value(pos + 1)
                obj[key.value] = value
                obj.keys_at[key.value] = key
                pos = self.ws(pos)
                if text[pos] == "}":
                    return obj, pos + 1
                pos += 1  # ','
        if c == "[":
            items: list[Any] = []
            pos = self.ws(pos + 1)
            if text[pos] == "]":
                return items, pos + 1
            while True:
                value, pos = self.value(pos)
                items.append(value)
                pos = self.ws(pos)
                if text[pos] == "]":
                    return items, pos + 1
                pos += 1
        if c == '"':
            m = _STRING.match(text, pos)
            assert m is not None
            return JStr(_string_value(m.group(0)), m.start(), m.end()), m.end()
        for word, literal in _LITERALS.items():
            if text.startswith(word, pos):
                return literal, pos + len(word)
        m = _NUMBER.match(text, pos)
        assert m is not None
        return json.loads(m.group(0)), m.end()


def parse(text: str) -> Any:
    """Parse ``text`` (validated by ``json``; errors as ``line N, column C: malformed JSON (...)``)."""
    body_start = 1 if text.startswith("\ufeff") else 0
    try:
        json.loads(text[body_start:])
    except json.JSONDecodeError as exc:
        raise ReaderError(f"line {exc.lineno}, column {exc.colno}: malformed JSON ({exc.msg})") from None
    except RecursionError:
        raise ReaderError("malformed JSON (nested too deeply)") from None
    try:
        value, _ = _Scanner(text).value(body_start)
    except RecursionError:
        raise ReaderError("malformed JSON (nested too deeply)") from None
    return value


__all__ = ["JObject", "JStr", "parse"]
