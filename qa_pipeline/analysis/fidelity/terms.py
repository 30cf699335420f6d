"""Finding glossary and do-not-translate terms in text, tolerant of inflection.

A term matches a run of words whose Snowball stems (:mod:`qa_pipeline.text.stemming`) equal the
term's, case-insensitively: ``Datei`` matches ``Dateien``, ``fichier`` matches ``fichiers``. In a
language without a stemmer, a word matches a term word it starts with, followed by at most three
more letters (``faili`` for ``fail``). In scripts written without spaces (Chinese, Japanese, Thai…)
a term matches wherever its characters occur. :func:`concept_terms` picks a concept's terms for a
language: the exact code's (``pt-br``), else the base language's or a regional one's, plus the terms
for every language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from qa_pipeline.text.scripts import is_unspaced_char
from qa_pipeline.text.stemming import stemmer

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)?")
PREFIX_SLACK = 3


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term: str


@dataclass(frozen=True)
class Words:
    """A text's words with their offsets and match keys (stems, or casefolded words)."""

    text: str
    spans: tuple[tuple[int, int], ...]
    keys: tuple[str, ...]
    stemmed: bool


@lru_cache(maxsize=1 << 16)
def _stem(lang: str, word: str) -> str:
    s = stemmer(lang)
    return s.stemWord(word) if s is not None else word


def words(text: str, lang: str) -> Words:
    spans = tuple((m.start(), m.end()) for m in _WORD.finditer(text))
    folded = [text[a:b].casefold() for a, b in spans]
    stemmed = stemmer(lang) is not None
    return Words(text, spans, tuple(_stem(lang, w) for w in folded) if stemmed else tuple(folded), stemmed)


def _unspaced(term: str) -> bool:
    return any(is_unspaced_char(c) for c in term)


def find(term: str, text: Words, lang: str) -> list[Match]:
    """Where ``term`` occurs in ``text`` (see the module docstring)."""
    if _unspaced(term):
        folded, needle = text.text.casefold(), term.casefold()
        out, at = [], folded.find(needle)
        while at >= 0:
            out.append(Match(at, at + len(needle), term))
            at = folded.find(needle, at + 1)
        return out
    parts = [term[m.start() : m.end()].casefold() for m in _WORD.finditer(term)]
    if not parts:
        return []
    keys = [_stem(lang, p) for p in parts] if text.stemmed else parts
    out = []
    n = len(keys)
    compound = n == 1 and lang.split("-")[0].lower() in COMPOUNDING and len(keys[0]) >= 4
    for i in range(len(text.keys) - n + 1):
        if all(_same(text.keys[i + j], keys[j], text.stemmed) for j in range(n)) or (
            compound and _part_of(text.keys[i], keys[0])
        ):
            out.append(Match(text.spans[i][0], text.spans[i + n - 1][1], term))
    return out


# Languages that write compounds as one word: ``Datei`` is in ``Dateipfad`` and ``Zieldatei``.
COMPOUNDING = frozenset({"de", "nl", "sv", "da", "no", "nb", "nn", "fi", "et", "hu", "is", "af", "lb", "fy"})


def _part_of(word: str, key: str) -> bool:
    return word.startswith(key) or word.endswith(key)


_CODE_BEFORE = frozenset("/:_.=@<{[`\\$%#")
_CODE_AFTER = frozenset("/:_=@>}]`\\(")


def in_prose(text: str, match: Match) -> bool:
    """False for a match inside code-like context: a URL path (``/search/``), a role (``:file:``), an
    identifier (``file_name``, ``file.txt``)."""
    before = text[match.start - 1] if match.start else " "
    after = text[match.end] if match.end < len(text) else " "
    if before in _CODE_BEFORE or after in _CODE_AFTER:
        return False
    return not (after == "." and match.end + 1 < len(text) and text[match.end + 1].isalnum())


def _same(word: str, key: str, stemmed: bool) -> bool:
    if stemmed or word == key:
        return word == key
    return word.startswith(key) and len(word) - len(key) <= PREFIX_SLACK and len(key) >= 3


