"""Calendar and duration names that stand for numbers, from CLDR (Babel), for any language.

- Month and weekday names (``January``, ``Jan``, ``Sept.``, ``Monday``; a one- or two-letter name
  such as ``M`` only when it is the whole text) excuse the number a translation may write for them:
  ``tháng 1`` (vi), ``1-р сар`` (mn), ``Thứ 2`` (vi, Monday). Weekdays count from Monday (ISO) or
  from Sunday, so Monday stands for 1 or 2.
- Names that CLDR itself writes with digits (``1月``, ``tháng 1``, ``Thứ 2``, ``1-р сар``) make the
  digits in them date parts, not quantities.
- Unit names of a week and a day (``week``, ``тыдзень``, ``שבוע``, ``долоо хоног``) stand for 7 (days)
  and 24 (hours): "past 7 days" may be "last week".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from qa_pipeline.analysis.numbers.locale import babel_locale_name
from qa_pipeline.language import Language

_NO_SPACES = frozenset({"ja", "zh", "th", "lo", "km", "my"})  # scripts written without spaces
_CLITICS = {"he": "ובהלמשכ", "ar": "وبلفك"}  # one-letter prefixes (and, in, the, to…) glued to a word
_UNITS = {"duration-week": "7", "duration-day": "24"}


@dataclass(frozen=True)
class _Names:
    words: dict[str, frozenset[str]]  # casefolded name -> keys
    short: dict[str, frozenset[str]]  # names of one or two letters: only as the whole text
    pattern: regex.Pattern[str] | None  # the names of ``words`` in running text
    digit_forms: regex.Pattern[str] | None  # names CLDR writes with digits (1月, tháng 1)


def _weekday_keys(index: int) -> frozenset[str]:
    """Babel's weekday index (0 = Monday) -> the numbers a language may give that day."""
    iso = index + 1
    from_sunday = iso % 7 + 1
    return frozenset({str(iso), str(from_sunday)} | ({"0"} if iso == 7 else set()))


@cache
def _names(lang: str) -> _Names | None:
    name = babel_locale_name(lang)
    if name is None:
        return None
    from babel import Locale

    loc = Locale.parse(name)
    found: dict[str, set[str]] = {}
    digit_forms: set[str] = set()

    def add(form: str, keys: frozenset[str]) -> None:
        form = form.strip().rstrip(".").casefold()
        if not form:
            return
        if regex.search(r"\p{Nd}", form):
            if regex.search(r"\p{L}", form):  # a narrow name that is only digits names nothing
                digit_forms.add(regex.sub(r"\\?\p{Nd}+", r"\\p{Nd}{1,2}", regex.escape(form)))
        else:
            found.setdefault(form, set()).update(keys)

    for table, keys_of in ((loc.months, lambda n: frozenset({str(n)})), (loc.days, _weekday_keys)):
        for context in ("format", "stand-alone"):
            widths = table.get(context, {})
            wide = widths.get("wide", {})
            for width in ("wide", "abbreviated", "narrow"):
                for index, form in widths.get(width, {}).items():
                    add(form, keys_of(index))
                    full = str(wide.get(index, "")).casefold()
                    short = form.rstrip(".").casefold()
                    if width == "abbreviated" and full.startswith(short) and len(short) >= 3:
                        for end in range(len(short) + 1, len(full)):
                            add(full[:end], keys_of(index))  # Sept, Janu: between abbreviation and name
    patterns = loc._data["unit_patterns"]
    for unit, value in _UNITS.items():
        for length in ("long", "short"):
            for form in patterns.get(unit, {}).get(length, {}).values():
                add(str(form).replace("{0}", "").strip(), frozenset({value}))
    words = {k: frozenset(v) for k, v in found.items() if len(k) >= 3}
    short = {k: frozenset(v) for k, v in found.items() if len(k) < 3}
    forms = sorted(words, key=lambda w: (-len(w), w))
    base = Language.parse(name).base
    prefix = f"[{_CLITICS[base]}]?" if base in _CLITICS else ""
    edge = ("", "") if base in _NO_SPACES else (r"(?<![\p{L}\p{M}])", r"(?![\p{L}\p{M}])")
    pattern = (
        regex.compile(edge[0] + prefix + "(" + "|".join(map(regex.escape, forms)) + ")" + edge[1], regex.I)
        if forms
        else None
    )
    digits = regex.compile("|".join(sorted(digit_forms)), regex.I) if digit_forms else None
    return _Names(words, short, pattern, digits)


def calendar_words(text: str, lang: str) -> Iterator[tuple[int, int, frozenset[str]]]:
    """``(start, end, keys)`` of each month, weekday, week or day name in ``text``."""
    names = _names(lang)
    if names is None:
        return
    whole = text.strip().rstrip(".").casefold()
    if whole in names.short:
        start = text.index(text.strip())
        yield start, start + len(whole), names.short[whole]
        return
    if names.pattern is None:
        return
    for m in names.pattern.finditer(text):
        yield m.start(1), m.end(1), names.words[m.group(1).casefold()]


def calendar_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of month and weekday names that CLDR writes with digits (``1月``, ``tháng 1``)."""
    names = _names(lang)
    if names is None or names.digit_forms is None:
        return []
    return [(m.start(), m.end()) for m in names.digit_forms.finditer(text)]
