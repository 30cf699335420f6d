"""QA503 ellipsis-truncation."""

from __future__ import annotations

import math
from collections.abc import Iterator

from qa_pipeline.analysis.punctuation import ending
from qa_pipeline.analysis.structure.outliers import abrupt_end, log_ratio, source_ratio_model
from qa_pipeline.model import Severity, Span, Violation
from qa_pipeline.ruleapi import Context, DocumentRule, RuleMeta

_ELLIPSES = ("…", "...", "⋯", "。。。")


class EllipsisTruncation(DocumentRule):
    """The translation ends with an ellipsis the source does not have, and is cut short before it.

    Why it matters: translators and MT systems that hit a length limit cut the text and add ``…``;
    the reader loses the end of the sentence. An ellipsis alone is not enough (``Copying files…``
    for ``Copying files`` is a harmless style choice): the text before it must also stop abruptly
    (a comma, a conjunction or article) or be less than 70 % of the length the file's own median
    target/source ratio predicts. A source with an ellipsis anywhere is not reported.

    Example:
        Bad: source ``Your changes were saved to the cloud and will sync to all your devices.``,
        target ``Vos modifications ont été enregistrées et…``
        Good: target ``Vos modifications ont été enregistrées dans le nuage et seront synchronisées.``

    Options: none.
    """

    meta = RuleMeta(
        code="QA503",
        name="ellipsis-truncation",
        category="design/truncation",
        severity=Severity.MAJOR,
        summary="The target ends with an ellipsis the source lacks, and is cut short before it.",
        needs_source=True,
    )

    def check_document(self, ctx: Context) -> Iterator[Violation]:
        model = None
        for seg in ctx.document.segments:
            source = seg.source_prose
            if not source or any(e in source for e in _ELLIPSES):
                continue
            end = ending(seg.prose, ctx.target_language)
            if end.cls != "ellipsis":
                continue
            before = seg.prose[: end.start]
            why = None
            abrupt = abrupt_end(before, ctx.target_language)
            if abrupt is not None:
                why = f"the text before it stops after {abrupt[1]}"
            else:
                model = model or source_ratio_model(ctx.document.segments)
                lr = log_ratio(before, source)
                if lr is not None and math.exp(lr - model.median) < 0.7:
                    why = f"the text is {math.exp(lr - model.median):.0%} of the expected length"
            if why:
                yield Violation(
                    f"the target ends with an ellipsis that the source does not have; {why}",
                    span=Span(end.start, end.end),
                    segment_id=seg.id,
                )


RULE = EllipsisTruncation
