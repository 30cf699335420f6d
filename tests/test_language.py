"""The Language value: tags parsed once, by Babel, never split by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa_pipeline.language import UND, Language


@pytest.mark.parametrize(
    ("code", "base", "script", "region", "tag"),
    [
        ("pt_BR", "pt", None, "BR", "pt-BR"),
        ("pt-br", "pt", None, "BR", "pt-BR"),
        ("zh-Hant-TW", "zh", "Hant", "TW", "zh-Hant-TW"),
        ("sr_Latn", "sr", "Latn", None, "sr-Latn"),
        ("es-419", "es", None, "419", "es-419"),
        ("FR", "fr", None, None, "fr"),
        ("de_CH.UTF-8", "de", None, "CH", "de-CH"),
        ("sr@latin", "sr", None, None, "sr"),
        ("en-US-x-twain", "en", None, "US", "en-US"),
    ],
)
def test_parse(code: str, base: str, script: str | None, region: str | None, tag: str) -> None:
    lang = Language.parse(code)
    assert (lang.base, lang.script, lang.region, lang.tag, str(lang)) == (base, script, region, tag, tag)


@pytest.mark.parametrize("code", ["", None, "und", "x", "i-klingon", "123", "  "])
def test_undetermined(code: str | None) -> None:
    assert Language.parse(code) == UND and not UND.is_known


@given(st.text(max_size=20))
def test_any_text_parses_to_a_normal_tag(code: str) -> None:
    lang = Language.parse(code)
    assert Language.parse(lang.tag) == lang
    assert lang.base == lang.base.lower() and lang.base.isalpha()
