"""CSV and TSV tables of translations.

Each data row is one segment of kind ``unit``: its target cell is the target, its source cell the
source. Which columns hold what comes from :class:`~qa_pipeline.readers.CsvOptions` (a header name or
a 1-based column number); without configuration a header row naming ``source`` and ``target``
(case-insensitive; optionally ``id``/``key``, ``context``, ``lang``/``language``/``locale``,
``notes``/``note``) is recognized. Without either: ``no source/target columns: …``.

- Segment id: the id column's value, else ``row<N>`` with N the 1-based record number, counting the
  header as row 1 (a spreadsheet's row number).
- Languages: a language column gives one document per language (:func:`read_csv_documents`;
  :func:`read_csv` gives ``ReadOptions.target_language``'s, else the first); otherwise a target
  (source) column whose header is a language code (``fr``, ``pt-BR``) names the language.
- Rows with an empty target are untranslated: skipped (and counted) unless ``include_untranslated``.
- Placeholders, URLs and e-mail addresses are protected. A notes cell ``qa-ignore: QA201``
  suppresses those rules for the row (``qa-ignore-file: …``: for the file).
- Dialect: RFC 4180 as Python's ``csv`` reads it (strict): ``"`` quotes fields, ``""`` is a quote
  inside one, quoted fields may hold delimiters and line breaks; LF, CRLF or CR rows. ``.tsv`` uses
  tabs, with the same quoting (as spreadsheets export it). ``.csv`` uses whichever of ``,`` ``;``
  tab ``|`` splits the header into the wanted columns (``,`` without a header).

Values come from the ``csv`` module; a second pass walks the text along each value to record where
every character is in the file (a doubled quote maps to its first quote).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from qa_pipeline.model import Document, LanguageInfo, OffsetMap, Segment, SegmentKind
from qa_pipeline.readers.base import CsvOptions, ReadOptions, make_document, pick_document
from qa_pipeline.readers.decode import ReaderError
from qa_pipeline.readers.suppression import selectors
from qa_pipeline.selectors import RuleSelector
from qa_pipeline.text.protect import protected_spans

_SUPPRESS = re.compile(r"^\s*qa-ignore(-file)?\b\s*(?::\s*(.*?))?\s*$", re.IGNORECASE | re.DOTALL)
_DELIMITERS = (",", ";", "\t", "|")
_NAMES = {
    "source": ("source",),
    "target": ("target",),
    "id": ("id", "key"),
    "context": ("context",),
    "lang": ("lang", "language", "locale"),
    "notes": ("notes", "note"),
}
_ROLES = tuple(_NAMES)


@dataclass(frozen=True)
class Cell:
    """A cell's value and where its characters are in the file."""

    value: str
    offsets: OffsetMap


def _records(text: str, delimiter: str) -> Iterator[list[Cell]]:
    """The cells of each record (blank lines are no records), with their places in ``text``."""
    start = 1 if text.startswith("\ufeff") else 0
    reader = csv.reader(io.StringIO(text[start:], newline=""), delimiter=delimiter, strict=True)
    pos = start
    n = len(text)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ReaderError(f"line {reader.line_num}: malformed CSV ({exc})") from None
        cells: list[Cell] = []
        for k, value in enumerate(row):
            if k:
                pos += 1  # the delimiter
            if pos < n and text[pos] == '"':
                anchors: list[tuple[int, int]] = [(0, pos + 1)]
                p = pos + 1
                for i, ch in enumerate(value):
                    if ch == '"':  # spelled "" in the file: the character is at the first quote
                        anchors.append((i, p))
                        p += 2
                        anchors.append((i + 1, p))
                    else:
                        p += 1
                cells.append(Cell(value, OffsetMap(_compact(anchors))))
                pos = p + 1  # the closing quote
            else:
                cells.append(Cell(value, OffsetMap.contiguous(pos)))
                pos += len(value)
        if text.startswith("\r\n", pos):
            pos += 2
        elif pos < n and text[pos] in "\r\n":
            pos += 1
        if cells:
            yield cells


