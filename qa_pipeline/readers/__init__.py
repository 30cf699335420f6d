"""Readers: one module per format, each turning a file into a :class:`~qa_pipeline.model.Document`.

``read_document`` picks the reader by extension (``.txt``, ``.md``/``.markdown``, ``.po``/``.pot``,
``.xlf``/``.xliff``, ``.json``, ``.yml``/``.yaml``, ``.xml`` (Android resources)) and raises :class:`ReaderError` with a one-line message for any file it cannot use.
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
    ".json": "json",
    ".yml": "yaml",
    ".yaml": "yaml",
    ".xml": "android",
}

HEAD_BYTES = 8192
"""How much of a file :func:`scan_claims` looks at."""


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
    if fmt == "json":
        from qa_pipeline.readers.json_i18n import read_json

        return read_json
    if fmt == "yaml":
        from qa_pipeline.readers.yaml_i18n import read_yaml

        return read_yaml
    if fmt == "android":
        from qa_pipeline.readers.android import read_android

        return read_android
    raise ReaderError(f"unsupported format {fmt!r}")


def scan_claims(path: Path, head: bytes) -> bool:
    """Whether a folder scan should read ``path`` (``head``: its first :data:`HEAD_BYTES` bytes).

    Files of the document and bilingual formats are always read. ``.json``, ``.yml``/``.yaml`` and
    ``.xml`` are in every repository (package.json, CI workflows, pom.xml), so those are read only when
    their path or content identifies them as translation files; a file named on the command line is
    read by its extension's reader regardless.
    """
    fmt = format_of(path)
    if fmt == "json":
        from qa_pipeline.readers.json_i18n import claims as json_claims

        return json_claims(path, head)
    if fmt == "yaml":
        from qa_pipeline.readers.yaml_i18n import claims as yaml_claims

        return yaml_claims(path, head)
    if fmt == "android":
        from qa_pipeline.readers.android import claims as android_claims

        return android_claims(path, head)
    return fmt is not None


def read_document(path: Path, options: ReadOptions | None = None, display: str | None = None) -> Document:
    """Read and parse one file. ``display`` is the path shown in reports (default: ``str(path)``)."""
    fmt = format_of(path) or "text"
    text = decode_file(path, fmt)
    return _reader(fmt)(text, display or str(path), options or ReadOptions())


__all__ = ["FORMATS", "HEAD_BYTES", "ReadOptions", "ReaderError", "format_of", "read_document", "scan_claims"]
