"""QA836 accelerator-mismatch."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from qa_pipeline.analysis.fidelity.accelerators import document_markers, find
from qa_pipeline.model import Segment, SegmentKind, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


@dataclass(frozen=True)
class Options:
    markers: tuple[str, ...] = ()
    """Accelerator markers, e.g. ``["&"]`` (KDE, Qt, Mozilla), ``["_"]`` (GNOME), ``["~"]``
    (LibreOffice). Empty: a PO header ``X-Accelerator-Marker``, else the marker that starts a word in
    at least 3% (and 3) of the file's short source strings."""


class AcceleratorMismatch(SegmentRule):
    """An accelerator of the source (``&File``, ``_File``, ``~File``) that the target lacks, repeats,
    puts on something other than a letter or digit, or adds.

    Why it matters: the accelerator is how keyboard users reach a menu item (Alt+F); without it the
    item cannot be reached, and two in one label confuse the toolkit. The target's accelerator may
    sit on any letter of the translation, or follow it in brackets as CJK translations do
    (``ファイル(&F)``). A doubled marker (``&&``) is a literal character; with ``_``,
    ``snake_case`` identifiers are not accelerators.

    Which marker: the ``markers`` option; else the PO header ``X-Accelerator-Marker``; else the
    marker that starts a word in at least 3% of the file's short source strings (GNOME and KDE
    catalogs have one in most menu labels; documentation that writes ``Q&A`` or ``html_theme``
    does not reach that share).

    Example:
        Bad: source ``&Save As…``, target ``Enregistrer sous…``
        Good: source ``&Save As…``, target ``Enregistrer &sous…``

    Only units of bilingual files (PO, XLIFF) are checked.

    Options: ``markers`` (default: from the file).
    """

    meta = RuleMeta(
        code="QA836",
        name="accelerator-mismatch",
        category="design/markup-tag",
        severity=Severity.MINOR,
        summary="An accelerator key marker of the source is missing, repeated or misplaced in the target.",
        needs_source=True,
    )
    Options = Options

    def __init__(self) -> None:
        self.markers: tuple[str, ...] = ()

    def prepare(self, ctx: Context) -> bool:
        # one instance per document: the file's markers are found once
        options = ctx.options if isinstance(ctx.options, Options) else Options()
        self.markers = options.markers or document_markers(ctx.document)
        return False

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        if segment.kind not in (SegmentKind.UNIT, SegmentKind.PLURAL):
            return  # software strings: a document's soft line breaks, Markdown escapes and _emphasis_ differ
        source = segment.source_prose
        if source is None:
            return
        for marker in self.markers:
            yield from _compare(marker, source, segment.prose, segment.target)


def _compare(marker: str, source: str, prose: str, target: str) -> Iterator[Violation]:
    src, _ = find(source, marker)
    tgt, bad = find(prose, marker)
    n = len(marker)
    if len(src) == len(tgt):
        return
    if len(src) == 1 and not tgt:
        if bad:
            at = bad[0]
            yield Violation(
                f"accelerator marker '{marker}' is on {target[at + n : at + n + 1]!r}, not on a letter",
                span=Span(at, min(len(target), at + n + 1)),
            )
            return
        yield Violation(
            f"accelerator '{marker}{src[0].key}' of the source is missing: mark one letter of the target with '{marker}'",
            data={"marker": marker, "source_key": src[0].key},
        )
        return
    if not src:
        for acc in tgt:
            yield Violation(
                f"accelerator '{marker}{acc.key}' is not in the source",
                span=Span(acc.start, acc.start + n + 1),
                data={"marker": marker},
            )
        return
    extra = tgt[len(src) :] if len(tgt) > len(src) else []
    for acc in extra:
        yield Violation(
            f"accelerator marker '{marker}' appears {len(tgt)} times; the source has {len(src)}",
            span=Span(acc.start, acc.start + n + 1),
            data={"marker": marker},
        )
    if len(tgt) < len(src):
        yield Violation(
            f"the source has {len(src)} accelerators marked with '{marker}', the target {len(tgt)}",
            data={"marker": marker},
        )


RULE = AcceleratorMismatch
