"""Readers: one module per format, each turning a file into a :class:`~qa_pipeline.model.Document`.

``read_document`` picks the reader by extension (``.txt``, ``.md``/``.markdown``, ``.po``/``.pot``,
``.xlf``/``.xliff``) and raises :class:`ReaderError` with a one-line message for any file it cannot use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qa_pipeline.model import Document
from qa_pipeline.readers.decode import ReaderError, decode_file


@dataclass(frozen=True)
class ReadOptions:
    """How readers treat entries a translator has not finished: PO fuzzy and obsolete entries, and
    untranslated units (an empty PO ``msgstr``; an XLIFF unit without a target, or with an empty one
    whose state says it is not translated yet). All are skipped by default and counted in
    ``Document.meta`` (``units``, ``untranslated``), which the report shows as completeness."""

    include_fuzzy: bool = False
    include_obsolete: bool = False
    include_untranslated: bool = False


FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".po": "po",
    ".pot": "po",
    ".xlf": "xliff",
    ".xliff": "xliff",
}


def format_of(path: Path) -> str | None:
    return FORMATS.get(path.suffix.lower())


def _reader(fmt: str) -> Callable[[str, str, ReadOptions], Document]:
    if fmt == "text":
        from qa_pipeline.readers.text import read_text

        return read_text
    if fmt == "markdown":
        from qa_pipeline.readers.markdown import read_markdown

        return read_markdown
    if fmt == "po":
        from qa_pipeline.readers.po import read_po

        return read_po
    if fmt == "xliff":
        from qa_pipeline.readers.xliff import read_xliff

        return read_xliff
    raise ReaderError(f"unsupported format {fmt!r}")


def read_document(path: Path, options: ReadOptions | None = None, display: str | None = None) -> Document:
    """Read and parse one file. ``display`` is the path shown in reports (default: ``str(path)``)."""
    fmt = format_of(path) or "text"
    text = decode_file(path, fmt)
    return _reader(fmt)(text, display or str(path), options or ReadOptions())


__all__ = ["FORMATS", "ReadOptions", "ReaderError", "format_of", "read_document"]
