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
    claims_text: bool = False  # the claims function takes the head decoded (str), not bytes
    multi: str | None = None  # "module:function": one document per target language (TMX, .xcstrings)
    opens: str | None = None  # "module:function(path, options, display)": the reader opens the file itself
    language_of: str | None = None  # "module:function(path) -> code": the language its path names
    source_of: str | None = None  # "module:function(path) -> Path": its source file by convention

    def path_language(self, path: Path) -> str | None:
        """The language ``path`` names by this format's convention (``values-pt-rBR``, ``fr.lproj``)."""
        return load(self.language_of)(path) if self.language_of else None  # type: ignore[return-value]

    def convention_source(self, path: Path) -> Path | None:
        """The source file of ``path`` by this format's convention, when it exists."""
        return load(self.source_of)(path) if self.source_of else None  # type: ignore[return-value]

    def read_function(self) -> Reader:
        fn: Reader = load(self.reader)  # type: ignore[assignment]
        return fn

    def claimed(self, path: Path, head: bytes) -> bool:
        """Whether a folder scan reads ``path`` (its first bytes ``head``) as this format."""
        if self.claims is None:
            return True
        if self.claims_text:
            from qa_pipeline.readers.decode import head_text

            return bool(load(self.claims)(path, head_text(head)))
        return bool(load(self.claims)(path, head))


def load(ref: str) -> Callable[..., object]:
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
        claims="json_i18n:claims", language_of="keyed:path_language", source_of="keyed:convention_source",
    ),
    FormatSpec(
        "yaml", (".yml", ".yaml"), "yaml_i18n:read_yaml", KEYED, "YAML locale files (Rails, i18n-js)",
        claims="yaml_i18n:claims", language_of="keyed:path_language", source_of="keyed:convention_source",
    ),
    FormatSpec(
        "android", (".xml",), "android:read_android", KEYED, "Android res/values-*/strings.xml",
        claims="android:claims", language_of="keyed:path_language", source_of="keyed:convention_source",
    ),
    FormatSpec(
        "strings", (".strings",), "apple_strings:read_strings", KEYED, "Apple .strings (UTF-16 or UTF-8)",
        language_of="apple_strings:language_from_path", source_of="apple_strings:default_source",
    ),
    FormatSpec(
        "stringsdict", (".stringsdict",), "apple_strings:read_stringsdict", KEYED, "Apple .stringsdict plurals",
        language_of="apple_strings:language_from_path", source_of="apple_strings:default_source",
    ),
    FormatSpec(
        "xcstrings", (".xcstrings",), "apple_catalog:read_xcstrings", BILINGUAL,
        "Xcode string catalog: every language in one file", multi="apple_catalog:read_xcstrings_documents",
    ),
    FormatSpec(
        "tmx", (".tmx",), "tmx:read_tmx", BILINGUAL, "TMX 1.4 translation memory, per language pair",
        claims="tmx:claims", claims_text=True, multi="tmx:read_tmx_documents",
    ),
    FormatSpec(
        "csv", (".csv",), "csv_tab:read_csv", BILINGUAL, "CSV with source and target columns",
        claims="csv_tab:claims", claims_text=True, multi="csv_tab:read_csv_documents",
    ),
    FormatSpec(
        "tsv", (".tsv",), "csv_tab:read_tsv", BILINGUAL, "TSV with source and target columns",
        claims="csv_tab:claims", claims_text=True, multi="csv_tab:read_tsv_documents",
    ),
    FormatSpec(
        "html", (".html", ".htm", ".xhtml"), "html:read_html", DOCUMENT,
        "HTML pages: visible text, alt and title", claims="html:claims", claims_text=True,
    ),
    FormatSpec(
        "moses", (), "moses:read_moses", BILINGUAL,
        "Moses parallel text: corpus.fr checked against corpus.en, line by line (extension = language)",
        claims="moses:claims", claims_text=True, opens="moses:read_moses_file",
        language_of="moses:language_from_path",
    ),
)  # fmt: skip

BY_NAME: Mapping[str, FormatSpec] = {s.name: s for s in SPECS}
BY_EXTENSION: Mapping[str, FormatSpec] = {ext: s for s in SPECS for ext in s.extensions}


def spec_for(path: Path, mapped: Mapping[str, str] | None = None) -> FormatSpec | None:
    """The format of ``path`` by its extension (``mapped``: the user's extension -> format table); a
    Moses file by its language-code extension beside the source-language file of the same stem."""
    suffix = path.suffix.lower()
    if mapped and suffix in mapped:
        return BY_NAME.get(mapped[suffix])
    spec = BY_EXTENSION.get(suffix)
    if spec is None and suffix:
        from qa_pipeline.readers.moses import claims as moses_pair

        if moses_pair(path):
            return BY_NAME["moses"]
    return spec


def listing() -> str:
    """``qa-pipeline formats``: every format, its extensions and how it pairs with its source."""
    width = max(len(s.name) for s in SPECS)
    lines = []
    for s in SPECS:
        exts = " ".join(s.extensions) or ".<lang>"
        lines.append(f"{s.name:<{width}}  {exts:<18}  {s.pairing:<9}  {s.description}")
    return "\n".join(lines) + "\n"
