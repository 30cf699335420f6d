"""QA610 run-on-sentence."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from qa_pipeline.analysis.punctuation import sentence_starters
from qa_pipeline.model import Segment, SegmentKind, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule

# lowercase word, spaces, Capitalised word, space, lowercase word: ``téléphone Étant donné``.
_JOIN = regex.compile(r"(?<=\p{Ll}{2})[ \t]+(\p{Lu}\p{Ll}*)(?=[ \t]+\p{Ll})")
_WORD = regex.compile(r"\p{L}+")


class RunOnSentence(SegmentRule):
    """Two sentences run together without a full stop: ``… au téléphone Étant donné que …``.

    Why it matters: a dropped full stop turns two sentences into one that cannot be parsed; machine
    translation produces it when it merges sentence pieces. The rule looks for a word that only
    starts sentences (``Étant``, ``However``, ``Cependant``, ``Međutim``…, a per-language list)
    written with a capital right after a lowercase word, with no punctuation between, and followed by
    a lowercase word (so names like *This American Life* do not count; second-person pronouns, which
    some languages capitalise as a courtesy — ru ``Вы``, hr ``Vi`` — are not in the lists).
    Title-case segments (UI labels, headings) are skipped. Languages: en, fr, es, it, pt, hr, nl, pl,
    ru, fi.

    Example:
        Bad: ``Il répond au téléphone Étant donné que les attentes augmentent, …``
        Good: ``Il répond au téléphone. Étant donné que les attentes augmentent, …``

    Options: none.
    """

    meta = RuleMeta(
        code="QA610",
        name="run-on-sentence",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="Two sentences joined without a full stop.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        starters = sentence_starters(ctx.target_language)
        if not starters or segment.kind is SegmentKind.HEADING:
            return
        text = segment.prose
        words = _WORD.findall(text)
        if len(words) < 6 or sum(1 for w in words if w[0].isupper()) > len(words) / 2:
            return
        in_source: dict[str, bool] = {}  # one search of the source per starter word, not per match
        for m in _JOIN.finditer(text):
            word = m.group(1)
            if word not in starters:
                continue
            if segment.source_prose is not None:
                if word not in in_source:
                    in_source[word] = word in segment.source_prose
                if in_source[word]:
                    continue
            yield Violation(
                f"'{word}' starts a new sentence but no full stop comes before it",
                span=Span(m.start(), m.start(1)),
                fix=". ",
            )


RULE = RunOnSentence
