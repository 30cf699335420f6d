"""QA511 longer-than-expected."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.structure.outliers import document_outliers
from qa_pipeline.model import Severity, Violation
from qa_pipeline.ruleapi import Context, DocumentRule, RuleMeta


class LongerThanExpected(DocumentRule):
    """A segment much longer than its source (or its sibling translations) lead one to expect:
    something was probably added (a repeated clause, a hallucinated sentence, leftover text).

    Why it matters: additions are accuracy errors that read fluently and are easily missed. The
    expected ratio is learnt from the file itself (median and MAD of the log length ratios, see
    QA510); a segment is reported at 4 MADs above the median and twice the expected length, or at 3
    MADs and 1.6 times when it also has more sentences than the source. Without a source, at least
    two sibling translations must agree.

    Example:
        Bad: source ``Save the file.``-like sentence of eight words, target three sentences long.
        Good: a target of about the file's usual length ratio.

    Options: none.
    """

    meta = RuleMeta(
        code="QA511",
        name="longer-than-expected",
        category="accuracy/addition",
        severity=Severity.MAJOR,
        summary="A segment much longer than expected for the file's language pair: likely addition.",
    )

    def check_document(self, ctx: Context) -> Iterator[Violation]:
        for o in document_outliers(ctx):
            if o.direction != "long":
                continue
            extra = f"; {o.detail}" if o.detail else ""
            yield Violation(
                f"the segment is {o.ratio:.0%} of the length expected from its {o.basis} "
                f"({abs(o.z):.1f} MADs above the file's median ratio{extra}): something may have been added",
                segment_id=o.segment.id,
                data={"ratio": round(o.ratio, 3), "z": round(o.z, 2), "basis": o.basis},
            )


RULE = LongerThanExpected
