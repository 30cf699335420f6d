"""QA616 space-after-elision."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule

# Elided words that are always glued to the next word: fr l' d' j' n' s' c' m' t' qu' jusqu' lorsqu'
# puisqu'; it l' d' un' dell' all' nell' sull' dall' quest'; ca l' d' n' s' m'.
_ELISIONS = {
    "fr": r"[lLdDjJnNsScCmMtT]|[qQ]u|[jJ]usqu|[lL]orsqu|[pP]uisqu|[qQ]uoiqu",
    "it": r"[lLdD]|[uU]n|[dD]ell|[aA]ll|[nN]ell|[sS]ull|[dD]all|[qQ]uest|[qQ]uell|[cC]",
    "ca": r"[lLdDnNsSmM]",
}
_APOSTROPHES = "'’"


class SpaceAfterElision(SegmentRule):
    """A space after an elided article or pronoun: ``l' oxygène``, ``d' étiologie``, ``dell' anno``.

    Why it matters: French, Italian and Catalan glue an elided word to the next one (``l'oxygène``);
    a space after the apostrophe is a tokenisation trace of machine translation that readers see at
    once. Only the closed list of elided forms (``l' d' j' n' s' c' m' t' qu' jusqu'…``) followed by a
    space and a letter is reported.

    Example:
        Bad: ``L' efficacité de l' hydrochlorothiazide``
        Good: ``L'efficacité de l'hydrochlorothiazide``

    Options: none.
    """

    meta = RuleMeta(
        code="QA616",
        name="space-after-elision",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="A space after an elided word (l' d' qu'…) in French, Italian or Catalan.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        forms = _ELISIONS.get(ctx.lang)
        if forms is None:
            return
        pattern = regex.compile(rf"(?<![\p{{L}}])(?:{forms})([{_APOSTROPHES}])([ \u00a0]+)(?=\p{{L}})")
        for m in pattern.finditer(segment.prose):
            yield Violation(
                f"space after the elided {m.group(0).strip()!r}",
                span=Span(m.start(2), m.end(2)),
                fix="",
            )


RULE = SpaceAfterElision
