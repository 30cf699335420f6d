"""QA101 empty-target."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class EmptyTarget(SegmentRule):
    """A translation unit whose source has text but whose target is empty or only whitespace.

    Why it matters: an empty target ships as a blank label or falls back to the source language,
    depending on the platform; either way the reader sees no translation.

    Example:
        Bad: source ``Save changes``, target ``""`` (or ``"   "``).
        Good: source ``Save changes``, target ``Enregistrer les modifications``.

    Untranslated PO entries (empty ``msgstr``) are not read at all unless they are fuzzy and
    ``include-fuzzy`` is on, so this fires on XLIFF units with an empty ``<target>`` and on aligned
    documents whose paragraph is missing. A target of spaces for a source that is only an affix of up
    to three lowercase letters (the ordinal suffix ``th``) is a deliberate blank, not a missing
    translation: an empty string would mean "untranslated" in PO, and the language needs no suffix.

    Options: none.
    """

    meta = RuleMeta(
        code="QA101",
        name="empty-target",
        category="accuracy/omission",
        severity=Severity.MAJOR,
        summary="The source has text but the target is empty.",
        needs_source=True,
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        source = (segment.source or "").strip()
        if not source or segment.target.strip():
            return
        if segment.target and _affix(source):
            return  # a deliberate blank: the target language needs no suffix ("th" -> " ")
        yield Violation("target is empty while the source has text")


def _affix(source: str) -> bool:
    """A suffix or particle of at most three lowercase letters (``th``, ``st``, ``s``)."""
    return len(source) <= 3 and source.isalpha() and source.islower()


RULE = EmptyTarget
