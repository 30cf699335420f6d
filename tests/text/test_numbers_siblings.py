"""Sibling detection by structure and shared numbers, alignment with number anchors, consensus."""

from __future__ import annotations

from qa_pipeline.model import Document, LanguageInfo, Segment, SegmentKind
from qa_pipeline.siblings import align_by_numbers, auto_siblings, number_overlap

ARTICLE = {
    "fr": ["Le salaire", "Il gagne 36 612 dollars par an.", "Soit 13,52 dollars de l'heure.", "Chiffres",
           "En 2026, 5 % de croissance.", "Un centre sur 3 recrute.", "Voir 28 000 et 35 000."],
    "de": ["Das Gehalt", "Er verdient 36.612 Dollar im Jahr.", "Das sind 13,52 Dollar pro Stunde.", "Zahlen",
           "Bis 2026 5 % Wachstum.", "Jedes 3. Zentrum stellt ein.", "Siehe 28.000 und 35.000."],
    "ja": ["給与", "年収は36,612ドルです。", "時給13.52ドルです。", "数字",
           "2026年までに5%の成長。", "3つに1つのセンター。", "28,000と35,000を参照。"],
}  # fmt: skip
OTHER = ["Palkka", "Hän ansaitsee 41 430 dollaria.", "Se on 19,90 euroa tunnissa.", "Luvut",
         "Vuonna 2016 kasvua 7 %.", "Joka 4. keskus palkkaa.", "Katso 61 000 ja 82 500."]  # fmt: skip


def doc(lang: str, paragraphs: list[str], path: str | None = None) -> Document:
    segs = tuple(
        Segment(
            id=f"p{i}", target=t, kind=SegmentKind.HEADING if len(t) < 12 else SegmentKind.PARAGRAPH, index=i
        )
        for i, t in enumerate(paragraphs)
    )
    return Document(
        path=path or f"{lang}.txt", format="text", text="\n".join(paragraphs), segments=segs,
        target_language=LanguageInfo(lang, "cli"),
    )  # fmt: skip


def test_translations_of_one_article_are_siblings_a_template_twin_is_not() -> None:
    docs = [doc(lang, paras) for lang, paras in sorted(ARTICLE.items())] + [doc("fi", OTHER)]
    found = auto_siblings(docs)
    assert sorted(s.document.path for s in found["fr.txt"]) == ["de.txt", "ja.txt"]
    assert "fi.txt" not in found
    assert number_overlap(docs[0], docs[-1]) == 0.0


def test_alignment_skips_a_dropped_paragraph_using_numbers() -> None:
    full = doc("fr", ARTICLE["fr"])
    shorter = doc("de", [p for i, p in enumerate(ARTICLE["de"]) if i != 2])
    pairs = dict((i, j) for i, j in align_by_numbers(full, shorter) if i is not None)
    assert pairs[1] == 1 and pairs[2] is None and pairs[4] == 3 and pairs[6] == 5


def test_siblings_with_different_numbers_are_not_paired_even_with_same_structure() -> None:
    twin = doc("fi", OTHER)
    assert number_overlap(doc("de", ARTICLE["de"]), twin) == 0.0
