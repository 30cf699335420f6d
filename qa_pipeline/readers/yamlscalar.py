"""Where each character of a YAML scalar's value is in the file.

PyYAML gives a scalar node's value and the marks of its start and end, not where each character came
from. :func:`map_scalar` re-reads the scalar's text between those marks the way PyYAML's scanner does
— plain and quoted scalars with line folding, single-quoted ``''``, double-quoted escapes and escaped
line breaks, literal ``|`` and folded ``>`` block scalars with their indentation, chomping and folding
— recording each character's offset: a literal character maps to itself, an escape to its backslash,
a folded line break (a space, or a ``\\n`` for an empty line) to the line break in the file.

The value rebuilt this way must equal PyYAML's; if it does not (an input this re-reading does not
foresee), the scalar's first character still maps exactly, its last character maps to the last
character of the scalar's text, and the characters between are mapped in order (``exact=False``).
"""

from __future__ import annotations

from yaml.nodes import ScalarNode

from qa_pipeline.model import OffsetMap
from qa_pipeline.readers.mapped import MappedText

_BREAKS = "\r\n\x85\u2028\u2029"
_ESCAPES = {
    "0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b", "f": "\x0c",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "\\": "\\", "/": "/", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_CODES = {"x": 2, "u": 4, "U": 8}


class _Mismatch(Exception):
    """The text is not what this re-reading expects: fall back to approximate positions."""


def _line_break(text: str, i: int) -> tuple[str, int]:
    """The value of the line break at ``i`` (``\\r\\n``, ``\\r``, ``\\x85`` give ``\\n``) and its end."""
    c = text[i : i + 1]
    if c in ("\r", "\n", "\x85"):
        return "\n", i + (2 if text.startswith("\r\n", i) else 1)
    if c in ("\u2028", "\u2029"):
        return c, i + 1
    return "", i


def _fold(out: MappedText, text: str, at: int, line_break: str, breaks: list[tuple[str, int]]) -> None:
    """A line break at ``at`` followed by ``breaks`` (empty lines): one space, or the breaks."""
    if line_break != "\n":
        out.add(line_break, at)
    elif not breaks:
        out.add(" ", at)
    for b, pos in breaks:
        out.add(b, pos)


def _plain(text: str, start: int, end: int) -> MappedText:
    out = MappedText()
    i = start
    while i < end:
        j = i
        while j < end and text[j] not in " \t" + _BREAKS:
            j += 1
        out.add(text[i:j], i)
        if j >= end:
            break
        k = j
        while k < end and text[k] == " ":
            k += 1
        if k < end and text[k] in _BREAKS:
            line_break, m = _line_break(text, k)
            breaks: list[tuple[str, int]] = []
            while m < end and text[m] in " " + _BREAKS:
                if text[m] == " ":
                    m += 1
                else:
                    b, n = _line_break(text, m)
                    breaks.append((b, m))
                    m = n
            _fold(out, text, k, line_break, breaks)
            i = m
        elif k > j:
            out.add(text[j:k], j)
            i = k
        else:
            raise _Mismatch
    return out


def _flow_breaks(text: str, i: int, stop: int) -> tuple[list[tuple[str, int]], int]:
    breaks: list[tuple[str, int]] = []
    while True:
        while i < stop and text[i] in " \t":
            i += 1
        if i < stop and text[i] in _BREAKS:
            b, n = _line_break(text, i)
            breaks.append((b, i))
            i = n
        else:
            return breaks, i


def _quoted(text: str, start: int, end: int, double: bool) -> MappedText:
    out = MappedText()
    quote = '"' if double else "'"
    if text[start : start + 1] != quote or text[end - 1 : end] != quote:
        raise _Mismatch
    i, stop = start + 1, end - 1
    out.add("", i)
    specials = "'\"\\ \t" + _BREAKS
    while i < stop:
        j = i
        while j < stop and text[j] not in specials:
            j += 1
        out.add(text[i:j], i)
        i = j
        if i >= stop:
            break
        c = text[i]
        if not double and c == "'" and text[i + 1 : i + 2] == "'":
            out.add("'", i)
            i += 2
        elif (double and c == "'") or (not double and c in '"\\'):
            out.add(c, i)
            i += 1
        elif double and c == "\\":
            e = text[i + 1 : i + 2]
            if e in _ESCAPES:
                out.add(_ESCAPES[e], i)
                i += 2
            elif e in _CODES:
                digits = text[i + 2 : i + 2 + _CODES[e]]
                out.add(chr(int(digits, 16)), i)
                i += 2 + _CODES[e]
            elif e and e in _BREAKS:
                _, m = _line_break(text, i + 1)
                breaks, i = _flow_breaks(text, m, stop)
                for b, pos in breaks:
                    out.add(b, pos)
            else:
                raise _Mismatch
        else:  # spaces, maybe a line break
            k = i
            while k < stop and text[k] in " \t":
                k += 1
            if k < stop and text[k] in _BREAKS:
                line_break, m = _line_break(text, k)
                breaks, i = _flow_breaks(text, m, stop)
                _fold(out, text, k, line_break, breaks)
            else:
                out.add(text[i:k], i)
                i = k
    return out


def _column(text: str, i: int) -> int:
    j = i
    while j > 0 and text[j - 1] not in _BREAKS:
        j -= 1
    return i - j


def _block_breaks(text: str, i: int, indent: int) -> tuple[list[tuple[str, int]], int]:
    breaks: list[tuple[str, int]] = []
    while _column(text, i) < indent and text[i : i + 1] == " ":
        i += 1
    while text[i : i + 1] and text[i] in _BREAKS:
        b, n = _line_break(text, i)
        breaks.append((b, i))
        i = n
        while _column(text, i) < indent and text[i : i + 1] == " ":
            i += 1
    return breaks, i


def _block(text: str, start: int, parent_indent: int) -> MappedText:
    out = MappedText()
    folded = text[start] == ">"
    i = start + 1
    chomping: bool | None = None
    increment: int | None = None
    for _ in range(2):
        c = text[i : i + 1]
        if c in ("+", "-") and c and chomping is None:
            chomping = c == "+"
            i += 1
        elif c and c in "123456789" and increment is None:
            increment = int(c)
            i += 1
    while text[i : i + 1] == " ":
        i += 1
    if text[i : i + 1] == "#":
        while text[i : i + 1] and text[i] not in _BREAKS:
            i += 1
    _, i = _line_break(text, i)
    min_indent = max(parent_indent + 1, 1)
    if increment is None:
        breaks: list[tuple[str, int]] = []
        max_indent = 0
        while text[i : i + 1] and text[i] in " " + _BREAKS:
            if text[i] == " ":
                i += 1
                max_indent = max(max_indent, _column(text, i))
            else:
                b, n = _line_break(text, i)
                breaks.append((b, i))
                i = n
        indent = max(min_indent, max_indent)
    else:
        indent = min_indent + increment - 1
        breaks, i = _block_breaks(text, i, indent)
    out.add("", i)
    line_break = ("", i)
    while _column(text, i) == indent and i < len(text):
        for b, pos in breaks:
            out.add(b, pos)
        leading_non_space = text[i] not in " \t"
        j = i
        while j < len(text) and text[j] not in _BREAKS:
            j += 1
        out.add(text[i:j], i)
        lb, i = _line_break(text, j)
        line_break = (lb, j)
        breaks, i = _block_breaks(text, i, indent)
        if _column(text, i) == indent and i < len(text):
            if folded and lb == "\n" and leading_non_space and text[i] not in " \t":
                if not breaks:
                    out.add(" ", j)
            else:
                out.add(lb, j)
        else:
            break
    if chomping is not False and line_break[0]:
        out.add(line_break[0], line_break[1])
    if chomping is True:
        for b, pos in breaks:
            out.add(b, pos)
    return out


def _content_start(text: str, start: int, end: int) -> int:
    """Skip a node's anchor (``&a``) and tag (``!!str``) before its scalar."""
    i = start
    while i < end and text[i] in "&!":
        while i < end and text[i] not in " \t" + _BREAKS:
            i += 1
        while i < end and text[i] in " \t" + _BREAKS:
            i += 1
    return i


def map_scalar(text: str, node: ScalarNode, parent_indent: int) -> tuple[OffsetMap, bool]:
    """The offset map of ``node.value`` and whether it is exact for every character."""
    start = _content_start(text, node.start_mark.index, node.end_mark.index)
    end = node.end_mark.index
    style = node.style or ""
    try:
        if style == "":
            out = _plain(text, start, end)
        elif style in ("'", '"'):
            out = _quoted(text, start, end, style == '"')
        else:
            out = _block(text, start, parent_indent)
    except (_Mismatch, ValueError, IndexError):
        out = None
    if out is not None and out.value() == node.value:
        return out.offsets(start), True
    return _approximate(text, node.value, start, end), False


def _approximate(text: str, value: str, start: int, end: int) -> OffsetMap:
    first = start + 1 if text[start : start + 1] in ("'", '"', "|", ">") else start
    if len(value) <= 1:
        return OffsetMap.contiguous(first)
    last = end - 1
    while last > first and text[last] in " \t" + _BREAKS + "'\"":
        last -= 1
    last = max(last, first + len(value) - 1)
    return OffsetMap(((0, first), (len(value) - 1, last)))


__all__ = ["map_scalar"]
