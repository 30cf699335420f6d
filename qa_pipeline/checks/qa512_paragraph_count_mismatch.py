"""QA512 paragraph-count-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.structure.outliers import block_count, list_lines
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class ParagraphCountMismatch(SegmentRule):
    """The target has fewer paragraphs or a different number of list items than its source.

    Why it matters: in multi-paragraph strings (help texts, release notes, lists inside one unit) a
    lost paragraph or item is lost content, and an extra item is an addition. Paragraphs are blocks
    separated by blank lines (hard-wrapped lines inside a paragraph do not count: translators re-wrap
    text); list items are lines that start with a bullet or a number.

    Example:
        Bad: source ``Steps:\\n- Open the app\\n- Tap Settings\\n- Tap Reset``, target
        ``Étapes :\\n- Ouvrez l'app\\n- Touchez Réinitialiser``
        Good: the same three items in the target.

    Options: none.
    """

    meta = RuleMeta(
        code="QA512",
        name="paragraph-count-mismatch",
        category="accuracy/omission",
        severity=Severity.MINOR,
        summary="The target has fewer paragraphs or other list items than the source.",
        needs_source=True,
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        source = segment.source_prose
        if source is None or not source.strip() or not segment.prose.strip():
            return
        src_items, tgt_items = list_lines(source), list_lines(segment.prose)
        if src_items >= 2 and src_items != tgt_items:
            what = "fewer" if tgt_items < src_items else "more"
            yield Violation(
                f"the source has {src_items} list items, the target {tgt_items} ({what})",
                data={"source": src_items, "target": tgt_items},
            )
            return
        src_blocks, tgt_blocks = block_count(source), block_count(segment.prose)
        if src_blocks >= 2 and tgt_blocks < src_blocks:
            yield Violation(
                f"the source has {src_blocks} paragraphs, the target {tgt_blocks}",
                data={"source": src_blocks, "target": tgt_blocks},
            )


RULE = ParagraphCountMismatch
