"""Find numbers in text of any script and read them the way a reader of the text's locale would.

:func:`extract` returns :class:`NumberToken` objects: plain numbers (``36,612``, ``٣٦٬٦١٢``,
``１２３``, ``2 000``), ranges and shorthand (``10–20``, ``24/7`` — one token, two values), dates,
times, versions and phone/ID-like strings (opaque: compared as written, never as quantities), and
numbers spelled out as words (only ever used to excuse a digit number on the other side).

Each token carries :class:`Item` values. An item's ``keys`` are the normalized values it may stand
for: ``36,612`` in Croatian has the keys ``36.612`` (the hr reading) and ``36612`` (the reading a
source in English would give). Its ``issue`` says what is wrong with the way it is written:

- ``wrong-convention``: only another locale's reading is valid (hr ``15.81``, de ``1,234.56``);
- ``ambiguous``: the locale reads a decimal mark followed by exactly three digits (hr ``36,612``)
  and the other convention reads a grouped integer — only a source or sibling can tell;
- ``ambiguous-group``: the locale reads a grouped integer (hr ``32.890``) and the other convention a
  decimal; normal in the locale, wrong only when the source or siblings say the decimal;
- ``arabic-comma``: U+060C ARABIC COMMA between digits (a punctuation mark, not a separator);
- ``mixed-digits``: digits of two scripts in one number.

A reading is valid only when groups are 1–3 digits, then groups of exactly three (two in Indian
grouping), and the decimal mark comes last.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import regex

from qa_pipeline.model import Span
from qa_pipeline.text.numbers_locale import ARABIC_COMMA, DOT, SPACES, Convention, convention
from qa_pipeline.text.numbers_units import unit_after
from qa_pipeline.text.numbers_words import scale_after, spelled_numbers

_D = r"\p{Nd}"
_SEP = r"[.,'’\u060c\u066b\u066c．]"
_SP = r"[ \u00a0\u202f\u2009]"
_NUM = rf"{_D}+(?:{_SEP}{_D}+|{_SP}{_D}{{3}}(?!{_D}))*"
_GLUED = r"\p{Latin}\p{Cyrillic}\p{Greek}\p{Devanagari}\p{Bengali}\p{Armenian}\p{Georgian}\p{Mn}"  # scripts where a digit glued to a letter is a code (MP3)
_LEFT = rf"(?<![\p{{Nd}}{_GLUED}_\uE000&#])(?<![{_GLUED}\p{{Nd}}\uE000][.,'’])(?<![\p{{Nd}}\uE000]-)"
_SIGN = r"(?:(?<![^\s(\[])[-−+±])?"
NUMBER_RE = regex.compile(
    rf"{_LEFT}(?P<sign>{_SIGN})(?P<a>{_NUM})(?:(?P<rsep>\s?[-–—/]\s?|[-–—/])(?P<b>{_NUM}))?"
)
_PHONE_RE = regex.compile(
    rf"{_LEFT}(?:\+{_D}{{1,3}}[\s.-]?(?:\({_D}{{1,4}}\)|{_D}{{1,4}})(?:[\s.-]?{_D}{{2,4}}){{2,}}"
    rf"|\({_D}{{3}}\)\s?{_D}{{3}}[-.\s]{_D}{{4}}|{_D}{{3}}[-.]{_D}{{3}}[-.]{_D}{{4}}"
    rf"|{_D}+(?:-{_D}+){{3,}})(?!{_D})"
)
_DATE_RE = regex.compile(
    rf"{_LEFT}(?:(?P<iy>{_D}{{4}})-(?P<im>{_D}{{1,2}})-(?P<id>{_D}{{1,2}})"
    rf"|(?P<a>{_D}{{1,2}})(?P<s>[./-])(?P<b>{_D}{{1,2}})(?P=s)(?P<y>{_D}{{4}}|{_D}{{2}})"
    rf"|(?P<jy>{_D}{{4}})[年/](?P<jm>{_D}{{1,2}})[月/](?P<jd>{_D}{{1,2}})日?)(?!{_D})"
)
_TIME_RE = regex.compile(
    rf"{_LEFT}(?P<h>{_D}{{1,2}})(?:[:∶]|\s?h\s?)(?P<m>{_D}{{2}})(?::{_D}{{2}})?(?!{_D})"
    r"(?:\s?(?P<ap>[ap]\.?m\.?)(?!\p{L}))?"
    rf"|(?<=\b(?:klo|kello|kl\.|um|à|at|om|alle|às|a las)\s){_D}{{1,2}}\.{_D}{{2}}(?!{_D})"
    rf"|{_LEFT}{_D}{{1,2}}\.{_D}{{2}}(?=\s?(?:Uhr|h|o'clock)\b)",
    regex.IGNORECASE,
)
_VERSION_RE = regex.compile(
    rf"(?<![\p{{Nd}}\uE000])[vV]?{_D}+(?:\.{_D}+){{2,}}(?![\p{{Nd}}]|\.{_D})"
    rf"|(?<![\p{{Nd}}\uE000/]){_D}{{1,2}}(?:/{_D}{{1,2}}){{2,}}(?![\p{{Nd}}/])"  # Persian: ۲/۵/۱
)
_CHARREF_RE = regex.compile(r"&#(?:\d+|[xX][0-9A-Fa-f]+);")
_PERCENT_RE = regex.compile(r"(?P<sp>[ \u00a0\u202f]?)[%٪％]")
_CURRENCY = "$€£¥₹₽₺₩₪₫₴₦₱฿"
_CUR_BEFORE_RE = regex.compile(rf"(?:[A-Z]{{1,2}}\$|[{_CURRENCY}])(?P<sp>[ \u00a0\u202f]?)$")
_CUR_AFTER_RE = regex.compile(rf"(?P<sp>[ \u00a0\u202f]?)[{_CURRENCY}]")
_IDENT_WORDS = frozenset(
    str.split(
        "version versions v ver release versión versão versione versie wersja verzija verzije versio sürüm "
        "версия версии الإصدار نسخه संस्करण バージョン 版本 버전 python ios android macos windows php java "
        "node figure fig table section chapter article step figura tabla sección capítulo abbildung tabelle "
        "kapitel abschnitt tableau chapitre paragraphe slika tablica poglavlje kuva taulukko luku rozdział "
        "rysunek tabela rozdział art § no nr"
    )
)


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
        if groups[0] == "0" or not 1 <= len(groups[0]) <= 3 or len(groups[-1]) != 3:
            return None
        middle = [len(g) for g in groups[1:-1]]
        if not (
            all(n == 3 for n in middle) or (indian and all(n == 2 for n in middle) and len(groups[0]) <= 2)
        ):
            return None
    try:
        return Decimal("".join(groups) + ("." + frac if frac else ""))
    except InvalidOperation:
        return None


def _write(value: Decimal, raw: str, conv: Convention) -> str:
    """``value`` written with ``conv``'s symbols, keeping the writer's digits and grouping choice."""
    grouped = any(c in raw for c in ",.'’ \u00a0\u202f\u2009\u060c\u066c") and abs(value) >= 1000
    text = format(abs(value), "f")
    whole, _, frac = text.partition(".")
    if grouped:
        rev = whole[::-1]
        whole = conv.group.join(rev[i : i + 3] for i in range(0, len(rev), 3))[::-1]
    out = whole + (conv.decimal + frac if frac else "")
    zeros = digit_scripts(raw)
    if len(zeros) == 1 and (zero := next(iter(zeros))) != 0x30:
        out = "".join(chr(zero + int(c)) if c.isdigit() else c for c in out)
    return out


_VERSION_TALK = regex.compile(
    r"(?<!con|kon|di|in|sub|per|a|ob|re|uni)(?:versio|versió|versã|verzi)|wersj|(?<!кон|ди|ин)верси|sürüm|releas"
    r"|バージョン|版本|버전",  # also inside compounds (Projektversion), not in conversion/diversion
    regex.IGNORECASE,
)


def _context_is_identifier(text: str, start: int) -> bool:
    if _VERSION_TALK.search(text, max(0, start - 80), start):
        return True  # "la version est quelque chose comme 2.5 ou 3.0"
    before = text[max(0, start - 40) : start]
    if before.endswith(("v", "V")) and (len(before) < 2 or not before[-2].isalpha()):
        return True
    m = regex.search(r"([\p{L}§.]+)[\s\u00a0®™]*[#№]?$", before)
    if not m:
        return False
    word = m.group(1).rstrip(".")
    if word.casefold() in _IDENT_WORDS:
        return True
    caps = sum(1 for c in word if c.isupper())
    if caps >= 2 and regex.fullmatch(r"\p{Latin}+", word):
        return True  # iOS, PHP, macOS
    prev = before[: m.start(1)].rstrip()
    return bool(word[:1].isupper() and word[1:].islower() and prev and prev[-1] not in '.!?:;\n"“«')


def _reading(
    raw: str, conv: Convention | None, other: Convention | None = None
) -> tuple[Decimal | None, Decimal | None, str | None]:
    """(own reading, other reading, issue) of a plain number."""
    if ARABIC_COMMA in raw:
        fixed = regex.sub(r"\u060c(?=\p{Nd}{3}(?!\p{Nd}))", "\u066c", raw).replace("\u060c", "\u066b")
        return read(fixed, DOT), None, "arabic-comma"
    indian = bool(conv and conv.indian)
    if conv is None:
        a, b = read(raw, DOT, True), read(raw, DOT.other(), True)
        return (a if a is not None else b), (b if a is not None else None), None
    own = read(raw, conv, indian)
    alt = read(raw, other or conv.other(), indian)
    issue = None
    if len(digit_scripts(raw)) > 1:
        issue = "mixed-digits"
    elif own is None and alt is not None:
        issue = "wrong-convention"
    elif own is not None and alt is not None and own != alt:
        decimal_own = raw[-4:-3] in conv.decimals
        issue = "ambiguous" if decimal_own else "ambiguous-group"
    return own, alt, issue


def _plain(
    text: str, m_start: int, raw: str, sign: str, conv: Convention | None, lang: str
) -> Iterator[NumberToken]:
    """Tokens of one plain number (split at spaces or separators when no reading is valid)."""
    own, alt, issue = _reading(raw, conv)
    if own is None and alt is None:
        pieces = regex.split(rf"({_SP})", raw) if regex.search(_SP, raw) else regex.split(rf"({_SEP})", raw)
        if len(pieces) == 1:
            return
        pos = m_start
        for piece in pieces:
            if piece and unicodedata.category(piece[0]) == "Nd":
                yield from _plain(text, pos, piece, "", conv, lang)
            pos += len(piece)
        return
    start = m_start - len(sign)
    end = m_start + len(raw)
    value = own if own is not None else alt
    assert value is not None
    neg = sign in ("-", "−")
    primary = key(-value if neg else value)
    keys = {key(value), primary}  # the unsigned value too: a dash before a number is often not a minus
    if issue in ("ambiguous", "ambiguous-group", "wrong-convention") and alt is not None:
        keys.add(key(alt))
    scale = scale_after(text, end, lang)
    if scale is not None:
        keys |= {key(v * scale) for v in (own, alt) if v is not None}
    ascii_raw = to_ascii(raw)
    tm = regex.fullmatch(r"(\d{1,2})[.,:](\d{2})", ascii_raw)
    if tm and int(tm.group(1)) <= 24 and int(tm.group(2)) < 60:
        keys.add(f"t{int(tm.group(1))}:{tm.group(2)}")
    pm = _PERCENT_RE.match(text, end)
    before = _CUR_BEFORE_RE.search(text[max(0, start - 4) : start])
    after = _CUR_AFTER_RE.match(text, end)
    currency = None
    if before:
        currency = (before.group(0).strip(), True, before.group("sp"))
    elif after:
        currency = (after.group(0).strip(), False, after.group("sp"))
    suggestion = None
    if conv is not None and issue is not None:
        target_value = alt if issue.startswith("ambiguous") else value
        if target_value is not None:
            suggestion = _write(target_value, raw, conv)
    yield NumberToken(
        span=Span(start, end),
        text=text[start:end],
        kind="number",
        items=(Item(frozenset(keys), primary),),
        issue=issue,
        value=own,
        alt=alt,
        suggestion=suggestion,
        percent_space=pm.group("sp") if pm else None,
        currency=currency,
        identifier=_context_is_identifier(text, start),
        scale=scale,
        unit=unit_after(text, end),
        group_chars=frozenset(c for c in raw if c in SPACES or c in ",.'’\u066c"),
    )


def _special(text: str) -> Iterator[NumberToken]:
    """Phones/IDs, dates, times and versions: compared as written, never read as quantities."""
    for m in _PHONE_RE.finditer(text):
        digits = to_ascii("".join(c for c in m.group(0) if unicodedata.category(c) == "Nd"))
        yield NumberToken(
            Span(m.start(), m.end()),
            m.group(0),
            "id",
            (Item(frozenset({f"#{digits}"}), m.group(0), kind="id"),),
        )
    for m in _DATE_RE.finditer(text):
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
    for m in _TIME_RE.finditer(text):
        nums = [int(x) for x in regex.findall(r"\d+", to_ascii(m.group(0)))]
        h, mi = nums[0], nums[1]
        hours = {h}
        ap = (m.group("ap") or "").casefold()
        if ap.startswith("p") and h < 12:
            hours = {h + 12}
        keys = frozenset(f"t{x}:{mi:02d}" for x in hours)
        yield NumberToken(
            Span(m.start(), m.end()), m.group(0), "time", (Item(keys, m.group(0), kind="time"),)
        )
    for m in _CHARREF_RE.finditer(text):
        yield NumberToken(Span(m.start(), m.end()), m.group(0), "charref", ())
    for m in _VERSION_RE.finditer(text):
        raw = to_ascii(m.group(0)).lstrip("vV").replace("/", ".")
        if read(raw, DOT) is not None or read(raw, DOT.other()) is not None:
            continue  # 1.234.567 is a grouped number
        yield NumberToken(
            Span(m.start(), m.end()),
            m.group(0),
            "version",
            (Item(frozenset({f"v{raw}"}), m.group(0), kind="version"),),
        )


_MONTH_AFTER = {"ja": "月", "zh": "月", "ko": "월"}
_RANGE_WORDS = regex.compile(
    r"\s*(?:-|–|—|~|～|to|and|or|à|et|ou|bis|und|oder|a|y|o|e|tot|en|do|i|и|до|или|至|到)\s*",
    regex.IGNORECASE,
)
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


def _cjk_months(tokens: list[NumberToken], text: str, lang: str) -> list[NumberToken]:
    """``7月`` is July: a month written as a number where the source has a month name (a date part)."""
    mark = _MONTH_AFTER.get(lang)
    if not mark:
        return tokens
    out = []
    for tok in tokens:
        value = tok.value
        if (
            tok.kind == "number"
            and text.startswith(mark, tok.span.end)
            and value is not None
            and 1 <= value <= 12
            and value == value.to_integral_value()
        ):
            items = tuple(Item(i.keys, i.primary, hard=False, kind="date") for i in tok.items)
            tok = replace(tok, kind="date", items=items)
        out.append(tok)
    return out


def _range_scales(tokens: list[NumberToken], text: str) -> list[NumberToken]:
    """In "99.4 to 88.5 billion" the scale word counts for both ends of the range."""
    out = list(tokens)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if a.kind != "number" or b.kind != "number" or a.scale is not None or b.scale is None:
            continue
        if not _RANGE_WORDS.fullmatch(text, a.span.end, b.span.start):
            continue
        scale = b.scale
        items = tuple(
            Item(
                i.keys | {key(Decimal(k) * scale) for k in i.keys if not k.startswith("t")},
                i.primary,
                i.hard,
                i.kind,
            )
            for i in a.items
        )
        out[i] = replace(a, items=items, scale=scale)
    return out


def _slash_decimal(a: str, b: str | None, lang: str) -> bool:
    """Persian often writes the decimal mark as a slash: ``۲/۵`` is 2.5."""
    return bool(b) and lang in ("fa", "ur", "ps") and a.isdigit() and not a.isascii()


@lru_cache(maxsize=4096)
def extract(text: str, lang: str, words: bool = True) -> tuple[NumberToken, ...]:
    """All number tokens of ``text`` written in language ``lang`` (base code), sorted by position.

    ``text`` should be a segment's ``prose`` (protected spans blanked) so placeholders never count.
    """
    conv = convention(lang)
    taken: list[Span] = []
    out: list[NumberToken] = []
    for tok in _special(text):
        if not any(tok.span.overlaps(s) for s in taken):
            taken.append(tok.span)
            out.append(tok)
    for m in NUMBER_RE.finditer(text):
        span = Span(m.start(), m.end())
        if any(span.overlaps(s) for s in taken):
            continue
        if m.group("rsep") == "/" and _slash_decimal(m.group("a"), m.group("b"), lang):
            a, b = to_ascii(m.group("a")), to_ascii(m.group("b"))
            value = Decimal(f"{a}.{b}")
            items = (Item(frozenset({key(value), a, b}), key(value)),)
            out.append(NumberToken(span, m.group(0), "number", items, value=value))
            continue
        parts = list(_plain(text, m.start("a"), m.group("a"), m.group("sign"), conv, lang))
        if m.group("b"):
            parts += _plain(text, m.start("b"), m.group("b"), "", conv, lang)
            parts = [replace(t, whole=m.group(0)) for t in parts]
        out.extend(parts)
    out = _cjk_months(out, text, lang)
    out = _range_scales(out, text)
    if words:
        for start, end, value in roman_numerals(text):
            if not any(Span(start, end).overlaps(s) for s in taken):
                item = Item(frozenset({key(value)}), text[start:end], hard=False, kind="word")
                out.append(NumberToken(Span(start, end), text[start:end], "word", (item,)))
        for start, end, value in spelled_numbers(text, lang):
            if not any(Span(start, end).overlaps(s) for s in taken):
                item = Item(frozenset({key(value)}), text[start:end], hard=False, kind="word")
                out.append(NumberToken(Span(start, end), text[start:end], "word", (item,)))
    out.sort(key=lambda t: (t.span.start, t.span.end, t.kind))
    return tuple(out)


def items(tokens: tuple[NumberToken, ...]) -> list[Item]:
    """Every item of ``tokens``, in order."""
    return [item for tok in tokens for item in tok.items]
