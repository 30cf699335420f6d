"""Punctuation knowledge per language: end-of-sentence classes, quotation marks, brackets, dangling words.

The data lives in ``analysis/data/punctuation.yaml`` and is loaded once, lazily. Offsets are code points.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import regex

from qa_pipeline.language import Language
from qa_pipeline.text.yamldata import load_yaml

_DATA = Path(__file__).resolve().parent / "data" / "punctuation.yaml"

# Characters that may follow the final punctuation without changing what it is: closing quotes,
# closing brackets, footnote marks, spaces.
TRAILERS = "\"'”’»›“‘„«‹」』）)]}】〕》〉］｝*†‡¹²³ \t\u00a0\u202f\u2009\u3000"
OPENING_QUOTES = "“‘„‚«‹「『"
STRAIGHT_QUOTE = '"'
ALL_QUOTES = '"“”‘’„‚«»‹›「」『』'


@cache
def data() -> dict[str, Any]:

    loaded: dict[str, Any] = load_yaml(_DATA.read_text(encoding="utf-8"))
    return loaded


def base(lang: str | None) -> str:
    return Language.parse(lang).base


@cache
def _end_map(lang: str) -> tuple[tuple[str, str], ...]:
    """(mark, class) pairs, longest mark first, for one base language."""
    pairs: list[tuple[str, str]] = []
    for cls, marks in data()["end-classes"].items():
        for mark in marks:
            pairs.append((mark, cls))
    for cls, marks in data()["end-classes-by-language"].get(lang, {}).items():
        for mark in marks:
            pairs.append((mark, cls))
    if lang in data()["question-semicolon-languages"]:
        pairs.append((";", "question"))
    else:
        pairs.append((";", "semicolon"))
    if lang in data()["colon-stop-languages"]:
        pairs = [(m, "stop" if m == ":" else c) for m, c in pairs]
    pairs.sort(key=lambda p: (-len(p[0]), p[0]))
    return tuple(pairs)


@dataclass(frozen=True)
class Ending:
    """How a text ends: the class of its final punctuation (or ``none``) and where that mark is."""

    cls: str
    start: int
    end: int


def ending(text: str, lang: str | None) -> Ending:
    """The final punctuation of ``text`` (closing quotes, brackets and spaces skipped)."""
    end = len(text)
    while end > 0 and text[end - 1] in TRAILERS:
        end -= 1
    for mark, cls in _end_map(base(lang)):
        if text.endswith(mark, 0, end):
            start = end - len(mark)
            if cls == "stop" and mark == "." and text.endswith("...", 0, end):
                return Ending("ellipsis", end - 3, end)
            return Ending(cls, start, end)
    return Ending("none", end, end)


# ``a.m.``, ``e.g.``, ``z.B.``, ``т.д.``, and the same with vowel signs (Sinhala, Devanagari).
_DOTTED = regex.compile(r"^(?:(?:\p{L}\p{M}*){1,3}\.)+(?:\p{L}\p{M}*){1,3}$", regex.V1)
_LETTERS = regex.compile(r"^[\p{L}\p{M}]+$", regex.V1)
_LAST_WORD = regex.compile(r"(?:^|(?<=[\s(\[/«“„\"']))([^\s(\[/«“„\"']+)\.$", regex.V1)


@cache
def _calendar_names(lang: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """CLDR month and weekday names of ``lang`` (casefolded, without full stops): the abbreviated forms
    and the full ones."""
    from babel import Locale, UnknownLocaleError

    try:
        loc = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return frozenset(), ()
    short: set[str] = set()
    wide: set[str] = set()
    for table in (loc.months, loc.days):
        for context in ("format", "stand-alone"):
            for width, names in table.get(context, {}).items():
                for name in names.values():
                    name = str(name).casefold().rstrip(".")
                    if width == "abbreviated" and len(name) > 1:
                        short.add(name)
                    elif width == "wide":
                        wide.add(name)
    return frozenset(short), tuple(sorted(wide))


def _icu_abbreviation(word: str, lang: str) -> bool:
    """ICU (CLDR sentence-break suppressions) does not end a sentence after ``word`` (``Mr.``, ``Feb.``)."""
    from qa_pipeline.text.segmentation import sentences

    return len(sentences(f"{word} Xyz abc.", f"{lang}@ss=standard")) == 1


def ends_with_abbreviation(text: str, lang: str | None) -> bool:
    """The final full stop of ``text`` belongs to an abbreviation: a dotted one (``a.m.``, ``e.g.``),
    a month or weekday name cut short (``Feb.``, ``Sept.``, ``esmasp.``: CLDR's abbreviated names and
    prefixes of its full names), an abbreviation ICU knows for the language (``Mr.``), or one of the
    language's list in ``analysis/data/punctuation.yaml``."""
    m = _LAST_WORD.search(strip_trailers(text))
    if m is None:
        return False
    core = m.group(1)
    if _DOTTED.match(core):
        return True
    folded = core.casefold()
    code = base(lang) if base(lang) != "und" else "en"
    if folded in {str(w).casefold() for w in data()["abbreviations"].get(code, [])}:
        return True
    if not _LETTERS.match(core):
        return False
    short, wide = _calendar_names(code)
    if folded in short or (len(folded) >= 3 and any(w.startswith(folded) and w != folded for w in wide)):
        return True
    return _icu_abbreviation(core + ".", code)


