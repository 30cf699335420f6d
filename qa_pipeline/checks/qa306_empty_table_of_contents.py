"""QA306 empty-table-of-contents."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from qa_pipeline.analysis.junk import is_document_text, is_toc_heading
from qa_pipeline.model import SegmentKind, Severity, Violation
from qa_pipeline.ruleapi import Context, DocumentRule, RuleMeta


@dataclass(frozen=True)
class Options:
    headings: tuple[str, ...] = ()
    """Extra heading texts (any language) that introduce a table of contents."""


_TERMINAL = tuple('.!?。！？…؟"”»」')


def _sentence_like(text: str) -> bool:
    """Body text rather than a table-of-contents entry: long, or ending like a sentence."""
    stripped = text.strip()
    return len(stripped.split()) > 12 or len(stripped) > 90 or stripped.endswith(_TERMINAL)


class EmptyTableOfContents(DocumentRule):
    """A "Table of contents" heading with no table of contents under it.

    Reports a line that is only a table-of-contents heading (``Table of contents:``, ``Table des
    matières``, ``Inhaltsverzeichnis``, ``Sadržaj:``, ``目次:``, ``جدول المحتويات:`` and the other
    languages in ``qa_pipeline/analysis/junk.py``) when body text follows it instead of entries: the next
    paragraph comes with at most one short line in between, and no list item, table cell or run of
    short lines (a real table of contents) follows. Page extraction keeps the heading of a
    table-of-contents widget and drops its links. Software strings (PO/XLIFF units) are not checked.
    Category ``design/leftover-boilerplate`` (documented extension).

    Why it matters: the heading promises a list the reader never gets; it is page furniture.

    Example:
        Bad: ``Table des matières :`` followed directly by the first paragraph
        Good: ``Table des matières :`` followed by ``- Introduction`` / ``- Installation``

    Options: ``headings`` (list of extra heading texts, any language).
    """

    meta = RuleMeta(
        code="QA306",
        name="empty-table-of-contents",
        category="design/leftover-boilerplate",
        severity=Severity.MAJOR,
        summary="A 'Table of contents:' heading followed by body text instead of entries.",
    )
    Options = Options

    def check_document(self, ctx: Context) -> Iterator[Violation]:
        options: Options = ctx.options if isinstance(ctx.options, Options) else Options()
        segments = ctx.document.segments
        for i, seg in enumerate(segments):
            if not is_document_text(seg) or "\n" in seg.target.strip():
                continue
            if seg.kind not in (SegmentKind.HEADING, SegmentKind.PARAGRAPH) or not is_toc_heading(
                seg.prose, options.headings
            ):
                continue
            verdict = "nothing"
            for short_lines, nxt in enumerate(segments[i + 1 :], start=1):
                if nxt.kind == SegmentKind.TABLE_CELL:
                    verdict = "entries"
                    break
                if nxt.kind == SegmentKind.PARAGRAPH or _sentence_like(nxt.prose):
                    verdict = "body"
                    break
                if short_lines > 1:
                    verdict = "entries"  # several short lines or items: a real table of contents
                    break
            if verdict == "entries":
                continue
            why = "followed by body text" if verdict == "body" else "at the end of the document"
            yield Violation(
                f"'{seg.target.strip()}' heading with no table of contents under it ({why}): "
                "a leftover of the page layout",
                segment_id=seg.id,
                data={"heading": seg.target.strip()},
            )


RULE = EmptyTableOfContents
