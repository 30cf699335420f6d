"""QA510 shorter-than-expected."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.model import Severity, Violation
from qa_pipeline.ruleapi import Context, DocumentRule, RuleMeta
from qa_pipeline.text.structure import document_outliers


class ShorterThanExpected(DocumentRule):
    """A segment much shorter than its source (or its sibling translations) lead one to expect:
    part of it was probably left out.

    Why it matters: a dropped clause or sentence is an accuracy error that no spell checker sees.
    The expected length ratio is learnt from the file itself: the median target/source length ratio
    of its segments and the median absolute deviation (MAD) around it, so that a language pair that
    is always 30 % longer is not flagged. A segment is reported when it is at least 4 MADs below the
    median *and* at most half the expected length, or 3 MADs and 65 % when it also has fewer
    sentences than the source. Without a source, each paragraph is compared with the aligned
    paragraphs of at least two sibling translations (other languages of the same document), and all
    of them must agree. CJK characters count 2.5 each so ratios stay comparable across scripts.
    Segments whose source is shorter than about twelve words are not judged.

    Example:
        Bad: source ``Agents answer calls. They log each request. They escalate hard cases.``,
        target ``Les agents répondent aux appels.`` (in a file where targets are ~1.1× the source)
        Good: target ``Les agents répondent aux appels. Ils consignent chaque demande. …``

    Options: none.
    """

    meta = RuleMeta(
        code="QA510",
        name="shorter-than-expected",
        category="accuracy/omission",
        severity=Severity.MAJOR,
        summary="A segment much shorter than expected for the file's language pair: likely omission.",
    )

    def check_document(self, ctx: Context) -> Iterator[Violation]:
        for o in document_outliers(ctx):
            if o.direction != "short":
                continue
            extra = f"; {o.detail}" if o.detail else ""
            yield Violation(
                f"the segment is {o.ratio:.0%} of the length expected from its {o.basis} "
                f"({abs(o.z):.1f} MADs below the file's median ratio{extra}): part of it may be missing",
                segment_id=o.segment.id,
                data={"ratio": round(o.ratio, 3), "z": round(o.z, 2), "basis": o.basis},
            )


RULE = ShorterThanExpected
