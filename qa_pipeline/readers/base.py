"""What every reader takes: options for units a translator has not finished, the language of a
multilingual file to read, and which CSV/TSV columns hold what."""

from __future__ import annotations

from dataclasses import dataclass, field

from qa_pipeline.model import Document
from qa_pipeline.readers.decode import ReaderError


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
