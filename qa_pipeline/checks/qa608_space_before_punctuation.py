"""QA608 space-before-punctuation."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from qa_pipeline.model import PROTECTED_CHAR, Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule
from qa_pipeline.text.punctuation import french_spacing

# A word, one or more spaces, then a mark followed by a space, the end or a closing quote/bracket.
_SPACED = regex.compile(r"(?<=[\p{L}\p{N}\p{M}])([ \t\u00a0\u202f\u2009]+)([,.;:?!،؛؟])(?=[\s\"'”»)\]]|$)")
_FRENCH_KEEP = "?!:;"


class SpaceBeforePunctuation(SegmentRule):
    """A space before a comma, full stop or other mark that is written tight against the word.

    Why it matters: ``word ,`` and ``word .`` are the classic traces of machine translation and of
    tokenised text glued back together (very common with Arabic ``،``). French-style spacing before
    ``? ! : ;`` is left to QA607 in French locales; elsewhere a space there is reported too. An
    ellipsis, a leading ``.`` of a file name or number (``.txt``, ``.5``), emoticons, a space after a
    placeholder, and spacing that the source has in the same place are not reported. A habit repeated
    through a segment (machine-translated Arabic puts a space before every ``،``) is reported once per
    segment and mark, at its first occurrence, with the count and all offsets in the finding's data.

    Example:
        Bad: ``Ovo je kraj rečenice .`` / ``عندما تتصل ، فمن``
        Good: ``Ovo je kraj rečenice.`` / ``عندما تتصل، فمن``

    Options: none.
    """

    meta = RuleMeta(
        code="QA608",
        name="space-before-punctuation",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="A space before a punctuation mark that should follow the word directly.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        french = french_spacing(ctx.target_language)
        text = segment.prose
        source = segment.source_prose
        found: dict[str, list[tuple[int, int]]] = {}
        for m in _SPACED.finditer(text):
            mark = m.group(2)
            if french is not None and (mark in _FRENCH_KEEP):
                continue
            if ctx.lang == "fr" and mark in "?!;":
                continue  # fr-CA tolerates a thin space there
            if mark == "." and text[m.end() : m.end() + 2] == "..":
                continue
            if text[m.start() - 1] == PROTECTED_CHAR:
                continue
            if source is not None and (" " + mark) in source:
                continue
            found.setdefault(mark, []).append((m.start(), m.end()))
        for mark in sorted(found):
            spans = found[mark]
            start, end = spans[0]
            times = f" ({len(spans)} times in this segment)" if len(spans) > 1 else ""
            yield Violation(
                f"space before {mark!r}{times}",
                span=Span(start, end),
                fix=mark,
                data={"count": len(spans), "offsets": [s for s, _ in spans]},
            )


RULE = SpaceBeforePunctuation
