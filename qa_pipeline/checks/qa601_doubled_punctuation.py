"""QA601 doubled-punctuation."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule

# The same mark twice, optionally with one space between (``。 。``), not part of a longer run (an
# ellipsis ``...`` / ``。。。`` / ``. . .``), not a path (``../``) or a range (``1..10``).
_DOUBLED = regex.compile(
    r"(?<![.。．,，、;；،؛][ \u3000]?)(?P<mark>[.。．,，、;；،؛])[ \u3000]?(?P=mark)(?![ \u3000]?[.。．,，、;；،؛])"
)
_DOUBLED_COLON = regex.compile(r"(?<=\p{L})(::|：：)(?=\s|$)")
_COLON_STOP = frozenset({"am", "ti", "tig", "gez"})  # Ethiopic ``::`` stands for the full stop ``።``
_EMPHATIC = regex.compile(r"(?<![!?！？])([!?！？])\1(?![!?！？])")


@dataclass(frozen=True)
class Options:
    emphatic: bool = True
    """Report ``!!`` and ``??`` too when the source does not have them (needs a source)."""


class DoubledPunctuation(SegmentRule):
    """A punctuation mark written twice by mistake: ``..``, ``,,``, ``。 。``, ``;;``.

    Why it matters: a doubled full stop or comma is the typical trace of machine translation or of
    joining two strings; readers see it as sloppiness. An ellipsis (``...``, ``…``, ``。。。``,
    ``. . .``), a path (``../``), a range (``1..10``) and doubling that the source has too are not
    reported. ``!!`` and ``??`` are reported only when there is a source without them. ``::`` is
    not reported in Amharic and Tigrinya (it stands for the Ethiopic full stop ``።``) nor after a
    reStructuredText role (``:members::``).

    Example:
        Bad: ``Il est resté calme et courtois..``
        Good: ``Il est resté calme et courtois.``

    Options: ``emphatic`` (default true): also report ``!!``/``??`` absent from the source.
    """

    meta = RuleMeta(
        code="QA601",
        name="doubled-punctuation",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="The same punctuation mark written twice (not an ellipsis).",
    )
    Options = Options

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        text = segment.prose
        source = segment.source_prose or ""
        for m in _DOUBLED.finditer(text):
            before = text[m.start() - 1] if m.start() else ""
            after = text[m.end()] if m.end() < len(text) else ""
            if m.group("mark") == "." and (
                (before.isdigit() and after.isdigit()) or (after != "" and after in "/\\")
            ):
                continue
            if m.group("mark") == "." and (not before or before.isspace()):
                continue  # ``..`` opening a token: a relative path or a deliberate mark
            if m.group(0) in source:
                continue
            yield Violation(
                f"doubled punctuation {m.group(0)!r}", span=Span(m.start(), m.end()), fix=m.group("mark")
            )
        for m in _DOUBLED_COLON.finditer(text) if ctx.lang not in _COLON_STOP else ():
            if m.group(0) not in source and not _word_before(text, m.start()).startswith(":"):
                yield Violation(
                    f"doubled punctuation {m.group(0)!r}", span=Span(m.start(), m.end()), fix=m.group(0)[0]
                )
        if ctx.options.emphatic and segment.source is not None and not _EMPHATIC.search(source):
            for m in _EMPHATIC.finditer(text):
                yield Violation(
                    f"doubled {m.group(0)!r} where the source has a single mark",
                    span=Span(m.start(), m.end()),
                    fix=m.group(1),
                )


def _word_before(text: str, end: int) -> str:
    """The white-space delimited word that ends at ``end`` (empty when white space comes first)."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


RULE = DoubledPunctuation
