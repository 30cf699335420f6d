"""QA617 dash-as-hyphen."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from qa_pipeline.analysis.punctuation import dangling_words
from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule

# A clause dash in the source: an em/en dash, or a hyphen with spaces around it.
_CLAUSE_DASH = regex.compile(r"\s[-–—]\s|\p{L}—\p{L}")
_TARGET_DASH = regex.compile(r"\s[-–—]\s|—")
_JOIN = regex.compile(r"(?<=\p{Ll}{3})-(\p{Ll}+)\b")


class DashAsHyphen(SegmentRule):
    """A clause dash of the source turned into a hyphen that glues two words: ``antithrombotique-avec``.

    Why it matters: machine translation often drops the spaces around a dash, so ``therapy — with a
    drug`` becomes ``thérapie-avec un médicament``: the reader sees a compound word that does not
    exist. The rule needs a source with a clause dash (an em or en dash, or a spaced hyphen) and a
    target with fewer of them; it then reports hyphen joins whose second part is a word that cannot
    start a compound (a conjunction, article or preposition of the target language, e.g. ``avec``,
    ``und``, ``le``), so ordinary compounds (``peut-être``, ``E-Mail``) are not touched.

    Example:
        Bad: source ``Antithrombotic therapy — with one antiplatelet drug — is advised.``,
        target ``Un traitement antithrombotique-avec un antiplaquettaire est conseillé.``
        Good: target ``Un traitement antithrombotique – avec un antiplaquettaire – est conseillé.``

    Options: none.
    """

    meta = RuleMeta(
        code="QA617",
        name="dash-as-hyphen",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="A clause dash of the source written as a hyphen that glues two words.",
        needs_source=True,
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        source = segment.source_prose or ""
        wanted = len(_CLAUSE_DASH.findall(source))
        if not wanted or len(_TARGET_DASH.findall(segment.prose)) >= wanted:
            return
        function_words = dangling_words(ctx.target_language)
        for m in _JOIN.finditer(segment.prose):
            if m.group(1).casefold() in function_words and m.group(0) not in source:
                yield Violation(
                    f"hyphen glues {m.group(1)!r} to the word before it where the source has a dash",
                    span=Span(m.start(), m.start() + 1),
                    fix=" – ",
                )


RULE = DashAsHyphen
