"""Numbers spelled out as words ("six", "sechs", "六") and scale words ("million", "万").

The word lists live in ``data/number-words.yaml`` (loaded once, on first use). They only ever excuse a
number written in digits on the other side of a comparison; a word never causes a finding.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import regex

_DATA = Path(__file__).resolve().parent / "data" / "number-words.yaml"
_WORD = regex.compile(r"[\p{L}\p{M}\u200c]+")
_CJK_NUMERAL = regex.compile(r"[〇零一二三四五六七八九十百千万萬億亿两兩]+")
_CJK_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
}
_CJK_DIGITS |= {"八": 8, "九": 9}
_CJK_SMALL = {"十": 10, "百": 100, "千": 1000}
_CJK_BIG = {"万": 10_000, "萬": 10_000, "億": 100_000_000, "亿": 100_000_000}
CJK_LANGS = frozenset({"ja", "zh"})


@dataclass(frozen=True)
class WordTable:
    """Number words and scale words of one language."""

    words: Mapping[str, Decimal]
    scales: Mapping[str, Decimal]


@cache
def _all() -> dict[str, WordTable]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raw = yaml.load(_DATA.read_text(encoding="utf-8"), Loader=loader)
    out = {}
    for lang, table in raw.items():
        words = {str(k).casefold(): Decimal(str(v)) for k, v in (table.get("words") or {}).items()}
        scales = {str(k).casefold(): Decimal(str(v)) for k, v in (table.get("scales") or {}).items()}
        out[str(lang)] = WordTable(words, scales)
    return out


def languages() -> list[str]:
    """Languages with number-word data."""
    return sorted(_all())


def table(lang: str) -> WordTable:
    """The word table of ``lang`` (an empty one when there is no data)."""
    return _all().get(lang, WordTable({}, {}))


def scale_after(text: str, end: int, lang: str) -> Decimal | None:
    """The multiplier of a scale word right after ``text[:end]`` ("2 million", "3万", "5k")."""
    scales = table(lang).scales
    en = table("en").scales
    if end < len(text) and text[end] in scales:  # CJK: one character, glued
        return scales[text[end]]
    m = _WORD.match(text, end)
    if m and m.group(0) in ("k", "K", "M", "bn"):
        return en[m.group(0).casefold()]
    if end < len(text) and text[end] in " \u00a0\u202f":
        m = _WORD.match(text, end + 1)
        if m:
            word = m.group(0).casefold()
            return scales.get(word)
    return None


def cjk_value(numeral: str) -> int | None:
    """The value of a run of CJK numerals (``二十四`` = 24, ``三万`` = 30000), None if malformed."""
    total = section = digit = 0
    seen = False
    for ch in numeral:
        if ch in _CJK_DIGITS:
            digit = digit * 10 + _CJK_DIGITS[ch] if seen and digit else _CJK_DIGITS[ch]
            seen = True
        elif ch in _CJK_SMALL:
            section += (digit or 1) * _CJK_SMALL[ch]
            digit, seen = 0, False
        elif ch in _CJK_BIG:
            total += (section + digit or 1) * _CJK_BIG[ch]
            section = digit = 0
            seen = False
        else:
            return None
    return total + section + digit


@cache
def _prefixes(lang: str) -> tuple[tuple[str, Decimal], ...]:
    """Number words long enough to be recognized inside compounds, longest first."""
    shortest = 2 if lang == "ko" else 4
    words = table(lang).words
    return tuple(
        sorted(((k, v) for k, v in words.items() if len(k) >= shortest), key=lambda kv: (-len(kv[0]), kv[0]))
    )


def _prefix_value(word: str, lang: str) -> Decimal | None:
    """A compound that starts with a number word: de ``Dreieck``, ru ``четырёхстолбцовый``, ko ``하루에``."""
    for prefix, value in _prefixes(lang):
        if word.startswith(prefix):
            return value
    return None


_JOINERS = regex.compile(
    r"(?:[\s\u00a0-]+(?:(?:and|und|et|y|e|i|и|og|och|en)[\s\u00a0]+)?)", regex.IGNORECASE
)


def _combine(values: list[Decimal]) -> Decimal:
    """The value of a run of number words: ``seventy four`` = 74, ``one hundred thirty one`` = 131."""
    total = current = Decimal(0)
    for v in values:
        if v >= 1000:
            total += (current or 1) * v
            current = Decimal(0)
        elif v == 100:
            current = (current or 1) * v
        else:
            current += v
    return total + current


def spelled_numbers(text: str, lang: str) -> Iterator[tuple[int, int, Decimal]]:
    """Number words of ``text`` (see :func:`_single_words`), plus the value of each run of two or more
    number words written as one number ("seventy-four", "one hundred and thirty-one")."""
    run: list[tuple[int, int, Decimal]] = []
    for start, end, value in _single_words(text, lang):
        yield start, end, value
        if run and run[-1][0] == start:
            continue  # the same word with a scale applied
        if run and not _JOINERS.fullmatch(text, run[-1][1], start):
            if len(run) > 1:
                yield run[0][0], run[-1][1], _combine([v for _, _, v in run])
            run = []
        if value == value.to_integral_value():
            run.append((start, end, value))
    if len(run) > 1:
        yield run[0][0], run[-1][1], _combine([v for _, _, v in run])


def _single_words(text: str, lang: str) -> Iterator[tuple[int, int, Decimal]]:
    """``(start, end, value)`` of each number word in ``text`` (and value × scale for "two million")."""
    tab = table(lang)
    if lang in CJK_LANGS:
        for m in _CJK_NUMERAL.finditer(text):
            number = cjk_value(m.group(0))
            if number is not None:
                yield m.start(), m.end(), Decimal(number)
    if not tab.words:
        return
    for m in _WORD.finditer(text):
        word = m.group(0).casefold()
        value = tab.words.get(word)
        if value is None:
            value = _prefix_value(word, lang)
        if value is None:
            continue
        yield m.start(), m.end(), value
        scale = scale_after(text, m.end(), lang)
        if scale is not None:
            yield m.start(), m.end(), value * scale
