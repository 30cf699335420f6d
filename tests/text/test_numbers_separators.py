"""Every separator CLDR gives any locale joins digits; Swiss grouping reads in de-CH either way."""

from __future__ import annotations

import babel
import pytest

from qa_pipeline.analysis.numbers.extract import extract
from qa_pipeline.analysis.numbers.locale import SPACES, scan_babel, separators, table_json


def _numbers(text: str, lang: str) -> list[tuple[str, str]]:
    return [(t.text, t.items[0].primary) for t in extract(text, lang, words=False) if t.kind == "number"]


@pytest.fixture(scope="module")
def cldr() -> object:
    return scan_babel()  # every locale of the installed Babel, whatever its CLDR release


def test_every_cldr_group_symbol_groups_digits(cldr: object) -> None:
    for symbol in sorted(cldr.groups):  # type: ignore[attr-defined]
        for lang in ("en", "ja", "de-CH", "fr", "ar"):
            got = _numbers(f"total 12{symbol}345{symbol}678 items", lang)
            assert len(got) == 1 and got[0][0] == f"12{symbol}345{symbol}678", (symbol, lang, got)


def test_every_cldr_decimal_symbol_joins_its_digits(cldr: object) -> None:
    for symbol in sorted(cldr.decimals):  # type: ignore[attr-defined]
        for lang in ("en", "ja", "de-CH", "fr"):
            got = _numbers(f"total 3{symbol}25 items", lang)
            assert len(got) == 1 and got[0][0] == f"3{symbol}25", (symbol, lang, got)


def test_checked_in_table_is_what_this_babel_says(cldr: object) -> None:
    from qa_pipeline.analysis.numbers import locale as numbers_locale

    table = numbers_locale._TABLE.read_text(encoding="utf-8")
    if f'"babel": "{babel.__version__}"' not in table:
        pytest.skip("table made with another Babel: separators() scans this one's locales instead")
    assert table == table_json(cldr)  # type: ignore[arg-type]
    assert separators() == cldr


@pytest.mark.parametrize("text", ["1'000", "1’000", "1 000", "1\u202f000", "1\u00a0000"])
def test_swiss_grouping_reads_as_a_thousand(text: str) -> None:
    assert _numbers(f"Total {text} Franken", "de-CH") == [(text, "1000")]
    (tok,) = extract(f"{text}.50", "de-CH", words=False)
    assert tok.items[0].primary == "1000.5" and tok.issue is None


def test_spaces_and_apostrophes_are_interchangeable_typography() -> None:
    assert {" ", "\u00a0", "\u202f", "\u2009"} <= SPACES
    for lang in ("fr", "fi", "de-CH"):
        assert all(_numbers(f"x 12{s}345 y", lang) == [(f"12{s}345", "12345")] for s in SPACES)
