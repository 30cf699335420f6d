"""QA833 option-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.fidelity.literals import Literal, compare, occurs, options, violations
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


def _one_to_one(a: Literal, b: Literal) -> bool:
    return True


class OptionMismatch(SegmentRule):
    """A command-line option of the source (``--force``, ``-n``) that the target lacks or changed.

    Why it matters: options are typed by users exactly as written; a translated ``--forcer`` or a
    dropped ``-n`` makes the documented command fail.

    Long options are compared by name (the ``=VALUE`` after them may be translated: ``--file=FICHIER``);
    single-letter options count only after a space, a bracket or a quote, so hyphenated words and
    suffixes (``e-mail``, ``PDF-t``) are not options.

    Example:
        Bad: source ``Run with --dry-run first.``, target ``Exécutez d'abord avec --essai.``
        Good: source ``Run with --dry-run first.``, target ``Exécutez d'abord avec --dry-run.``

    Options: none.
    """

    meta = RuleMeta(
        code="QA833",
        name="option-mismatch",
        category="accuracy/do-not-translate",
        severity=Severity.MAJOR,
        summary="A command-line option of the source is missing or changed in the target.",
        needs_source=True,
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        source = segment.source_prose
        if source is None or "-" not in source:
            return
        found = options(source)
        if not found:
            return
        target = segment.prose
        result = compare(found, options(target), _one_to_one, lambda s: occurs(s.text, target))
        yield from violations(result, "option", report_added=False)


RULE = OptionMismatch
