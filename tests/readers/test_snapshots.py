"""Reader snapshots: every fixture file, read as a user's file, against its expected segments.

A snapshot lists each segment's id, kind, target, source, start and last-character positions
(1-based line and column in code points), protected spans, notes, flags and suppressions. After an
intended change, refresh them with ``QA_UPDATE_SNAPSHOTS=1 python -m pytest tests/readers`` and
review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_pipeline.readers import ReadOptions, format_of, read_document

from .helpers import FIXTURES, assert_positions_exact, check_snapshot, describe

# Every fixture a reader claims (the source side of a Moses pair, ``corpus.en``, is not a translation).
FILES = sorted(
    p for p in FIXTURES.rglob("*") if p.is_file() and not p.name.startswith(".") and format_of(p) is not None
)


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(FIXTURES).as_posix() for p in FILES])
def test_snapshot(path: Path) -> None:
    doc = read_document(path, ReadOptions(), display=path.relative_to(FIXTURES).as_posix())
    assert_positions_exact(doc)
    name = path.relative_to(FIXTURES).as_posix().replace("/", "__")
    check_snapshot(name, describe(doc))


def test_po_options_include_fuzzy_and_obsolete() -> None:
    path = FIXTURES / "po" / "messages.po"
    doc = read_document(path, ReadOptions(include_fuzzy=True, include_obsolete=True))
    assert_positions_exact(doc)
    check_snapshot("po__messages.po.fuzzy-obsolete", describe(doc))
