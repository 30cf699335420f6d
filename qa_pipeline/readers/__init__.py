"""Readers: one module per format, each turning a file into a :class:`~qa_pipeline.model.Document`.

:mod:`qa_pipeline.readers.formats` is the table of formats (extensions, reader, pairing with the
source). ``read_document`` picks the reader by extension and raises :class:`ReaderError` with a
one-line message for any file it cannot use — including a file whose extension no reader claims.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from qa_pipeline.model import Document
from qa_pipeline.readers.base import CsvOptions, ReadOptions, pick_document
from qa_pipeline.readers.decode import ReaderError, decode_file
from qa_pipeline.readers.formats import BY_EXTENSION, BY_NAME, SPECS, FormatSpec, spec_for

FORMATS: Mapping[str, str] = {ext: spec.name for ext, spec in BY_EXTENSION.items()}
"""Extension -> format name, for every format a reader claims."""

HEAD_BYTES = 8192
"""How much of a file :func:`scan_claims` looks at."""


def format_of(path: Path, mapped: Mapping[str, str] | None = None) -> str | None:
    spec = spec_for(path, mapped)
    return spec.name if spec else None


def scan_claims(path: Path, head: bytes, mapped: Mapping[str, str] | None = None) -> bool:
    """Whether a folder scan should read ``path`` (``head``: its first :data:`HEAD_BYTES` bytes).

    Files of the document and bilingual formats are always read. ``.json``, ``.yml``/``.yaml`` and
    ``.xml`` are in every repository (package.json, CI workflows, pom.xml), so those are read only when
    their path or content identifies them as translation files; a file named on the command line is
    read by its extension's reader regardless.
    """
    spec = spec_for(path, mapped)
    if spec is None:
        return False
    if mapped and path.suffix.lower() in mapped:
        return True  # the user said what files of this extension are
    return spec.claimed(path, head)


def scan_format(path: Path, mapped: Mapping[str, str] | None = None) -> str | None:
    """The format a folder scan reads ``path`` as, or None (see :func:`scan_claims`)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError:
        head = b""
    return format_of(path, mapped) if scan_claims(path, head, mapped) else None


def unsupported(path: Path) -> str:
    exts = ", ".join(sorted(BY_EXTENSION))
    return (
        f"{path}: no reader for {path.suffix or 'files without an extension'} (supported: {exts}; "
        'map other extensions in config: [formats] ".ext" = "text")'
    )


def read_document(
    path: Path,
    options: ReadOptions | None = None,
    display: str | None = None,
    mapped: Mapping[str, str] | None = None,
) -> Document:
    """Read and parse one file. ``display`` is the path shown in reports (default: ``str(path)``);
    ``mapped``: the user's extension -> format table."""
    spec = spec_for(path, mapped)
    if spec is None:
        raise ReaderError(unsupported(path))
    options = options or ReadOptions()
    if spec.opens is not None:  # the reader opens the file (Moses streams its line-aligned source)
        from qa_pipeline.readers.formats import load

        opened: Document = load(spec.opens)(path, options, display)  # type: ignore[assignment]
        return opened
    text = decode_file(path, spec.name)
    return spec.read_function()(text, display or str(path), options)


def read_documents(
    path: Path,
    options: ReadOptions | None = None,
    display: str | None = None,
    mapped: Mapping[str, str] | None = None,
) -> list[Document]:
    """Read one file as one document per target language (TMX, ``.xcstrings`` and CSV with a
    language column can hold several); every other format gives one document. The documents keep
    the file's path and differ by ``target_language``."""
    spec = spec_for(path, mapped)
    if spec is None or spec.multi is None:
        return [read_document(path, options, display, mapped)]
    from qa_pipeline.readers.formats import load

    docs: list[Document] = load(spec.multi)(  # type: ignore[assignment]
        decode_file(path, spec.name), display or str(path), options or ReadOptions()
    )
    return docs


def reader(fmt: str) -> FormatSpec:
    """The spec of a format by name (``po``)."""
    spec = BY_NAME.get(fmt)
    if spec is None:
        raise ReaderError(f"unsupported format {fmt!r} (supported: {', '.join(s.name for s in SPECS)})")
    return spec


__all__ = [
    "FORMATS",
    "HEAD_BYTES",
    "CsvOptions",
    "ReadOptions",
    "ReaderError",
    "format_of",
    "pick_document",
    "read_document",
    "read_documents",
    "reader",
    "scan_claims",
    "scan_format",
]
