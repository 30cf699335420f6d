"""QA510 shorter-than-expected."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.structure.omission import SentenceOmission, document_omissions
from qa_pipeline.analysis.structure.outliers import document_outliers, excerpt
from qa_pipeline.model import Severity, Span, Violation
from qa_pipeline.ruleapi import Context, DocumentRule, RuleMeta


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

    With a source, a segment that has fewer sentences than its source and is at most 80 % of the
    expected length is also aligned sentence by sentence: when a source sentence has no
    counterpart and the rest of the source accounts for the target's length, the finding names
    the missing sentence and sits where it would be in the translation. (A translator who merges
    two sentences, or words one more tightly, is not reported; neither are languages without a
    sentence-final stop, nor a paragraph beside one that aligned to no source, since that one may
    hold the sentence.) A whole paragraph left out of a document is QA513's.

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
        named = {o.segment.id: o for o in document_omissions(ctx)} if ctx.document.has_source else {}
        for om in named.values():
            yield _named(om)
        for o in document_outliers(ctx):
            if o.direction != "short" or o.segment.id in named:
                continue
            extra = f"; {o.detail}" if o.detail else ""
            yield Violation(
                f"the segment is {o.ratio:.0%} of the length expected from its {o.basis} "
                f"({abs(o.z):.1f} MADs below the file's median ratio{extra}): part of it may be missing",
                segment_id=o.segment.id,
                data={"ratio": round(o.ratio, 3), "z": round(o.z, 2), "basis": o.basis},
            )


def _named(om: SentenceOmission) -> Violation:
    quoted = " and ".join(repr(excerpt(s, 60)) for s in om.omitted[:2])
    more = f" and {len(om.omitted) - 2} more" if len(om.omitted) > 2 else ""
    what = "sentence" if len(om.omitted) == 1 else "sentences"
    return Violation(
        f"the source {what} {quoted}{more} {'has' if len(om.omitted) == 1 else 'have'} no counterpart "
        f"in the translation, which is {om.ratio:.0%} of the length expected from its source",
        span=Span(om.position, om.position),
        segment_id=om.segment.id,
        data={"ratio": round(om.ratio, 3), "basis": "source", "omitted": [excerpt(s) for s in om.omitted]},
    )


RULE = ShorterThanExpected
