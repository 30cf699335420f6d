"""Offsets become lines and columns here, and only here.

Spans are half-open ranges of code points of a segment's text; a segment's :class:`OffsetMap` turns them
into offsets of the decoded file text, and :meth:`Document.line_col` into 1-based lines and columns
(code points; CRLF counts as one line break). Findings, ``--diff`` and the HTML report all ask this module.
"""

from __future__ import annotations

from qa_pipeline.model import Document, Segment, Span


def span_position(doc: Document, seg: Segment, span: Span) -> tuple[int, int, int, int]:
    """(line, column, end line, end column) of ``span`` of ``seg``; the end is exclusive."""
    start = seg.offsets.to_file(span.start)
    end = seg.offsets.to_file(span.end - 1) + 1 if span.end > span.start else start
    line, col = doc.line_col(start)
    end_line, end_col = doc.line_col(end)
    return line, col, end_line, end_col


def segment_lines(doc: Document, seg: Segment, with_source: bool = False) -> range:
    """The file lines a segment's target covers; with ``with_source``, from its source to the end of its
    target when the file itself holds the source (PO, XLIFF, TMX…: no separate source file)."""
    starts = [seg.offsets.to_file(0)]
    ends = [seg.offsets.to_file(max(len(seg.target) - 1, 0))]
    in_file = doc.source_path is None
    if with_source and in_file and seg.source is not None and seg.source_offsets is not None:
        starts.append(seg.source_offsets.to_file(0))
        ends.append(seg.source_offsets.to_file(max(len(seg.source) - 1, 0)))
    return range(doc.line_col(min(starts))[0], doc.line_col(max(ends))[0] + 1)


def first_line(doc: Document, seg: Segment) -> int:
    return doc.line_col(seg.offsets.to_file(0))[0]
