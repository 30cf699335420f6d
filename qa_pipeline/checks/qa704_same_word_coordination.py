"""QA704 same-word-coordination."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from qa_pipeline.analysis.repetition import (
    COMPARATIVE_SUFFIXES,
    CONJUNCTIONS,
    LEGIT_COORDINATED,
    Word,
    only_space,
    words,
)
from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule

# Languages whose "and" is written as a prefix of the next word (Arabic "وسريع").
_PREFIX_AND = {"ar": "و", "fa": "و"}


@dataclass(frozen=True)
class Options:
    allow: tuple[str, ...] = ()
    """Words that may be coordinated with themselves (``more and more``)."""


@cache
def _conjunctions(lang: str) -> tuple[tuple[str, ...], ...]:
    """Each conjunction as a tuple of casefolded words ("ya da" -> ("ya", "da"))."""
    return tuple(tuple(c.casefold().split()) for c in CONJUNCTIONS.get(lang, ()))


def _coordinations(text: str, lang: str) -> Iterator[tuple[Word, Word, str]]:
    """(first X, second X, conjunction) for every "X conj X" (or Arabic "X وX") in ``text``."""
    conjs = _conjunctions(lang)
    prefix = _PREFIX_AND.get(lang)
    lowered = text.casefold()
    if not prefix and not any(f" {c[0]} " in lowered or f"\n{c[0]} " in lowered for c in conjs):
        return
    ws = words(text)
    for i, a in enumerate(ws):
        if not a.text[:1].isalpha():
            continue
        if prefix and i + 1 < len(ws):
            b = ws[i + 1]
            if b.key == prefix + a.key and only_space(text[a.end : b.start]):
                yield a, b, prefix
                continue
        for conj in conjs:
            j = i + 1 + len(conj)
            if j >= len(ws) or ws[j].key != a.key:
                continue
            middle = ws[i + 1 : j]
            if tuple(w.key for w in middle) != conj:
                continue
            if all(only_space(text[x.end : y.start]) for x, y in itertools.pairwise((a, *middle, ws[j]))):
                yield a, ws[j], " ".join(w.text for w in middle)
                break


class SameWordCoordination(SegmentRule):
    """The same word on both sides of "and" / "or" ("upset or upset", "rapide et rapide").

    Machine translation often renders two near-synonyms ("upset or angry", "fast and rapid") with one
    word, producing ``vihainen tai vihainen`` or ``rapide et rapide``: a meaning is lost. The
    conjunctions of each language are data in ``qa_pipeline/analysis/repetition.py`` (Arabic also as the
    prefix ``و``). Not reported: idiomatic intensifiers (``again and again``, ``more and more``,
    ``encore et encore``, ``immer und immer``, ``uudestaan ja uudestaan``), comparatives (``faster and
    faster``, ``nopeammin ja nopeammin``), capitalised names on both sides (``Johnson and Johnson``),
    and a coordination the source has too. Add allowed words with the ``allow`` option.

    Why it matters: one of the two coordinated meanings is gone, and the sentence reads as nonsense.

    Example:
        Bad: ``Il était fâché ou fâché.``
        Good: ``Il était fâché ou inquiet.`` / ``Il a essayé encore et encore.``

    Options: ``allow`` (list of words that may be coordinated with themselves).
    """

    meta = RuleMeta(
        code="QA704",
        name="same-word-coordination",
        category="fluency/grammar",
        severity=Severity.MINOR,
        summary="The same word on both sides of 'and'/'or' (X or X), a lost synonym.",
    )
    Options = Options

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        options: Options = ctx.options if isinstance(ctx.options, Options) else Options()
        lang = ctx.lang if ctx.lang in CONJUNCTIONS or ctx.lang in _PREFIX_AND else "en"
        allowed = LEGIT_COORDINATED.get(lang, frozenset()) | {a.casefold() for a in options.allow}
        suffixes = COMPARATIVE_SUFFIXES.get(lang, ())
        source_has: bool | None = None
        for a, b, conj in _coordinations(segment.prose, lang):
            key = a.key
            if key in allowed or (suffixes and key.endswith(suffixes) and len(key) > 4):
                continue
            if b.text[:1].isupper() and a.text[:1].isupper():
                continue
            if source_has is None:
                source_has = bool(segment.source) and any(
                    _coordinations(segment.source or "", ctx.source_lang)
                )
            if source_has:
                continue
            shown = segment.prose[a.start : b.end]
            yield Violation(
                f"'{a.text}' coordinated with itself ('{shown}'): one of two meanings is probably lost",
                span=Span(a.start, b.end),
                data={"word": a.text, "conjunction": conj},
            )


RULE = SameWordCoordination
