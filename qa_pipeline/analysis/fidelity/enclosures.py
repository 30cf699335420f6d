"""Brackets and quotation marks around literal content, compared between source and target.

A pair of brackets or quotation marks around a literal — a placeholder, a tag, a URL, an identifier
(``html_theme``, ``conf.py``, ``2.5``) — delimits it for the reader (``File '%s' not found``,
``Deleted (%d)``). :func:`lost_enclosures` finds the literals that the source encloses and that the
target keeps but leaves bare. Any bracket or quotation style encloses (``"%s"`` → ``« %s »`` or
``「%s」`` is fine): whether the style suits the language is the punctuation rules' business, and an
unbalanced bracket or quotation mark is QA604's and QA603's.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from qa_pipeline.model import PROTECTED_CHAR

BRACKETS = {"(": ")", "[": "]", "（": "）", "［": "］", "【": "】", "〔": "〕", "<": ">"}
QUOTES = {
    '"': '"',
    "“": "”“",
    "”": "”",
    "„": "“”",
    "«": "»",
    "»": "«",
    "‘": "’‘",
    "’": "’",
    "‚": "‘’",
    "‹": "›",
    "›": "‹",
    "'": "'",
    "「": "」",
    "『": "』",
    "`": "`'",
}
_OPENERS = frozenset(BRACKETS) | frozenset(QUOTES)
_CLOSERS = frozenset(BRACKETS.values()) | frozenset("".join(QUOTES.values()))
_EMPHASIS = "*_"  # *%s* encloses as well as quotation marks do
_SPACES = " \u00a0\u202f\u2009"
# An identifier, a dotted or slashed name, a number: content that is copied, not translated.
_IDENTIFIER = regex.compile(r"^(?:[\p{L}\p{N}]+(?:[_.:/][\p{L}\p{N}]+)+|\p{N}+(?:[.,]\p{N}+)*|_\w+|\w+_)$")


@dataclass(frozen=True)
class Enclosed:
    """A literal the source encloses: its text, the enclosing pair and where it is in the target."""

    content: str
    opening: str
    closing: str
    start: int  # of the bare occurrence in the target
    end: int


def _literal(raw: str, prose: str) -> bool:
    core = prose.strip(_SPACES)
    if not core:
        return False
    if all(c == PROTECTED_CHAR or not c.isalnum() for c in core) and PROTECTED_CHAR in core:
        return True
    return bool(_IDENTIFIER.match(raw.strip(_SPACES)))


def _pairs(raw: str, prose: str, table: dict[str, str]) -> list[tuple[int, int]]:
    """(opening, closing) offsets of innermost pairs of ``table`` whose content is a literal."""
    out = []
    for i, ch in enumerate(prose):
        if ch not in table:
            continue
        if ch in "'’`" and i > 0 and prose[i - 1].isalnum():
            continue  # an apostrophe (it's, l'eau), not an opening quote
        for j in range(i + 1, min(len(prose), i + 200)):
            c = prose[j]
            if c in table[ch]:
                if _literal(raw[i + 1 : j], prose[i + 1 : j]):
                    out.append((i, j))
                break
            if c in _OPENERS or c in _CLOSERS or c == "\n":
                break
    return out


def _enclosed_at(text: str, start: int, end: int) -> bool:
    """True when the nearest bracket or quotation mark before ``start`` on its line opens and the
    nearest after ``end`` closes (``(erreur 500)`` encloses ``500``). A mark with no partner on the
    other side counts as enclosing: an unbalanced pair is QA603's and QA604's business."""
    i = start - 1
    if not (i >= 0 and _any_mark(text[i])):
        while i >= 0 and text[i] != "\n" and not _mark(text, i):
            i -= 1
    j = end
    if not (j < len(text) and _any_mark(text[j])):
        while j < len(text) and text[j] != "\n" and not _mark(text, j):
            j += 1
    before = i >= 0 and text[i] != "\n"
    after = j < len(text) and text[j] != "\n"
    if before != after:
        return True
    if before and after and text[i] in _EMPHASIS and text[j] == text[i]:
        return True
    return before and after and text[i] in _OPENERS and text[j] in _CLOSERS


def _any_mark(ch: str) -> bool:
    return ch in _OPENERS or ch in _CLOSERS or ch in _EMPHASIS


def _mark(text: str, i: int) -> bool:
    ch = text[i]
    if ch in "'’" and 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum():
        return False  # an apostrophe inside a word
    return ch in _OPENERS or ch in _CLOSERS


SQUARE = {"[": "]", "［": "］", "【": "】", "〔": "〕"}
ROUND = {"(": ")", "（": "）"}


def lost_enclosures(
    source: str, source_prose: str, target: str, target_prose: str, table: dict[str, str]
) -> list[Enclosed]:
    """Literals the source encloses in a pair of ``table`` (:data:`QUOTES`, :data:`SQUARE`,
    :data:`ROUND`) that occur in the target as often, fewer of them enclosed by anything (brackets
    inside placeholders, ``%(name)s``, do not count: the proses have them blanked)."""
    wanted: dict[str, tuple[int, str, str]] = {}
    for i, j in _pairs(source, source_prose, table):
        content = source[i + 1 : j].strip(_SPACES)
        count, _, _ = wanted.get(content, (0, "", ""))
        wanted[content] = (count + 1, source[i], source[j])
    out = []
    for content, (count, opening, closing) in sorted(wanted.items()):
        spots = [m.start() for m in regex.finditer(regex.escape(content), target)]
        if len(spots) < count:
            continue  # the literal itself changed: the placeholder and markup rules say so
        bare = [s for s in spots if not _enclosed_at(target_prose, s, s + len(content))]
        if len(spots) - len(bare) >= count:
            continue
        for s in bare[: count - (len(spots) - len(bare))]:
            out.append(Enclosed(content, opening, closing, s, s + len(content)))
    return out


def only_literals(prose: str) -> bool:
    """True for a format template: no letters outside protected spans (``%(name)s (%(count)s)``)."""
    return not any(c.isalpha() for c in prose if c != PROTECTED_CHAR)
