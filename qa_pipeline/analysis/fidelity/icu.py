"""ICU MessageFormat: a parser with exact offsets, a printer, and what a message's arguments are.

The grammar is ICU4J/ICU4C's ``MessagePattern`` with the default apostrophe mode (``DOUBLE_OPTIONAL``,
also Format.js's): an apostrophe quotes literal text only when it comes before ``{``, ``}``, a ``#``
inside a plural branch, or another apostrophe (``''`` is one apostrophe); ``l'{name}`` therefore quotes
``{name}`` away — a classic translation bug. An unterminated quote runs to the end of the message, and a ``}`` outside any argument is text, as
in ICU. Stricter than ICU4C, like Format.js: a key given twice in one ``select`` is an error.

- ``{name}``, ``{name, type}``, ``{name, type, style}`` (types ``number date time spellout ordinal
  duration``; the style is kept as text, ``::`` skeletons included);
- ``{name, plural|selectordinal, [offset:N] key {message} …}`` with keywords or ``=N`` keys and ``#``;
- ``{name, select, key {message} …}``; ``other`` is required, keys are unique (as in ICU);
- ``{name, choice, …}`` (deprecated) is kept as an argument whose style is the raw text.

:func:`parse` raises :class:`IcuSyntaxError` with the offset of the problem; nodes keep the spans of
their text (``span``), of an argument's name and of a branch key. Spans do not take part in equality,
so ``parse(print_message(ast)) == ast`` for any message the printer writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from qa_pipeline.model import Span

SIMPLE_TYPES = frozenset({"number", "date", "time", "spellout", "ordinal", "duration"})
PLURAL_TYPES = frozenset({"plural", "selectordinal"})
MAX_DEPTH = 30

_NAME = regex.compile(r"[^\p{Pattern_White_Space}\p{Pattern_Syntax}]+")
_NUMBER_NAME = regex.compile(r"0|[1-9][0-9]*")
_SPACE = regex.compile(r"\p{Pattern_White_Space}*")
_KEYWORD = regex.compile(r"[^\p{Pattern_White_Space}\p{Pattern_Syntax}]+|=-?[0-9]+(?:\.[0-9]+)?")
_OFFSET = regex.compile(r"offset:\p{Pattern_White_Space}*(-?[0-9]+)")
_TYPE = _NAME


class IcuSyntaxError(ValueError):
    """A message that ICU would refuse, and where."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(f"{message} (at offset {offset})")
        self.reason = message
        self.offset = offset


@dataclass(frozen=True)
class Text:
    value: str
    span: Span = field(default=Span(0, 0), compare=False)


@dataclass(frozen=True)
class Pound:
    """``#`` in a plural branch: the number (minus the offset)."""

    span: Span = field(default=Span(0, 0), compare=False)


@dataclass(frozen=True)
class Argument:
    """``{name}`` or ``{name, type[, style]}``."""

    name: str
    type: str | None = None
    style: str | None = None
    span: Span = field(default=Span(0, 0), compare=False)
    name_span: Span = field(default=Span(0, 0), compare=False)


@dataclass(frozen=True)
class Branch:
    key: str
    message: tuple[Node, ...]
    key_span: Span = field(default=Span(0, 0), compare=False)
    span: Span = field(default=Span(0, 0), compare=False)  # the branch's message, braces included


@dataclass(frozen=True)
class Select:
    """``plural``, ``selectordinal`` or ``select`` with its branches."""

    name: str
    type: str
    branches: tuple[Branch, ...]
    offset: int = 0
    span: Span = field(default=Span(0, 0), compare=False)
    name_span: Span = field(default=Span(0, 0), compare=False)

    def branch(self, key: str) -> Branch | None:
        return next((b for b in self.branches if b.key == key), None)


Node = Text | Pound | Argument | Select
Message = tuple[Node, ...]


