"""The data of number extraction (:class:`Item`, :class:`NumberToken`), value keys, and the regexes
built from the separators CLDR knows (see :func:`numbers_locale.separators`)."""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache

import regex

from qa_pipeline.analysis.numbers.locale import APOSTROPHES, SPACES, Convention, separators
from qa_pipeline.model import Span


@dataclass(frozen=True)
class Item:
    """One value a token stands for."""

    keys: frozenset[str]
    primary: str  # the reading in the text's own locale, for messages
    hard: bool = True  # digits that must be accounted for; False: a word or a date part that only excuses
    kind: str = "number"  # number, date, time, id, version, word


@dataclass(frozen=True)
class NumberToken:
    """A number (or date, time, version, ID) found in a text, with its readings."""

    span: Span
    text: str
    kind: str
    items: tuple[Item, ...]
    issue: str | None = None
    value: Decimal | None = None  # reading in the text's locale
    alt: Decimal | None = None  # reading in the other convention
    suggestion: str | None = None  # the number written the locale's way
    percent_space: str | None = None  # "" glued, or the space before %, or None (no %)
    currency: tuple[str, bool, str] | None = None  # (symbol, before the number, space between)
    identifier: bool = False  # in a version/figure/product context ("Python 3.11", "Figure 2.1")
    scale: Decimal | None = None  # multiplier of a scale word right after it ("million", "万")
    whole: str | None = None  # the range or shorthand it is part of ("24-7", "10–20")
    unit: tuple[str, str] | None = None  # (dimension, unit) written right after it: ("length", "km")
    group_chars: frozenset[str] = field(default_factory=frozenset)


def key(value: Decimal) -> str:
    """A normalized, comparable string for a value: ``36612``, ``15.81``, ``0.5``."""
    if value == 0:
        return "0"
    text = format(value.normalize(), "f")
    return text


def to_ascii(text: str) -> str:
    """Digits of any script as ASCII; other characters kept."""
    return "".join(str(unicodedata.decimal(c)) if unicodedata.category(c) == "Nd" else c for c in text)


def digit_scripts(text: str) -> set[int]:
    """The code point of zero of each digit system used in ``text``."""
    return {ord(c) - unicodedata.decimal(c) for c in text if unicodedata.category(c) == "Nd"}


_SPLIT = regex.compile(r"(\p{Nd}+)")


def _grouped(sizes: list[int], primary: int, secondary: int) -> bool:
    """Group sizes as CLDR's pattern allows: ``1,234,567`` (3, 3), ``12,34,567`` (3, 2), ``1,23,45`` (2, 2)."""
    return 1 <= sizes[0] <= secondary and sizes[-1] == primary and all(n == secondary for n in sizes[1:-1])


def read(raw: str, conv: Convention, indian: bool = False) -> Decimal | None:
    """The value of ``raw`` (digits and separators) under ``conv``; None if that reading is invalid."""
    parts = _SPLIT.split(raw.replace("．", ".").replace("，", ","))
    if parts[0] or parts[-1]:
        return None
    groups = [to_ascii(p) for p in parts[1::2]]
    seps = parts[2:-1:2]
    if not seps:
        return Decimal(groups[0])
    if any(len(s) != 1 for s in seps):
        return None
    frac = ""
    if seps[-1] in conv.decimals:
        frac = groups.pop()
        seps = seps[:-1]
    if seps:
        if len(set(seps)) != 1 or seps[0] not in conv.groups or seps[0] in conv.decimals:
            return None
        sizes = [len(g) for g in groups]
        if seps[0] in APOSTROPHES:
            sizes[0] = min(sizes[0], 3)  # an apostrophe only ever groups: Babel 2.19 writes de-CH 1234567'890
        if groups[0] == "0" or not any(
            _grouped(sizes, primary, secondary)
            for primary, secondary in {(3, 3), conv.grouping, *([(3, 2)] if indian else [])}
        ):
            return None
    try:
        return Decimal("".join(groups) + ("." + frac if frac else ""))
    except InvalidOperation:
        return None


def char_class(chars: Iterable[str]) -> str:
    """A regex character class of exactly ``chars`` (escaped as code points)."""
    return "[" + "".join(f"\\U{ord(c):08x}" for c in sorted(chars)) + "]"


D = r"\p{Nd}"
SPACE_CLASS = char_class(SPACES)
# Scripts where a digit glued to a letter is a code (MP3, H2O, x86), also with a combining mark between.
# Scripts written without spaces (CJK, Thai, Myanmar…) and Arabic may touch digits: 年間32,890ドル.
_GLUED = r"\p{Latin}\p{Cyrillic}\p{Greek}\p{Devanagari}\p{Bengali}\p{Armenian}\p{Georgian}"


@dataclass(frozen=True)
class Patterns:
    """Regexes that depend on the separators CLDR gives any locale (built once, on first use)."""

    left: str  # where a number may start: not inside a code, a longer number or a placeholder
    number: regex.Pattern[str]
    split_sep: regex.Pattern[str]


@cache
def patterns() -> Patterns:
    sep = char_class(separators().joining)
    num = rf"{D}+(?:{sep}{D}+|{SPACE_CLASS}{D}{{2,3}}(?!{D}))*"  # (2 digits: tok groups by two)
    left = (
        rf"(?<![\p{{Nd}}{_GLUED}_\uE000&#])(?<![{_GLUED}]\p{{Mn}}+)"
        rf"(?<![{_GLUED}\p{{Nd}}\uE000]\p{{Mn}}*{sep})(?<![\p{{Nd}}\uE000]-)"
    )
    sign = r"(?:(?<![^\s(\[])[-−+±])?"
    number = regex.compile(
        rf"{left}(?P<sign>{sign})(?P<a>{num})(?:(?P<rsep>\s?[-–—/]\s?|[-–—/])(?P<b>{num}))?"
    )
    return Patterns(left, number, regex.compile(f"({sep})"))


class Taken:
    """Disjoint spans already claimed by a token, sorted: overlap tests by bisection (O(log n))."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, span: Span) -> bool:
        i = bisect_right(self._ends, span.start)  # the first claimed span ending after span.start
        return i < len(self._starts) and self._starts[i] < span.end

    def claim(self, spans: Iterable[Span]) -> None:
        """Add spans that overlap neither each other nor the claimed ones."""
        pairs = sorted([*zip(self._starts, self._ends, strict=True), *((s.start, s.end) for s in spans)])
        self._starts = [a for a, _ in pairs]
        self._ends = [b for _, b in pairs]
