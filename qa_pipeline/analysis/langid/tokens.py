"""Words of the untranslated analysis (:mod:`qa_pipeline.analysis.langid.untranslated`): tokens with their script
and position in the sentence, and the words the source quotes or marks as code. Both are one pass over
the text (the literal pattern is bounded so that unpaired quotation marks cannot make it rescan).
"""

from __future__ import annotations

from typing import NamedTuple

import regex

from qa_pipeline.analysis.langid.detect import script_group
from qa_pipeline.model import PROTECTED_CHAR

NEUTRAL, TARGET, SOURCE, AMBIGUOUS, FOREIGN = "neutral", "target", "source", "ambiguous", "foreign"

TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+|[-‐‑][\p{L}\p{M}\p{N}]+)*")
_OPENERS = " \t\u00a0\u202f\"'“”‘’«»„‹›([{¿¡-–—•*·"
_SENTENCE_END = ".!?:;…。！？\n"
_CODE_BEFORE = frozenset("$_[{/\\@#=<>%&`")
_CODE_AFTER = frozenset("[({_\\=<>%")
# A quoted or code literal of the source is short (``make html``, "path"); the bound keeps the search
# linear on text with many unpaired quotation marks.
_LITERAL = regex.compile(
    r"``([^`]{1,200})``|`([^`]{1,200})`|\"([^\"]{1,200})\"|'([^'\s][^']{0,199})'|“([^”]{1,200})”"
)


class Token(NamedTuple):
    """A word of the analysed text (a named tuple: a long segment has hundreds of thousands)."""

    start: int
    end: int
    text: str
    script: str | None
    initial: bool
    kind: str = NEUTRAL
    name: bool = False
    llr: float = 0.0  # log-odds that the word is in the source rather than the target language


def letters(text: str) -> int:
    return sum(map(str.isalpha, text))


def _split_scripts(match_start: int, text: str) -> list[tuple[int, int, str | None]]:
    """Split a token where its letters change script (``PayScaleによると`` -> two pieces)."""
    if text.isascii():  # the common case, without a script look-up per letter
        return [(match_start, match_start + len(text), "Latin" if letters(text) else None)]
    pieces: list[tuple[int, int, str | None]] = []
    start = 0
    current: str | None = None
    for i, ch in enumerate(text):
        if not ch.isalpha():
            continue
        group = script_group(ch)
        if current is None:
            current = group
        elif group != current:
            pieces.append((match_start + start, match_start + i, current))
            start, current = i, group
    pieces.append((match_start + start, match_start + len(text), current))
    return pieces


def _is_initial(prose: str, start: int, script: str | None) -> bool:
    i = start - 1
    while i >= 0 and prose[i] in _OPENERS:
        i -= 1
    if i < 0 or prose[i] in _SENTENCE_END or prose[i] == PROTECTED_CHAR:
        return True
    return prose[i].isalpha() and script_group(prose[i]) != script


def tokenize(prose: str) -> list[Token]:
    """Word tokens of ``prose``, split at script changes; tokens inside code (``$config[code]``) get no script."""
    out = []
    for m in TOKEN.finditer(prose):
        before = prose[max(m.start() - 2, 0) : m.start()]
        after = prose[m.end() : m.end() + 2]
        code = (
            (before[-1:] in _CODE_BEFORE and before[-1:] != "")
            or (after[:1] in _CODE_AFTER and after[:1] != "")
            or (len(before) == 2 and before[1] == "." and before[0].isalnum())  # file.ext, a.b.c
            or (before[-1:] == ":" and (len(before) < 2 or before[0] in " ("))  # :widths, :ref
            or (len(after) == 2 and after[0] == "." and after[1].isalnum())
            or (before[-1:] == "." and (len(before) < 2 or not before[0].isalnum()))  # .buildinfo, .nojekyll
            or (
                "-" in m.group()
                and m.group().islower()
                and m.group().isascii()
                and prose[m.end() : m.end() + 1] in "»”\"'’"
            )
        )
        for start, end, script in _split_scripts(m.start(), m.group()):
            text = prose[start:end]
            out.append(Token(start, end, text, None if code else script, _is_initial(prose, start, script)))
    return out


def source_literals(source: str) -> frozenset[str]:
    """Casefolded words quoted or marked as code in the source (``make html``, :option:`-b`, "path")."""
    out: set[str] = set()
    for m in _LITERAL.finditer(source):
        inner = next(g for g in m.groups() if g is not None)
        out.update(w.casefold() for w in TOKEN.findall(inner))
    return frozenset(out)
