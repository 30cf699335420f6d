"""QA702 doubled-phrase."""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from qa_pipeline.analysis.repetition import CONJUNCTIONS, Word, only_space_or_punct, word_sequences, words
from qa_pipeline.model import Segment, SegmentKind, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


@dataclass(frozen=True)
class Options:
    max_words: int = 60
    """The longest phrase compared, in words."""


class DoubledPhrase(SegmentRule):
    """A phrase of two words or more, up to a whole sentence, written twice in a row.

    Finds ``30 prosentin 30 prosentin``, ``in the in the``, a five-word sponsor line twice, or the same
    sentence repeated (``Merci de votre appel. Merci de votre appel.``): machine translation and page
    extraction both produce such stutters. Words are compared ignoring case; the punctuation between the
    words of both copies must be the same, and the two copies may be separated by spaces and at most one
    punctuation mark; across a sentence end the first copy must start a sentence itself ("… a worse
    outcome. A worse outcome may …" is fine). The longest repeat is reported
    once, so a doubled line is one finding. Not reported: phrases without letters (``10 20 10 20`` in a
    table), table cells, and a repeat the source has too. Single doubled words are QA701; scripts
    without spaces are QA703.

    Why it matters: repeated text is an addition the reader must skip over; it often marks a
    machine-translation failure or a duplicated block from extraction.

    Example:
        Bad: ``Les ventes ont augmenté de 5 % de 5 % en mars.``
        Good: ``Les ventes ont augmenté de 5 % en mars.``

    Options: ``max-words`` (longest phrase compared, default 60).
    """

    meta = RuleMeta(
        code="QA702",
        name="doubled-phrase",
        category="accuracy/addition",
        severity=Severity.MAJOR,
        summary="A phrase (two words up to a sentence) written twice in a row.",
    )
    Options = Options

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        if segment.kind == SegmentKind.TABLE_CELL:
            return
        options: Options = ctx.options if isinstance(ctx.options, Options) else Options()
        text = segment.prose
        ws = words(text)
        keys = [w.key for w in ws]
        where: dict[str, list[int]] = {}
        for k, key in enumerate(keys):
            where.setdefault(key, []).append(k)
        i = 0
        while i < len(ws) - 3:
            n = self._longest(text, ws, keys, where[keys[i]], i, options.max_words)
            if n == 2 and keys[i + 1] in CONJUNCTIONS.get(ctx.lang, ()):
                n = 0  # "X or X or …": the same-word coordination of QA704, not a doubled phrase
            if not n:
                i += 1
                continue
            first, second = ws[i : i + n], ws[i + n : i + 2 * n]
            phrase = text[first[0].start : first[-1].end]
            if segment.source and _repeated_in(segment.source, first):
                i += 2 * n
                continue
            yield Violation(
                f"phrase '{phrase}' ({n} words) written twice in a row",
                span=Span(first[0].start, second[-1].end),
                data={"phrase": phrase, "words": n},
                fix=phrase,
            )
            i += 2 * n

    @staticmethod
    def _longest(
        text: str, ws: tuple[Word, ...], keys: list[str], same: list[int], i: int, max_words: int
    ) -> int:
        """The longest phrase from word ``i`` repeated at once; ``same``: where the word ``keys[i]`` is."""
        best = 0
        limit = min(max_words, (len(ws) - i) // 2)
        for j in same[bisect_right(same, i + 1) : bisect_right(same, i + limit)]:
            n = j - i
            if keys[i:j] != keys[j : j + n]:
                continue
            if not only_space_or_punct(text[ws[j - 1].end : ws[j].start]):
                continue
            if _inner(text, ws[i:j]) != _inner(text, ws[j : j + n]):
                continue  # "„-opt args”, „--opt args”": the copies differ between their words
            if _ends_sentence(text[ws[j - 1].end : ws[j].start]) and not _starts_sentence(text, ws[i].start):
                continue  # "… a worse outcome. A worse outcome may …": a new sentence picks the phrase up
            if sum(c.isalpha() for k in keys[i:j] for c in k) < 2:
                continue
            best = n
        return best


_OPENING = frozenset(" \t\n\r\u00a0\"'“”«»„「『(")


def _ends_sentence(gap: str) -> bool:
    return any(c in ".!?。！？…" for c in gap)


def _starts_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _OPENING:
        i -= 1
    return i < 0 or text[i] in ".!?。！？…:;"


def _inner(text: str, phrase: tuple[Word, ...]) -> list[str]:
    return [" ".join(text[a.end : b.start].split()) for a, b in itertools.pairwise(phrase)]


def _repeated_in(source: str, phrase: tuple[Word, ...]) -> bool:
    keys = [w.key for w in phrase]
    return word_sequences(source).contains(keys + keys)


RULE = DoubledPhrase
