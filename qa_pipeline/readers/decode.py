"""Turn a file's bytes into text, or fail with one clear line.

BOMs select UTF-8/UTF-16/UTF-32; otherwise the file must be UTF-8 (the encoding of every format we
read, unless it declares another: XLIFF's XML declaration and PO's ``charset`` are honoured by their
readers). Binary files and files over :data:`MAX_BYTES` are refused. Line endings are kept as they
are so columns match the file; ``\\r\\n`` counts as one line break.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from qa_pipeline.errors import QaPipelineError

MAX_BYTES = 64 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class ReaderError(QaPipelineError):
    """A file that cannot be read or parsed; the message is one line without the path."""


_PO_CHARSET = re.compile(
    rb'^(?:msgstr[ \t]+)?"Content-Type:[^"\n]*?charset=([A-Za-z0-9_.:-]+)', re.MULTILINE | re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""\A[ \t\r\n]*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")


def declared_encoding(data: bytes, fmt: str | None) -> str | None:
    """The encoding a file declares for itself: PO ``charset=`` or the XML declaration's ``encoding``.

    Only ASCII-compatible declarations are returned (a UTF-16 file is found by its BOM or its NUL
    bytes, not by what it says); ``CHARSET`` (an unfilled template) and unknown names count as none.
    """
    if fmt == "po":
        m = _PO_CHARSET.search(data, 0, 65536)
    elif fmt == "xliff":
        m = _XML_ENCODING.match(data[:1024])
    else:
        return None
    if m is None:
        return None
    name = m.group(1).decode("ascii")
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if (
        info.name in ("utf-8", "utf-8-sig")
        or "utf_16" in info.name
        or "utf-16" in info.name
        or "32" in info.name
    ):
        return None
    if b"\n".decode(info.name, "replace") != "\n" or "a".encode(info.name, "replace") != b"a":
        return None
    return info.name


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data``: a BOM wins, then UTF-16 without BOM (NUL bytes), then ``declared`` or UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReaderError(f"invalid {encoding.upper()} at byte {exc.start + len(bom)}") from None
    if b"\x00" in data[:8192]:
        enc = _utf16_encoding(data)
        if enc is not None:
            return data.decode(enc)
        raise ReaderError("binary file (contains NUL bytes), not text")
    encoding = declared or "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        line = data.count(b"\n", 0, exc.start) + 1
        raise ReaderError(
            f"not valid {encoding.upper()}: byte 0x{bad} at line {line}"
            + (" (convert the file to UTF-8)" if declared is None else f" (the file declares {declared})")
        ) from None
    except LookupError:
        raise ReaderError(f"unknown encoding {encoding!r}") from None


def _utf16_encoding(data: bytes) -> str | None:
    """UTF-16 without a BOM: the byte order whose decoding reads as text (no control characters,
    unassigned or private-use code points, which binary data read as UTF-16 is full of)."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(enc)
        except UnicodeDecodeError:
            continue
        # real text has some ASCII (line breaks, spaces, digits): NUL high bytes; a stray NUL in
        # ASCII text read as UTF-16 gives one at most
        high_nuls = sample[1::2].count(0) if enc == "utf-16-le" else sample[0::2].count(0)
        ascii_chars = [c for c in text if c < "\x80"]
        # two ASCII characters, or line breaks alone (a short CJK file): binary bytes rarely give that
        plausible = high_nuls >= 2 or (bool(ascii_chars) and all(c in "\r\n" for c in ascii_chars))
        if plausible and not any(_not_text(c) for c in text):
            try:
                data.decode(enc)
            except UnicodeDecodeError:
                return None
            return enc
    return None


def _not_text(c: str) -> bool:
    if c in "\t\n\r\f":
        return False
    return unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs")


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReaderError(
                f"file too large ({size // (1024 * 1024)} MiB; the limit is {MAX_BYTES // (1024 * 1024)} MiB)"
            )
        return path.read_bytes()
    except IsADirectoryError:
        raise ReaderError("is a directory") from None
    except FileNotFoundError:
        raise ReaderError("no such file") from None
    except PermissionError:
        raise ReaderError("permission denied") from None
    except OSError as exc:
        raise ReaderError(f"cannot read: {exc.strerror or exc}") from None


def decode_file(path: Path, fmt: str | None = None) -> str:
    """Read and decode one file, honouring the encoding a PO or XLIFF file declares."""
    data = read_bytes(path)
    return decode_bytes(data, declared_encoding(data, fmt))


def head_text(head: bytes) -> str:
    """The first bytes of a file as text, leniently decoded (for a folder scan's sniffing only)."""
    try:
        return decode_bytes(head)
    except ReaderError:
        return head.decode("utf-8", "replace")