# A comma or semicolon that joins two words without a space: ``on,off,auto``. The Arabic-script
# comma and semicolon count as the ASCII ones they translate.
_GLUED_SEPARATOR = regex.compile(r"(?<=[\p{L}\p{N}]\p{M}*)([,;،؛])(?=[\p{L}\p{N}])", regex.V1)
SEPARATOR_KIND = {",": ",", "،": ",", ";": ";", "؛": ";"}


def glued_separators(text: str | None) -> dict[str, int]:
    """How often a comma and a semicolon join two words without a space (``{",": 2}`` for
    ``on,off,auto``). In a source, such a list of values is read by software that splits on the mark:
    the translation must keep it unspaced, with the same ASCII mark."""
    counts: dict[str, int] = {}
    for m in _GLUED_SEPARATOR.finditer(text or ""):
        kind = SEPARATOR_KIND[m.group(1)]
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def value_list_marks(source: str | None, target: str) -> frozenset[str]:
    """The separators (``,`` ``;``) a target glues between words no more often than its source does: a
    value list kept as the source wrote it, not missing spaces."""
    src = glued_separators(source)
    return frozenset(k for k, n in glued_separators(target).items() if n <= src.get(k, 0))


def source_list_separators(source: str | None, target: str) -> frozenset[str]:
    """The ASCII separators of a value list in the source (``on,off,auto``) that the target uses no
    more often: software splits the list on that mark, so the target must keep it, not a script's own
    comma (``،`` ``、`` ``，``)."""
    src = glued_separators(source)
    return frozenset(k for k, n in src.items() if target.count(k) <= n)


def ends_with_abbreviation_mark(text: str) -> bool:
    """``text`` ends with a mark that can close an abbreviation (``.``, Bengali ``ঃ``, Armenian ``․``)."""
    return strip_trailers(text).endswith(tuple(data()["abbreviation-marks"]))


def starts_with_ellipsis(text: str) -> bool:
    return text.lstrip(TRAILERS + OPENING_QUOTES).startswith(tuple(data()["end-classes"]["ellipsis"]))


# Classes that a translation may legitimately swap (a colon introducing a list may become a full stop in
# some style guides; an exclamation mark is often toned down to a full stop in German and Japanese UI).
COMPATIBLE = frozenset(
    {
        ("exclamation", "stop"),
        ("interrobang", "question"),
        ("interrobang", "exclamation"),
        ("stop-or-colon", "stop"),
        ("stop-or-colon", "colon"),
    }
)


def compatible(a: str, b: str) -> bool:
    return a == b or (a, b) in COMPATIBLE or (b, a) in COMPATIBLE


@cache
def quote_pairs(lang: str | None) -> tuple[str, ...]:
    """Accepted quotation-mark pairs (two characters: opening, closing) for a language."""
    table: dict[str, list[str]] = data()["quotes"]
    code = (lang or "").replace("_", "-")
    for key in (code, base(code)):
        if key in table:
            return tuple(table[key])
    return tuple(table["default"])


