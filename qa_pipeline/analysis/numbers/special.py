"""Numbers that are not quantities: phone numbers and IDs, dates, clock times, versions, character
references — compared as written (dates by day/month/year, times by hour and minute) — and the clock
reading of a plain number written as an hour (``18 Uhr``, ``0時``, ``klo 18``, ``18h``)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from functools import cache

import regex

from qa_pipeline.analysis.numbers.locale import COMMA, DOT
from qa_pipeline.analysis.numbers.tokens import D, Item, NumberToken, key, patterns, read, to_ascii
from qa_pipeline.model import Span

_AMPM = r"[ap]\.?\s?m\.?(?!\p{L})"
_VERSION_RE = regex.compile(
    rf"(?<![\p{{Nd}}\uE000])[vV]?{D}+(?:\.{D}+){{2,}}(?![\p{{Nd}}]|\.{D})"
    rf"|(?<![\p{{Nd}}\uE000/]){D}{{1,2}}(?:/{D}{{1,2}}){{2,}}(?![\p{{Nd}}/])"  # Persian: ۲/۵/۱
)
_CHARREF_RE = regex.compile(r"&#(?:\d+|[xX][0-9A-Fa-f]+);")
# A number right before one of these is an hour: "18 Uhr", "18h", "18 ч", "0時", "18시", "6 o'clock".
# Duration compounds are left out (時間, 时间, 시간); words that also mean "hours" only ever add a reading.
_CLOCK_AFTER = regex.compile(
    r"\s?(?:(?:uhr|h|heures?|horas?|hrs?|uur|óra|órakor|o['’]clock|val|ч|час|часа|часов|č|цаг|giờ|godz)"
    r"(?!\p{L})|時(?!間)|时(?!间)|点|點|시(?!간))",
    regex.IGNORECASE,
)
# ... or right after one of these: "klo 18", "kl. 18", "klokken 18", "saat 18", "godz. 18", "um 18".
_CLOCK_BEFORE = regex.compile(
    r"(?<!\p{L})(?:klo|kello|kl\.?|klokken|klockan|saat|godz\.?|godzina|pukul|jam|ob|om|um|à|às|alle"
    r"|a las|at|saa)\s?$",
    regex.IGNORECASE,
)
_SWAHILI_HOUR = regex.compile(r"(?<!\p{L})saa\s?$", regex.IGNORECASE)


@cache
def _time_re() -> regex.Pattern[str]:
    left = patterns().left
    return regex.compile(
        rf"{left}(?P<h>{D}{{1,2}})(?:[:∶]|\s?h\s?)(?P<m>{D}{{2}})(?::{D}{{2}})?(?!{D})(?:\s?(?P<ap>{_AMPM}))?"
        rf"|{left}(?P<hour>{D}{{1,2}})\s?(?P<ap2>{_AMPM})"
        rf"|(?<=\b(?:klo|kello|kl\.|um|à|at|om|alle|às|a las)\s){D}{{1,2}}\.{D}{{2}}(?!{D})"
        rf"|{left}{D}{{1,2}}\.{D}{{2}}(?=\s?(?:Uhr|h|o'clock)\b)",
        regex.IGNORECASE,
    )


def _hour24(hour: int, ampm: str) -> int:
    """``6 p.m.`` -> 18, ``12 a.m.`` -> 0, ``12 p.m.`` -> 12; without a.m./p.m. the hour as written."""
    ap = ampm.casefold()
    if ap.startswith("p") and hour < 12:
        return hour + 12
    if ap.startswith("a") and hour == 12:
        return 0
    return hour


def clock_keys(text: str, start: int, end: int, value: Decimal, lang: str) -> set[str]:
    """The clock readings of an integer written as an hour (``18 Uhr``, ``0時``, ``klo 18``)."""
    if value != value.to_integral_value() or not 0 <= value <= 24:
        return set()
    hour = int(value)
    before = text[max(0, start - 12) : start]
    if lang == "sw" and _SWAHILI_HOUR.search(before):
        east_african = (hour + 6) % 12  # Swahili time counts hours from 6 o'clock: saa 12 is 6:00
        return {f"t{east_african}:00", f"t{east_african + 12}:00"}
    if _CLOCK_AFTER.match(text, end) or _CLOCK_BEFORE.search(before):
        return {f"t{hour}:00"}
    return set()


def _phones(text: str) -> Iterator[NumberToken]:
    left = patterns().left
    phone = _phone_re(left)
    for m in phone.finditer(text):
        digits = to_ascii("".join(c for c in m.group(0) if unicodedata.category(c) == "Nd"))
        item = Item(frozenset({f"#{digits}"}), m.group(0), kind="id")
        yield NumberToken(Span(m.start(), m.end()), m.group(0), "id", (item,))


@cache
def _phone_re(left: str) -> regex.Pattern[str]:
    return regex.compile(
        rf"{left}(?:\+{D}{{1,3}}[\s.-]?(?:\({D}{{1,4}}\)|{D}{{1,4}})(?:[\s.-]?{D}{{2,4}}){{2,}}"
        rf"|\({D}{{3}}\)\s?{D}{{3}}[-.\s]{D}{{4}}|{D}{{3}}[-.]{D}{{3}}[-.]{D}{{4}}"
        rf"|{D}+(?:-{D}+){{3,}})(?!{D})"
    )


@cache
def _date_re(left: str) -> regex.Pattern[str]:
    return regex.compile(
        rf"{left}(?:(?P<iy>{D}{{4}})-(?P<im>{D}{{1,2}})-(?P<id>{D}{{1,2}})"
        rf"|(?P<a>{D}{{1,2}})(?P<s>[./-])(?P<b>{D}{{1,2}})(?P=s)(?P<y>{D}{{4}}|{D}{{2}})"
        rf"|(?P<jy>{D}{{4}})[年/](?P<jm>{D}{{1,2}})[月/](?P<jd>{D}{{1,2}})日?)(?!{D})"
    )


def _dates(text: str) -> Iterator[NumberToken]:
    for m in _date_re(patterns().left).finditer(text):
        g = {k: int(to_ascii(v)) for k, v in m.groupdict().items() if v and k != "s"}
        if "iy" in g:
            cands = [(g["iy"], g["im"], g["id"])]
        elif "jy" in g:
            cands = [(g["jy"], g["jm"], g["jd"])]
        else:
            y = g["y"] + (2000 if g["y"] < 50 else 1900 if g["y"] < 100 else 0)
            cands = [(y, g["b"], g["a"]), (y, g["a"], g["b"])]
        cands = [c for c in cands if 1 <= c[1] <= 12 and 1 <= c[2] <= 31]
        if not cands:
            continue
        year, _, _ = cands[0]
        keys = frozenset(f"d{y}-{mo}-{d}" for y, mo, d in cands)
        parts = {key(Decimal(n)) for c in cands for n in c}
        items = [Item(keys | {str(year)}, m.group(0), kind="date")]
        items += [Item(frozenset({p}), p, hard=False, kind="date") for p in sorted(parts)]
        yield NumberToken(Span(m.start(), m.end()), m.group(0), "date", tuple(items))


def _times(text: str) -> Iterator[NumberToken]:
    for m in _time_re().finditer(text):
        nums = [int(x) for x in regex.findall(r"\d+", to_ascii(m.group(0)))]
        keys = set()
        if m.group("hour"):  # "6 p.m.": also the hour as written, which a target may keep ("6 de la tarde")
            hour = _hour24(nums[0], m.group("ap2"))
            keys = {f"t{hour}:00", str(nums[0])}
        else:
            hour = _hour24(nums[0], m.group("ap") or "")
            keys = {f"t{hour}:{nums[1]:02d}"}
        item = Item(frozenset(keys), m.group(0), kind="time")
        yield NumberToken(Span(m.start(), m.end()), m.group(0), "time", (item,))


def _charrefs(text: str) -> Iterator[NumberToken]:
    for m in _CHARREF_RE.finditer(text):
        yield NumberToken(Span(m.start(), m.end()), m.group(0), "charref", ())


def _versions(text: str) -> Iterator[NumberToken]:
    for m in _VERSION_RE.finditer(text):
        raw = to_ascii(m.group(0)).lstrip("vV").replace("/", ".")
        if read(raw, DOT) is not None or read(raw, COMMA) is not None:
            continue  # 1.234.567 is a grouped number
        item = Item(frozenset({f"v{raw}"}), m.group(0), kind="version")
        yield NumberToken(Span(m.start(), m.end()), m.group(0), "version", (item,))


def special_tokens(text: str) -> tuple[list[NumberToken], ...]:
    """Phones/IDs, dates, times, character references and versions, each kind in text order, in the
    order in which they claim text (a phone number is never read as a date)."""
    return (list(_phones(text)), list(_dates(text)), list(_times(text)), list(_charrefs(text)),
            list(_versions(text)))  # fmt: skip


_CODE_DIGITS = regex.compile(r"(?<=[\p{Latin}\p{Cyrillic}\p{Greek}]\p{Mn}*)\p{Nd}+(?!\p{Nd})")


def code_digits(text: str) -> Iterator[tuple[int, int, Decimal]]:
    """Digits glued to a letter (``IPv4``, ``MP3``, ``x86``): part of a name, not a quantity — but a
    translation may write them apart (``IP वी 4``), so they excuse the same number on the other side."""
    for m in _CODE_DIGITS.finditer(text):
        yield m.start(), m.end(), Decimal(to_ascii(m.group(0)))


_ROMAN = regex.compile(r"(?<![\p{L}\p{Nd}])[IVXLCDMХІСМ]{2,7}(?![\p{L}\p{Nd}])")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_CYRILLIC_LOOKALIKES = str.maketrans("ХІСМ", "XICM")


def roman_numerals(text: str) -> Iterator[tuple[int, int, Decimal]]:
    """Upper-case Roman numerals of two letters or more (``XX``, ``III``; Cyrillic look-alikes too)."""
    for m in _ROMAN.finditer(text):
        letters = m.group(0).translate(_CYRILLIC_LOOKALIKES)
        if any(c not in _ROMAN_VALUES for c in letters):
            continue
        total = 0
        for i, c in enumerate(letters):
            v = _ROMAN_VALUES[c]
            total += -v if i + 1 < len(letters) and _ROMAN_VALUES[letters[i + 1]] > v else v
        yield m.start(), m.end(), Decimal(total)
