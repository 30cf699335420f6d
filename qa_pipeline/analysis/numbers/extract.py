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
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

import regex

from qa_pipeline.analysis.numbers.calendar import calendar_spans, calendar_words
from qa_pipeline.analysis.numbers.locale import (
    ARABIC_COMMA,
    ARABIC_DECIMAL,
    COMMA,
    DOT,
    SPACES,
    Convention,
    convention,
)
from qa_pipeline.analysis.numbers.special import clock_keys, code_digits, roman_numerals, special_tokens
from qa_pipeline.analysis.numbers.tokens import (
    SPACE_CLASS,
    Item,
    NumberToken,
    Taken,
    digit_scripts,
    key,
    patterns,
    read,
    to_ascii,
)
from qa_pipeline.analysis.numbers.units import unit_after
from qa_pipeline.analysis.numbers.words import scale_after, spelled_numbers, spelled_words
from qa_pipeline.language import Language
from qa_pipeline.model import Span

__all__ = ["Item", "NumberToken", "digit_scripts", "extract", "items", "key", "read", "to_ascii"]

_SPACE_SPLIT = regex.compile(f"({SPACE_CLASS})")
_WORD_BEFORE = regex.compile(r"([\p{L}§.]+)[\s\u00a0®™]*[#№]?$")
_HOUR_MINUTES = regex.compile(r"(\d{1,2})[.,:](\d{2})")
_PERCENT_RE = regex.compile(rf"(?P<sp>{SPACE_CLASS}?)[%٪％]")
_CURRENCY = "$€£¥₹₽₺₩₪₫₴₦₱฿"
_CUR_BEFORE_RE = regex.compile(rf"(?:[A-Z]{{1,2}}\$|[{_CURRENCY}])(?P<sp>{SPACE_CLASS}?)$")
_CUR_AFTER_RE = regex.compile(rf"(?P<sp>{SPACE_CLASS}?)[{_CURRENCY}]")
_IDENT_WORDS = frozenset(
    str.split(
        "version versions v ver release versión versão versione versie wersja verzija verzije versio sürüm "
        "версия версии الإصدار نسخه संस्करण バージョン 版本 버전 python ios android macos windows php java "
        "node figure fig table section chapter article step figura tabla sección capítulo abbildung tabelle "
        "kapitel abschnitt tableau chapitre paragraphe slika tablica poglavlje kuva taulukko luku rozdział "
        "rysunek tabela rozdział art § no nr"
    )
)


def _write(value: Decimal, raw: str, conv: Convention) -> str:
    """``value`` written with ``conv``'s symbols, keeping the writer's digits and grouping choice."""
    text = format(abs(value), "f")
    whole, _, frac = text.partition(".")
    zeros = digit_scripts(raw)
    zero = next(iter(zeros)) if len(zeros) == 1 else 0x30
    # Arabic-Indic digits take the locale's native marks (ar ``٤٨٬٢٥٠``), Latin digits its Latin ones
    decimal, group = conv.native if zero != 0x30 and conv.native else (conv.decimal, conv.group)
    seps = sum(1 for c in raw if unicodedata.category(c) != "Nd")
    grouped = seps > (1 if frac else 0) and abs(value) >= 1000  # the writer grouped digits
    if grouped:
        rev = whole[::-1]
        whole = group.join(rev[i : i + 3] for i in range(0, len(rev), 3))[::-1]
    out = whole + (decimal + frac if frac else "")
    if zero != 0x30:
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
    m = _WORD_BEFORE.search(before)
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
    if ARABIC_COMMA in raw and (conv is None or ARABIC_COMMA not in conv.groups | conv.decimals):
        fixed = regex.sub(r"\u060c(?=\p{Nd}{3}(?!\p{Nd}))", "\u066c", raw).replace("\u060c", "\u066b")
        return read(fixed, DOT), None, "arabic-comma"
    indian = bool(conv and conv.indian)
    if conv is None:
        a, b = read(raw, DOT, True), read(raw, DOT.other(), True)
        return (a if a is not None else b), (b if a is not None else None), None
    own = read(raw, conv, indian)
    alt = None
    for candidate in (other,) if other else (conv.other(), DOT, COMMA):  # de-CH: 1.000 (COMMA), 1,000 (DOT)
        if (candidate.decimal, candidate.group) != (conv.decimal, conv.group):
            alt = read(raw, candidate, indian)
            if alt is not None:
                break
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
        split = _SPACE_SPLIT if any(c in SPACES for c in raw) else patterns().split_sep
        pieces = split.split(raw)
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
    tm = _HOUR_MINUTES.fullmatch(ascii_raw)
    if tm and int(tm.group(1)) <= 24 and int(tm.group(2)) < 60:
        keys.add(f"t{int(tm.group(1))}:{tm.group(2)}")
    if not neg:
        keys |= clock_keys(text, start, end, value, lang)
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
        group_chars=frozenset(
            c for c in raw if unicodedata.category(c) != "Nd" and c not in (ARABIC_COMMA, ARABIC_DECIMAL)
        ),
    )


