"""Keys for consistency checks: one source translated in different ways, different sources translated
identically (both directions, like Xbench).

A unit's **source key** and **target key** normalize what does not matter to a reader: Unicode width
and compatibility forms (NFKC), letter case, runs of whitespace, quotation-mark styles, the space
French puts before ``: ; ! ?``, an ``&`` accelerator, and punctuation at either end (``Save`` and
``Save:``, ``Loading…`` and ``Loading...``). The **group** of a unit adds what distinguishes meanings:
its PO ``msgctxt`` and its plural form. A **loose source key** goes further for the second
direction: placeholders, numbers and punctuation removed and words stemmed, so that ``%d file`` and
``%d files``, or ``Delete %s`` and ``Delete %(name)s``, count as one source (a language without
plural forms translates them identically, rightly).

Keys are hashed to 8-byte integers (:func:`digest`) so that run-wide tables hold numbers, not texts.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import regex

from qa_pipeline.model import PROTECTED_CHAR, Document, Segment, SegmentKind

_QUOTES = regex.compile(r"[“”„‟«»‹›「」『』〝〞]")
_APOSTROPHES = regex.compile(r"[‘’‚‛`´]")
_ACCEL = regex.compile(r"\s*\(&\w\)|&(?=\w)")
_SPACE_BEFORE = regex.compile(r"\s+(?=[:;!?»)\]])|(?<=[«(\[])\s+")
_EDGE = " .:;!?,…\"'¡¿-–—·•*。！？：；，、"
_GREEK = regex.compile(r"\p{Greek}")
_MARKS = regex.compile(r"\p{Mn}")
_HYPHEN = regex.compile(r"(?<=\p{L})[-‐](?=\p{L})")
_WORD = regex.compile(r"[\p{L}\p{M}]+")
# English function words: "directory to place all output in" and "directory to place all output",
# "The HTML page is in %s" and "The HTML pages are in %s" say the same.
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "your",
        "my",
        "its",
        "our",
        "their",
        "of",
        "to",
        "for",
        "in",
        "on",
        "at",
        "by",
        "with",
        "within",
        "from",
        "into",
        "onto",
        "and",
        "or",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
    ]
)


@lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """The text as a reader compares it: see the module docstring."""
    text = unicodedata.normalize("NFKC", text)
    text = _ACCEL.sub("", text)
    text = _QUOTES.sub('"', text)
    text = _APOSTROPHES.sub("'", text)
    text = " ".join(text.casefold().replace("i\u0307", "i").split())  # Turkish İ casefolds to i + dot
    text = _SPACE_BEFORE.sub("", text)
    if _GREEK.search(text):  # Greek capitals drop the tonos: ΔΙΑΓΡΑΦΗ is Διαγραφή
        text = unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFD", text)))
    return text.strip(_EDGE)


@cache
def _stemmer(lang: str) -> Any:
    from qa_pipeline.text.stemming import stemmer

    return stemmer(lang)


def loose(segment: Segment, source_lang: str) -> str:
    """The source reduced to the sorted bag of its stemmed content words: placeholders, numbers,
    punctuation, one-letter words and English function words removed (``Password change`` and
    ``Change password``, ``Erase & Open`` and ``Erase and Open``, ``Author name(s)`` and ``author
    names`` are one)."""
    return _loose(segment.source_prose or "", source_lang)


@lru_cache(maxsize=1 << 16)
def _loose(prose: str, source_lang: str) -> str:
    # catalogs of one product in many languages share their sources: each is reduced once
    english = source_lang in ("en", "und")
    text = normalize(prose.replace(PROTECTED_CHAR, " ").replace("&", " and "))
    text = _HYPHEN.sub("", text)  # non-existing / nonexisting, e-mail / email
    found = [w for w in _WORD.findall(text) if len(w) > 1 and not (english and w in _STOP)]
    stem = _stemmer("en" if source_lang == "und" else source_lang)
    if stem is not None:
        found = [_stem_word(stem, w) for w in found]
    return " ".join(sorted(found))


@lru_cache(maxsize=1 << 16)
def _stem_word(stem: Any, word: str) -> str:
    return str(stem.stemWord(word))


def digest(*parts: str) -> int:
    """An 8-byte hash of the parts (collisions are negligible at a few million units)."""
    h = hashlib.blake2b(digest_size=8)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return int.from_bytes(h.digest(), "big")


@dataclass(frozen=True)
class Keys:
    """The hashed keys of one translated unit."""

    group: int  # context + plural form + source key: one meaning
    target: int  # the normalized translation
    meaning: int  # context + plural form + loose source key (second direction; 0: no content words)
    translation: int  # context + plural form + target key (second direction)


def keys(segment: Segment, source_lang: str, min_letters: int, min_words: int = 1) -> Keys | None:
    """The unit's keys, or None when it takes no part in consistency checks: no source, an empty
    or untranslated target, or a source with fewer than ``min_letters`` letters."""
    if segment.source is None or segment.kind not in (SegmentKind.UNIT, SegmentKind.PLURAL):
        return None
    source, target = normalize(segment.source), normalize(segment.target)
    if not target or source == target:
        return None
    prose = segment.source_prose or ""
    if sum(1 for c in prose if c.isalpha()) < min_letters or len(_WORD.findall(prose)) < min_words:
        return None
    context = segment.context or ""
    plural = "" if segment.plural_index is None else str(segment.plural_index)
    return Keys(
        group=digest(context, plural, source),
        target=digest(target),
        meaning=digest(context, plural, meaning) if (meaning := loose(segment, source_lang)) else 0,
        translation=digest(context, plural, target),
    )


def line_of(document: Document, segment: Segment) -> int:
    return document.line_col(segment.offsets.to_file(0))[0]


def words(text: str) -> int:
    return len(text.split())


@dataclass(frozen=True)
class Conflict:
    """A unit whose translation (or source) differs from the one most units of its kind have: the
    unit, and the other units (up to a few) that show the reference variant."""

    segment: Segment
    others: tuple[Segment, ...]
    variants: int


def _conflicts(buckets: dict[int, dict[int, list[Segment]]]) -> list[Conflict]:
    out = []
    for variants in buckets.values():
        if len(variants) < 2:
            continue
        order = sorted(variants.values(), key=lambda segs: (-len(segs), segs[0].index))
        reference = order[0]
        for segs in order[1:]:
            for seg in segs:
                out.append(Conflict(seg, tuple(reference[:3]), len(variants)))
    return sorted(out, key=lambda c: c.segment.index)


def document_conflicts(
    document: Document, source_lang: str, min_letters: int, min_words: int = 1, min_target_words: int = 1
) -> tuple[list[Conflict], list[Conflict]]:
    """(one source translated differently, different sources translated identically) within one
    document. The variant most units have (the first on a tie) is the reference."""
    by_source: dict[int, dict[int, list[Segment]]] = {}
    by_target: dict[int, dict[int, list[Segment]]] = {}
    for seg in document.segments:
        k = keys(seg, source_lang, min_letters, min_words)
        if k is None:
            continue
        by_source.setdefault(k.group, {}).setdefault(k.target, []).append(seg)
        if k.meaning and words(seg.target) >= min_target_words:
            by_target.setdefault(k.translation, {}).setdefault(k.meaning, []).append(seg)
    return _conflicts(by_source), _conflicts(by_target)


@dataclass(slots=True)
class _Variant:
    count: int = 0
    first: list[tuple[int, int]] | None = None  # up to three (document, segment) positions
    files: set[int] | None = None


@dataclass(frozen=True)
class CorpusConflict:
    """A unit of one file whose variant differs from the run's reference variant, which its own file
    does not use: the document and segment, and where the reference is (document, segment)."""

    document: int
    segment: Segment
    others: tuple[tuple[int, int], ...]
    variants: int


def corpus_conflicts(
    documents: list[Document],
    language: list[str],
    second: bool,
    min_letters: int,
    min_words: int = 1,
    min_target_words: int = 1,
) -> list[CorpusConflict]:
    """Conflicts between files of the same language (``language[i]``: the i-th document's source and
    target languages). First direction (``second=False``): one source, different translations;
    second: one translation, different sources. The variant most units have (the first on a tie) is
    the reference. A unit is reported only when its own file does not use the reference (otherwise the
    within-file rule reports it). Tables hold 8-byte hashes, never texts."""
    table: dict[tuple[int, int], dict[int, _Variant]] = {}

    def entries() -> Iterator[tuple[int, int, Segment, tuple[int, int], int]]:
        for d, doc in enumerate(documents):
            src_lang = language[d].split(">")[0]
            lang_key = digest(language[d])
            for s, seg in enumerate(doc.segments):
                k = keys(seg, src_lang, min_letters, min_words)
                if k is None:
                    continue
                if second:
                    if not k.meaning or words(seg.target) < min_target_words:
                        continue
                    yield d, s, seg, (lang_key, k.translation), k.meaning
                else:
                    yield d, s, seg, (lang_key, k.group), k.target

    sketches: list[set[int]] = [set() for _ in documents]
    for d, s, _seg, group, variant in entries():
        _sketch(sketches[d], group[1])
        slot = table.setdefault(group, {}).setdefault(variant, _Variant(0, [], set()))
        slot.count += 1
        assert slot.first is not None and slot.files is not None
        if len(slot.first) < 3 and all(p[0] != d for p in slot.first):
            slot.first.append((d, s))
        slot.files.add(d)
    table = {
        g: v
        for g, v in table.items()
        if len(v) > 1 and len({f for x in v.values() for f in x.files or ()}) > 1
    }
    out = []
    for d, _s, seg, group, variant in entries():
        variants = table.get(group)
        if variants is None:
            continue
        ref_key = max(variants, key=lambda k: _rank(variants[k]))
        ref = variants[ref_key]
        if variant == ref_key or d in (ref.files or ()):
            continue
        others = tuple(p for p in ref.first or () if not _same_catalog(sketches[d], sketches[p[0]]))
        if others:
            out.append(CorpusConflict(d, seg, others, len(variants)))
    return out


def _rank(variant: _Variant) -> tuple[int, int, int]:
    d, s = (variant.first or [(0, 0)])[0]
    return variant.count, -d, -s


SKETCH = 128


def _sketch(sketch: set[int], value: int) -> None:
    """Keep the :data:`SKETCH` smallest hashes of a file's sources (a bottom-k sketch)."""
    if len(sketch) < SKETCH:
        sketch.add(value)
    elif value not in sketch and value < max(sketch):
        sketch.discard(max(sketch))
        sketch.add(value)


def _same_catalog(a: set[int], b: set[int]) -> bool:
    """Two files that share most of their sources (estimated Jaccard over 0.5) are two variants of one
    catalog (``ca`` and ``ca@valencia``, a catalog and its copy in another encoding), not two parts of
    a product: their differences are intended."""
    union = sorted(a | b)[:SKETCH]
    if not union:
        return False
    return sum(1 for h in union if h in a and h in b) / len(union) > 0.5


def run_languages(documents: list[Document]) -> list[str]:
    """``source>target`` per document (full target code: ``pt-BR`` and ``pt-PT`` are not compared);
    an unknown source language counts as ``und``."""
    out = []
    for doc in documents:
        src = (doc.source_language.code or "und").replace("_", "-").split("-")[0].lower()
        tgt = (doc.target_language.code or "und").replace("_", "-")
        out.append(f"{src}>{tgt}")
    return out


def short(text: str, limit: int = 80) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
