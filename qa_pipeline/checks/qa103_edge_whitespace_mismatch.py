"""QA103 edge-whitespace-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


def _lead(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def _trail(text: str) -> str:
    return text[len(text.rstrip()) :]


def _show(ws: str) -> str:
    return repr(ws) if ws else "none"


class EdgeWhitespaceMismatch(SegmentRule):
    """Leading or trailing whitespace of the target differs from the source's.

    Why it matters: software strings are concatenated at run time; a dropped or added space glues
    words together (``Downloaded5 files``) or indents a label.

    Example:
        Bad: source ``"Name: "``, target ``"Nom :"`` (the trailing space is lost).
        Good: source ``"Name: "``, target ``"Nom : "``.

    Only units of bilingual files (PO, XLIFF) are checked: document paragraphs are trimmed by the
    reader. Options: none.
    """

    meta = RuleMeta(
        code="QA103",
        name="edge-whitespace-mismatch",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="Leading or trailing whitespace differs between source and target.",
        needs_source=True,
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        src, tgt = segment.source or "", segment.target
        if not src.strip() or not tgt.strip():
            return
        if _lead(src) != _lead(tgt) and (
            bool(_lead(src)) != bool(_lead(tgt)) or "\n" in _lead(src) + _lead(tgt)
        ):
            n = len(_lead(tgt))
            yield Violation(
                f"leading whitespace differs: source {_show(_lead(src))}, target {_show(_lead(tgt))}",
                span=Span(0, max(n, 1)),
            )
        if _trail(src) != _trail(tgt) and (
            bool(_trail(src)) != bool(_trail(tgt)) or "\n" in _trail(src) + _trail(tgt)
        ):
            n = len(_trail(tgt))
            yield Violation(
                f"trailing whitespace differs: source {_show(_trail(src))}, target {_show(_trail(tgt))}",
                span=Span(len(tgt) - max(n, 1), len(tgt)),
            )


RULE = EdgeWhitespaceMismatch
