"""QA207 number-typography."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.numbers.compare import source_locale, target_locale
from qa_pipeline.analysis.numbers.extract import extract, key
from qa_pipeline.analysis.numbers.locale import SPACES, convention
from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule

_NAMES = {"\u00a0": "a no-break space (U+00A0)", "\u202f": "a narrow no-break space (U+202F)"}


def _grouped_source_values(segment: Segment, ctx: Context) -> frozenset[str]:
    """Integers of 10,000 or more that the source writes with group separators."""
    if not segment.source_prose:
        return frozenset()
    lang = source_locale(ctx)
    return frozenset(
        key(t.value)
        for t in extract(segment.source_prose, lang, words=False)
        if t.kind == "number"
        and t.group_chars
        and t.value is not None
        and t.value >= 10_000
        and t.value % 1 == 0
    )


def _grouped(digits: str, group: str) -> str:
    rev = digits[::-1]
    return group.join(rev[i : i + 3] for i in range(0, len(rev), 3))[::-1]


class NumberTypography(SegmentRule):
    """Digits grouped with ordinary spaces, ``%`` glued to the number where CLDR wants a no-break space,
    or a large number left ungrouped where the source groups it.

    In fr, fi, sv, ru, pl… digit groups are separated by a no-break space (fr: U+202F narrow no-break
    space, U+00A0 is accepted too); an ordinary space lets a line break split ``32 300``. In fr, fi,
    de, es, hr, ru, sv… CLDR writes a no-break space before ``%`` (``82 %``). A number of five digits or
    more that the source groups (``245,989``) is reported when the target writes it ungrouped
    (``245989``; fr wants ``245 989``). Only spacing and grouping are reported here; wrong separators are
    QA204.

    Why it matters: a number split over two lines or a glued percent sign looks unprofessional in
    print; it never changes the value, hence the low severity.

    Example:
        Bad: fr, ``32 300 dollars, soit 82% des cas`` (ASCII space, glued %)
        Good: fr, ``32\u202f300 dollars, soit 82\u00a0% des cas``

    Options: none.
    """

    meta = RuleMeta(
        code="QA207",
        name="number-typography",
        category="locale-convention/number-format",
        severity=Severity.MINOR,
        summary="Grouping or percent spacing without the no-break space CLDR prescribes.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        conv = convention(lang := target_locale(ctx))
        if conv is None:
            return
        prose = segment.prose
        grouped_in_source = _grouped_source_values(segment, ctx)
        for tok in extract(prose, lang, words=False):
            if tok.kind != "number" or tok.issue is not None:
                continue
            if not tok.group_chars and tok.value is not None and key(tok.value) in grouped_in_source:
                fix = _grouped(tok.text, conv.group)
                yield Violation(
                    f"'{tok.text}' is not grouped (the source groups it); {lang} writes {fix}",
                    span=tok.span,
                    fix=fix,
                )
            if conv.group in SPACES and conv.group != " " and " " in tok.group_chars:
                fix = tok.text.replace(" ", conv.group)
                want = _NAMES.get(conv.group, "a no-break space")
                yield Violation(
                    f"'{tok.text}' groups digits with ordinary spaces; {lang} uses {want}",
                    span=tok.span,
                    fix=fix,
                )
            if conv.percent_space and tok.percent_space in ("", " "):
                end = tok.span.end + len(tok.percent_space) + 1
                fix = tok.text + "\u00a0%"
                yield Violation(
                    f"{lang} puts a no-break space before %: {tok.text}\u00a0%",
                    span=Span(tok.span.start, end),
                    fix=fix,
                )


RULE = NumberTypography
