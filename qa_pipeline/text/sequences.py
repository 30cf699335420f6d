"""Linear-time look-ups over a long text: interval overlap and word-sequence containment.

Rules ask the same question for every word of a segment — does this word overlap an allowed span, do
these words occur in the source — and answering by a scan of the whole segment makes a rule quadratic
in segment length (a 200 KB line took half a minute in 0.1). :class:`SpanIndex` answers the first by
bisection over sorted, merged intervals; :class:`SourceMatcher` the second with a suffix automaton
over the source's words, built once per segment in linear time.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

from qa_pipeline.model import Span


class SpanIndex:
    """Sorted, merged intervals: ``overlaps(start, end)`` in O(log n) instead of a scan of every span."""

    def __init__(self, spans: Iterable[Span]) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for span in sorted(spans, key=lambda s: (s.start, s.end)):
            if span.end <= span.start:
                continue
            if ends and span.start <= ends[-1]:
                ends[-1] = max(ends[-1], span.end)
            else:
                starts.append(span.start)
                ends.append(span.end)
        self._starts = starts
        self._ends = ends

    def overlaps(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` shares a character with one of the spans (as :meth:`Span.overlaps`)."""
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and self._ends[i] > start:
            return True
        return i + 1 < len(self._starts) and self._starts[i + 1] < end


class SourceMatcher:
    """Which word sequences occur in the source: a suffix automaton over the source's words, reversed.

    ``match_lengths(words)[i]`` is the length of the longest run ``words[i:i+k]`` found, in order, in
    the source; ``contains(words)`` tells whether the whole sequence is. Both take time linear in
    ``len(words)`` (amortised), built once in time linear in the source's length. Words compare
    casefolded.
    """

    def __init__(self, source_words: Sequence[str]) -> None:
        self._ids: dict[str, int] = {}
        self._next: list[dict[int, int]] = [{}]
        self._link = [-1]
        self._len = [0]
        last = 0
        for word in reversed(source_words):
            last = self._extend(last, self._id(word, add=True))

    def _id(self, word: str, add: bool = False) -> int:
        key = word.casefold()
        found = self._ids.get(key)
        if found is None:
            if not add:
                return -1
            found = self._ids[key] = len(self._ids)
        return found

    def _extend(self, last: int, c: int) -> int:
        nxt, link, length = self._next, self._link, self._len
        cur = len(length)
        nxt.append({})
        length.append(length[last] + 1)
        link.append(0)
        p = last
        while p != -1 and c not in nxt[p]:
            nxt[p][c] = cur
            p = link[p]
        if p != -1:
            q = nxt[p][c]
            if length[p] + 1 == length[q]:
                link[cur] = q
            else:
                clone = len(length)
                nxt.append(dict(nxt[q]))
                length.append(length[p] + 1)
                link.append(link[q])
                while p != -1 and nxt[p].get(c) == q:
                    nxt[p][c] = clone
                    p = link[p]
                link[q] = clone
                link[cur] = clone
        return cur

    def match_lengths(self, words: Sequence[str]) -> list[int]:
        """For each position, how many words from there on occur consecutively in the source."""
        out = [0] * len(words)
        state, matched = 0, 0
        nxt, link, length = self._next, self._link, self._len
        for i in range(len(words) - 1, -1, -1):
            c = self._id(words[i])
            while state and c not in nxt[state]:
                state = link[state]
                matched = length[state]
            if c in nxt[state]:
                state = nxt[state][c]
                matched += 1
            else:
                state, matched = 0, 0
            out[i] = matched
        return out

    def contains(self, words: Sequence[str]) -> bool:
        """True when ``words`` occur consecutively, in this order, in the source."""
        state = 0
        for word in reversed(words):
            state = self._next[state].get(self._id(word), -1)
            if state < 0:
                return False
        return True
