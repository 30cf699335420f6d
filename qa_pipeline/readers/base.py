"""What every reader takes: options for units a translator has not finished, the language of a
multilingual file to read, and which CSV/TSV columns hold what."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from qa_pipeline.language import Language
from qa_pipeline.model import Completeness, Document
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
    if not options.target_language:
        return docs[0]
    wanted = Language.parse(options.target_language)
    langs = [d.target_language.language for d in docs]
    for doc, lang in zip(docs, langs, strict=True):
        if lang == wanted:
            return doc
    for doc, lang in zip(docs, langs, strict=True):
        if lang.base == wanted.base:
            return doc
    have = ", ".join((d.target_language.code or "?").lower() for d in docs)
    raise ReaderError(f"no {options.target_language} translation in the file (it has {have})")


def make_document(**fields: Any) -> Document:
    """The reader's :class:`Document`. What later layers use becomes typed fields — ``meta``'s
    ``suppressed`` (rules suppressed for the whole file) and ``units``/``untranslated`` (completeness);
    the rest of ``meta`` is what the reader knows about its format."""
    meta = dict(fields.pop("meta", {}))
    suppressed = frozenset(meta.pop("suppressed", frozenset()))
    units, untranslated = meta.pop("units", None), meta.pop("untranslated", 0)
    done = Completeness(units, int(untranslated)) if isinstance(units, int) else None
    return Document(meta=meta, suppressed=suppressed, completeness=done, **fields)
