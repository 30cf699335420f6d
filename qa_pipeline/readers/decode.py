"""Turn a file's bytes into text, or fail with one clear line.

BOMs select UTF-8/UTF-16/UTF-32; without one, NUL bytes in the layout of UTF-32 or UTF-16 text
select those; otherwise the file must be UTF-8 (the encoding of every format we read, unless it
declares another: XLIFF's XML declaration and PO's ``charset`` are honoured by their readers).
Binary files, files over :data:`MAX_BYTES` and anything but a regular file (a pipe or a device,
which could block or never end) are refused. Line endings are kept as they are so columns match the
file; ``\\r\\n`` counts as one line break.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
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
    return info.name if _ascii_compatible(info) else None


# printable ASCII, line breaks and a backslash escape: a declared encoding must read them unchanged
_PROBE = bytes(range(0x20, 0x7F)) + b"\t\n\r\\u0041+ADw-"


def _ascii_compatible(info: codecs.CodecInfo) -> bool:
    """A text encoding that reads ASCII as ASCII: not EBCDIC, not UTF-7 or ``unicode_escape``
    (which turn ``+ADw-`` or ``\\u0041`` into other characters), not ``base64`` or ``rot13``."""
    if not getattr(info, "_is_text_encoding", True):
        return False
    try:
        text = _PROBE.decode(info.name)
        return text == _PROBE.decode("ascii") and text.encode(info.name) == _PROBE
    except (LookupError, UnicodeError, ValueError):
        return False


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data``: a BOM wins, then UTF-16 without BOM (NUL bytes), then ``declared`` or UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReaderError(f"invalid {encoding.upper()} at byte {exc.start + len(bom)}") from None
    if b"\x00" in data:  # anywhere: a file is text or not, whatever its first pages look like
        enc = _utf32_encoding(data) or _utf16_encoding(data)
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


def _utf32_encoding(data: bytes) -> str | None:
    """UTF-32 without a BOM: the byte order whose high byte is always 0 and whose decoding reads as
    text (code points stop at U+10FFFF, so binary data rarely decodes at all)."""
    if len(data) < 4 or len(data) % 4:
        return None
    sample = data[:8192]
    for enc, high in (("utf-32-le", 3), ("utf-32-be", 0)):
        if any(sample[high::4]):
            continue
        try:
            text = sample.decode(enc)
            if not any(_not_text(c) for c in text):
                data.decode(enc)
                return enc
        except UnicodeDecodeError:
            continue
    return None


def _not_text(c: str) -> bool:
    if c in "\t\n\r\f":
        return False
    return unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs")


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes (the first ``limit`` of them when given). The file is opened without blocking
    and checked to be a regular file *after* opening (so it cannot be swapped for a pipe in between),
    and never read past :data:`MAX_BYTES`."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as f:
            info = os.fstat(f.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(info.st_mode):
                raise ReaderError("not a regular file (a pipe, socket or device)")
            if limit is not None:
                return f.read(limit)
            if info.st_size > MAX_BYTES:
                raise ReaderError(_too_large(info.st_size))
            data = f.read(MAX_BYTES + 1)  # the file may have grown since
        if len(data) > MAX_BYTES:
            raise ReaderError(_too_large(len(data)))
        return data
    except IsADirectoryError:
        raise ReaderError("is a directory") from None
    except FileNotFoundError:
        raise ReaderError("no such file") from None
    except PermissionError:
        raise ReaderError("permission denied") from None
    except OSError as exc:
        raise ReaderError(f"cannot read: {exc.strerror or exc}") from None


def _too_large(size: int) -> str:
    return f"file too large ({size // (1024 * 1024)} MiB; the limit is {MAX_BYTES // (1024 * 1024)} MiB)"


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
