"""Span and segment language identification (qa_pipeline.analysis.langid.detect)."""

from __future__ import annotations

from qa_pipeline.analysis.langid.detect import expected_scripts
from qa_pipeline.analysis.langid.names import (
    allowed_terms,
    function_words,
    is_acronym,
    is_mixed_case,
    title_case_run,
)
from qa_pipeline.analysis.langid.untranslated import AnalysisOptions, analyze, tokenize
from qa_pipeline.model import Segment

OPTS = AnalysisOptions()


def run(text: str, lang: str, source: str = "und") -> list[str]:
    a = analyze(Segment(id="s", target=text), lang, source, frozenset(), OPTS)
    return [r.text for r in a.runs] + (["<whole>"] if a.whole else [])


def test_tokenize_splits_scripts() -> None:
    assert [t.text for t in tokenize("PayScaleによると")] == ["PayScale", "によると"]


def test_code_tokens_have_no_script() -> None:
    tokens = tokenize("$config[code] not found")
    assert [t.script for t in tokens[:2]] == [None, None]


def test_names() -> None:
    assert is_acronym("BLS") and is_mixed_case("iPhone") and is_mixed_case("PayScale")
    assert title_case_run(["Bureau", "of", "Labor", "Statistics"])
    assert not title_case_run(["thank", "you"])


def test_allow_list_has_no_booleans() -> None:
    assert "no" in function_words("es") and "on" in function_words("fi")
    assert "et al" in allowed_terms("de")


def test_scripts() -> None:
    assert expected_scripts("ja") == {"Han", "Hiragana", "Katakana"}
    assert expected_scripts("fr") == {"Latin"}


def test_english_run_in_french() -> None:
    assert run("Le client a dit thank you very much et il est parti.", "fr") == ["thank you very much"]


def test_no_source_assumes_english_and_same_language_is_skipped() -> None:
    assert run("This sentence is written in English and is fine.", "en") == []


def test_deterministic() -> None:
    text = "Die Ergebnisse waren gut, but the sample size was small."
    assert run(text, "de") == run(text, "de")
