"""Number extraction, locale readings and comparison (qa_pipeline.analysis.numbers.extract*)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from qa_pipeline.analysis.numbers.compare import compare
from qa_pipeline.analysis.numbers.extract import extract, key, read
from qa_pipeline.analysis.numbers.locale import COMMA, DOT, convention
from qa_pipeline.analysis.numbers.words import cjk_value, languages, spelled_numbers


def values(text: str, lang: str) -> list[str]:
    return [i.primary for t in extract(text, lang, words=False) for i in t.items if i.hard]


@pytest.mark.parametrize(
    ("raw", "conv", "expected"),
    [
        ("36,612", DOT, "36612"),
        ("36,612", COMMA, "36.612"),
        ("15.81", COMMA, None),
        ("15.81", DOT, "15.81"),
        ("1.234.567,5", COMMA, "1234567.5"),
        ("1,234.56", COMMA, None),
        ("12,34,567", DOT, None),
        ("2 000", DOT, "2000"),
        ("2\u202f000,5", COMMA, "2000.5"),
        ("٣٦٬٦١٢", DOT, "36612"),
        ("٣٫٥", COMMA, "3.5"),
        ("０,５", COMMA, "0.5"),
    ],
)
def test_read(raw: str, conv: object, expected: str | None) -> None:
    got = read(raw, conv)  # type: ignore[arg-type]
    assert (key(got) if got is not None else None) == expected


def test_indian_grouping_only_where_cldr_says_so() -> None:
    assert read("1,00,000", DOT, indian=True) == Decimal(100000)
    assert read("1,00,000", DOT) is None
    hi = convention("hi")
    assert hi is not None and hi.indian


def test_cldr_conventions() -> None:
    fr, hr, fi = convention("fr"), convention("hr"), convention("fi")
    assert fr is not None and fr.decimal == "," and fr.group == "\u202f" and fr.percent_space
    assert hr is not None and hr.group == "." and hr.currency_after
    assert fi is not None and fi.group == "\u00a0"
    assert convention("und") is None
    assert convention("xx-nonsense") is None


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("iznosi 36,612 USD i 32.890 dolara", "hr", ["36.612", "32890"]),
        ("年間32,890ドル、82%", "ja", ["32890", "82"]),
        ("do 2026. godine", "hr", ["2026"]),
        ("entre 10–20 personnes", "fr", ["10", "20"]),
        ("24h / 24 et 7j / 7", "fr", ["24", "24", "7", "7"]),
        ("in 2016 300 people came", "en", ["2016", "300"]),
        ("MP3 and H2O files", "en", []),
        ("COVID-19", "en", ["19"]),
        ("−5 °C", "de", ["-5"]),
        ("१,००,००० रुपये", "hi", ["100000"]),
        ("۱۲٬۵۰۰ تومان", "fa", ["12500"]),
    ],
)
def test_extract_values(text: str, lang: str, expected: list[str]) -> None:
    assert values(text, lang) == expected


def test_opaque_tokens() -> None:
    kinds = {t.text: t.kind for t in extract("v1.2.3, +33 1 23 45 67 89, 2020-12-24, 14:30", "en")}
    assert kinds == {"v1.2.3": "version", "+33 1 23 45 67 89": "id", "2020-12-24": "date", "14:30": "time"}


def test_issues() -> None:
    by_text = {t.text: t for t in extract("15.81 i 36,612 i 32.890", "hr")}
    assert by_text["15.81"].issue == "wrong-convention" and by_text["15.81"].suggestion == "15,81"
    assert by_text["36,612"].issue == "ambiguous" and by_text["36,612"].suggestion == "36.612"
    assert by_text["32.890"].issue == "ambiguous-group"
    (tok,) = extract("36،612", "ar")
    assert tok.issue == "arabic-comma" and tok.suggestion == "36,612"
    (mixed,) = extract("١٢3", "ar")
    assert mixed.issue == "mixed-digits"


def test_compare_equivalences_and_differences() -> None:
    same = compare(extract("2,000 copies in 3 days", "en"), extract("2.000 Exemplare in drei Tagen", "de"))
    assert not same.missing and not same.extra and not same.changed
    diff = compare(extract("2,000 copies", "en"), extract("2.500 Exemplare", "de"))
    assert [(s[1].primary, t[1].primary) for s, t in diff.changed] == [("2000", "2500")]
    missing = compare(extract("from 3 to 5 days", "en"), extract("en 3 jours", "fr"))
    assert [m[1].primary for m in missing.missing] == ["5"] and not missing.extra


def test_number_words() -> None:
    assert {"en", "fr", "de", "hr", "fi", "ja", "zh", "ar", "fa", "hi", "ko"} <= set(languages())
    assert cjk_value("二十四") == 24
    assert cjk_value("三万") == 30000
    assert cjk_value("二〇二六") == 2026
    assert [v for _, _, v in spelled_numbers("six ans", "fr")] == [Decimal(6)]
    assert Decimal(2_000_000) in [v for _, _, v in spelled_numbers("two million", "en")]


def keys_of(text: str, lang: str) -> set[str]:
    return {k for t in extract(text, lang) for i in t.items for k in i.keys}


@pytest.mark.parametrize(
    ("text", "lang", "clock"),
    [
        ("6 p.m.", "en", "t18:00"),
        ("12 a.m.", "en", "t0:00"),
        ("12:30 a.m.", "en", "t0:30"),
        ("um 18 Uhr", "de", "t18:00"),
        ("klokken 18", "nb", "t18:00"),
        ("0時", "ja", "t0:00"),
        ("18시에", "ko", "t18:00"),
        ("saa 12 asubuhi", "sw", "t6:00"),
        ("at midnight", "en", "t0:00"),
    ],
)
def test_clock_times(text: str, lang: str, clock: str) -> None:
    assert clock in keys_of(text, lang)


def test_hours_of_a_duration_are_not_clock_times() -> None:
    assert not any(k.startswith("t") for k in keys_of("24時間", "ja") | keys_of("18시간", "ko"))


def test_calendar_and_duration_names_from_cldr() -> None:
    assert "9" in keys_of("due in Sept.", "en") and "5" in keys_of("Mai", "de")
    assert {"1", "2"} <= keys_of("Monday", "en")  # ISO and Sunday-first numbering
    assert "7" in keys_of("на мінулым тыдні", "be")
    (month,) = [t for t in extract("tháng 7", "vi") if t.kind == "date"]
    assert not month.items[0].hard


def test_number_words_from_icu_and_article_forms() -> None:
    assert Decimal(7) in [v for _, _, v in spelled_numbers("tujuh hari", "id")]
    assert Decimal(7) in [v for _, _, v in spelled_numbers("الأيام السبعة", "ar")]
    assert "0" in keys_of("ファイルは何も選択されていません", "ja")


def test_large_scale_words_excuse_their_powers() -> None:
    assert {"10", "21", "1000", "7"} <= keys_of("a sextillion", "en")
    assert "4" not in keys_of("a quintillion", "en")


def test_persian_slash_decimal_needs_digits_on_both_sides() -> None:
    """Regression (found by hypothesis): ``۰/0 00`` raised decimal.InvalidOperation."""
    from decimal import Decimal

    assert [t.value for t in extract("۲/۵ درصد", "fa")] == [Decimal("2.5")]
    assert [t.text for t in extract("۰/0 00", "fa")] == ["۰", "0", "00"]
