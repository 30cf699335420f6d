"""Files a reader cannot use are refused with one clear line (no traceback, no path)."""

from __future__ import annotations

import codecs
import struct
import zlib
from pathlib import Path

import pytest

from qa_pipeline.readers import ReaderError, ReadOptions, decode, read_document

BOMB = """<?xml version="1.0"?>
<!DOCTYPE xliff [
  <!ENTITY a "aaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<xliff version="1.2"><file source-language="en" target-language="fr"><body>
<trans-unit id="1"><source>&d;</source><target>&d;</target></trans-unit>
</body></file></xliff>
"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff version="1.2"><file source-language="en" target-language="fr"><body>
<trans-unit id="1"><source>x</source><target>&secret;</target></trans-unit>
</body></file></xliff>
"""

CASES: list[tuple[str, str, bytes, str]] = [
    (
        "po-unterminated",
        "a.po",
        b'msgid "Hello"\nmsgstr "Bonjour\n',
        "line 2: unterminated string (missing closing quote)",
    ),
    (
        "po-bad-keyword",
        "a.po",
        b'msgid "a"\nmsgtsr "b"\n',
        "line 2: unexpected 'msgtsr' (expected a comment, keyword or string)",
    ),
    (
        "po-no-msgstr",
        "a.po",
        b'msgid "a"\n\nmsgid "b"\nmsgstr "c"\n',
        "line 3: second msgid in one entry (missing msgstr?)",
    ),
    ("po-msgstr-alone", "a.po", b'msgstr "b"\n', "line 1: msgstr without msgid"),
    ("po-bad-escape", "a.po", b'msgid "a"\nmsgstr "\\q"\n', "line 2: invalid escape sequence \\q"),
    (
        "po-text-after-quote",
        "a.po",
        b'msgid "a" b\nmsgstr ""\n',
        "line 1: unexpected text after the closing quote: 'b'",
    ),
    ("po-orphan-string", "a.po", b'"floating"\n', "line 1: string without a keyword before it"),
    (
        "po-plural-mix",
        "a.po",
        b'msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n',
        "line 1: plural entry (msgid_plural) needs msgstr[0], not msgstr",
    ),
    ("po-no-quote", "a.po", b'msgid Hello\nmsgstr ""\n', "line 1: msgid must be followed by a quoted string"),
    ("po-eof-without-msgstr", "a.po", b'msgid "a"\n', "line 1: msgid without msgstr"),
    (
        "xml-mismatched",
        "a.xliff",
        b"<xliff><file>\n<body></file></xliff>",
        "line 2, column 9: malformed XML (mismatched tag)",
    ),
    ("xml-empty", "a.xliff", b"", "line 1, column 1: malformed XML (no element found)"),
    (
        "xml-undefined-entity",
        "a.xliff",
        b"<xliff>&nbsp;</xliff>",
        "line 1, column 8: malformed XML (undefined entity)",
    ),
    (
        "xml-bomb",
        "a.xliff",
        BOMB.encode(),
        "unsafe XML: entity declarations are not allowed (possible entity-expansion attack)",
    ),
    (
        "xml-external",
        "a.xliff",
        EXTERNAL.encode(),
        "unsafe XML: entity declarations are not allowed (possible entity-expansion attack)",
    ),
    ("xml-not-xliff", "a.xliff", b"<html><body/></html>", "not an XLIFF file (root element <html>)"),
    ("binary", "a.po", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes), not text"),
    (
        "bad-utf8",
        "a.md",
        "Première\nligne é\n".encode("latin-1"),
        "not valid UTF-8: byte 0xe8 at line 1 (convert the file to UTF-8)",
    ),
    (
        "bad-declared",
        "a.po",
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=ASCII\\n"\n\nmsgid "é"\nmsgstr "é"\n'.encode(),
        "not valid ASCII: byte 0xc3 at line 4 (the file declares ascii)",
    ),
    ("bad-utf16", "a.txt", b"\xff\xfe\x00\xd8", "invalid UTF-16-LE at byte 2"),
]


@pytest.mark.parametrize(
    ("name", "data", "message"), [(c[1], c[2], c[3]) for c in CASES], ids=[c[0] for c in CASES]
)
def test_one_line_error(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReaderError) as info:
        read_document(path, ReadOptions())
    text = str(info.value)
    assert "\n" not in text
    assert text == message


def test_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.md"
    path.write_bytes(b"x" * (2 * 1024 * 1024 + 10))
    monkeypatch.setattr(decode, "MAX_BYTES", 1024 * 1024)
    with pytest.raises(ReaderError, match=r"^file too large \(2 MiB; the limit is 1 MiB\)$"):
        read_document(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match=r"^no such file$"):
        read_document(tmp_path / "nothing.po")


def test_bomb_is_refused_quickly(tmp_path: Path) -> None:
    """Ten levels of ten would expand to 10 GB: refusing must not expand anything."""
    levels = ['<!ENTITY l0 "lol">'] + [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)]
    data = f'<?xml version="1.0"?>\n<!DOCTYPE x [{"".join(levels)}]>\n<xliff>&l9;</xliff>\n'
    path = tmp_path / "lol.xliff"
    path.write_text(data)
    with pytest.raises(ReaderError, match=r"^unsafe XML"):
        read_document(path)


def test_doctype_without_entities_is_accepted(tmp_path: Path) -> None:
    data = (
        '<?xml version="1.0"?>\n<!DOCTYPE xliff PUBLIC "-//XLIFF//DTD XLIFF//EN" "http://www.oasis-open.org/xliff.dtd">\n'
        '<xliff version="1.1"><file source-language="en" target-language="nl"><body>'
        '<trans-unit id="a"><source>Hi</source><target>Hoi</target></trans-unit></body></file></xliff>\n'
    )
    path = tmp_path / "old.xlf"
    path.write_text(data)
    doc = read_document(path)
    assert [s.target for s in doc.segments] == ["Hoi"]
    assert doc.line_col(doc.segments[0].offsets.to_file(0)) == (3, 122)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("中文\n文本".encode("utf-16-le"), "中文\n文本"),
        ("中文\n文本".encode("utf-16-be"), "中文\n文本"),
        ("Plain".encode("utf-16-le"), "Plain"),
        (codecs.BOM_UTF32_BE + "Ωμέγα".encode("utf-32-be"), "Ωμέγα"),
        (codecs.BOM_UTF8 + "Été".encode(), "Été"),
        (b"Ligne\r\nsuivante", "Ligne\r\nsuivante"),
    ],
)
def test_decode(data: bytes, text: str) -> None:
    assert decode.decode_bytes(data) == text


def test_binary_data_is_not_taken_for_utf16() -> None:
    """Read as UTF-16 either way, binary data is full of control and unassigned code points."""
    header = (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", 13)
        + b"IHDR"
        + struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    )
    for data in (header + zlib.compress(bytes(range(256)) * 4), bytes((i * 37) % 256 for i in range(512))):
        with pytest.raises(ReaderError, match=r"^binary file"):
            decode.decode_bytes(data)


def test_stray_nul_in_ascii_is_binary_not_utf16() -> None:
    data = b"An ordinary line of ASCII text with one stray NUL here\x00 and then more words follow it."
    with pytest.raises(ReaderError, match=r"^binary file"):
        decode.decode_bytes(data + b"." * (len(data) % 2))
