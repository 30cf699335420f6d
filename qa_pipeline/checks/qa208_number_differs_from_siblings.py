"""QA208 number-differs-from-siblings."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from qa_pipeline.analysis.numbers.compare import sibling_diff
from qa_pipeline.model import Severity, Violation
from qa_pipeline.ruleapi import Context, DocumentRule, RuleMeta


@dataclass(frozen=True)
class Options:
    min_support: int = 2
    """How many sibling translations (and more than half of them) must agree on a value."""


class NumberDiffersFromSiblings(DocumentRule):
    """Without a source: a number most sibling translations agree on has another value here.

    When a run holds several translations of one document (a ``layout`` such as
    ``content/{lang}/{path}``, or files that share paragraph structure), each paragraph's numbers are
    compared with those of the aligned paragraphs of the other translations, each read in its own
    locale. A value that at least ``min-support`` siblings, and more than half of them, have — while
    this translation has another value none of them has — is reported, naming the siblings. Headings
    are only compared with headings; numbers spelled out as words count as present.

    Why it matters: with no source at hand, the other translations are the best witness of what the
    source said; one translation that disagrees with all the others is almost always the wrong one.

    Example:
        Bad: hr ``Plaća je 38.612 USD.`` where fr, ja and ar say 36612
        Good: hr ``Plaća je 36.612 USD.``

    Options: ``min-support`` (default 2).
    """

    meta = RuleMeta(
        code="QA208",
        name="number-differs-from-siblings",
        category="accuracy/mistranslation",
        severity=Severity.MAJOR,
        summary="A number differs from the value most sibling translations have.",
    )
    Options = Options

    def check_document(self, ctx: Context) -> Iterator[Violation]:
        if not ctx.siblings:
            return
        opts: Options = ctx.options
        for segment in ctx.document.segments:
            diff = sibling_diff(segment, ctx, opts.min_support)
            if diff is None:
                continue
            for agreed, tok in diff.changed:
                who = ", ".join(agreed.supporters)
                yield Violation(
                    f"'{tok.text}' where {len(agreed.supporters)} of {diff.siblings} sibling translations "
                    f"({who}) have {agreed.key} ('{agreed.text}')",
                    span=tok.span,
                    segment_id=segment.id,
                    data={"expected": agreed.key, "siblings": list(agreed.supporters)},
                )


RULE = NumberDiffersFromSiblings
