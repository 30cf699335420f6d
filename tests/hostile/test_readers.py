"""Every hostile file through the readers: its exact one-line error, or a correct read.

A correct read gives the expected segment targets (for another encoding or other line breaks of a
document: the targets of its plain UTF-8 version) and positions that point at the very characters
of the file.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from qa_pipeline.readers import ReaderError, read_document
from tests.readers.helpers import assert_positions_exact

from .corpus import DOCS, Hostile, corpus

CORPUS = corpus()


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, ...]]:
    """Targets of each plain UTF-8 document."""
    folder = tmp_path_factory.mktemp("reference")
    out = {}
    for ext, text in DOCS.items():
        path = folder / f"doc.{ext}"
        path.write_text(text, encoding="utf-8")
        out[ext] = tuple(s.target for s in read_document(path).segments)
    return out


def test_reference_documents(reference: dict[str, tuple[str, ...]]) -> None:
    assert reference["txt"] == (
        "Bonjour le monde entier, é.\nDeuxième ligne du même paragraphe.",
        "Un autre paragraphe ici.",
    )
    assert reference["md"] == (
        "Titre é",
        "Bonjour le monde entier.\nSuite du paragraphe.",
        "un élément",
        "deux",
    )
    assert reference["po"] == ("Bonjour le monde é", "Un fichier", "%d fichiers")
    assert reference["xliff"] == ("Bonjour le monde é", 'Enregistrer <g id="b">maintenant</g>')


@pytest.mark.parametrize("case", CORPUS, ids=[h.name for h in CORPUS])
def test_hostile_file(case: Hostile, tmp_path: Path, reference: dict[str, tuple[str, ...]]) -> None:
    path = tmp_path / case.name
    path.write_bytes(case.data)
    if case.error is not None:
        with pytest.raises(ReaderError) as info:
            read_document(path)
        assert str(info.value) == case.error
        assert "\n" not in str(info.value)
        return
    doc = read_document(path)
    targets = tuple(s.target for s in doc.segments)
    if case.same_as is not None:
        assert tuple(_lines(t) for t in targets) == reference[case.same_as]
    else:
        assert targets == case.targets
    assert_positions_exact(doc)


def test_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    """A sparse 65 MiB file: refused by its size, without reading it."""
    path = tmp_path / "huge.po"
    with path.open("wb") as f:
        f.truncate(65 * 1024 * 1024)
    with pytest.raises(ReaderError, match=r"^file too large \(65 MiB; the limit is 64 MiB\)$"):
        read_document(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    """Reading a pipe nobody writes to would block forever."""
    path = tmp_path / "pipe.po"
    os.mkfifo(path)
    with pytest.raises(ReaderError, match=r"^not a regular file \(a pipe, socket or device\)$"):
        read_document(path)


@pytest.mark.skipif(not Path("/dev/zero").exists() or sys.platform == "win32", reason="needs /dev/zero")
def test_endless_device_is_refused(tmp_path: Path) -> None:
    """A link named like a text file, to a device that never ends: refused, not read forever."""
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    with pytest.raises(ReaderError, match=r"^not a regular file"):
        read_document(tmp_path / "zero.txt")


def test_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / "folder.po").mkdir()
    with pytest.raises(ReaderError, match=r"^is a directory$"):
        read_document(tmp_path / "folder.po")
