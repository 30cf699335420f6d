"""Fuzzing every reader from bytes: a file either fails with one ``ReaderError`` line or reads with
exact positions — whatever its bytes, encoding, line breaks or truncation.

``test_properties.py`` builds *valid* files and checks what they read as; here the files are
mutated, truncated, re-encoded and made of noise, and only the guarantees that hold for any input
are checked. ``HYPOTHESIS_PROFILE=fuzz`` (the CI fuzz job) runs many more examples.
"""

from __future__ import annotations

import codecs

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from qa_pipeline.model import Document
from qa_pipeline.readers import ReaderError, ReadOptions, reader
from qa_pipeline.readers.decode import declared_encoding, decode_bytes
from qa_pipeline.readers.formats import SPECS, load
from qa_pipeline.readers.text import read_text
from tests.hostile.corpus import DOCS
from tests.hostile.fuzzing import fuzz

from .helpers import FIXTURES, assert_positions_exact

EXTENSIONS = {"txt": "text", "md": "markdown", "po": "po", "xliff": "xliff"}
# the other formats start from one of their test fixtures (Moses opens its line-aligned source file
# itself: test_properties_formats.py generates those pairs)
SEED_FILES = {
    "json": "json/nl.json",
    "yaml": "yaml/empty.yml",
    "android": "android/res/values-fr/strings.xml",
    "strings": "apple/fr.lproj/Localizable.strings",
    "stringsdict": "apple/fr.lproj/Localizable.stringsdict",
    "xcstrings": "apple/Catalog.xcstrings",
    "tmx": "tmx/memory.tmx",
    "csv": "csv/glossary.csv",
    "tsv": "csv/langs.tsv",
    "html": "html/fr/article.html",
}
assert {s.name for s in SPECS} == {*EXTENSIONS.values(), *SEED_FILES, "moses"}, "a reader without a fuzz test"

# what each format is made of, so that mutations hit its syntax and not only its text
SYNTAX = {
    "txt": [*"\n\r\t •-*1.)  ", "http://e.x/a", "a@b.c", "\u2028", "\x0c", "\x85"],
    "md": [*"\n\r\t#>-*+`|[]()<>!&\\_~=", "```", "<!--", "-->", "    ", "\u00a0", "&amp;", "qa-ignore: QA1"],
    "po": [
        *'\n\r\t"\\#~,.|:[]01 ',
        "msgid ",
        "msgstr ",
        "msgctxt ",
        "msgid_plural ",
        "msgstr[1] ",
        "\\n",
        "#, fuzzy",
    ],
    "xliff": [
        *"<>/&;#\"'= \n\r![]-?",
        "<g id='1'>",
        "</g>",
        "<x/>",
        "&amp;",
        "&#233;",
        "<![CDATA[",
        "]]>",
        "<!--",
        "-->",
    ],
}
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
ENCODINGS = [
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "utf-32-le",
    "utf-32-be",
    "latin-1",
]


def seed(ext: str) -> str:
    """The document a format's fuzzing starts from."""
    if ext in DOCS:
        return DOCS[ext]
    return decode_bytes((FIXTURES / SEED_FILES[ext]).read_bytes())


@st.composite
def mutated_text(draw: st.DrawFn, ext: str) -> str:
    """A format's sample document with insertions, deletions, duplications and a possible cut."""
    text = seed(ext)
    for _ in range(draw(st.integers(0, 6))):
        pos = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "insert", "delete", "duplicate", "syntax"]))
        if op == "insert":
            text = text[:pos] + draw(TEXT) + text[pos:]
        elif op == "syntax":
            text = (
                text[:pos]
                + draw(st.sampled_from(SYNTAX.get(ext, SYNTAX["xliff"] + SYNTAX["po"])))
                + text[pos:]
            )
        elif op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 20)) :]
        else:
            piece = text[pos : pos + draw(st.integers(1, 60))]
            text = text[:pos] + piece * draw(st.integers(2, 4)) + text[pos:]
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    return text


