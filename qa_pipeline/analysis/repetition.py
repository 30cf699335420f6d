"""Shared data and helpers of the repetition rules (QA7xx): words, legitimate doubles, conjunctions.

Per-language data lives here as plain mappings keyed by base language code; each rule also takes an
option to add entries, so a project can allow a word or add a language from its config.
"""

from __future__ import annotations

import itertools
from functools import cache, lru_cache
from typing import NamedTuple

import regex

from qa_pipeline.model import PROTECTED_CHAR
from qa_pipeline.text.sequences import SourceMatcher

# Doubled words that are grammatical in the language ("nous nous levons", "dass das", "had had").
LEGIT_DOUBLES: dict[str, frozenset[str]] = {
    "en": frozenset({"had", "that", "is", "ha", "bye", "no", "so", "yeah", "ho", "tut", "knock", "chop"}),
    "fr": frozenset({"nous", "vous", "ha", "si", "bye"}),
    "gl": frozenset({"se"}),
    "de": frozenset({"die", "der", "das", "dass", "sie", "ha", "hm"}),
    "nl": frozenset({"dat", "die", "ha", "hé"}),
    "af": frozenset({"dat", "die"}),
    "es": frozenset({"ja"}),
    "it": frozenset({"ha"}),
    "pt": frozenset({"ha", "que", "se"}),
    "pl": frozenset({"ha"}),
    "sv": frozenset({"ha"}),
    "fi": frozenset({"ha", "niin"}),
    "ru": frozenset({"ха", "да", "нет"}),
    "tr": frozenset({"ha"}),
    "hr": frozenset({"ha"}),
    "ar": frozenset(),
    "id": frozenset(),
    "ms": frozenset(),
    "ko": frozenset(),
}

# Languages where doubling a word is productive grammar (Turkish "zaman zaman", Hindi "धीरे धीरे",
# Persian "تک تک", Indonesian "pelan pelan"): a doubled single word is not reported in them.
REDUPLICATING_LANGUAGES = frozenset(
    {
        "tr", "az", "uz", "kk", "ky", "tk", "ug", "fa", "ps", "ur", "sd", "hi", "pa", "ne", "bn", "as", "or",
        "mr", "gu", "ta", "te", "kn", "ml", "si", "id", "ms", "tl", "jv", "su", "vi", "th", "km", "lo", "my",
    }
)  # fmt: skip

# "X and X" / "X or X": the coordinating conjunctions of each language.
CONJUNCTIONS: dict[str, tuple[str, ...]] = {
    "en": ("and", "or", "nor"),
    "fr": ("et", "ou", "ni"),
    "de": ("und", "oder"),
    "es": ("y", "e", "o", "u", "ni"),
    "it": ("e", "ed", "o", "od", "né"),
    "pt": ("e", "ou", "nem"),
    "nl": ("en", "of"),
    "pl": ("i", "lub", "albo", "oraz", "czy"),
    "hr": ("i", "ili", "te"),
    "fi": ("ja", "tai", "sekä", "eli"),
    "sv": ("och", "eller"),
    "da": ("og", "eller"),
    "no": ("og", "eller"),
    "nb": ("og", "eller"),
    "tr": ("ve", "veya", "ya da", "ile"),
    "ru": ("и", "или", "да"),
    "uk": ("і", "й", "та", "або"),
    "cs": ("a", "nebo"),
    "sk": ("a", "alebo"),
    "ro": ("și", "sau"),
    "hu": ("és", "vagy"),
    "id": ("dan", "atau"),
    "ms": ("dan", "atau"),
    "ar": ("أو",),
    "el": ("και", "ή"),
}

