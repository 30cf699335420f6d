"""Every real Apple ``.strings``/``.stringsdict`` and TMX file of ../shared/corpora reads without
error, with exact positions, and gives every unit the file has.

Skipped when ../shared is absent (a user's clone).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qa_pipeline.readers import ReadOptions, read_document, read_documents
from qa_pipeline.readers.apple_strings import default_source, language_from_path

from .helpers import assert_positions_exact

CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpora"
APPLE = (
    sorted((CORPORA / "mastodon-ios-strings").glob("*.lproj/Localizable.strings*"))
    if CORPORA.is_dir()
    else []
)
TMX = sorted((CORPORA / "libreoffice-guides-tmx").glob("*.tmx")) if CORPORA.is_dir() else []

pytestmark = pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is not present")


@pytest.mark.parametrize("path", APPLE, ids=[f"{p.parent.name}/{p.name}" for p in APPLE])
def test_apple_corpus(path: Path) -> None:
    doc = read_document(path, ReadOptions(include_untranslated=True))
    assert_positions_exact(doc)
    folder = path.parent.name.removesuffix(".lproj")
    assert doc.target_language.code == (None if folder == "Base" else language_from_path(path))
    if path.suffix == ".strings":
        # every entry line of these files starts with a quoted key
        assert doc.completeness.units == len(re.findall(r'^"', doc.text, re.MULTILINE))
        assert len(doc.segments) == doc.completeness.units
    else:
        assert doc.completeness.units == doc.text.count("<key>NSStringLocalizedFormatKey</key>")
    if folder not in ("Base", "en"):
        assert default_source(path) == path.parent.parent / "Base.lproj" / path.name


@pytest.mark.parametrize("path", TMX, ids=[p.name for p in TMX])
def test_tmx_corpus(path: Path) -> None:
    docs = read_documents(path, ReadOptions(include_untranslated=True))
    assert [d.target_language.code for d in docs] == ["pt-BR"]
    (doc,) = docs
    assert doc.source_language.code in ("en", "en-US")
    assert len(doc.segments) == doc.completeness.units == doc.text.count("<tu>") + doc.text.count("<tu ")
    # aligned memories have target-only units (author names): no source, still checked
    sources = doc.text.count(f'xml:lang="{doc.source_language.code}"')
    assert sum(s.source is not None for s in doc.segments) == sources
    assert_positions_exact(doc)
