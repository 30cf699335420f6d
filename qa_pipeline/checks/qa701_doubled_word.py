"""QA701 doubled-word."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from qa_pipeline.analysis.repetition import (
    REDUPLICATING_LANGUAGES,
    doubled_keys,
    has_letter,
    legit_doubles,
    only_space,
    words,
)
from qa_pipeline.model import Segment, SegmentKind, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


@dataclass(frozen=True)
class Options:
    allow: tuple[str, ...] = ()
    """Words that may be written twice in a row (``that that``, ``Baden-Baden``)."""


_CODEISH = frozenset("-/\\.$%@#_=")


class DoubledWord(SegmentRule):
    """The same word written twice in a row ("the the").

    Compares neighbouring words of scripts written with spaces, ignoring case, when only white space
    separates them. Not reported: numbers ("1 1" in a table row), table cells, words the language
    legitimately doubles (French ``nous nous``, ``vous vous``; German and Dutch relative ``die die``,
    ``dass das``/``dat dat``; English ``had had``, ``that that``; laughter ``ha ha``), hyphenated
    reduplication (Indonesian/Malay ``anak-anak``, which is one word), languages where doubling is
    productive grammar (Turkish ``zaman zaman``, Hindi, Punjabi, Persian, Urdu, Indonesian, Thai…),
    a word next to the same letters as an acronym (Spanish ``la LA``), a word after a code character
    (``-a a``) and a doubling the source has too.
    The per-language list lives in ``qa_pipeline/analysis/repetition.py``; add words with the ``allow``
    option (e.g. per language in config). A doubled phrase of two words or more is QA702.

    Why it matters: a doubled word is a typing or machine-translation slip that readers notice at once.

    Example:
        Bad: ``Le client a a payé la facture.``
        Good: ``Le client a payé la facture.`` / ``Nous nous levons tôt.``

    Options: ``allow`` (list of words that may be doubled, in addition to the language's own list).
    """

    meta = RuleMeta(
        code="QA701",
        name="doubled-word",
        category="fluency/grammar",
        severity=Severity.MINOR,
        summary="The same word written twice in a row (the the).",
    )
    Options = Options

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        if segment.kind == SegmentKind.TABLE_CELL or ctx.lang in REDUPLICATING_LANGUAGES:
            return
        options: Options = ctx.options if isinstance(ctx.options, Options) else Options()
        allowed = legit_doubles(ctx.lang, options.allow)
        text = segment.prose
        ws = words(text)
        last_end = -1
        for a, b in itertools.pairwise(ws):
            if a.key != b.key or a.start < last_end or not has_letter(a.text):
                continue
            if not only_space(text[a.end : b.start]) or a.key in allowed:
                continue
            if len(a.text) > 1 and a.text.isupper() != b.text.isupper():
                continue  # "la LA": a word and an acronym
            if a.start and text[a.start - 1] in _CODEISH and (a.start < 2 or not text[a.start - 2].isalnum()):
                continue  # "-a a", "/s s": an option or identifier, not a word
            if segment.source and a.key in doubled_keys(segment.source):
                continue
            last_end = b.end
            yield Violation(
                f"word '{a.text}' written twice in a row",
                span=Span(a.start, b.end),
                data={"word": a.text},
                fix=a.text,
            )


RULE = DoubledWord
