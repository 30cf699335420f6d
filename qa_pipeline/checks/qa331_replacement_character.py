"""QA331 replacement-character."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule

_RUN = regex.compile(r"\ufffd+")


class ReplacementCharacter(SegmentRule):
    """U+FFFD REPLACEMENT CHARACTER (``�``) in the text: characters lost in a conversion.

    A decoder writes ``�`` for bytes it could not read; the original characters are gone and must be
    restored from the source. Each run of ``�`` is one finding. Not reported when the source has the
    same character (it was already broken upstream). Category ``fluency/character-encoding``.

    Why it matters: readers see a black diamond instead of a letter; the word is unreadable.

    Example:
        Bad: ``Dob�r den`` / ``caf� cr�me``
        Good: ``Dobrý den`` / ``café crème``

    Options: none.
    """

    meta = RuleMeta(
        code="QA331",
        name="replacement-character",
        category="fluency/character-encoding",
        severity=Severity.MAJOR,
        summary="U+FFFD replacement characters (�): characters lost in an encoding conversion.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        if "\ufffd" not in segment.prose or "\ufffd" in (segment.source or ""):
            return
        for m in _RUN.finditer(segment.prose):
            count = len(m.group(0))
            yield Violation(
                f"{count} U+FFFD replacement character{'s' if count > 1 else ''}: "
                "characters lost in an encoding conversion",
                span=Span(m.start(), m.end()),
                data={"count": count},
            )


RULE = ReplacementCharacter
