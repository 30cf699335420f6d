"""Stage 3, read: each planned file parsed once, its source attached, its languages resolved, and the
translations of the same document (siblings) found.

A file shared by several translations (a source, a sibling) is parsed once per run. A file that cannot be
read is not an exception here: it becomes a :class:`Loaded` with an ``error``, reported in its own file
report, and the other files are still checked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from qa_pipeline.config import Settings
from qa_pipeline.languages import resolve_languages
from qa_pipeline.model import Document
from qa_pipeline.pairing import attach_source
from qa_pipeline.pipeline.plan import FilePlan, RunOptions, plan_file
from qa_pipeline.readers import ReaderError, ReadOptions, read_document, read_documents, reader
from qa_pipeline.readers.formats import KEYED
from qa_pipeline.readers.keyed import attach_source_by_id
from qa_pipeline.ruleapi import Sibling
from qa_pipeline.siblings import find_siblings


@dataclass(frozen=True)
class Loaded:
    """A planned file and its document, or the one-line reason it could not be read."""

    plan: FilePlan
    document: Document | None = None
    error: str | None = None

    @property
    def key(self) -> str:
        """The file's path relative to the config folder, with ``#lang`` for one language of a
        multilingual file: the key of fingerprints and baselines."""
        doc = self.document
        part = doc.path[len(self.plan.display) :] if doc is not None and doc.file is not None else ""
        return self.plan.relpath + part


class DocumentCache:
    """Parsed files by real path, for one run."""

    def __init__(self, settings: Settings) -> None:
        self.options = ReadOptions(
            include_fuzzy=settings.include_fuzzy,
            include_obsolete=settings.include_obsolete,
            include_untranslated=settings.include_untranslated,
        )
        self.formats = settings.formats
        self._docs: dict[Path, Document] = {}

    def read(self, path: Path, display: str | None = None) -> Document:
        key = path.resolve()
        doc = self._docs.get(key)
        if doc is None:
            doc = read_document(path, self.options, mapped=self.formats)
            self._docs[key] = doc
        shown = display if display is not None else str(path)
        return doc if doc.path == shown else replace(doc, path=shown)

    def read_parts(self, path: Path, display: str) -> list[Document]:
        """Every document of a file: one per target language of a multilingual file (TMX, .xcstrings,
        a CSV with a language column), each named ``file#lang``; else the one document."""
        docs = read_documents(path, self.options, display, mapped=self.formats)
        if len(docs) == 1:
            return [replace(docs[0], path=display)]
        return [replace(d, path=f"{display}#{d.target_language.code}", file=display) for d in docs]


def load(plan: FilePlan, cache: DocumentCache) -> Document:
    """The document of ``plan`` with its source and languages (raises :class:`ReaderError`)."""
    return complete(plan, cache.read(plan.path, plan.display), cache)


def complete(plan: FilePlan, doc: Document, cache: DocumentCache) -> Document:
    """``doc`` with its source attached and its languages resolved (raises :class:`ReaderError`)."""
    if plan.source is not None:
        try:
            src_doc = cache.read(plan.source)
            keyed = reader(doc.format).pairing == KEYED and src_doc.format == doc.format
            doc = attach_source_by_id(doc, src_doc) if keyed else attach_source(doc, src_doc)
        except ReaderError as exc:
            raise ReaderError(f"source file {plan.source}: {exc}") from None
    target, source = resolve_languages(
        doc,
        plan.target.code if plan.target else None,
        plan.source_language.code if plan.source_language else None,
        origin=plan.target.origin if plan.target else "config",
        path_lang=plan.target_from_path,
        source_origin=plan.source_language.origin if plan.source_language else "config",
        source_path_lang=plan.source_from_path,
    )
    return replace(doc, target_language=target, source_language=source)


def read_all(plans: Sequence[FilePlan], cache: DocumentCache) -> tuple[Loaded, ...]:
    """Every planned file read; a file of several target languages gives one :class:`Loaded` each."""
    out: list[Loaded] = []
    for plan in plans:
        try:
            parts = cache.read_parts(plan.path, plan.display)
            out.extend(Loaded(plan, complete(plan, doc, cache)) for doc in parts)
        except ReaderError as exc:
            out.append(Loaded(plan, error=str(exc)))
    return tuple(out)


def siblings_of(
    loaded: Sequence[Loaded], settings: Settings, cache: DocumentCache
) -> Mapping[str, tuple[Sibling, ...]]:
    """Siblings of each read document, by display path: by ``layout`` (read from disk when the run
    does not check them, as in a pre-commit hook), else by shared structure."""
    docs = [item.document for item in loaded if item.document is not None]
    relpaths = {item.document.path: item.key for item in loaded if item.document is not None}

    def load_sibling(path: Path) -> Document | None:
        try:
            return load(plan_file(path, settings, RunOptions()), cache)
        except ReaderError:
            return None

    return find_siblings(docs, settings.siblings, settings.layout, relpaths, settings.root, load_sibling)
