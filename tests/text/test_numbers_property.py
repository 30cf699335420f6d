"""Property: Babel-formatted numbers never mismatch across locales, and a changed digit always does."""

from __future__ import annotations

import itertools
from decimal import Decimal

from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from qa_pipeline.text.numbers import extract
from qa_pipeline.text.numbers_compare import compare

LOCALES = [
    "en", "fr", "fr_CA", "de", "de_CH", "es", "it", "pt", "pt_BR", "nl", "pl", "hr", "fi", "sv", "tr",
    "ru", "ar", "ar_EG", "fa", "hi", "ja", "zh", "ko",
]  # fmt: skip

numbers = st.builds(
    lambda whole, frac, places: Decimal(whole) + (Decimal(frac) / Decimal(10) ** places if places else 0),
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=0, max_value=999),
    st.sampled_from([0, 1, 2, 3]),
)


def _lang(locale: str) -> str:
    return locale.split("_")[0]


def _pair(value: Decimal, locale: str) -> tuple[str, str]:
    source = format_decimal(value, locale="en", decimal_quantization=False)
    target = format_decimal(value, locale=locale, numbering_system="default", decimal_quantization=False)
    return f"Total: {source} units", f"{target} ="


@settings(max_examples=60, deadline=None)
@given(value=numbers, locale=st.sampled_from(LOCALES))
def test_formatted_values_never_mismatch(value: Decimal, locale: str) -> None:
    source, target = _pair(value, locale)
    diff = compare(extract(source, "en"), extract(target, _lang(locale)))
    assert not diff.missing and not diff.extra and not diff.changed, (source, target, diff)


@settings(max_examples=60, deadline=None)
@given(value=numbers, locale=st.sampled_from(LOCALES), data=st.data())
def test_changed_digit_always_mismatches(value: Decimal, locale: str, data: st.DataObject) -> None:
    source, target = _pair(value, locale)
    positions = [i for i, c in enumerate(target) if c.isdigit()]
    pos = data.draw(st.sampled_from(positions))
    old = target[pos]
    zero = ord(old) - int(old)
    new_digit = data.draw(st.sampled_from([d for d in range(10) if d != int(old)]))
    changed = target[:pos] + chr(zero + new_digit) + target[pos + 1 :]
    diff = compare(extract(source, "en"), extract(changed, _lang(locale)))
    assert diff.missing or diff.extra or diff.changed, (source, changed)


ALPHABET = st.sampled_from(
    list("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९０１２ .,'’،٫٬-–/:%٪％$€年月hkaAvV\u00a0\u202f\n")
)


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=ALPHABET, max_size=40),
    lang=st.sampled_from(["en", "fr", "hr", "ar", "fa", "hi", "ja"]),
)
def test_extraction_spans_are_consistent(text: str, lang: str) -> None:
    tokens = extract(text, lang)
    for tok in tokens:
        assert 0 <= tok.span.start <= tok.span.end <= len(text)
        assert text[tok.span.start : tok.span.end] == tok.text
    digits = [t for t in tokens if t.kind != "word"]
    for a, b in itertools.pairwise(digits):
        assert a.span.end <= b.span.start or a.span == b.span, (a.text, b.text)