_RANGE_WORDS = regex.compile(
    r"\s*(?:-|–|—|~|～|to|and|or|à|et|ou|bis|und|oder|a|y|o|e|tot|en|do|i|и|до|или|至|到)\s*",
    regex.IGNORECASE,
)


def _calendar_parts(tokens: list[NumberToken], text: str, lang: str) -> list[NumberToken]:
    """``7月``, ``tháng 7``, ``Thứ 2`` are a month or a weekday that CLDR writes with digits: date parts
    that only excuse (the source says "July" or "Monday"), never a quantity to account for."""
    spans = calendar_spans(text, lang)
    if not spans:
        return tokens
    names = Taken()
    names.claim(Span(a, b) for a, b in spans)
    out = []
    for tok in tokens:
        value = tok.value
        if (
            tok.kind == "number"
            and names.overlaps(tok.span)
            and value is not None
            and 0 <= value <= 31
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
    return bool(b) and lang in ("fa", "ur", "ps") and a.isdigit() and (b or "").isdigit() and not a.isascii()


def _base(code: str) -> str:
    return Language.parse(code).base


def _soft(start: int, end: int, text: str, keys: frozenset[str]) -> NumberToken:
    item = Item(keys, text[start:end], hard=False, kind="word")
    return NumberToken(Span(start, end), text[start:end], "word", (item,))


@lru_cache(maxsize=4096)
def extract(text: str, lang: str, words: bool = True) -> tuple[NumberToken, ...]:
    """All number tokens of ``text`` written in ``lang``, sorted by position; memoized per text.

    ``lang`` is a language or locale code (``de``, ``de-CH``): the locale decides how ``.`` and ``,``
    read, the language which words are number words. ``text`` should be a segment's ``prose``
    (protected spans blanked) so placeholders never count. Time is linear in the length of ``text``.
    """
    conv = convention(lang)
    base = _base(lang)
    taken = Taken()
    out: list[NumberToken] = []
    for kind in special_tokens(text):  # each kind claims what the kinds before it left
        kept = [tok for tok in kind if not taken.overlaps(tok.span)]
        taken.claim(tok.span for tok in kept)
        out.extend(kept)
    for m in patterns().number.finditer(text):
        span = Span(m.start(), m.end())
        if taken.overlaps(span):
            continue
        if m.group("rsep") == "/" and _slash_decimal(m.group("a"), m.group("b"), base):
            a, b = to_ascii(m.group("a")), to_ascii(m.group("b"))
            value = Decimal(f"{a}.{b}")
            items = (Item(frozenset({key(value), a, b}), key(value)),)
            out.append(NumberToken(span, m.group(0), "number", items, value=value))
            continue
        parts = list(_plain(text, m.start("a"), m.group("a"), m.group("sign"), conv, base))
        if m.group("b"):
            parts += _plain(text, m.start("b"), m.group("b"), "", conv, base)
            parts = [replace(t, whole=m.group(0)) for t in parts]
        out.extend(parts)
    out = _calendar_parts(out, text, base)
    out = _range_scales(out, text)
    if words:
        for start, end, value in [*roman_numerals(text), *spelled_numbers(text, base), *code_digits(text)]:
            if not taken.overlaps(Span(start, end)):
                out.append(_soft(start, end, text, frozenset({key(value)})))
        for start, end, keys in [*spelled_words(text, base), *calendar_words(text, base)]:
            if not taken.overlaps(Span(start, end)):
                out.append(_soft(start, end, text, keys))
    out.sort(key=lambda t: (t.span.start, t.span.end, t.kind))
    return tuple(out)


def items(tokens: tuple[NumberToken, ...]) -> list[Item]:
    """Every item of ``tokens``, in order."""
    return [item for tok in tokens for item in tok.items]
