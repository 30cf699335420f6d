"""Moses parallel text: pairing by extension, line counts, languages, encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_pipeline.model import Completeness
from qa_pipeline.readers import ReaderError, ReadOptions, format_of, read_document, scan_format
from qa_pipeline.readers.moses import claims, default_source, language_from_path, read_moses

from .helpers import assert_positions_exact


def _write(folder: Path, name: str, lines: list[str], encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes("".join(line + "\n" for line in lines).encode(encoding))
    return path


@pytest.mark.parametrize(
    ("name", "lang"),
    [("corpus.fr", "fr"), ("corpus.pt-BR", "pt-BR"), ("corpus.pt_BR", "pt-BR"), ("news.zh-Hans", "zh-Hans"),
     ("corpus.txt", None), ("main.py", None), ("corpus", None)],
)  # fmt: skip
def test_language_from_path(name: str, lang: str | None) -> None:
    assert language_from_path(name) == lang


def test_pairing_needs_the_source_next_to_it(tmp_path: Path) -> None:
    en = _write(tmp_path, "corpus.en", ["a"])
    fr = _write(tmp_path, "corpus.fr", ["b"])
    de = _write(tmp_path, "other.de", ["c"])
    cs = _write(tmp_path, "Program.cs", ["class A {}"])  # C#: "cs" is Czech, but no Program.en
    am = _write(tmp_path, "Makefile.am", ["all:"])
    assert default_source(fr) == en and claims(fr)
    assert not claims(en)  # the source itself
    assert not claims(de) and not claims(cs) and not claims(am)
    assert [format_of(p) for p in (fr, en, de, cs, am)] == ["moses", None, None, None, None]
    assert scan_format(fr) == "moses" and scan_format(en) is None


def test_source_language_option_and_regional_source(tmp_path: Path) -> None:
    _write(tmp_path, "talk.de", ["Hallo"])
    fr = _write(tmp_path, "talk.fr", ["Bonjour"])
    assert default_source(fr, "de") == tmp_path / "talk.de"
    assert default_source(fr) is None
    _write(tmp_path, "talk.en-GB", ["Hello"])
    assert default_source(fr) == tmp_path / "talk.en-GB"
    doc = read_document(fr, ReadOptions(source_language="de"))
    assert [(s.source, s.target) for s in doc.segments] == [("Hallo", "Bonjour")]
    assert (doc.source_language.code, doc.source_language.origin) == ("de", "config")


def test_mismatched_line_counts_name_both_files(tmp_path: Path) -> None:
    _write(tmp_path, "c.en", ["one", "two", "three"])
    fr = _write(tmp_path, "c.fr", ["un", "deux"])
    with pytest.raises(ReaderError) as info:
        read_document(fr)
    assert (
        str(info.value)
        == "c.fr has 2 lines but its source c.en has 3 (line-aligned files need as many lines)"
    )
    de = _write(tmp_path, "c.de", ["eins", "zwei", "drei", "vier"])
    with pytest.raises(ReaderError) as info:
        read_document(de)
    assert (
        str(info.value)
        == "c.de has 4 lines but its source c.en has 3 (line-aligned files need as many lines)"
    )


def test_utf16_source_and_bom(tmp_path: Path) -> None:
    (tmp_path / "c.en").write_bytes("\ufeffOne\r\nTwo\r\n".encode("utf-16-le"))
    fr = tmp_path / "c.fr"
    fr.write_bytes("\ufeffUn\nDeux\n".encode())
    doc = read_document(fr)
    assert [(s.source, s.target) for s in doc.segments] == [("One", "Un"), ("Two", "Deux")]
    assert_positions_exact(doc)


def test_invalid_utf8_source(tmp_path: Path) -> None:
    (tmp_path / "c.en").write_bytes(b"ok\nbad \xe9\n")
    fr = _write(tmp_path, "c.fr", ["ok", "mauvais"])
    with pytest.raises(ReaderError, match=r"^source file c.en: not valid UTF-8: byte 0xe9 at line 2$"):
        read_document(fr)


def test_without_a_source_on_disk() -> None:
    doc = read_moses("Une ligne.\n", "nowhere/c.fr", ReadOptions())
    assert [(s.id, s.source) for s in doc.segments] == [("L1", None)]
    assert doc.target_language.code == "fr"


def test_untranslated_lines(tmp_path: Path) -> None:
    _write(tmp_path, "c.en", ["one", "", "three"])
    fr = _write(tmp_path, "c.fr", ["un", "", ""])
    doc = read_document(fr)
    assert [s.id for s in doc.segments] == ["L1"] and doc.completeness == Completeness(
        units=2, untranslated=1
    )
    everything = read_document(fr, ReadOptions(include_untranslated=True))
    assert [s.id for s in everything.segments] == ["L1", "L3"]