@cache
def bracket_pairs() -> tuple[str, ...]:
    return tuple(data()["brackets"])


@cache
def dangling_words(lang: str | None) -> frozenset[str]:
    """Words that cannot end a sentence in ``lang`` (conjunctions, articles, bare prepositions)."""
    table: dict[str, list[str]] = data()["dangling"]
    return frozenset(str(w).casefold() for w in table.get(base(lang), []))


@cache
def sentence_starters(lang: str | None) -> frozenset[str]:
    table: dict[str, list[str]] = data()["sentence-starters"]
    return frozenset(str(w) for w in table.get(base(lang), []))


def has_terminal_prose(lang: str | None) -> bool:
    """False for languages whose prose has no sentence-final stop (Thai, Lao, Khmer, Burmese)."""
    return base(lang) not in data()["no-terminal"]


@dataclass(frozen=True)
class FrenchSpacing:
    before: str
    guillemets: bool


def french_spacing(lang: str | None) -> FrenchSpacing | None:
    """The French-style spacing convention of ``lang`` (fr, fr-CA, fr-CH…), or None."""
    table: dict[str, dict[str, Any]] = data()["french-spacing"]
    code = (lang or "").replace("_", "-")
    for key in (code, base(code)):
        for k, v in table.items():
            if k.lower() == key.lower():
                return FrenchSpacing(str(v["before"]), bool(v["guillemets"]))
    return None


@dataclass(frozen=True)
class ScriptPunctuation:
    name: str
    letter: regex.Pattern[str]
    marks: dict[str, str]


def script_punctuation(lang: str | None, family: str) -> ScriptPunctuation | None:
    """ASCII marks that should be the script's own after a letter of ``family`` (cjk, arabic, greek)."""
    entry = data()["script-punctuation"].get(family)
    if entry is None or base(lang) not in entry["languages"]:
        return None
    marks = entry.get(f"marks-{base(lang)}", entry["marks"])
    return ScriptPunctuation(family, _compile(entry["script"]), dict(marks))


@cache
def _compile(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern)


def percent_without_space(lang: str | None) -> bool:
    return base(lang) in data()["percent-no-space"]


def strip_trailers(text: str) -> str:
    end = len(text)
    while end > 0 and text[end - 1] in TRAILERS:
        end -= 1
    return text[:end]


# Double quotation marks and corner brackets; single quotes are left out because ’ and ' double as
# apostrophes and cannot be paired reliably.
_QUOTE_CHARS = frozenset('"“”„«»「」『』')
_INCH = regex.compile(r'(?<=\d)"(?!\w)')
_GERSHAYIM = regex.compile(r'(?<=\p{Hebrew})"(?=\p{Hebrew})')  # Hebrew abbreviation mark typed as "


@cache
def _all_pairs() -> frozenset[str]:
    table: dict[str, list[str]] = data()["quotes"]
    return frozenset(
        p for pairs in table.values() for p in pairs if p[0] in _QUOTE_CHARS and p[1] in _QUOTE_CHARS
    )


@dataclass(frozen=True)
class QuoteScan:
    """Result of pairing the quotation marks of a text.

    ``mismatched``: (opening, closing) offsets of a typographic quotation closed by a straight quote or
    the other way round; ``unclosed``: openers never closed; ``stray``: closers with no opener.
    """

    mismatched: tuple[tuple[int, int], ...]
    unclosed: tuple[int, ...]
    stray: tuple[int, ...]
    pairs: tuple[tuple[int, int, int], ...] = ()  # (opening, closing, nesting depth) of matched pairs

    @property
    def clean(self) -> bool:
        return not (self.mismatched or self.unclosed or self.stray)