def _compact(anchors: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Anchors with the redundant ones (where text and file advance together) left out."""
    out: list[tuple[int, int]] = []
    for t, f in anchors:
        if out and out[-1][0] == t:
            out[-1] = (t, f)
        elif not out or out[-1][1] + (t - out[-1][0]) != f:
            out.append((t, f))
    return tuple(out)


def _header_roles(header: list[str], opts: CsvOptions) -> dict[str, int]:
    """Column index (0-based) of each role the header or the options name."""
    names = [h.strip().lower() for h in header]
    roles: dict[str, int] = {}
    for role in _ROLES:
        wanted = getattr(opts, role)
        if isinstance(wanted, int):
            if wanted < 1:
                raise ReaderError(f"column number {wanted} for {role} (columns count from 1)")
            roles[role] = wanted - 1
        elif isinstance(wanted, str):
            if wanted.strip().lower() not in names:
                shown = ", ".join(repr(h) for h in header) or "none"
                raise ReaderError(f"no column named {wanted!r} for {role} (the header has {shown})")
            roles[role] = names.index(wanted.strip().lower())
        else:
            found = next((names.index(a) for a in _NAMES[role] if a in names), None)
            if found is not None:
                roles[role] = found
    return roles


def _delimiter(text: str, fmt: str, opts: CsvOptions) -> str:
    if opts.delimiter:
        return opts.delimiter
    if fmt == "tsv":
        return "\t"
    if not opts.header:
        return ","
    first = text[: text.find("\n") if "\n" in text else len(text)]
    for d in _DELIMITERS:
        try:
            header = next(csv.reader([first], delimiter=d))
        except (csv.Error, StopIteration):
            continue
        try:
            roles = _header_roles(header, opts)
        except ReaderError:
            continue
        if "source" in roles and "target" in roles:
            return d
    return ","


def claims(path: Path, head: str, options: ReadOptions | None = None) -> bool:
    """A folder scan reads a ``.csv``/``.tsv`` file only when its header row names the source and
    target columns (or the configured ones), so data tables are left alone."""
    opts = (options or ReadOptions()).csv
    if not opts.header:
        return isinstance(opts.source, int) and isinstance(opts.target, int)
    fmt = "tsv" if path.suffix.lower() == ".tsv" else "csv"
    first = head.lstrip("\ufeff").splitlines()[0] if head.strip() else ""
    d = _delimiter(first, fmt, opts)
    try:
        roles = _header_roles(next(csv.reader([first], delimiter=d)), opts)
    except (csv.Error, StopIteration, ReaderError):
        return False
    return "source" in roles and "target" in roles


def _language(header: list[str], roles: dict[str, int], role: str) -> LanguageInfo:
    from qa_pipeline.languages import is_language, normalize

    if role not in roles or roles[role] >= len(header):
        return LanguageInfo(None)
    name = header[roles[role]].strip()
    if re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", name) and is_language(name):
        return LanguageInfo(normalize(name), "file")
    return LanguageInfo(None)


def _read(text: str, path: str, options: ReadOptions, fmt: str) -> list[Document]:
    opts = options.csv
    delimiter = _delimiter(text, fmt, opts)
    records = _records(text, delimiter)
    header: list[str] = []
    first_row = 1
    if opts.header:
        first = next(records, None)
        header = [c.value for c in first] if first else []
        first_row = 2
    roles = _header_roles(header, opts)
    if "source" not in roles or "target" not in roles:
        shown = ", ".join(repr(h) for h in header[:8]) if header else "no header row"
        raise ReaderError(
            f"no source/target columns: the header ({shown}) names no 'source' and 'target' column;"
            " name them or configure the columns ([formats.csv] source = …, target = …)"
        )
    target_lang = _language(header, roles, "target")
    source_lang = _language(header, roles, "source")
    by_lang: dict[str | None, list[Segment]] = {}
    counts: dict[str | None, list[int]] = {}
    file_suppressed: set[RuleSelector] = set()

    def cell(cells: list[Cell], role: str) -> Cell | None:
        k = roles.get(role)
        return cells[k] if k is not None and k < len(cells) else None

    from qa_pipeline.languages import normalize

    for row, cells in enumerate(records, first_row):
        lang_cell = cell(cells, "lang")
        lang = normalize(lang_cell.value) if lang_cell and lang_cell.value.strip() else target_lang.code
        segments = by_lang.setdefault(lang, [])
        count = counts.setdefault(lang, [0, 0])
        count[0] += 1
        target = cell(cells, "target")
        if target is None or not target.value.strip():
            count[1] += 1
            if not options.include_untranslated:
                continue
        source, ident, context, note = (cell(cells, r) for r in ("source", "id", "context", "notes"))
        notes: tuple[str, ...] = ()
        suppressed: frozenset[RuleSelector] = frozenset()
        if note is not None and note.value.strip():
            m = _SUPPRESS.match(note.value)
            if m is None:
                notes = (note.value.strip(),)
            elif m.group(1):
                file_suppressed.update(selectors(m.group(2)))
            else:
                suppressed = selectors(m.group(2))
        if target is None:  # a short row: the empty target sits where the row ends
            last = cells[-1]
            target = Cell("", OffsetMap.contiguous(last.offsets.to_file(len(last.value))))
        segments.append(
            Segment(
                id=ident.value if ident is not None and ident.value.strip() else f"row{row}",
                target=target.value,
                source=source.value if source is not None else "",
                kind=SegmentKind.UNIT,
                offsets=target.offsets,
                source_offsets=source.offsets if source is not None else None,
                protected=tuple(protected_spans(target.value, placeholders=True)),
                source_protected=tuple(protected_spans(source.value, placeholders=True)) if source else (),
                index=len(segments),
                notes=notes,
                suppressed=suppressed,
                context=context.value if context is not None and context.value else None,
            )
        )
    langs = sorted(by_lang, key=lambda x: x or "") if by_lang else [target_lang.code]
    docs = []
    for lang in langs:
        units, untranslated = counts.get(lang, [0, 0])
        meta: dict[str, object] = {"units": units, "untranslated": untranslated, "delimiter": delimiter}
        if file_suppressed:
            meta["suppressed"] = frozenset(file_suppressed)
        if len(langs) > 1:
            meta["languages"] = [x for x in langs if x]
        docs.append(
            make_document(
                path=path,
                format=fmt,
                text=text,
                segments=tuple(by_lang.get(lang, ())),
                target_language=LanguageInfo(lang, "file") if lang else LanguageInfo(None),
                source_language=source_lang,
                meta=meta,
            )
        )
    return docs


def read_csv_documents(text: str, path: str, options: ReadOptions) -> list[Document]:
    """One document per language of the language column (one document without such a column)."""
    return _read(text, path, options, "csv")


def read_tsv_documents(text: str, path: str, options: ReadOptions) -> list[Document]:
    return _read(text, path, options, "tsv")


def read_csv(text: str, path: str, options: ReadOptions) -> Document:
    return pick_document(_read(text, path, options, "csv"), options)


def read_tsv(text: str, path: str, options: ReadOptions) -> Document:
    return pick_document(_read(text, path, options, "tsv"), options)


__all__ = ["claims", "read_csv", "read_csv_documents", "read_tsv", "read_tsv_documents"]
