"""Every real PO and XLIFF file of ../shared/corpora reads without error, with exact positions.

Skipped when ../shared is absent (a user's clone). The PO files are also read by polib, and every
entry must agree with ours.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_pipeline.readers import ReadOptions, read_document
from qa_pipeline.readers.decode import decode_file

from .helpers import assert_positions_exact

CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpora"
PO_FILES = sorted((CORPORA / "sphinx-po").glob("*.po")) if CORPORA.is_dir() else []
XLIFF_FILES = sorted((CORPORA / "focus-ios-xliff").glob("*.xliff")) if CORPORA.is_dir() else []

pytestmark = pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is not present")


@pytest.mark.parametrize("path", PO_FILES, ids=[p.name for p in PO_FILES])
def test_po_corpus(path: Path) -> None:
    import polib

    from qa_pipeline.readers.po import _Parser

    doc = read_document(path, ReadOptions(include_fuzzy=True, include_obsolete=True))
    assert doc.target_language.origin == "file"
    assert_positions_exact(doc)
    text = decode_file(path, "po")
    ours = [e for e in _Parser(text).parse() if not (e.msgid and e.msgid.value() == "" and e.msgctxt is None)]
    theirs = list(polib.pofile(text))
    assert [(e.msgid.value() if e.msgid else None) for e in ours] == [e.msgid for e in theirs]
    assert [e.flags for e in ours] == [e.flags for e in theirs]


@pytest.mark.parametrize("path", XLIFF_FILES, ids=[p.name for p in XLIFF_FILES])
def test_xliff_corpus(path: Path) -> None:
    doc = read_document(path)
    assert doc.target_language.origin == "file"
    assert doc.completeness.units == doc.text.count("<trans-unit ")
    assert len(doc.segments) + doc.completeness.untranslated == doc.completeness.units
    assert_positions_exact(doc)
