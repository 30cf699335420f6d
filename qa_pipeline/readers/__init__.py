"""Readers: one module per format, each turning a file into a :class:`~qa_pipeline.model.Document`.

``read_document`` picks the reader by extension (``.txt``, ``.md``/``.markdown``, ``.po``/``.pot``,
``.xlf``/``.xliff``, Apple ``.strings``/``.stringsdict``/``.xcstrings``, ``.tmx``, ``.csv``/``.tsv``,
``.html``/``.htm``; a Moses file by its language-code extension) and raises :class:`ReaderError` with
a one-line message for any file it cannot use. ``read_documents`` gives one document per target
language of a multilingual file (TMX, ``.xcstrings``, a CSV with a language column). ``scan_format``
is what a folder scan uses: formats whose extension is common outside localization (HTML, CSV, TSV,
TMX, which Tiled maps share) are picked up only when their content or path says they are translations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from qa_pipeline.model import Document
from qa_pipeline.readers.decode import ReaderError, decode_bytes, decode_file


@dataclass(frozen=True)
class CsvOptions:
    """Which CSV/TSV columns hold what: a header name (case-insensitive) or a 1-based column number.

    Unset columns are found by the header: ``source`` and ``target`` (required), ``id``,
    ``context``, ``lang``/``language``, ``notes``. ``delimiter`` defaults to a tab for ``.tsv`` and,
    for ``.csv``, to whichever of ``,`` ``;`` ``|`` and tab splits the header into the named columns.
    ``header = False`` says the first row is data (columns must then be numbers).
    """

    source: str | int | None = None
    target: str | int | None = None
    id: str | int | None = None
    context: str | int | None = None
    lang: str | int | None = None
    notes: str | int | None = None
    delimiter: str | None = None
    header: bool = True


@dataclass(frozen=True)
class ReadOptions:
    """How readers treat entries a translator has not finished: PO fuzzy and obsolete entries, and
    untranslated units (an empty PO ``msgstr``; an XLIFF unit without a target, or with an empty one
    whose state says it is not translated yet). All are skipped by default and counted in
    ``Document.meta`` (``units``, ``untranslated``), which the report shows as completeness."""

    include_fuzzy: bool = False
    include_obsolete: bool = False
    include_untranslated: bool = False
    target_language: str | None = None
    """The language a single-document read of a multilingual file gives (default: the first, sorted)."""
    source_language: str | None = None
    """The source language where the file does not say: TMX ``srclang="*all*"``, Moses (default en)."""
    csv: CsvOptions = field(default_factory=CsvOptions)


FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".po": "po",
    ".pot": "po",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".strings": "strings",
    ".stringsdict": "stringsdict",
    ".xcstrings": "xcstrings",
    ".tmx": "tmx",
    ".csv": "csv",
    ".tsv": "tsv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}

_SNIFFED = frozenset({"tmx", "csv", "tsv", "html"})  # extensions shared with files that are not translations


def format_of(path: Path) -> str | None:
    """The format of a file by its extension; a Moses file by its language-code extension and pair."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        from qa_pipeline.readers import moses

        if moses.claims(path):
            return "moses"
    return fmt


def scan_format(path: Path) -> str | None:
    """The format a folder scan reads ``path`` as, or None: not every ``.html``/``.csv``/``.tmx`` is a
    translation, so those are read only when their content or path says so (see each reader's
    ``claims``). A file named on the command line is read by its extension (:func:`read_document`)."""
    fmt = format_of(path)
    if fmt not in _SNIFFED:
        return fmt
    head = _head(path)
    if fmt == "tmx":
        from qa_pipeline.readers.tmx import claims
    elif fmt == "html":
        from qa_pipeline.readers.html import claims
    else:
        from qa_pipeline.readers.csv_tab import claims
    return fmt if claims(path, head) else None


def _head(path: Path, size: int = 8192) -> str:
    """The start of a file as text, leniently decoded (for sniffing only)."""
    try:
        with path.open("rb") as fh:
            data = fh.read(size)
    except OSError:
        return ""
    try:
        return decode_bytes(data)
    except ReaderError:
        return data.decode("utf-8", "replace")


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
    if fmt in ("strings", "stringsdict"):
        from qa_pipeline.readers.apple_strings import read_strings, read_stringsdict

        return read_strings if fmt == "strings" else read_stringsdict
    if fmt == "xcstrings":
        from qa_pipeline.readers.apple_catalog import read_xcstrings

        return read_xcstrings
    if fmt == "tmx":
        from qa_pipeline.readers.tmx import read_tmx

        return read_tmx
    if fmt in ("csv", "tsv"):
        from qa_pipeline.readers.csv_tab import read_csv, read_tsv

        return read_csv if fmt == "csv" else read_tsv
    if fmt == "moses":
        from qa_pipeline.readers.moses import read_moses

        return read_moses
    if fmt == "html":
        from qa_pipeline.readers.html import read_html

        return read_html
    raise ReaderError(f"unsupported format {fmt!r}")


def _multi_reader(fmt: str) -> Callable[[str, str, ReadOptions], list[Document]] | None:
    """The reader giving one document per target language, for formats that hold several."""
    if fmt == "xcstrings":
        from qa_pipeline.readers.apple_catalog import read_xcstrings_documents

        return read_xcstrings_documents
    if fmt == "tmx":
        from qa_pipeline.readers.tmx import read_tmx_documents

        return read_tmx_documents
    if fmt in ("csv", "tsv"):
        from qa_pipeline.readers.csv_tab import read_csv_documents, read_tsv_documents

        return read_csv_documents if fmt == "csv" else read_tsv_documents
    return None


def pick_document(docs: list[Document], options: ReadOptions) -> Document:
    """The document of ``options.target_language`` among a file's documents, one per target language
    (an exact match, else the same base language); without a wanted language, the first."""
    wanted = (options.target_language or "").lower()
    if not wanted:
        return docs[0]
    codes = [(d.target_language.code or "").lower() for d in docs]
    for match in (wanted, wanted.split("-")[0]):
        for doc, code in zip(docs, codes, strict=True):
            if code == match or code.split("-")[0] == match:
                return doc
    raise ReaderError(f"no {options.target_language} translation in the file (it has {', '.join(codes)})")


def read_document(path: Path, options: ReadOptions | None = None, display: str | None = None) -> Document:
    """Read and parse one file. ``display`` is the path shown in reports (default: ``str(path)``)."""
    fmt = format_of(path) or "text"
    options = options or ReadOptions()
    if fmt == "moses":  # the reader opens the line-aligned source file next to it
        from qa_pipeline.readers.moses import read_moses_file

        return read_moses_file(path, options, display)
    text = decode_file(path, fmt)
    return _reader(fmt)(text, display or str(path), options)


def read_documents(
    path: Path, options: ReadOptions | None = None, display: str | None = None
) -> list[Document]:
    """Read one file as one document per target language (TMX, ``.xcstrings`` and CSV with a
    language column can hold several); every other format gives one document. The documents keep
    the file's path and differ by ``target_language``."""
    fmt = format_of(path) or "text"
    multi = _multi_reader(fmt)
    if multi is None:
        return [read_document(path, options, display)]
    return multi(decode_file(path, fmt), display or str(path), options or ReadOptions())


__all__ = [
    "FORMATS",
    "CsvOptions",
    "ReadOptions",
    "ReaderError",
    "format_of",
    "pick_document",
    "read_document",
    "read_documents",
    "scan_format",
]
