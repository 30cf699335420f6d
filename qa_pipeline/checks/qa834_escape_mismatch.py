"""QA834 escape-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.fidelity.literals import Literal, compare, escapes, paths, violations
from qa_pipeline.model import Segment, SegmentKind, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


def _one_to_one(a: Literal, b: Literal) -> bool:
    return True


class EscapeMismatch(SegmentRule):
    """A backslash escape that the target has and the source lacks, or the reverse: ``\\"``,
    ``\\n``, ``\\u00e9`` left as characters in the text.

    Why it matters: readers decode a file's own escapes (a PO ``\\n`` is a line break by the time a
    rule sees it), so a backslash still in the text is one the program shows or interprets itself.
    One that the source does not have prints as ``\\"`` on screen (a doubly escaped quote); one the
    target drops breaks a pattern or a control sequence. Backslashes of Windows paths are QA832's.

    Example:
        Bad: source ``Added “%(object)s”.``, target ``Ajouté \\"%(object)s\\".``
        Good: source ``Added “%(object)s”.``, target ``Ajouté « %(object)s ».``

    Only units of bilingual files (PO, XLIFF) are checked.

    Options: none.
    """

    meta = RuleMeta(
        code="QA834",
        name="escape-mismatch",
        category="design/markup-tag",
        severity=Severity.MAJOR,
        summary="A backslash escape is missing from the target or added to it.",
        needs_source=True,
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        if segment.kind not in (SegmentKind.UNIT, SegmentKind.PLURAL):
            return  # software strings: a document's soft line breaks, Markdown escapes and _emphasis_ differ
        source = segment.source_prose
        if source is None or ("\\" not in source and "\\" not in segment.prose):
            return
        src = escapes(source, paths(source))
        tgt = escapes(segment.prose, paths(segment.prose))
        yield from violations(compare(src, tgt, _one_to_one, multiset=True), "escape")


RULE = EscapeMismatch
