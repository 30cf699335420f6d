"""Numbers spelled out as words ("six", "sechs", "六"), scale words ("million", "万") and words that
stand for a number or a time ("none" 0, "midnight" 0:00, "sextillion" 10^21 = 1000^7).

The hand-made lists live in ``analysis/data/number-words.yaml`` (loaded once, on first use); for every language
ICU's spell-out rules (CLDR RBNF) add the cardinal numbers 0–20, the tens, 100 and 1000. Words only ever
excuse a number written in digits on the other side of a comparison; a word never causes a finding.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

import regex

from qa_pipeline.analysis.numbers.locale import SPACES

_DATA = Path(__file__).resolve().parent.parent / "data" / "number-words.yaml"
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
    """Number words, scale words and time words of one language."""

    words: Mapping[str, Decimal]
    scales: Mapping[str, Decimal]
    times: Mapping[str, frozenset[str]] = field(default_factory=dict)  # "midnight" -> {"t0:00", "t24:00"}


@cache
def _all() -> dict[str, WordTable]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raw = yaml.load(_DATA.read_text(encoding="utf-8"), Loader=loader)
    out = {}
    for lang, table in raw.items():
        words = {str(k).casefold(): Decimal(str(v)) for k, v in (table.get("words") or {}).items()}
        scales = {str(k).casefold(): Decimal(str(v)) for k, v in (table.get("scales") or {}).items()}
        times = {
            str(k).casefold(): frozenset(f"t{t}" for t in ([v] if isinstance(v, str) else v))
            for k, v in (table.get("times") or {}).items()
        }
        out[str(lang)] = WordTable(words, scales, times)
    return out


_SPELLED = (*range(21), *range(30, 100, 10), 100, 1000)


@cache
def _icu_words(lang: str) -> dict[str, Decimal]:
    """Cardinal number words from ICU's spell-out rules (empty where ICU has none for ``lang``)."""
    if lang in CJK_LANGS or not lang.isalpha():
        return {}
    from icu4py.messageformat import MessageFormat

    def spell(code: str, n: int) -> str:
        return str(MessageFormat("{n, spellout}", code).format({"n": n})).replace("\u00ad", "").casefold()

    if lang != "en" and spell(lang, 7) == spell("en", 7):
        return {}  # ICU fell back to English: no rules for this language
    out: dict[str, Decimal] = {}
    for n in _SPELLED:
        word = spell(lang, n)
        if _WORD.fullmatch(word):
            out.setdefault(word, Decimal(n))
    return out


def languages() -> list[str]:
    """Languages with number-word data."""
    return sorted(_all())


@cache
def table(lang: str) -> WordTable:
    """The word table of ``lang``: its hand-made list over ICU's spelled-out cardinals."""
    own = _all().get(lang, WordTable({}, {}))
    return WordTable({**_icu_words(lang), **own.words}, own.scales, own.times)


@cache
def _cjk_words(lang: str) -> regex.Pattern[str] | None:
    """The listed words of a language written without spaces, found inside longer runs (ひとつも)."""
    tab = _all().get(lang)
    forms = (
        sorted((w for w in (*tab.words, *tab.times) if len(w) >= 2), key=lambda w: (-len(w), w))
        if tab
        else []
    )
    return regex.compile("|".join(map(regex.escape, forms))) if forms else None


def scale_after(text: str, end: int, lang: str) -> Decimal | None:
    """The multiplier of a scale word right after ``text[:end]`` ("2 million", "3万", "5k")."""
    scales = table(lang).scales
    en = table("en").scales
    if end < len(text) and text[end] in scales:  # CJK: one character, glued
        return scales[text[end]]
    m = _WORD.match(text, end)
    if m and m.group(0) in ("k", "K", "M", "bn"):
        return en[m.group(0).casefold()]
    if end < len(text) and text[end] in SPACES:
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
def _prefixes(lang: str) -> tuple[dict[str, Decimal], tuple[int, ...]]:
    """Number words long enough to be recognized inside compounds, and their lengths, longest first."""
    shortest = 2 if lang == "ko" else 4
    words = {k: v for k, v in _all().get(lang, WordTable({}, {})).words.items() if len(k) >= shortest}
    return words, tuple(sorted({len(k) for k in words}, reverse=True))


def _prefix_value(word: str, lang: str) -> Decimal | None:
    """A compound that starts with a number word: de ``Dreieck``, ru ``четырёхстолбцовый``, ko ``하루에``."""
    words, lengths = _prefixes(lang)
    for n in lengths:  # one dictionary look-up per length: linear in the text
        if len(word) >= n and (value := words.get(word[:n])) is not None:
            return value
    return None


def spelled_words(text: str, lang: str) -> Iterator[tuple[int, int, frozenset[str]]]:
    """``(start, end, keys)`` of words that stand for a time (``midnight``: 0:00 or 24:00, ``noon``) or
    for the powers that explain a large scale word (``sextillion``: 10^21 = 1000^7, written ``10의21제곱``,
    ``1000的7次方`` or ``با ۲۱ صفر``)."""
    tab = table(lang)
    if not tab.times and not tab.scales:
        return
    for m in _WORD.finditer(text):
        word = m.group(0).casefold()
        if word in tab.times:
            yield m.start(), m.end(), tab.times[word]
        scale = tab.scales.get(word)
        if scale is not None and scale >= 1_000_000 and len(word) >= 5:
            power = len(str(int(scale))) - 1
            keys = {str(int(scale)), "10", str(power)}
            if power % 3 == 0:
                keys |= {"1000", str(power // 3)}
            yield m.start(), m.end(), frozenset(keys)


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


_ARTICLE = regex.compile(r"^(?:وال|بال|فال|كال|لل|ال|و|ب|ل|ف|ك)")  # Arabic: the, and, with, for…


def _lookup(word: str, lang: str, words: Mapping[str, Decimal]) -> Decimal | None:
    value = words.get(word)
    if value is None and lang == "ar":
        value = words.get(_ARTICLE.sub("", word))  # السبعة: the seven
    if value is None:
        value = _prefix_value(word, lang)
    return value


def _single_words(text: str, lang: str) -> Iterator[tuple[int, int, Decimal]]:
    """``(start, end, value)`` of each number word in ``text`` (and value × scale for "two million")."""
    tab = table(lang)
    if lang in CJK_LANGS:
        for m in _CJK_NUMERAL.finditer(text):
            number = cjk_value(m.group(0))
            if number is not None:
                yield m.start(), m.end(), Decimal(number)
        pattern = _cjk_words(lang)
        for m in pattern.finditer(text) if pattern else ():
            if m.group(0) in tab.words:
                yield m.start(), m.end(), tab.words[m.group(0)]
    if not tab.words:
        return
    for m in _WORD.finditer(text):
        word = m.group(0).casefold()
        value = _lookup(word, lang, tab.words)
        if value is None:
            continue
        yield m.start(), m.end(), value
        scale = scale_after(text, m.end(), lang)
        if scale is not None:
            yield m.start(), m.end(), value * scale