# Intensifying coordinations that are idiomatic: "again and again", "more and more", "encore et encore".
LEGIT_COORDINATED: dict[str, frozenset[str]] = {
    "en": frozenset(
        {
            "again",
            "more",
            "over",
            "on",
            "round",
            "around",
            "ever",
            "through",
            "years",
            "hours",
            "miles",
            "days",
            "weeks",
            "months",
            "less",
            "by",
            "out",
            "up",
            "down",
            "back",
            "forth",
        }
    ),
    "fr": frozenset({"encore", "plus", "moins", "toujours"}),
    "de": frozenset({"immer", "mehr", "weniger", "wieder"}),
    "es": frozenset({"más", "menos", "otra", "vez"}),
    "it": frozenset({"ancora", "più", "meno", "sempre", "quanto", "tanto"}),
    "pt": frozenset({"mais", "menos", "sempre"}),
    "nl": frozenset({"meer", "minder", "steeds", "weer", "opnieuw"}),
    "pl": frozenset({"znowu", "więcej", "mniej", "coraz"}),
    "hr": frozenset({"opet", "više", "manje", "iznova"}),
    "fi": frozenset({"uudestaan", "uudelleen", "yhä", "enemmän", "vähemmän"}),
    "sv": frozenset({"om", "mer", "mindre", "igen", "då"}),
    "tr": frozenset({"tekrar", "daha"}),
    "ru": frozenset({"снова", "ещё", "еще", "опять", "больше", "меньше"}),
    "ar": frozenset(),
}
# Comparatives coordinate with themselves ("faster and faster", "nopeammin ja nopeammin").
COMPARATIVE_SUFFIXES: dict[str, tuple[str, ...]] = {
    "en": ("er",),
    "de": ("er", "ere", "eren", "erer"),
    "nl": ("er", "ere"),
    "sv": ("are", "re"),
    "fi": ("mpi", "mmin", "mmat", "mpaa", "mman", "mmaksi"),
    "ru": ("ее", "ей"),
    "pl": ("ej",),
    "hr": ("ije", "je"),
}

_UNSPACED = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}]", regex.V1
)
WORD_RE = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*", regex.V1)


class Word(NamedTuple):
    """A word and where it is (a named tuple: a long line has hundreds of thousands of them)."""

    text: str
    start: int
    end: int
    key: str  # casefolded text


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[Word, ...]:
    """Words of spaced scripts (runs of letters/digits, inner apostrophes and hyphens kept).

    Cached: the repetition rules all tokenise the same segments.
    """
    out = []
    for m in WORD_RE.finditer(text):
        w = m.group(0)
        if PROTECTED_CHAR in w or _UNSPACED.search(w):
            continue
        out.append(Word(w, m.start(), m.end(), w.casefold()))
    return tuple(out)


@lru_cache(maxsize=256)
def doubled_keys(text: str) -> frozenset[str]:
    """Casefolded words that ``text`` writes twice in a row with only white space between (one pass)."""
    ws = words(text)
    return frozenset(
        a.key for a, b in itertools.pairwise(ws) if a.key == b.key and only_space(text[a.end : b.start])
    )


@lru_cache(maxsize=256)
def word_sequences(text: str) -> SourceMatcher:
    """Which word sequences ``text`` contains (casefolded words, punctuation between them ignored)."""
    return SourceMatcher([w.key for w in words(text)])


def has_unspaced(text: str) -> bool:
    return _UNSPACED.search(text) is not None


def has_letter(text: str) -> bool:
    return any(c.isalpha() for c in text)


@cache
def legit_doubles(lang: str, extra: tuple[str, ...] = ()) -> frozenset[str]:
    return LEGIT_DOUBLES.get(lang, frozenset()) | {e.casefold() for e in extra}


def only_space(text: str) -> bool:
    return bool(text) and not text.strip(" \t\n\r\u00a0\u202f")


def only_space_or_punct(text: str) -> bool:
    """Between two repeats of a phrase: spaces with at most a comma, stop or similar mark."""
    stripped = text.strip(" \t\n\r\u00a0\u202f")
    return bool(text) and len(stripped) <= 1 and all(c in ",.;:!?…、。，" for c in stripped)
