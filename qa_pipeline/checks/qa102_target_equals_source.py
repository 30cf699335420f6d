"""QA102 target-equals-source."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule

_WORD = regex.compile(r"\p{L}{2,}")
_CODE_LIKE = regex.compile(r"^[\p{N}\p{P}\p{S}\s]*$|^[A-Z0-9_.:/@#%+-]+$|^\S+\.\w{2,4}$|^[a-z]+[A-Z_]\w*$")


@dataclass(frozen=True)
class Options:
    min_letters: int = 4
    """Targets with fewer letters than this are exempt (``OK``, ``Wi-Fi``, ``PDF``)."""
    min_words: int = 2
    """Targets with fewer words than this are exempt: one-word labels are very often the same in both
    languages (``Notes``, ``Description``, ``Total`` in French)."""


class TargetEqualsSource(SegmentRule):
    """The target is identical to the source: probably left untranslated.

    Why it matters: a copied source is the most common untranslated text; readers of the target
    language get the source language.

    Exempt: numbers, codes and identifiers, short strings (fewer than ``min-letters`` letters or
    ``min-words`` words — single-word labels such as ``Description`` or ``Message`` are the same in
    many languages), title-case names (``Harris Poll``), terms in the do-not-translate list, and
    targets when source and target language are the same.

    Example:
        Bad: en→fr, source ``Open the settings``, target ``Open the settings``.
        Good: en→fr, source ``Firefox``, target ``Firefox`` (a name).

    Options: ``min-letters`` (default 4), ``min-words`` (default 2).
    """

    meta = RuleMeta(
        code="QA102",
        name="target-equals-source",
        category="accuracy/untranslated",
        severity=Severity.MAJOR,
        summary="The target is identical to the source.",
        needs_source=True,
    )
    Options = Options

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        src = (segment.source or "").strip()
        tgt = segment.target.strip()
        if not src or src != tgt:
            return
        if ctx.source_lang != "und" and ctx.source_lang == ctx.lang:
            return
        opts: Options = ctx.options
        prose = (segment.prose or "").strip()
        letters = sum(1 for c in prose if c.isalpha())
        if letters < opts.min_letters or _CODE_LIKE.match(tgt):
            return
        words = _WORD.findall(prose)
        if len(words) < opts.min_words:
            return
        if tgt in ctx.dnt:
            return
        if all(w[:1].isupper() for w in words):
            return  # title-case names and acronyms: "Harris Poll", "Python Enhancement Proposals; PEP %s"
        yield Violation("target is identical to the source (untranslated?)")


RULE = TargetEqualsSource
