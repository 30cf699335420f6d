"""QA103 edge-whitespace-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from qa_pipeline.analysis.punctuation import french_spacing
from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule

_SPACES = " \u00a0\u202f\u2009"
_FIRST_GRAPHEME = regex.compile(r"\X")
_LAST_GRAPHEME = regex.compile(r"\X\Z")


def _lead(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def _trail(text: str) -> str:
    return text[len(text.rstrip()) :]


def _show(ws: str) -> str:
    return repr(ws) if ws else "none"


def _differs(src_ws: str, tgt_ws: str) -> bool:
    """Whitespace present on one side only, or a different number of line breaks. The width of an
    indentation after a line break (a template's ``\\n    ``) does not matter."""
    return bool(src_ws) != bool(tgt_ws) or src_ws.count("\n") != tgt_ws.count("\n")


def _french_space(lead: str, rest: str, marks: str) -> bool:
    """A space that French typography requires at the edge: before a leading ``: ; ! ?`` or ``»``,
    or after a trailing ``«``."""
    return bool(lead) and not lead.strip(_SPACES) and rest[:1] in marks


class EdgeWhitespaceMismatch(SegmentRule):
    """Leading or trailing whitespace of the target differs from the source's.

    Why it matters: software strings are concatenated at run time; a dropped or added space glues
    words together (``Downloaded5 files``) or indents a label.

    Example:
        Bad: source ``"Name: "``, target ``"Nom :"`` (the trailing space is lost).
        Good: source ``"Name: "``, target ``"Nom : "``.

    Only units of bilingual files (PO, XLIFF) are checked: document paragraphs are trimmed by the
    reader. Not reported: a different width of whitespace (``"  "`` for ``" "``, an indentation after
    the same line break), and in French-spacing locales (see QA607) the space French typography puts
    before a leading ``: ; ! ?`` or ``»`` or after a trailing ``«`` (source ``":"``, target ``" :"``).
    Options: none.
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
        conv = french_spacing(ctx.target_language)
        lead_src, lead_tgt, trail_src, trail_tgt = _lead(src), _lead(tgt), _trail(src), _trail(tgt)
        if conv is not None and not lead_src and _french_space(lead_tgt, tgt.lstrip(), conv.before + "»"):
            lead_tgt = ""
        if conv is not None and not trail_src and _french_space(trail_tgt, tgt.rstrip()[-1:], "«"):
            trail_tgt = ""
        # the span is the target's whitespace, or where it is missing, the first or last character
        # (a whole grapheme: ``है``, not its vowel sign)
        if _differs(lead_src, lead_tgt):
            n = len(_lead(tgt)) or len(_FIRST_GRAPHEME.match(tgt).group(0))  # type: ignore[union-attr]
            yield Violation(
                f"leading whitespace differs: source {_show(lead_src)}, target {_show(lead_tgt)}",
                span=Span(0, n),
            )
        if _differs(trail_src, trail_tgt):
            n = len(_trail(tgt)) or len(_LAST_GRAPHEME.search(tgt).group(0))  # type: ignore[union-attr]
            yield Violation(
                f"trailing whitespace differs: source {_show(trail_src)}, target {_show(trail_tgt)}",
                span=Span(len(tgt) - n, len(tgt)),
            )


RULE = EdgeWhitespaceMismatch
