"""QA205 currency-placement."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.numbers.compare import target_locale
from qa_pipeline.analysis.numbers.extract import extract
from qa_pipeline.analysis.numbers.locale import convention
from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class CurrencyPlacement(SegmentRule):
    """A currency symbol stands on the side of the amount the target locale does not use.

    CLDR says where each locale puts the symbol: after the amount in fi, fr, de, hr, es…
    (``41 430 $``), before it in en, ja, zh, pt-BR, nl (``$41,430``, ``R$ 10``). Only symbols are
    checked (``$ € £ ¥ ₹ …``); ISO codes such as ``USD`` may stand on either side.

    Why it matters: a symbol on the wrong side marks the text as a careless copy of the source's
    format.

    Example:
        Bad: fi, ``Palkka on $ 41 430 vuodessa.``
        Good: fi, ``Palkka on 41 430 $ vuodessa.``

    Options: none.
    """

    meta = RuleMeta(
        code="QA205",
        name="currency-placement",
        category="locale-convention/currency-format",
        severity=Severity.MINOR,
        summary="A currency symbol is placed against the target locale's convention.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        conv = convention(lang := target_locale(ctx))
        if conv is None or conv.currency_after is None:
            return
        for tok in extract(segment.prose, lang):
            if tok.currency is None or tok.kind != "number":
                continue
            symbol, before, space = tok.currency
            if before and conv.currency_after:
                start = segment.prose.rfind(symbol, 0, tok.span.start)
                span = Span(start, tok.span.end)
                fix = f"{tok.text}\u00a0{symbol}"
                yield Violation(
                    f"{lang} writes the currency symbol after the amount: {fix}", span=span, fix=fix
                )
            elif not before and not conv.currency_after and not space:
                span = Span(tok.span.start, tok.span.end + len(symbol))
                fix = f"{symbol}{tok.text}"
                yield Violation(
                    f"{lang} writes the currency symbol before the amount: {fix}", span=span, fix=fix
                )


RULE = CurrencyPlacement
