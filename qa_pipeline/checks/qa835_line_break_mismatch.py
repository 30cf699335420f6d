"""QA835 line-break-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.fidelity.linebreaks import compare
from qa_pipeline.model import Segment, SegmentKind, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule

_MESSAGES = {
    "tabs": "the source has {s} tab(s) inside the text, the target {t}",
    "paragraphs": "the source has {s} paragraph break(s) (blank lines), the target {t}",
    "added": "line break that the one-line source does not have",
    "joined": "the target joins into one line the {s} line break(s) that the source makes on purpose",
}


class LineBreakMismatch(SegmentRule):
    """Line breaks or tabs inside the text that differ from the source's: a paragraph break added or
    lost, a tab lost, a line break added to a one-line string, deliberate lines joined.

    Why it matters: software strings are shown as they are: a stray ``\\n`` breaks a label or an
    error message in two, a lost tab misaligns a column, and plural forms typed into one string
    separated by blank lines show all of them at once.

    Rewrapping is fine: when source and target both break lines, their counts may differ (help text
    is rewrapped for the translation's line lengths), and a source break inside a sentence (source
    file wrapping, ``the search\\n    functionality``) may be joined. Line breaks and whitespace at
    the start and end are QA103's.

    Example:
        Bad: source ``Ensure this value is %(limit)s.``, target ``Assurez-vous que cette valeur\\nest %(limit)s.``
        Good: source ``Name:\\n%s``, target ``Nom :\\n%s``

    Only units of bilingual files (PO, XLIFF) are checked.

    Options: none.
    """

    meta = RuleMeta(
        code="QA835",
        name="line-break-mismatch",
        category="design/layout",
        severity=Severity.MINOR,
        summary="Line breaks or tabs inside the target differ from the source's.",
        needs_source=True,
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        if segment.kind not in (SegmentKind.UNIT, SegmentKind.PLURAL):
            return  # software strings: a document's soft line breaks, Markdown escapes and _emphasis_ differ
        source = segment.source
        if source is None or ("\n" not in source + segment.target and "\t" not in source + segment.target):
            return
        for diff in compare(source, segment.target):
            message = _MESSAGES[diff.what].format(s=diff.source_count, t=diff.target_count)
            data = {"what": diff.what, "source": diff.source_count, "target": diff.target_count}
            if diff.spots:
                for at in diff.spots:
                    yield Violation(message, span=Span(at, at + 1), data=data)
            else:
                yield Violation(message, data=data)


RULE = LineBreakMismatch
