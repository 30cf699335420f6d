"""QA608 space-before-punctuation."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from qa_pipeline.analysis.punctuation import Occurrence, french_spacing, group_habits
from qa_pipeline.model import PROTECTED_CHAR, Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, DocumentRule, RuleMeta

# A word, one or more spaces, then a mark followed by a space, the end or a closing quote/bracket.
_SPACED = regex.compile(r"(?<=[\p{L}\p{N}\p{M}])([ \t\u00a0\u202f\u2009]+)([,.;:?!،؛؟])(?=[\s\"'”»)\]]|$)")
_FRENCH_KEEP = "?!:;"


@dataclass(frozen=True)
class Options:
    habit_count: int = 5
    """A spacing repeated this many times (in two or more segments) is reported once per document."""


class SpaceBeforePunctuation(DocumentRule):
    """A space before a comma, full stop or other mark that is written tight against the word.

    Why it matters: ``word ,`` and ``word .`` are the classic traces of machine translation and of
    tokenised text glued back together (very common with Arabic ``،``). French-style spacing before
    ``? ! : ;`` is left to QA607 in French locales; elsewhere a space there is reported too. An
    ellipsis, a leading ``.`` of a file name or number (``.txt``, ``.5``), emoticons, a space after a
    placeholder, and spacing that the source has in the same place are not reported.

    A habit is reported once: when the same mark is spaced ``habit-count`` times or more across
    several segments (machine-translated Arabic puts a space before every ``،``), one finding at the
    first occurrence gives the count, and the segment ids and offsets of all of them are in its data.

    Example:
        Bad: ``Ovo je kraj rečenice .`` / ``عندما تتصل ، فمن``
        Good: ``Ovo je kraj rečenice.`` / ``عندما تتصل، فمن``

    Options: ``habit-count`` (default 5).
    """

    meta = RuleMeta(
        code="QA608",
        name="space-before-punctuation",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="A space before a punctuation mark that should follow the word directly.",
    )
    Options = Options

    def check_document(self, ctx: Context) -> Iterator[Violation]:
        found = [occ for seg in ctx.document.segments for occ in _occurrences(seg, ctx)]
        habits, singles = group_habits(found, ctx.options.habit_count)
        for group in habits:
            first = group[0]
            segments = sorted({o.segment_id for o in group})
            yield Violation(
                f"space before {first.key!r} throughout the document ({len(group)} times in {len(segments)} segments)",
                span=Span(first.start, first.end),
                segment_id=first.segment_id,
                fix=first.key,
                data={"count": len(group), "places": [[o.segment_id, o.start] for o in group]},
            )
        for occ in singles:
            yield Violation(
                f"space before {occ.key!r}",
                span=Span(occ.start, occ.end),
                segment_id=occ.segment_id,
                fix=occ.key,
            )


def _occurrences(segment: Segment, ctx: Context) -> Iterator[Occurrence]:
    french = french_spacing(ctx.target_language)
    text = segment.prose
    source = segment.source_prose
    for m in _SPACED.finditer(text):
        mark = m.group(2)
        if french is not None and mark in _FRENCH_KEEP:
            continue
        if ctx.lang == "fr" and mark in "?!;":
            continue  # fr-CA tolerates a thin space there
        if mark == "." and text[m.end() : m.end() + 2] == "..":
            continue
        if mark in ":;" and text[m.end() : m.end() + 1] in (")", "(", "-"):
            continue  # an emoticon
        if text[m.start() - 1] == PROTECTED_CHAR:
            continue
        if source is not None and (" " + mark) in source:
            continue
        yield Occurrence(segment.id, m.start(), m.end(), mark)


RULE = SpaceBeforePunctuation
