"""The formats qa-pipeline reads: one table, one entry per format.

A :class:`FormatSpec` names the reader module and function, the extensions it claims, how a folder scan
decides whether a file of an extension common outside localization (``.json``, ``.xml``…) is a
translation file, and how the format pairs with its source: ``bilingual`` formats carry it in the file
(PO, XLIFF), ``keyed`` ones pair with a sibling file key by key (JSON, YAML, Android), documents are
aligned paragraph by paragraph (text, Markdown). ``qa-pipeline formats`` prints this table.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qa_pipeline.model import Document
    from qa_pipeline.readers.base import ReadOptions

Reader = Callable[[str, str, "ReadOptions"], "Document"]

DOCUMENT, BILINGUAL, KEYED = "document", "bilingual", "keyed"


@dataclass(frozen=True)
class FormatSpec:
    """One format: its name, extensions, reader and how it finds its source."""

    name: str
    extensions: tuple[str, ...]
    reader: str  # "module:function"
    pairing: str  # DOCUMENT (aligned paragraphs), BILINGUAL (source in the file) or KEYED (by id)
    description: str
    claims: str | None = None  # "module:function(path, head) -> bool" for folder scans; None: always

    def read_function(self) -> Reader:
        fn: Reader = _load(self.reader)  # type: ignore[assignment]
        return fn

    def claimed(self, path: Path, head: bytes) -> bool:
        """Whether a folder scan reads ``path`` (its first bytes ``head``) as this format."""
        return True if self.claims is None else bool(_load(self.claims)(path, head))


def _load(ref: str) -> Callable[..., object]:
    module, _, name = ref.partition(":")
    fn: Callable[..., object] = getattr(importlib.import_module(f"qa_pipeline.readers.{module}"), name)
    return fn


SPECS: tuple[FormatSpec, ...] = (
    FormatSpec("text", (".txt", ".text"), "text:read_text", DOCUMENT, "plain text: paragraphs, headings, lists"),
    FormatSpec(
        "markdown", (".md", ".markdown"), "markdown:read_markdown", DOCUMENT,
        "Markdown (CommonMark): code, front matter and URLs protected",
    ),
    FormatSpec("po", (".po", ".pot"), "po:read_po", BILINGUAL, "gettext PO: each entry with its msgid"),
    FormatSpec("xliff", (".xlf", ".xliff"), "xliff:read_xliff", BILINGUAL, "XLIFF 1.2 and 2.0"),
    FormatSpec(
        "json", (".json",), "json_i18n:read_json", KEYED,
        "JSON i18n (i18next, vue-i18n, react-intl/Format.js ICU, Chrome messages.json)",
        claims="json_i18n:claims",
    ),
    FormatSpec(
        "yaml", (".yml", ".yaml"), "yaml_i18n:read_yaml", KEYED, "YAML locale files (Rails, i18n-js)",
        claims="yaml_i18n:claims",
    ),
    FormatSpec(
        "android", (".xml",), "android:read_android", KEYED, "Android res/values-*/strings.xml",
        claims="android:claims",
    ),
)  # fmt: skip

BY_NAME: Mapping[str, FormatSpec] = {s.name: s for s in SPECS}
BY_EXTENSION: Mapping[str, FormatSpec] = {ext: s for s in SPECS for ext in s.extensions}


def spec_for(path: Path, mapped: Mapping[str, str] | None = None) -> FormatSpec | None:
    """The format of ``path`` by its extension (``mapped``: the user's extension -> format table)."""
    suffix = path.suffix.lower()
    if mapped and suffix in mapped:
        return BY_NAME.get(mapped[suffix])
    return BY_EXTENSION.get(suffix)


def listing() -> str:
    """``qa-pipeline formats``: every format, its extensions and how it pairs with its source."""
    width = max(len(s.name) for s in SPECS)
    lines = []
    for s in SPECS:
        exts = " ".join(s.extensions)
        lines.append(f"{s.name:<{width}}  {exts:<18}  {s.pairing:<9}  {s.description}")
    return "\n".join(lines) + "\n"
