"""QA209 number-missing-from-siblings."""

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


class NumberMissingFromSiblings(DocumentRule):
    """Without a source: a number most sibling translations have in this paragraph is missing here.

    Works like QA208 (same sibling detection and alignment, each sibling read in its own locale), for
    values this translation does not have in any form — not in digits, not spelled out. Typical
    catch: ``24時間`` ("24 hours") where the other translations say ``24/7``.

    Why it matters: a value every other translation kept was in the source; dropping it drops a fact.

    Example:
        Bad: ja ``サポートは24時間対応です。`` where fr, hr and ar say 24/7
        Good: ja ``サポートは24時間365日、週7日対応です。``

    Options: ``min-support`` (default 2).
    """

    meta = RuleMeta(
        code="QA209",
        name="number-missing-from-siblings",
        category="accuracy/omission",
        severity=Severity.MAJOR,
        summary="A number most sibling translations have is missing here.",
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
            for agreed in diff.missing:
                who = ", ".join(agreed.supporters)
                others = f"; {', '.join(agreed.dissenters)} do not" if agreed.dissenters else ""
                yield Violation(
                    f"{len(agreed.supporters)} of {diff.siblings} sibling translations ({who}) have "
                    f"{agreed.key} here ('{agreed.text}'); this one does not{others}",
                    segment_id=segment.id,
                    data={"missing": agreed.key, "siblings": list(agreed.supporters)},
                )


RULE = NumberMissingFromSiblings
