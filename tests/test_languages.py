"""Language resolution order and path conventions."""

from __future__ import annotations

import pytest

from qa_pipeline.languages import detect_language, language_from_path, normalize, resolve_languages
from qa_pipeline.model import Document, LanguageInfo, Segment


@pytest.mark.parametrize(
    ("path", "lang"),
    [
        ("docs/fr/guide.md", "fr"),
        ("locale/pt_BR/LC_MESSAGES/app.po", "pt-BR"),
        ("content/zh-Hant/index.md", "zh-Hant"),
        ("messages.de.po", "de"),
        ("strings_fi.txt", "fi"),
        ("i18n/hr.po", "hr"),
        ("app/ja.xliff", "ja"),
        ("src/main.txt", None),
        ("docs/guide.md", None),
        ("app/lib/readme.txt", None),
    ],
)
def test_language_from_path(path: str, lang: str | None) -> None:
    assert language_from_path(path) == lang


def test_normalize() -> None:
    assert normalize("pt_BR") == "pt-BR"
    assert normalize("FR") == "fr"
    assert normalize("zh_hant") == "zh-Hant"
    assert normalize("ca@valencia") == "ca"


def test_detection_is_seeded_and_stable() -> None:
    text = "Ceci est un petit texte en français pour vérifier la détection de la langue du document."
    first = detect_language(text)
    assert first.code == "fr" and first.origin == "detected"
    assert all(detect_language(text) == first for _ in range(5))


def test_too_short_to_detect() -> None:
    assert detect_language("OK").code is None


def test_order_cli_file_path_detected() -> None:
    seg = Segment(id="p1", target="Dies ist ein deutscher Satz über das Wetter und die Berge im Süden.")
    from_file = Document("x/fr/a.po", "po", "", (seg,), LanguageInfo("it", "file"))
    assert resolve_languages(from_file, "es", None)[0] == LanguageInfo("es", "cli")
    assert resolve_languages(from_file, None, None)[0] == LanguageInfo("it", "file")
    plain = Document("x/fr/a.txt", "text", "", (seg,))
    assert resolve_languages(plain, None, None)[0] == LanguageInfo("fr", "path")
    unknown = Document("x/a.txt", "text", "", (seg,))
    target = resolve_languages(unknown, None, None)[0]
    assert target.code == "de" and target.origin == "detected"
