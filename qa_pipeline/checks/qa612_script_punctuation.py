"""QA612 latin-punctuation-in-script."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from qa_pipeline.analysis.punctuation import script_punctuation, source_list_separators
from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule

_FAMILIES = ("arabic", "greek")


class LatinPunctuationInScript(SegmentRule):
    """A Latin comma, question mark or semicolon in Arabic-script or Greek text.

    Why it matters: Arabic, Persian and Urdu write ``،`` ``؟`` ``؛`` (the comma and question mark
    are turned); Greek writes its question mark as ``;``. A Latin ``?`` or ``,`` after an Arabic word,
    or ``?`` after a Greek one, is wrong for the script. Marks between digits (``1,5``) or Latin
    words, and the separators of a value list that the source writes unspaced (``on,off`` →
    ``تشغيل,إيقاف``: software splits it on the ASCII comma), are not reported.

    Example:
        Bad (ar): ``كيف يمكنني مساعدتك?``
        Good (ar): ``كيف يمكنني مساعدتك؟``

    Options: none.
    """

    meta = RuleMeta(
        code="QA612",
        name="latin-punctuation-in-script",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="Latin , ? ; in Arabic-script text, or ? in Greek text.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        kept = source_list_separators(segment.source_prose, segment.prose)
        for family in _FAMILIES:
            conv = script_punctuation(ctx.target_language, family)
            if conv is None:
                continue
            marks = "".join(regex.escape(k) for k in sorted(conv.marks))
            letter = conv.letter.pattern
            pattern = regex.compile(rf"(?<={letter}\p{{M}}*[ ]?)([{marks}])(?=$|\s|{letter}|[\"”»)])")
            for m in pattern.finditer(segment.prose):
                mark = m.group(1)
                if mark in kept:
                    continue
                yield Violation(
                    f"Latin {mark!r} in {ctx.target_language} text; expected {conv.marks[mark]!r}",
                    span=Span(m.start(1), m.end(1)),
                    fix=conv.marks[mark],
                )


RULE = LatinPunctuationInScript
