"""QA615 hyphen-as-dash."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from qa_pipeline.model import Segment, SegmentKind, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule

_SPACED_HYPHEN = regex.compile(
    r"(?<=[\p{L}\p{N}\p{M},)”»\"]) (-{1,2}) (?=\p{Ll}|\p{N}+(?![\p{N}.,]*\s*[-+*/=]))"
)
_DASH = {"en": "—", "ru": "—", "uk": "—", "be": "—", "bg": "—", "pl": "—", "pt": "—", "es": "—"}


class HyphenAsDash(SegmentRule):
    """A spaced hyphen ``-`` (or ``--``) between words where a dash ``–``/``—`` belongs.

    Why it matters: a hyphen joins words; a dash separates clauses. ``X - это Y`` in Russian or
    ``la croissance - un sondage`` in French is the typewriter habit that machine translation copies
    from its training data; typeset text uses an en dash (``–``, most European languages) or an em
    dash (``—``, Russian, Polish, English). Only a hyphen with a space on both sides and a lowercase
    word or a number after it is reported (``Firefox - Private Browser`` titles are not, nor
    arithmetic like ``5 - 3 = 2``); headings and spacing the source has as well are left alone.

    Example:
        Bad (ru): ``Москва - столица России.``
        Good (ru): ``Москва — столица России.``

    Options: none.
    """

    meta = RuleMeta(
        code="QA615",
        name="hyphen-as-dash",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="A spaced hyphen used as a dash between words.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        if segment.kind is SegmentKind.HEADING:
            return
        source = segment.source_prose
        if source is not None and regex.search(r"\s--?\s", source):
            return
        dash = _DASH.get(ctx.lang, "–")
        for m in _SPACED_HYPHEN.finditer(segment.prose):
            yield Violation(
                f"hyphen {m.group(1)!r} used as a dash; write {dash!r}",
                span=Span(m.start(1), m.end(1)),
                fix=dash,
            )


RULE = HyphenAsDash
