"""QA606 locale-quotation-marks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from qa_pipeline.analysis.punctuation import quote_pairs, scan_quotes
from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


@dataclass(frozen=True)
class Options:
    pairs: tuple[str, ...] = ()
    """Accepted outer quotation pairs, e.g. ``["«»"]``; empty: the built-in list for the language."""
    allow_straight: bool = True
    """Accept straight ``"…"`` quotation marks (common in software strings and plain text)."""


class LocaleQuotationMarks(SegmentRule):
    """Quotation marks that are not the target language's: ``“…”`` in French, ``“…”`` in German.

    Why it matters: each language has its own quotation marks (fr ``« »``, de ``„ “``, pl ``„ ”``,
    ja ``「」``, ru ``« »``); text quoted with another language's marks reads as untranslated
    typography. Only outermost quotations are checked: a quotation nested in another may use any
    pair. Straight quotes are accepted unless ``allow-straight`` is false. Category: the locale's
    typographic convention (``locale-convention/quotation-marks``, an extension of MQM's locale
    convention type).

    Example:
        Bad (fr): ``Il a dit “bonjour”.``
        Good (fr): ``Il a dit « bonjour ».``

    Options: ``pairs`` (list of two-character pairs, default: built-in per language),
    ``allow-straight`` (default true).
    """

    meta = RuleMeta(
        code="QA606",
        name="locale-quotation-marks",
        category="locale-convention/quotation-marks",
        severity=Severity.MINOR,
        summary="Quotation marks that the target language does not use.",
    )
    Options = Options

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        if ctx.lang == "und":
            return
        accepted = set(ctx.options.pairs or quote_pairs(ctx.target_language))
        if ctx.options.allow_straight:
            accepted.add('""')
        text = segment.prose
        scan = scan_quotes(text, ctx.target_language)
        used = [(o, c) for o, c, depth in scan.pairs if depth == 0]
        used += list(scan.mismatched)
        for o, c in used:
            pair = text[o] + text[c]
            if pair in accepted or (text[o] == '"' and '""' in accepted):
                continue
            want = " or ".join(f"{p[0]}…{p[1]}" for p in sorted(accepted) if p != '""') or "?"
            yield Violation(
                f"quotation marks {text[o]}…{text[c]} are not used in {ctx.target_language}; expected {want}",
                span=Span(o, c + 1),
                data={"used": pair, "expected": sorted(accepted)},
            )


RULE = LocaleQuotationMarks
