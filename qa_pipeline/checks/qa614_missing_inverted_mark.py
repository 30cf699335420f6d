"""QA614 missing-inverted-mark."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule
from qa_pipeline.text.segmentation import sentences

_PAIRS = {"?": "¿", "!": "¡"}
_LANGS = frozenset({"es", "ast"})


class MissingInvertedMark(SegmentRule):
    """A Spanish question or exclamation without its opening ``¿`` or ``¡``.

    Why it matters: Spanish (and Asturian) opens questions and exclamations with an inverted mark
    (Galician makes it optional and is not checked); ``Desea continuar?`` reads as a typo or an untranslated
    English habit. Each sentence ending in ``?`` or ``!`` must contain the matching opening mark.
    Marks in parentheses (``(?)``), interrobang runs and a ``?`` inside a token (``/search?q=``) are
    not reported.

    Example:
        Bad: ``Desea guardar los cambios?``
        Good: ``¿Desea guardar los cambios?``

    Options: none.
    """

    meta = RuleMeta(
        code="QA614",
        name="missing-inverted-mark",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="A Spanish question or exclamation without ¿ or ¡.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        if ctx.lang not in _LANGS:
            return
        text = segment.prose
        for span in sentences(text, ctx.target_language):
            piece = text[span.start : span.end]
            seen: set[str] = set()  # the characters before position i, kept as the loop goes
            letter_before = False
            for i, ch in enumerate(piece):
                opener = _PAIRS.get(ch)
                had_opener = opener is not None and opener in seen
                had_letter = letter_before
                seen.add(ch)
                letter_before = letter_before or ch.isalpha()
                if opener is None or had_opener:
                    continue
                before = piece[i - 1] if i else " "
                j = span.start + i + 1
                after = text[j] if j < len(text) else " "
                if before in "(?!¿¡" or not had_letter:
                    continue
                if not (after.isspace() or after in "\"'”»)]?!"):
                    continue
                yield Violation(
                    f"{ch!r} without an opening {opener!r}",
                    span=Span(span.start + i, span.start + i + 1),
                )


RULE = MissingInvertedMark
