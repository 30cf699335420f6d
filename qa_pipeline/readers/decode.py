"""Turn a file's bytes into text, or fail with one clear line.

BOMs select UTF-8/UTF-16/UTF-32; otherwise the file must be UTF-8 (the encoding of every format we
read, unless it declares another: XLIFF's XML declaration and PO's ``charset`` are honoured by their
readers). Binary files and files over :data:`MAX_BYTES` are refused. Line endings are kept as they
are so columns match the file; ``\\r\\n`` counts as one line break.
"""

from __future__ import annotations

import codecs
from pathlib import Path

MAX_BYTES = 64 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class ReaderError(Exception):
    """A file that cannot be read or parsed; the message is one line without the path."""


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReaderError(f"invalid {encoding.upper()} at byte {exc.start + len(bom)}") from None
    if b"\x00" in data[:8192]:
        if _looks_utf16(data):
            enc = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                pass
        raise ReaderError("binary file (contains NUL bytes), not text")
    encoding = declared or "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        line = data.count(b"\n", 0, exc.start) + 1
        raise ReaderError(
            f"not valid {encoding.upper()}: byte 0x{bad} at line {line} (convert the file to UTF-8)"
        ) from None
    except LookupError:
        raise ReaderError(f"unknown encoding {encoding!r}") from None


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    if len(sample) < 4:
        return False
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    return (odd > half * 0.3 and even == 0) or (even > half * 0.3 and odd == 0)


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReaderError(f"file too large ({size // (1024 * 1024)} MiB; the limit is {MAX_BYTES // (1024 * 1024)} MiB)")
        return path.read_bytes()
    except IsADirectoryError:
        raise ReaderError("is a directory") from None
    except FileNotFoundError:
        raise ReaderError("no such file") from None
    except PermissionError:
        raise ReaderError("permission denied") from None
    except OSError as exc:
        raise ReaderError(f"cannot read: {exc.strerror or exc}") from None


def decode_file(path: Path) -> str:
    return decode_bytes(read_bytes(path))