def _closing_position(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _opening_position(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{-–—/") and not after.isspace()


def scan_quotes(text: str, lang: str | None) -> QuoteScan:
    """Pair the double quotation marks of ``text`` with a stack (any pair used by some locale counts)."""
    own = frozenset(quote_pairs(lang))
    pairs = _all_pairs() | own
    openers = frozenset(p[0] for p in pairs) | {'"'}
    closers = frozenset(p[1] for p in pairs)
    inches = {m.start() for m in _INCH.finditer(text)} | {m.start() for m in _GERSHAYIM.finditer(text)}
    straight_left = sum(1 for i, ch in enumerate(text) if ch == '"' and i not in inches)
    stack: list[int] = []
    mismatched: list[tuple[int, int]] = []
    stray: list[int] = []
    matched: list[tuple[int, int, int]] = []
    for i, ch in enumerate(text):
        if ch not in _QUOTE_CHARS or i in inches:
            continue
        top = text[stack[-1]] if stack else None
        if ch == '"':
            straight_left -= 1
        if top is not None and top + ch in pairs:
            matched.append((stack.pop(), i, len(stack)))
        elif ch == '"':
            if top == '"':
                matched.append((stack.pop(), i, len(stack)))
            elif top is not None and _closing_position(text, i):
                mismatched.append((stack.pop(), i))
            elif (
                top is None
                and straight_left % 2 == 0
                and _closing_position(text, i)
                and not _opening_position(text, i)
            ):
                stray.append(i)
            else:
                stack.append(i)
        elif top == '"' and (ch not in openers or (ch in closers and _closing_position(text, i))):
            mismatched.append((stack.pop(), i))
        elif ch in openers and not (ch in "”»" and _closing_position(text, i) and ch + ch not in own):
            stack.append(i)
        else:
            stray.append(i)
    return QuoteScan(tuple(mismatched), tuple(stack), tuple(stray), tuple(sorted(matched)))


_LIST_MARK = regex.compile(r"(?:^|(?<=[\s(]))(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})$")


def scan_brackets(text: str) -> tuple[list[int], list[int]]:
    """(unclosed openers, stray closers) of round, square, curly and CJK brackets.

    A closer after a list marker (``1)``, ``a)``) or in an emoticon (``:-)``) is not a stray closer.
    """
    pairs = bracket_pairs()
    close_to_open = {p[1]: p[0] for p in pairs}
    open_chars = {p[0] for p in pairs}
    stack: list[int] = []
    stray: list[int] = []
    for i, ch in enumerate(text):
        if ch in open_chars:
            stack.append(i)
        elif ch in close_to_open:
            if stack and text[stack[-1]] == close_to_open[ch]:
                stack.pop()
            elif stack and any(text[j] == close_to_open[ch] for j in stack):
                while text[stack[-1]] != close_to_open[ch]:
                    stack.pop()
                stack.pop()
            elif _LIST_MARK.search(text[max(0, i - 5) : i]) or text[max(0, i - 2) : i] in (
                ":-",
                ";-",
                ":",
                ";",
            ):
                continue
            else:
                stray.append(i)
    return stack, stray


_DASH_OPEN = regex.compile(r"^[ \t]*([-–—‒])[ \t\u00a0]*(?=\p{L})")


def dash_opened_quotation(text: str) -> tuple[int, int] | None:
    """(dash offset, closing-quote end) when ``text`` opens with a dash and closes a quotation it never opened."""
    m = _DASH_OPEN.match(text)
    if m is None:
        return None
    scan = scan_quotes(text, None)
    if not scan.stray:
        return None
    close = scan.stray[0]
    if any(i < close for i in scan.unclosed):
        return None
    return m.start(1), close + 1


@dataclass(frozen=True)
class Occurrence:
    """One place where a punctuation habit shows: the segment, the span and what was found."""

    segment_id: str
    start: int
    end: int
    key: str


def group_habits(
    found: list[Occurrence], min_count: int = 5
) -> tuple[list[list[Occurrence]], list[Occurrence]]:
    """Split occurrences into habits (one key seen ``min_count`` times or more in at least two
    segments: reported once per document) and single occurrences (reported one by one)."""
    by_key: dict[str, list[Occurrence]] = {}
    for occ in found:
        by_key.setdefault(occ.key, []).append(occ)
    habits: list[list[Occurrence]] = []
    singles: list[Occurrence] = []
    for key in sorted(by_key):
        group = by_key[key]
        if len(group) >= min_count and len({o.segment_id for o in group}) >= 2:
            habits.append(group)
        else:
            singles.extend(group)
    return habits, singles
