"""QA615 hyphen-as-dash."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from qa_pipeline.analysis.punctuation import Occurrence, group_habits
from qa_pipeline.model import Segment, SegmentKind, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, DocumentRule, RuleMeta

_SPACED_HYPHEN = regex.compile(
    r"(?<=[\p{L}\p{N}\p{M},)”»\"]) (-{1,2}) (?=\p{Ll}|\p{N}+(?![\p{N}.,]*\s*[-+*/=]))"
)
_UNITS = (SegmentKind.UNIT, SegmentKind.PLURAL)
_DASH = {"en": "—", "ru": "—", "uk": "—", "be": "—", "bg": "—", "pl": "—", "pt": "—", "es": "—"}


@dataclass(frozen=True)
class Options:
    habit_count: int = 5
    """A spaced hyphen repeated this many times (in two or more segments) is reported once per document."""


class HyphenAsDash(DocumentRule):
    """A spaced hyphen ``-`` (or ``--``) between words where a dash ``–``/``—`` belongs.

    Why it matters: a hyphen joins words; a dash separates clauses. ``X - это Y`` in Russian or
    ``la croissance - un sondage`` in French is the typewriter habit that machine translation copies
    from its training data; typeset text uses an en dash (``–``, most European languages) or an em
    dash (``—``, Russian, Polish, English). Only a hyphen with a space on both sides and a lowercase
    word or a number after it is reported (``Firefox - Private Browser`` titles are not, nor
    arithmetic like ``5 - 3 = 2``); headings are left alone. In prose a source that writes the same
    spaced hyphen does not excuse it (the target language's typography decides); in software strings
    (PO/XLIFF units) it does, since console and log messages keep the source's ASCII conventions. A
    habit (``habit-count`` times or more in several segments) is reported once per document, at its
    first occurrence, with every place in the finding's data.

    Example:
        Bad (ru): ``Москва - столица России.``
        Good (ru): ``Москва — столица России.``

    Options: ``habit-count`` (default 5).
    """

    meta = RuleMeta(
        code="QA615",
        name="hyphen-as-dash",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="A spaced hyphen used as a dash between words.",
    )
    Options = Options

    def check_document(self, ctx: Context) -> Iterator[Violation]:
        dash = _DASH.get(ctx.lang, "–")
        found = [occ for seg in ctx.document.segments for occ in _occurrences(seg)]
        habits, singles = group_habits(found, ctx.options.habit_count)
        for group in habits:
            first = group[0]
            n_segments = len({o.segment_id for o in group})
            yield Violation(
                f"hyphen used as a dash throughout the document ({len(group)} times in {n_segments} segments); "
                f"write {dash!r}",
                span=Span(first.start, first.end),
                segment_id=first.segment_id,
                fix=dash,
                data={"count": len(group), "places": [[o.segment_id, o.start] for o in group]},
            )
        for occ in singles:
            yield Violation(
                f"hyphen {occ.key!r} used as a dash; write {dash!r}",
                span=Span(occ.start, occ.end),
                segment_id=occ.segment_id,
                fix=dash,
            )


def _occurrences(segment: Segment) -> Iterator[Occurrence]:
    if segment.kind is SegmentKind.HEADING:
        return
    source = segment.source_prose
    if segment.kind in _UNITS and source is not None and regex.search(r"\s--?\s", source):
        return  # software strings follow the source's ASCII conventions (log and console messages)
    for m in _SPACED_HYPHEN.finditer(segment.prose):
        yield Occurrence(segment.id, m.start(1), m.end(1), m.group(1))


RULE = HyphenAsDash