@st.composite
def file_bytes(draw: st.DrawFn, ext: str) -> bytes:
    """Mutated text in some encoding, sometimes with raw byte damage, or plain noise."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=300))
    text = draw(mutated_text(ext))
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    for _ in range(draw(st.integers(0, 2))):
        pos = draw(st.integers(0, len(data)))
        data = data[:pos] + draw(st.binary(min_size=1, max_size=3)) + data[pos + draw(st.integers(0, 2)) :]
    return data


def read_bytes_as(data: bytes, ext: str, options: ReadOptions) -> Document:
    """What ``read_document`` does once it has a file's bytes (one of a multilingual file's documents)."""
    docs = read_all(data, ext, options)
    if not docs:
        raise ReaderError("no documents")
    return docs[0]


def read_all(data: bytes, ext: str, options: ReadOptions) -> list[Document]:
    fmt = EXTENSIONS.get(ext, ext)
    spec = reader(fmt)
    text = decode_bytes(data, declared_encoding(data, fmt))
    if spec.multi is not None:
        docs: list[Document] = load(spec.multi)(text, f"fuzz.{ext}", options)  # type: ignore[assignment]
        return docs
    return [spec.read_function()(text, f"fuzz.{ext}", options)]


def check_document(doc: Document) -> None:
    """What holds for any document a reader returns: every character of a target or source points
    into the file, in order; for the formats whose escapes ``assert_positions_exact`` knows, at the
    very character (or escape) the file spells."""
    if doc.format in EXTENSIONS.values():
        assert_positions_exact(doc)
    size = len(doc.text)
    for seg in doc.segments:
        for text, offsets in ((seg.target, seg.offsets), (seg.source, seg.source_offsets)):
            if text is None or offsets is None:
                continue
            previous = -1
            for i in range(len(text)):
                at = offsets.to_file(i)
                assert previous < at < size, (seg.id, i, at, size)
                previous = at
            if text:
                line, column = doc.line_col(offsets.to_file(0))
                assert line >= 1 and column >= 1
        for span in seg.protected:
            assert 0 <= span.start < span.end <= len(seg.target), (seg.id, span)
        if seg.source is not None:
            for span in seg.source_protected:
                assert 0 <= span.start < span.end <= len(seg.source), (seg.id, span)


options = st.builds(ReadOptions, st.booleans(), st.booleans(), st.booleans())


def _fuzz_reader(data: bytes, ext: str, opts: ReadOptions) -> None:
    try:
        docs = read_all(data, ext, opts)
    except ReaderError as exc:
        message = str(exc)
        assert message and "\n" not in message and "\r" not in message
        return
    for doc in docs:
        check_document(doc)
    again = read_all(data, ext, opts)
    assert [[(s.id, s.target, s.offsets) for s in d.segments] for d in again] == [
        [(s.id, s.target, s.offsets) for s in d.segments] for d in docs
    ]


@given(data=st.data(), opts=options)
@fuzz(100)
def test_text_reader_from_bytes(data: st.DataObject, opts: ReadOptions) -> None:
    _fuzz_reader(data.draw(file_bytes("txt")), "txt", opts)


@given(data=st.data(), opts=options)
@fuzz(100)
def test_markdown_reader_from_bytes(data: st.DataObject, opts: ReadOptions) -> None:
    _fuzz_reader(data.draw(file_bytes("md")), "md", opts)


@given(data=st.data(), opts=options)
@fuzz(100)
def test_po_reader_from_bytes(data: st.DataObject, opts: ReadOptions) -> None:
    _fuzz_reader(data.draw(file_bytes("po")), "po", opts)


@given(data=st.data(), opts=options)
@fuzz(100)
def test_xliff_reader_from_bytes(data: st.DataObject, opts: ReadOptions) -> None:
    _fuzz_reader(data.draw(file_bytes("xliff")), "xliff", opts)


@pytest.mark.parametrize("fmt", sorted(SEED_FILES))
@given(data=st.data(), opts=options)
@fuzz(30)
def test_other_readers_from_bytes(fmt: str, data: st.DataObject, opts: ReadOptions) -> None:
    _fuzz_reader(data.draw(file_bytes(fmt)), fmt, opts)


@given(st.lists(st.sampled_from([*SYNTAX["txt"], "mot", "Word.", "言葉。", " ", "1)"]), max_size=40))
@fuzz(150)
def test_text_reader_positions(parts: list[str]) -> None:
    """The text reader never decodes: every target character is the file's own, at its offset."""
    check_document(read_text("".join(parts), "gen.txt", ReadOptions()))


@given(
    st.binary(max_size=400), st.sampled_from([None, "ascii", "iso8859-1", "cp1252", "shift_jis", "koi8-r"])
)
@fuzz(300)
@example(b"\xff\xfe\x00\x00\x00\xd8\x00\x00", None)  # a UTF-32 BOM, then a surrogate
@example(b"a\x00\x00\x00\x00\x00\x11\x00", None)  # UTF-32-LE layout, code point past U+10FFFF
def test_decode_any_bytes(data: bytes, declared: str | None) -> None:
    try:
        text = decode_bytes(data, declared)
    except ReaderError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(text, str)


@given(
    st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=20),
    st.sampled_from(["po", "xliff"]),
)
@fuzz(200)
@example("rot13", "po")
@example("base64", "xliff")
@example("undefined", "po")
@example("idna", "po")
def test_declared_encoding_of_any_name(name: str, fmt: str) -> None:
    """Whatever a file declares, the answer is an ASCII-compatible text encoding or None."""
    name = "".join(c for c in name if c.isalnum() or c in "_.:-") or "x"
    if fmt == "po":
        data = f'msgid ""\nmsgstr "Content-Type: text/plain; charset={name}\\n"\n'.encode()
    else:
        data = f'<?xml version="1.0" encoding="{name}"?><xliff/>'.encode()
    found = declared_encoding(data, fmt)
    if found is not None:
        assert codecs.lookup(found).name == found
        assert "Plain ASCII\n".encode(found) == b"Plain ASCII\n"