def parse(text: str) -> Message:
    """The message's nodes; raises :class:`IcuSyntaxError`."""
    parser = _Parser(text)
    return parser.message(0, False)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def fail(self, message: str, offset: int | None = None) -> IcuSyntaxError:
        return IcuSyntaxError(message, self.pos if offset is None else offset)

    def space(self) -> None:
        m = _SPACE.match(self.text, self.pos)
        self.pos = m.end() if m else self.pos

    def message(self, depth: int, in_plural: bool) -> Message:
        if depth > MAX_DEPTH:
            raise self.fail("messages nested too deeply")
        text, n = self.text, len(self.text)
        nodes: list[Node] = []
        buf: list[str] = []
        start = self.pos

        def flush(end: int) -> None:
            if buf:
                nodes.append(Text("".join(buf), Span(start, end)))
                buf.clear()

        def add(piece: str) -> None:
            nonlocal start
            if not buf:
                start = self.pos
            buf.append(piece)

        while self.pos < n:
            c = text[self.pos]
            if c == "'":
                nxt = text[self.pos + 1] if self.pos + 1 < n else ""
                if nxt == "'":
                    add("'")
                    self.pos += 2
                elif (nxt and nxt in "{}") or (in_plural and nxt == "#"):
                    add("")
                    self.pos += 1
                    while self.pos < n:
                        q = text[self.pos]
                        if q == "'":
                            if self.pos + 1 < n and text[self.pos + 1] == "'":
                                buf.append("'")
                                self.pos += 2
                                continue
                            self.pos += 1
                            break
                        buf.append(q)
                        self.pos += 1
                else:
                    add("'")
                    self.pos += 1
                continue
            if c == "{":
                flush(self.pos)
                nodes.append(self.argument(depth))
                start = self.pos
                continue
            if c == "}":
                if depth:
                    break
                # ICU reads a "}" outside any argument as text
            elif c == "#" and in_plural:
                flush(self.pos)
                nodes.append(Pound(Span(self.pos, self.pos + 1)))
                self.pos += 1
                start = self.pos
                continue
            add(c)
            self.pos += 1
        flush(self.pos)
        return tuple(nodes)

    def argument(self, depth: int) -> Node:
        text = self.text
        open_at = self.pos
        self.pos += 1
        self.space()
        m = _NAME.match(text, self.pos)
        if m is None:
            raise self.fail("argument name expected")
        name, name_span = m.group(0), Span(m.start(), m.end())
        if name[0].isdigit() and not _NUMBER_NAME.fullmatch(name):
            raise self.fail(f"bad argument number {name!r}", m.start())
        self.pos = m.end()
        self.space()
        if self.peek() == "}":
            self.pos += 1
            return Argument(name, span=Span(open_at, self.pos), name_span=name_span)
        self.expect(",")
        self.space()
        t = _TYPE.match(text, self.pos)
        if t is None:
            raise self.fail("argument type expected")
        kind = t.group(0)
        self.pos = t.end()
        self.space()
        if kind in PLURAL_TYPES or kind == "select":
            return self.select(name, name_span, kind, open_at, depth)
        if kind not in SIMPLE_TYPES and kind != "choice":
            raise self.fail(f"unknown argument type {kind!r}", t.start())
        style = None
        if self.peek() == ",":
            self.pos += 1
            style = self.style().strip()
            if not style:
                raise self.fail("argument style expected")
        self.expect("}")
        return Argument(name, kind, style, Span(open_at, self.pos), name_span)

    def style(self) -> str:
        """Style text up to the argument's closing brace (nested braces balanced, quotes honoured)."""
        text, n = self.text, len(self.text)
        start, depth = self.pos, 0
        while self.pos < n:
            c = text[self.pos]
            if c == "'":
                end = text.find("'", self.pos + 1)
                self.pos = n if end < 0 else end + 1
                continue
            if c == "{":
                depth += 1
            elif c == "}":
                if depth == 0:
                    return text[start : self.pos]
                depth -= 1
            self.pos += 1
        raise self.fail("unclosed argument", start)

    def select(self, name: str, name_span: Span, kind: str, open_at: int, depth: int) -> Select:
        self.expect(",")
        self.space()
        offset = 0
        if kind in PLURAL_TYPES:
            m = _OFFSET.match(self.text, self.pos)
            if m is not None:
                offset = int(m.group(1))
                self.pos = m.end()
                self.space()
        branches: list[Branch] = []
        while True:
            if self.peek() == "}":
                self.pos += 1
                break
            m = _KEYWORD.match(self.text, self.pos)
            if m is None or (kind == "select" and m.group(0).startswith("=")):
                if self.pos >= len(self.text):
                    raise self.fail(f"unclosed {kind} argument", open_at)
                raise self.fail(f"{kind} key expected")
            key, key_span = m.group(0), Span(m.start(), m.end())
            if any(b.key == key for b in branches):
                raise self.fail(f"duplicate {kind} key {key!r}", m.start())
            self.pos = m.end()
            self.space()
            body_start = self.pos
            self.expect("{")
            body = self.message(depth + 1, kind in PLURAL_TYPES)
            self.expect("}")
            branches.append(Branch(key, body, key_span, Span(body_start, self.pos)))
            self.space()
        if not any(b.key == "other" for b in branches):
            raise self.fail(f"{kind} argument {name!r} has no 'other' branch", open_at)
        return Select(name, kind, tuple(branches), offset, Span(open_at, self.pos), name_span)

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            found = repr(self.peek()) if self.peek() else "the end of the message"
            raise self.fail(f"expected {char!r}, found {found}")
        self.pos += 1


def print_message(nodes: Message, in_plural: bool = False) -> str:
    """The message as ICU syntax (quoting what must be quoted)."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(_quote(node.value, in_plural))
        elif isinstance(node, Pound):
            out.append("#")
        elif isinstance(node, Argument):
            parts = [node.name] + ([node.type] if node.type else []) + ([node.style] if node.style else [])
            out.append("{" + ", ".join(parts) + "}")
        else:
            head = f"{{{node.name}, {node.type}, " + (f"offset:{node.offset} " if node.offset else "")
            body = " ".join(
                f"{b.key} {{{print_message(b.message, node.type in PLURAL_TYPES)}}}" for b in node.branches
            )
            out.append(head + body + "}")
    return "".join(out)


def _quote(value: str, in_plural: bool) -> str:
    """Apostrophes doubled; each run of special characters quoted, with any apostrophes inside or
    right after it (``#'#`` is ``'#''#'``: a doubled apostrophe right after a closing quote would
    read as a quoted apostrophe)."""
    special = "{}#" if in_plural else "{}"
    out = []
    i, n = 0, len(value)
    while i < n:
        c = value[i]
        if c in special:
            j = i
            while j < n and (value[j] in special or value[j] == "'"):
                j += 1
            out.append("'" + value[i:j].replace("'", "''") + "'")
            i = j
            continue
        out.append("''" if c == "'" else c)
        i += 1
    return "".join(out)


def walk(nodes: Message) -> Iterator[Node]:
    """Every node, depth first (branches' messages included)."""
    for node in nodes:
        yield node
        if isinstance(node, Select):
            for branch in node.branches:
                yield from walk(branch.message)


def is_complex(text: str) -> bool:
    """True when ``text`` parses and has a plural, select or typed argument (not only ``{name}``)."""
    try:
        nodes = parse(text)
    except IcuSyntaxError:
        return False
    return any(isinstance(n, Select) or (isinstance(n, Argument) and n.type) for n in walk(nodes))
