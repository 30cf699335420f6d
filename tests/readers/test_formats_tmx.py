"""TMX: one document per target language, source language rules, claims and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_pipeline.readers import ReaderError, ReadOptions, read_document, read_documents
from qa_pipeline.readers.tmx import claims, read_tmx, read_tmx_documents

from .helpers import FIXTURES, assert_positions_exact, check_snapshot, describe

MEMORY = FIXTURES / "tmx" / "memory.tmx"


def test_memory_documents_snapshot() -> None:
    docs = read_documents(MEMORY, ReadOptions(include_untranslated=True), display="tmx/memory.tmx")
    assert [d.target_language.code for d in docs] == ["de-DE", "fr-FR"]
    for doc in docs:
        assert_positions_exact(doc)
    check_snapshot("tmx__memory.tmx.documents", {"documents": [describe(d) for d in docs]})


def test_single_document_picks_the_language() -> None:
    assert read_document(MEMORY).target_language.code == "de-DE"
    assert read_document(MEMORY, ReadOptions(target_language="fr")).target_language.code == "fr-FR"


def _tmx(header: str, body: str) -> str:
    return f'<?xml version="1.0"?><tmx version="1.4"><header {header}/><body>{body}</body></tmx>'


def test_srclang_all_takes_the_configured_source_else_the_first_listed() -> None:
    body = (
        '<tu><tuv xml:lang="de"><seg>Hallo</seg></tuv><tuv xml:lang="en"><seg>Hello</seg></tuv></tu>'
        '<tu><tuv xml:lang="de"><seg>Welt</seg></tuv><tuv xml:lang="en"><seg>World</seg></tuv></tu>'
    )
    text = _tmx('srclang="*all*"', body)
    (guessed,) = read_tmx_documents(text, "m.tmx", ReadOptions())
    assert (guessed.source_language.code, guessed.target_language.code) == ("de", "en")
    (configured,) = read_tmx_documents(text, "m.tmx", ReadOptions(source_language="en"))
    assert (configured.source_language.code, configured.source_language.origin) == ("en", "config")
    assert [(s.source, s.target) for s in configured.segments] == [("Hello", "Hallo"), ("World", "Welt")]


def test_source_matches_by_base_language() -> None:
    body = '<tu><tuv xml:lang="en-GB"><seg>Colour</seg></tuv><tuv xml:lang="fr"><seg>Couleur</seg></tuv></tu>'
    (doc,) = read_tmx_documents(_tmx('srclang="en"', body), "m.tmx", ReadOptions())
    assert [(s.source, s.target) for s in doc.segments] == [("Colour", "Couleur")]


def test_tmx_11_lang_attribute_and_ids() -> None:
    body = (
        '<tu tuid="a"><tuv lang="EN"><seg>One</seg></tuv><tuv lang="IT"><seg>Uno</seg></tuv></tu>'
        '<tu><tuv lang="EN"><seg>Two</seg></tuv><tuv lang="IT"><seg>Due</seg></tuv></tu>'
    )
    (doc,) = read_tmx_documents(_tmx('srclang="en"', body), "m.tmx", ReadOptions())
    assert doc.target_language.code == "it"
    assert [s.id for s in doc.segments] == ["a", "2"]


def test_without_units() -> None:
    doc = read_tmx(_tmx('srclang="en"', ""), "m.tmx", ReadOptions())
    assert doc.segments == () and doc.completeness.units == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('<map version="1.10" orientation="orthogonal"/>', "not a TMX file (root element <map>)"),
        ("<tmx><body><tu></body></tmx>", "line 1, column 18: malformed XML (mismatched tag)"),
        (
            '<!DOCTYPE tmx [<!ENTITY a "aaaa">]><tmx><body/></tmx>',
            "unsafe XML: entity declarations are not allowed (possible entity-expansion attack)",
        ),
        ("", "line 1, column 1: malformed XML (no element found)"),
    ],
)
def test_errors(text: str, message: str) -> None:
    with pytest.raises(ReaderError) as info:
        read_tmx(text, "m.tmx", ReadOptions())
    assert str(info.value) == message


def test_claims_only_translation_memories() -> None:
    assert claims(Path("a.tmx"), '<?xml version="1.0"?>\n<tmx version="1.4">')
    assert not claims(Path("level1.tmx"), '<?xml version="1.0"?>\n<map version="1.10" tiledversion="1.10.2">')
