"""QA512 line-count-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule
from qa_pipeline.text.structure import line_count, list_lines


class LineCountMismatch(SegmentRule):
    """The target has fewer lines or list items than its source: a line or an item was dropped.

    Why it matters: in multi-line strings (help texts, release notes, lists inside one unit) a lost
    line is a lost instruction, and an extra one is an addition. Lines are non-empty lines; list
    items are lines that start with a bullet or a number. A target with *more* lines is reported
    only when its list items differ too (translators may legitimately wrap long lines).

    Example:
        Bad: source ``Steps:\\n- Open the app\\n- Tap Settings\\n- Tap Reset``, target
        ``Étapes :\\n- Ouvrez l'app\\n- Touchez Réinitialiser``
        Good: the same three items in the target.

    Options: none.
    """

    meta = RuleMeta(
        code="QA512",
        name="line-count-mismatch",
        category="accuracy/omission",
        severity=Severity.MINOR,
        summary="The target has fewer lines or list items than the source.",
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
        src_lines, tgt_lines = line_count(source), line_count(segment.prose)
        if src_lines >= 2 and tgt_lines < src_lines:
            yield Violation(
                f"the source has {src_lines} lines, the target {tgt_lines}",
                data={"source": src_lines, "target": tgt_lines},
            )


RULE = LineCountMismatch
