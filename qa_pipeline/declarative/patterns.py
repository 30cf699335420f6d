"""Regular expressions from rule files, bounded in space and time.

A rule file may come from a pull request, so its patterns are untrusted input. Two things keep a
pattern from hanging a run:

- **Before compiling**, :func:`expanded_size` estimates how many items the pattern becomes once its
  counted repeats are expanded (``(?:x{1000}){1000}`` is a million; the ``regex`` module expands
  them while compiling, in time it cannot be interrupted); over :data:`MAX_PATTERN_SIZE` the rule
  file is refused.
- **While matching**, every search runs with the ``regex`` module's ``timeout``. Each pattern has a
  time budget per document, :data:`SECONDS` plus :data:`SECONDS_PER_CHAR` for each character of
  the document, so the time is bounded and linear in the input whatever the pattern (``(a+)+$`` on
  a long line of ``a``). A pattern that runs out of time raises :class:`RuleTimeout`: an error for
  that file, naming the rule, its file and the pattern — never a finding, never a pass.

Phrase lists (``tokens``, ``swap``) are not patterns: they are escaped and matched literally.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from typing import Any

import regex

MAX_PATTERN_SIZE = 50_000
"""Largest :func:`expanded_size` of a pattern; compiling one this size takes well under a second."""

SECONDS = 1.0
SECONDS_PER_CHAR = 1e-5
"""Each pattern gets ``SECONDS + SECONDS_PER_CHAR * len(document text)`` per document: ten seconds
more per million characters. Sane patterns need well under a tenth of that; a pattern that
backtracks catastrophically needs far more, even on a line of a few thousand characters."""

_COUNT = re.compile(r"\{(\d*)(,?)(\d*)\}")
# what follows ``(`` in a group that is not a plain one: (?:  (?P<name>  (?<name>  (?=  (?<!  (?i)  (?>  (?|
_GROUP_PREFIX = re.compile(r"\?(?:P?<[A-Za-z_]\w*>|P?'[A-Za-z_]\w*'|[A-Za-z0-9-]*:|<?[=!]|[>|])")
_BRACED_ESCAPES = frozenset("pPNgLXx")  # \p{L}, \N{name}, \g<name>, \L<list>, \x{...}
_SHOWN = 80


def shorten(pattern: str) -> str:
    """The pattern as a message shows it: ``repr``, cut to a readable length."""
    return repr(pattern if len(pattern) <= _SHOWN else pattern[: _SHOWN - 1] + "…")


class RuleTimeout(Exception):
    """A rule file's pattern did not finish in its time budget on a document. The engine records it
    as an error of that rule on that file (``FileReport.rule_errors``): the file cannot pass."""

    def __init__(self, rule: str, file: str, pattern: str, seconds: float) -> None:
        self.rule = rule
        self.file = file
        self.pattern = pattern
        self.seconds = seconds
        super().__init__(
            f"pattern {shorten(pattern)} of {file} ran out of time ({seconds:.1f} s for this file; "
            "catastrophic backtracking?): rewrite or remove it"
        )


def _class_end(source: str, i: int) -> int:
    """Index just after the character class that opens at ``source[i] == '['``."""
    n = len(source)
    j = i + 1
    if j < n and source[j] == "^":
        j += 1
    if j < n and source[j] == "]":
        j += 1
    depth = 1
    while j < n:
        c = source[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return n


def _escape_end(source: str, i: int) -> int:
    """Index just after the escape that starts at ``source[i] == '\\'``."""
    n = len(source)
    if i + 2 < n and source[i + 1] in _BRACED_ESCAPES and source[i + 2] in "{<":
        close = source.find("}" if source[i + 2] == "{" else ">", i + 3)
        return n if close < 0 else close + 1
    return min(i + 2, n)


def expanded_size(source: str) -> int:
    """About how many items ``source`` compiles to: each character, escape or class counts one, and
    a counted repeat ``{m}`` / ``{m,n}`` multiplies what it repeats (by ``n``, or ``m`` when open)."""
    stack: list[list[int]] = [[0, 0]]  # per open group: [size so far, size of the last item]
    i, n = 0, len(source)

    def item(size: int, end: int) -> int:
        stack[-1][0] += size
        stack[-1][1] = size
        return end

    while i < n:
        c = source[i]
        if c == "\\":
            i = item(1, _escape_end(source, i))
        elif c == "[":
            i = item(1, _class_end(source, i))
        elif c == "(" and source.startswith("(?#", i):
            close = source.find(")", i)
            i = n if close < 0 else close + 1
        elif c == "(":
            stack.append([0, 0])
            prefix = _GROUP_PREFIX.match(source, i + 1)
            i = prefix.end() if prefix else i + 1
        elif c == ")" and len(stack) > 1:
            size = max(stack.pop()[0], 1)
            i = item(size, i + 1)
        elif c == "{" and (m := _COUNT.match(source, i)) is not None and (m.group(1) or m.group(3)):
            low, comma, high = m.groups()
            factor = max(int(high) if comma and high else int(low or 0), 1)
            last = stack[-1][1]
            stack[-1][0] += last * (factor - 1)
            stack[-1][1] = last * factor
            i = m.end()
        elif c in "*+?|":
            i += 1
        else:
            i = item(1, i + 1)
    return sum(level[0] for level in stack)


def compile_pattern(source: str, flags: int) -> regex.Pattern[str]:
    """Compile a rule file's pattern, or raise ``ValueError`` with the reason."""
    size = expanded_size(source)
    if size > MAX_PATTERN_SIZE:
        raise ValueError(
            f"pattern {shorten(source)} is too large: its repeats expand to about {size} items "
            f"(the limit is {MAX_PATTERN_SIZE})"
        )
    try:
        return regex.compile(source, flags)
    except regex.error as exc:
        raise ValueError(f"invalid regular expression {shorten(source)}: {exc}") from None
    except (RecursionError, OverflowError, MemoryError):
        raise ValueError(f"invalid regular expression {shorten(source)}: too deeply nested") from None


class Clock:
    """The time each of a rule's patterns may still spend on the current document."""

    def __init__(self, rule: str, files: Mapping[str, str], default_file: str) -> None:
        self.rule = rule
        self.files = files  # pattern -> the rule file it came from
        self.default_file = default_file
        self.document: object | None = None
        self.budget = 0.0
        self.left: dict[str, float] = {}

    def start(self, document: Any, text: str) -> None:
        """Begin new budgets when the document changes (per call when there is none)."""
        if document is None or document is not self.document:
            self.document = document
            size = len(document.text) if document is not None else len(text)
            self.budget = SECONDS + SECONDS_PER_CHAR * size
            self.left = {}

    def finditer(
        self, pattern: regex.Pattern[str], text: str, name: str | None = None
    ) -> list[regex.Match[str]]:
        """All matches of ``pattern`` in ``text`` within its time left, or :class:`RuleTimeout`
        (``name``: the pattern as the rule file wrote it, when ``pattern`` was built from it)."""
        source = name or pattern.pattern
        left = self.left.get(source, self.budget)
        began = time.monotonic()
        try:
            if left <= 0:
                raise TimeoutError
            return list(pattern.finditer(text, timeout=left))
        except TimeoutError:
            raise RuleTimeout(
                self.rule, self.files.get(source, self.default_file), source, self.budget
            ) from None
        finally:
            self.left[source] = left - (time.monotonic() - began)
