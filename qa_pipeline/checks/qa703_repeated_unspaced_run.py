"""QA703 repeated-unspaced-run."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from qa_pipeline.analysis.repetition import has_unspaced
from qa_pipeline.model import PROTECTED_CHAR, Segment, SegmentKind, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule
from qa_pipeline.text.scripts import is_unspaced_char

_GAPS = ("", " ", "\u3000")


@dataclass(frozen=True)
class RunOptions:
    min_length: int = 4
    """The shortest repeated run, in characters."""
    max_length: int = 80
    """The longest repeated run, in characters."""


class RepeatedUnspacedRun(SegmentRule):
    """A run of Chinese, Japanese or Thai text immediately repeated.

    In scripts written without spaces a doubled phrase has no word boundary to catch it: this rule
    looks for a run of at least ``min-length`` characters (default 4) followed at once by the same run
    (optionally after one space), such as ``ご注文ありがとうございますご注文ありがとうございます``. The run must
    be mostly characters of those scripts and use at least two different characters, so iteration marks
    and legitimate reduplication (``時々``, ``人々``, ``ドキドキ``, ``研究研究``, all shorter than four
    characters per copy) are not reported. The longest repeat is one finding. A repeat the source has
    too, and table cells, are skipped.

    Why it matters: a doubled phrase is an addition; in CJK text it is a typical failure of machine
    translation or of page extraction duplicating a line.

    Example:
        Bad: ``送料無料キャンペーン送料無料キャンペーン``
        Good: ``送料無料キャンペーン`` / ``時々雨が降ります。``

    Options: ``min-length`` (shortest repeated run, default 4), ``max-length`` (longest, default 80).
    """

    meta = RuleMeta(
        code="QA703",
        name="repeated-unspaced-run",
        category="accuracy/addition",
        severity=Severity.MAJOR,
        summary="A run of CJK/Thai text (4+ characters) immediately repeated.",
    )
    Options = RunOptions

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        if segment.kind == SegmentKind.TABLE_CELL:
            return
        options: RunOptions = ctx.options if isinstance(ctx.options, RunOptions) else RunOptions()
        text = segment.prose
        if not has_unspaced(text):
            return
        n = len(text)
        in_source: dict[str, bool] = {}  # one search of the source per distinct repeat, not per finding
        i = 0
        while i < n:
            found = self._at(text, i, options) if is_unspaced_char(text[i]) else None
            if found is None:
                i += 1
                continue
            length, gap = found
            unit = text[i : i + length]
            end = i + 2 * length + len(gap)
            repeat = unit + gap + unit
            if segment.source and repeat not in in_source:
                in_source[repeat] = repeat in segment.source
            if in_source.get(repeat):
                i = end
                continue
            yield Violation(
                f"'{unit}' ({length} characters) written twice in a row",
                span=Span(i, end),
                data={"phrase": unit, "characters": length},
                fix=unit,
            )
            i = end

    @staticmethod
    def _at(text: str, i: int, options: RunOptions) -> tuple[int, str] | None:
        best: tuple[int, str] | None = None
        n = len(text)
        for length in range(max(options.min_length, 1), options.max_length + 1):
            if i + 2 * length > n:
                break
            nxt = text[i + length]
            if nxt != text[i] and nxt not in (" ", "\u3000"):
                if nxt in ("\n", PROTECTED_CHAR):
                    break
                continue
            unit = text[i : i + length]
            if "\n" in unit or PROTECTED_CHAR in unit:
                break
            for gap in _GAPS:
                j = i + length + len(gap)
                if text[i + length : j] == gap and text[j : j + length] == unit:
                    if len(set(unit)) >= 2 and sum(map(is_unspaced_char, unit)) * 2 >= length:
                        best = (length, gap)
                    break
        return best


RULE = RepeatedUnspacedRun
