"""ICU sentence and word segmentation: spans in code points that tile the text exactly."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from qa_pipeline.text.segmentation import sentences, words


def test_sentences_per_language() -> None:
    text = "Dr. Müller arrive. Il est 10 h. Vraiment ?"
    got = [text[s.start : s.end] for s in sentences(text, "fr")]
    assert got[-1] == "Vraiment ?"
    assert "".join(got) == text
    ja = "今日は晴れです。明日は雨でしょう。"
    assert [ja[s.start : s.end] for s in sentences(ja, "ja")] == ["今日は晴れです。", "明日は雨でしょう。"]
    ar = "هذا نص قصير. هل هو واضح؟ نعم."
    assert len(sentences(ar, "ar")) == 3


def test_offsets_are_code_points_with_astral_characters() -> None:
    text = "Voici 𠮷 et 😀. Deuxième phrase."
    spans = sentences(text, "fr")
    assert text[spans[1].start : spans[1].end] == "Deuxième phrase."


def test_words_of_unspaced_text() -> None:
    text = "カスタマーサービス担当者の定義"
    found = [text[s.start : s.end] for s in words(text, "ja")]
    assert "".join(found) == text.replace(" ", "")
    assert len(found) >= 3


@given(st.text(max_size=200), st.sampled_from(["en", "fr", "ja", "ar", "hr", None]))
def test_sentences_tile_the_text(text: str, lang: str | None) -> None:
    spans = sentences(text, lang)
    assert "".join(text[s.start : s.end] for s in spans) == text
    assert all(a.end == b.start for a, b in itertools.pairwise(spans))