def concept_terms(table: Mapping[str, Sequence[str]], lang: str) -> tuple[str, ...]:
    """The terms of ``table`` (language code → terms) for ``lang`` (see the module docstring)."""
    code = lang.replace("_", "-").lower()
    base = code.split("-")[0]
    if code in table:
        own = list(table[code])
    else:
        own = [t for key, terms in sorted(table.items()) if key and key.split("-")[0] == base for t in terms]
    return tuple(dict.fromkeys([*own, *table.get("", ())]))


@dataclass(frozen=True)
class TermCheck:
    """What a glossary says about one unit: required terms missing (source term, required terms) and
    forbidden terms used (match in the target, source term or ``None``)."""

    missing: tuple[tuple[str, tuple[str, ...]], ...]
    forbidden: tuple[tuple[Match, str | None], ...]


def check_terms(glossary: object, source: str, target: str, source_lang: str, target_lang: str) -> TermCheck:
    """Apply every concept of ``glossary`` (:class:`~qa_pipeline.analysis.fidelity.glossary.Glossary`) to a unit."""
    from qa_pipeline.analysis.fidelity.glossary import Glossary

    if not isinstance(glossary, Glossary):
        return TermCheck((), ())
    src_lang = source_lang if source_lang != "und" else "en"
    src_words, tgt_words = words(source, src_lang), words(target, target_lang)
    base = target_lang.split("-")[0].lower()
    missing: list[tuple[str, tuple[str, ...]]] = []
    forbidden: list[tuple[Match, str | None]] = []
    allowed_here: set[str] = set()
    candidates: list[tuple[Match, str | None]] = []
    for concept in glossary.concepts:
        if concept.source_lang and concept.source_lang.split("-")[0] != src_lang:
            continue
        sources = concept.source or concept_terms(concept.terms_by_lang, src_lang)
        if concept.terms_by_lang and base == src_lang:
            continue  # a file in the source language itself
        hit = next(
            (t for t in sources if any(in_prose(source, m) for m in find(t, src_words, src_lang))), None
        )
        required = (
            concept_terms(concept.required, target_lang)
            if not concept.terms_by_lang or base != src_lang
            else ()
        )
        banned = concept_terms(concept.forbidden, target_lang)
        if hit is not None:
            allowed_here.update(t.casefold() for t in required)
        if banned and (hit is not None or not sources):
            for term in banned:
                candidates.extend((m, hit) for m in find(term, tgt_words, target_lang))
        if hit is None or not required:
            continue
        if any(find(t, tgt_words, target_lang) for t in required):
            continue
        if any(find(t, tgt_words, target_lang) for t in banned):
            continue  # the forbidden term is reported instead
        missing.append((hit, required))
    for m, hit in candidates:
        if m.term.casefold() not in allowed_here:
            forbidden.append((m, hit))
    return TermCheck(tuple(missing), tuple(sorted(forbidden, key=lambda f: f[0].start)))


def occurs_whole(term: str, text: str) -> bool:
    """``term`` in ``text``, not glued to a letter, digit or ``_`` before it (a letter of a script
    written without spaces may touch it: ``はSphinx``) nor to a digit or ``_`` after it (a suffix
    may: ``Firefoxu``)."""
    at = text.find(term)
    while at >= 0:
        before = text[at - 1] if at else " "
        after = text[at + len(term)] if at + len(term) < len(text) else " "
        glued_before = (before.isalnum() or before == "_") and not is_unspaced_char(before)
        if not glued_before and not (after.isdigit() or after == "_"):
            return True
        at = text.find(term, at + 1)
    return False


def dnt_missing(terms: Sequence[str], source: str, target: str) -> list[str]:
    """Do-not-translate terms found in ``source`` (case-sensitive, as whole words) that ``target``
    does not carry unchanged. A suffix glued to the term in the target (``Firefoxu``,
    ``Firefoxissa``, ``Firefoxを``) keeps it: inflecting languages decline names."""
    return [t for t in sorted(terms) if t and occurs_whole(t, source) and not occurs_whole(t, target)]
