"""QA613 space-before-percent."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from qa_pipeline.analysis.punctuation import percent_without_space
from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule

_SPACED = regex.compile(r"(?<=\d)([ \u00a0\u202f\u2009])([%٪])")


class SpaceBeforePercent(SegmentRule):
    """A space between a number and ``%`` in a language that writes ``50%``.

    Why it matters: English, Japanese, Chinese, Korean, Portuguese, Italian, Dutch and others write
    the percent sign tight against the number; French, German, the Nordic and Slavic languages put a
    (no-break) space there, and Turkish writes ``%50``. A space copied from one convention into the
    other is a locale error. A space that the source has too is not reported.

    Example:
        Bad (en): ``Sales rose by 15 % this year.``
        Good (en): ``Sales rose by 15% this year.``

    Options: none (the list of languages is in ``analysis/data/punctuation.yaml``).
    """

    meta = RuleMeta(
        code="QA613",
        name="space-before-percent",
        category="locale-convention/number-format",
        severity=Severity.MINOR,
        summary="A space before % in a language that writes none.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        if not percent_without_space(ctx.target_language):
            return
        source = segment.source_prose
        if source is not None and _SPACED.search(source):
            return
        for m in _SPACED.finditer(segment.prose):
            yield Violation(
                f"space before {m.group(2)!r} ({ctx.target_language} writes no space)",
                span=Span(m.start(), m.end()),
                fix=m.group(2),
            )


RULE = SpaceBeforePercent
