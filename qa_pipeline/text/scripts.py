"""Unicode script helpers (via the ``regex`` module's script properties)."""

from __future__ import annotations

from functools import cache

import regex

# Scripts written without spaces between words.
UNSPACED_SCRIPTS = ("Han", "Hiragana", "Katakana", "Thai", "Lao", "Khmer", "Myanmar", "Tibetan")
_UNSPACED_RE = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}]"
)
_SCRIPT_NAMES = (
    "Latin",
    "Cyrillic",
    "Greek",
    "Arabic",
    "Hebrew",
    "Devanagari",
    "Bengali",
    "Han",
    "Hiragana",
    "Katakana",
    "Hangul",
    "Thai",
    "Armenian",
    "Georgian",
    "Ethiopic",
    "Tamil",
    "Telugu",
    "Kannada",
    "Malayalam",
    "Gujarati",
    "Gurmukhi",
    "Oriya",
    "Sinhala",
    "Khmer",
    "Lao",
    "Myanmar",
    "Tibetan",
)
_SCRIPT_RES = [(name, regex.compile(rf"\p{{Script={name}}}")) for name in _SCRIPT_NAMES]

# Languages whose text is written without spaces between words.
UNSPACED_LANGUAGES = frozenset({"ja", "zh", "th", "lo", "km", "my", "bo", "yue", "wuu"})
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"})


def is_unspaced_char(ch: str) -> bool:
    return bool(_UNSPACED_RE.match(ch))


def is_spaced_word_char(ch: str) -> bool:
    """A letter or digit of a script that separates words with spaces (Latin, Cyrillic, Arabic…)."""
    return (ch.isalnum() or ch == "_") and not is_unspaced_char(ch)


@cache
def script_of(ch: str) -> str | None:
    """The Unicode script of a letter (``Latin``, ``Han``…), None for common/inherited characters."""
    for name, pattern in _SCRIPT_RES:
        if pattern.match(ch):
            return name
    return None


def dominant_script(text: str) -> str | None:
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            s = script_of(ch)
            if s:
                counts[s] = counts.get(s, 0) + 1
    if not counts:
        return None
    return max(sorted(counts), key=lambda k: counts[k])
