"""Property: Babel-formatted numbers never mismatch across locales, and a changed digit always does.

Nothing here depends on what one CLDR release chose: every expectation is "whatever Babel formats
for this locale reads back as the same value", for every locale the installed Babel knows.
"""

from __future__ import annotations

import contextlib
import itertools
from decimal import Decimal

from babel import Locale, localedata
from babel.numbers import format_decimal
from hypothesis import example, given, settings
from hypothesis import strategies as st

from qa_pipeline.analysis.numbers.compare import compare
from qa_pipeline.analysis.numbers.extract import extract

LOCALES = [
    "en", "fr", "fr_CA", "fr_CH", "de", "de_CH", "de_AT", "es", "es_MX", "it", "it_CH", "pt", "pt_BR", "nl",
    "pl", "hr", "fi", "sv", "nb", "tr", "ru", "ar", "ar_EG", "fa", "ur", "hi", "en_IN", "ja", "zh", "ko",
]  # fmt: skip

numbers = st.builds(
    lambda whole, frac, places: Decimal(whole) + (Decimal(frac) / Decimal(10) ** places if places else 0),
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=0, max_value=999),
    st.sampled_from([0, 1, 2, 3]),
)


def _code(locale: str) -> str:
    return locale.replace("_", "-")


def _pair(value: Decimal, locale: str, system: str = "default") -> tuple[str, str]:
    source = format_decimal(value, locale="en", decimal_quantization=False)
    target = format_decimal(value, locale=locale, numbering_system=system, decimal_quantization=False)
    return f"Total: {source} units", f"{target} ="


def _mismatch(value: Decimal, locale: str, system: str = "default") -> object:
    source, target = _pair(value, locale, system)
    diff = compare(extract(source, "en"), extract(target, _code(locale)))
    return (source, target, diff) if diff.missing or diff.extra or diff.changed else None


@settings(max_examples=60, deadline=None)
@given(value=numbers, locale=st.sampled_from(LOCALES))
@example(value=Decimal(1000), locale="de_CH")  # babel 2.19 writes 1'000
@example(value=Decimal("1234567.5"), locale="de_CH")
def test_formatted_values_never_mismatch(value: Decimal, locale: str) -> None:
    assert _mismatch(value, locale) is None


def _systems(locale: str) -> set[str]:
    systems = {"latn"}
    with contextlib.suppress(KeyError):
        systems.add(Locale.parse(locale).default_numbering_system)
    return systems


def test_every_locale_reads_what_babel_writes_for_it() -> None:
    """Each locale's own formatting (grouping, decimal mark, digits) reads back as the value."""
    failures = [
        failure
        for locale in localedata.locale_identifiers()
        for system in sorted(_systems(locale))
        for value in (Decimal(1000), Decimal("1234567.891"), Decimal("12345.6"))
        if (failure := _mismatch(value, locale, system)) is not None
    ]
    assert not failures, failures[:5]


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
    diff = compare(extract(source, "en"), extract(changed, _code(locale)))
    assert diff.missing or diff.extra or diff.changed, (source, changed)


ALPHABET = st.sampled_from(
    list(
        "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९０１２ .,'’،٫٬⹁-–/:%٪％$€年月時hkaApmvV\u00a0\u202f\u2009\n"
    )
)


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=ALPHABET, max_size=40),
    lang=st.sampled_from(["en", "fr", "de-CH", "hr", "ar", "fa", "hi", "ja", "tok"]),
)
def test_extraction_spans_are_consistent(text: str, lang: str) -> None:
    tokens = extract(text, lang)
    for tok in tokens:
        assert 0 <= tok.span.start <= tok.span.end <= len(text)
        assert text[tok.span.start : tok.span.end] == tok.text
    digits = [t for t in tokens if t.kind != "word"]
    for a, b in itertools.pairwise(digits):
        assert a.span.end <= b.span.start or a.span == b.span, (a.text, b.text)
