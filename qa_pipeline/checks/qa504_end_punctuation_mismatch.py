"""QA504 end-punctuation-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from qa_pipeline.analysis.punctuation import (
    compatible,
    ending,
    ends_with_abbreviation,
    ends_with_abbreviation_mark,
    has_terminal_prose,
    starts_with_ellipsis,
)
from qa_pipeline.model import PROTECTED_CHAR, Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule

_NAMES = {
    "stop": "a full stop",
    "question": "a question mark",
    "exclamation": "an exclamation mark",
    "interrobang": "an interrobang",
    "colon": "a colon",
    "stop-or-colon": "a mark that is a full stop or a colon",
    "semicolon": "a semicolon",
    "ellipsis": "an ellipsis",
    "none": "no final punctuation",
}


_LAST_GRAPHEME = regex.compile(r"\X\Z")
_SPOKEN = frozenset({"stop", "question", "exclamation"})
_STOPS = frozenset({"stop", "stop-or-colon"})


def _abbreviation(source: str, lang: str | None) -> bool:
    """A short source (a date part, a time, a label) whose final stop is an abbreviation's."""
    return len(source.split()) <= 3 and ends_with_abbreviation(source, lang)


def _abbreviated_label(target: str, lang: str | None) -> bool:
    """The target's final stop is an abbreviation's: a known one (``etc.``, ``esmasp.``), or a label of
    one or two short words (``Off`` -> ``Isklj.``)."""
    words = target.split()
    short_label = ends_with_abbreviation_mark(target) and len(words) <= 2 and len(words[-1]) <= 6
    return short_label or ends_with_abbreviation(target, lang)


class EndPunctuationMismatch(SegmentRule):
    """The final punctuation of the target differs from the source's, compared across scripts.

    Why it matters: a question that ends with a full stop, a label that gains a full stop, or a
    sentence that loses it are inconsistencies a reviewer fixes by hand. Marks are compared by what
    they mean, not by code point: ``.`` = ``。`` = ``।`` = ``۔``; ``?`` = ``؟`` = ``？`` = Greek ``;``;
    ``:`` = ``：``. Closing quotes and brackets after the mark are ignored.

    Accepted: an exclamation mark toned down to a full stop (or dropped from a label of up to three
    words); a missing or plain final mark in Thai, Lao, Khmer and Burmese, which mark questions with a
    particle; an Armenian question marked on its vowel (``՞``); marks one language writes its own way
    (Bengali ``ঃ`` and Armenian ``․`` for a colon or an abbreviation's stop, Amharic ``::`` for
    ``።``); an ellipsis that the target's word order moves to the front; and a full stop that belongs
    to an abbreviation rather than to a sentence: ``Feb.`` → ``فبراير``, ``9 p.m.`` → ``21:00``,
    ``Mon`` → ``esmasp.``, ``Off`` → ``Isklj.`` (dotted abbreviations, CLDR month and weekday names
    cut short, ICU's and a short list per language).
    An added ellipsis is QA503's business; a final token copied from the source (``:no-index:``) is
    not judged.

    Example:
        Bad: source ``Delete this file?``, target ``Supprimer ce fichier.``
        Good: target ``Supprimer ce fichier ?``

    Options: none.
    """

    meta = RuleMeta(
        code="QA504",
        name="end-punctuation-mismatch",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="The target ends with different punctuation than the source.",
        needs_source=True,
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        source = (segment.source_prose or "").rstrip()
        target = segment.prose.rstrip()
        if not source or not target or source.endswith(PROTECTED_CHAR) or target.endswith(PROTECTED_CHAR):
            return
        src = ending(source, ctx.source_language)
        tgt = ending(target, ctx.target_language)
        if compatible(src.cls, tgt.cls) or tgt.cls == "ellipsis":
            return
        if not any(ch.isalnum() for ch in source):
            return
        if tgt.cls in ("none", "stop") and src.cls in _SPOKEN and not has_terminal_prose(ctx.target_language):
            return  # Thai, Lao, Khmer, Burmese: questions and exclamations are marked by a particle
        if src.cls == "exclamation" and tgt.cls == "none" and len(target.split()) <= 3:
            return  # a short label or button toned down (``Got it!`` -> ``Compris``)
        if src.cls == "question" and tgt.cls == "none" and "\u055e" in target:
            return  # Armenian marks a question on the stressed vowel (Ցուցադրե՞լ)
        if src.cls == "ellipsis" and starts_with_ellipsis(target):
            return  # the word order moved the continuation to the front (``Share with…`` -> ``…ਨਾਲ ਸਾਂਝਾ``)
        if src.cls == "stop" and tgt.cls == "none" and _abbreviation(source, ctx.source_language):
            return  # the stop belongs to an abbreviation (``Feb.``, ``9 p.m.``), not to a sentence
        if src.cls == "none" and tgt.cls in _STOPS and _abbreviated_label(target, ctx.target_language):
            return
        last = target.split()[-1]
        if len(last) > 1 and last in source:
            return  # a code-like token copied from the source (``:no-index:``)
        if tgt.end > tgt.start:
            span = Span(tgt.start, tgt.end)
        else:  # no mark: the last character (a whole grapheme: ``है``, not its vowel sign)
            span = Span(_LAST_GRAPHEME.search(target).start(), len(target))  # type: ignore[union-attr]
        mark = source[src.start : src.end]
        yield Violation(
            f"the source ends with {_NAMES[src.cls]}{f' ({mark})' if mark else ''}, "
            f"the target with {_NAMES[tgt.cls]}",
            span=span,
            data={"source": src.cls, "target": tgt.cls},
        )


RULE = EndPunctuationMismatch
