"""QA611 cjk-halfwidth-punctuation."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from qa_pipeline.analysis.punctuation import script_punctuation, source_list_separators
from qa_pipeline.model import Segment, SegmentKind, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule

_CJK = r"\p{Han}\p{Hiragana}\p{Katakana}ー々"
_MARK = regex.compile(
    rf"(?<=[{_CJK}」』）])(?:([?!])(?=$|\s|[{_CJK}「」『』（）【】])|([,:;])(?=$|[{_CJK}「」『』（）【】]))"
)


class CjkHalfwidthPunctuation(SegmentRule):
    """ASCII ``? ! , : ;`` inside Chinese or Japanese text where the full-width mark is expected.

    Why it matters: Chinese and Japanese typography uses full-width punctuation (``？！，：；`` and
    Japanese ``、``); a half-width ``?`` after kana or hanzi is the trace of machine translation or
    of an English keyboard, and breaks the even rhythm of the text. ``?`` and ``!`` after a CJK
    character are always reported; ``, : ;`` only when no space follows (technical Japanese and
    Chinese deliberately write a half-width ``: `` before an ASCII value, ``エラー: %s``, and so end a
    software label whose value the interface shows after it: ``状態:`` for ``Status:``). Marks between
    Latin letters or digits (``10:30``) and the separators of a value list that the source writes
    unspaced (``on,off`` → ``オン,オフ``: software splits it on the ASCII comma) are not
    reported; Korean, which uses ASCII punctuation, is not checked.

    Example:
        Bad (ja): ``どうすればお手伝いできますか?``
        Good (ja): ``どうすればお手伝いできますか？``

    Options: none.
    """

    meta = RuleMeta(
        code="QA611",
        name="cjk-halfwidth-punctuation",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="Half-width ASCII punctuation inside Chinese or Japanese text.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        conv = script_punctuation(ctx.target_language, "cjk")
        if conv is None:
            return
        text = segment.prose
        kept = source_list_separators(segment.source_prose, text)
        label = _ui_label(segment)
        for m in _MARK.finditer(text):
            mark = m.group(1) or m.group(2)
            want = conv.marks.get(mark)
            if want is None or mark in kept:
                continue
            if mark == ":" and label and not text[m.end() :].strip():
                continue  # a label whose value the interface puts after it, like ``エラー: %s``
            yield Violation(
                f"half-width {mark!r} in {ctx.target_language} text; expected {want!r}",
                span=Span(m.start(), m.end()),
                fix=want,
            )


def _ui_label(segment: Segment) -> bool:
    """A software string that ends with a colon in the source too (``Action:``)."""
    source = (segment.source_prose or "").rstrip()
    return segment.kind in (SegmentKind.UNIT, SegmentKind.PLURAL) and source.endswith(":")


RULE = CjkHalfwidthPunctuation
