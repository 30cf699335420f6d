"""QA503 added-ellipsis."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule
from qa_pipeline.text.punctuation import ending

_ELLIPSES = ("…", "...", "⋯", "。。。")


class AddedEllipsis(SegmentRule):
    """The translation ends with an ellipsis that the source does not have: it was shortened.

    Why it matters: translators and MT systems that hit a length limit cut the text and add ``…``;
    the reader loses the end of the sentence. A source with an ellipsis anywhere (``Loading…``,
    ``Save as...``) is not reported.

    Example:
        Bad: source ``Your changes were saved to the cloud.``, target ``Vos modifications ont été…``
        Good: target ``Vos modifications ont été enregistrées dans le nuage.``

    Options: none.
    """

    meta = RuleMeta(
        code="QA503",
        name="added-ellipsis",
        category="design/truncation",
        severity=Severity.MINOR,
        summary="The target ends with an ellipsis the source does not have.",
        needs_source=True,
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        source = segment.source_prose
        if not source or any(e in source for e in _ELLIPSES):
            return
        end = ending(segment.prose, ctx.target_language)
        if end.cls != "ellipsis":
            return
        yield Violation(
            "the target ends with an ellipsis that the source does not have", span=Span(end.start, end.end)
        )


RULE = AddedEllipsis
