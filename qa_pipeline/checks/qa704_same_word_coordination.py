"""QA704 same-word-coordination."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule
from qa_pipeline.text.repetition import COMPARATIVE_SUFFIXES, CONJUNCTIONS, LEGIT_COORDINATED

# Languages whose "and" is written as a prefix of the next word (Arabic "وسريع").
_PREFIX_AND = {"ar": "و", "fa": "و"}


@dataclass(frozen=True)
class Options:
    allow: tuple[str, ...] = ()


@cache
def _pattern(lang: str) -> regex.Pattern[str] | None:
    conj = CONJUNCTIONS.get(lang, ())
    alts = (
        [r"\s+(?:" + "|".join(regex.escape(c).replace(r"\ ", r"\s+") for c in conj) + r")\s+"] if conj else []
    )
    if lang in _PREFIX_AND:
        alts.append(r"\s+" + regex.escape(_PREFIX_AND[lang]))
    if not alts:
        return None
    word = r"(?P<x>\p{L}[\p{L}\p{M}'’-]*)"
    sep = "(?P<conj>" + "|".join(alts) + ")"
    return regex.compile(
        rf"(?<![\p{{L}}\p{{M}}\p{{N}}'’-]){word}{sep}(?P<y>(?P=x))(?![\p{{L}}\p{{M}}\p{{N}}])",
        regex.IGNORECASE | regex.V1,
    )


class SameWordCoordination(SegmentRule):
    """The same word on both sides of "and" / "or" ("upset or upset", "rapide et rapide").

    Machine translation often renders two near-synonyms ("upset or angry", "fast and rapid") with one
    word, producing ``järkyttynyt tai järkyttynyt`` or ``nopean ja nopean``: a meaning is lost. The
    conjunctions of each language are data in ``qa_pipeline/text/repetition.py`` (Arabic also as the
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
        pattern = _pattern(lang)
        if pattern is None:
            return
        allowed = LEGIT_COORDINATED.get(lang, frozenset()) | {a.casefold() for a in options.allow}
        suffixes = COMPARATIVE_SUFFIXES.get(lang, ())
        source_pattern = _pattern(ctx.source_lang) if segment.source else None
        for m in pattern.finditer(segment.prose):
            x, y = m.group("x"), m.group("y")
            key = x.casefold()
            if key in allowed or (suffixes and key.endswith(suffixes) and len(key) > 4):
                continue
            if y[:1].isupper() and x[:1].isupper():
                continue
            if source_pattern is not None and segment.source and source_pattern.search(segment.source):
                continue
            conj = m.group("conj").strip()
            yield Violation(
                f"'{x}' coordinated with itself ('{m.group(0)}'): one of two meanings is probably lost",
                span=Span(m.start(), m.end()),
                data={"word": x, "conjunction": conj},
            )


RULE = SameWordCoordination
