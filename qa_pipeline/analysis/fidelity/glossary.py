"""Glossaries (term bases): CSV or TBX files read into concepts with required and forbidden terms.

**CSV** (UTF-8, a header row, comma-separated; ``;`` or tab separators are recognized): columns
``source`` (the source term), ``target`` (required translation), ``forbidden`` (translations not to
use), ``lang`` (the target language the row is for; empty: every language), ``source-lang``
(optional) and ``note`` (ignored). A cell may hold alternatives separated by ``|``. Rows with the same
source term and language form one concept.

**TBX** (TBX-Basic, TBX 2008 / ISO 30042, TBX v3): each ``<termEntry>`` or ``<conceptEntry>`` is a
concept; its ``<langSet xml:lang="…">`` hold ``<term>`` elements (in ``<tig>``, ``<ntig>`` or
``<termSec>``). A term whose ``administrativeStatus`` or ``normativeAuthorization`` note says
``deprecatedTerm-admn-sts`` or ``supersededTerm-admn-sts`` (or ``deprecated``/``superseded``) is
forbidden; every other term is required (any one of a language's terms will do). Parsed with
defusedxml: entity declarations and external references are refused.

A malformed file raises :class:`GlossaryError` with ``file:line: problem``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from qa_pipeline.errors import QaPipelineError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_FORBIDDEN_STATUS = ("deprecated", "superseded")


class GlossaryError(QaPipelineError):
    """A glossary file that cannot be used: ``file:line: problem``."""


@dataclass(frozen=True)
class Concept:
    """One glossary entry: its source terms and, per target language (``""``: any), the terms to use
    and the terms not to use."""

    source: tuple[str, ...]
    required: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    forbidden: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    line: int = 0
    source_lang: str = ""  # "" : the source language of the checked file
    terms_by_lang: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # TBX: every language's terms


@dataclass(frozen=True)
class Glossary:
    path: str
    concepts: tuple[Concept, ...]


def _lang(code: str) -> str:
    return code.strip().replace("_", "-").lower()


def _cells(value: str | None) -> tuple[str, ...]:
    return tuple(t.strip() for t in (value or "").split("|") if t.strip())


def read_csv(text: str, name: str) -> Glossary:
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise GlossaryError(f"{name}:{reader.line_num}: malformed CSV ({exc})") from None
    if not rows:
        raise GlossaryError(f"{name}:1: empty glossary (expected a header row: source,target,…)")
    header = [h.strip().lower() for h in rows[0]]
    known = {"source", "target", "forbidden", "lang", "source-lang", "note"}
    unknown = [h for h in header if h not in known]
    if unknown or "source" not in header:
        raise GlossaryError(
            f"{name}:1: the header must name the columns source, target, forbidden, lang, source-lang, note "
            f"(got {', '.join(rows[0])})"
        )
    merged: dict[tuple[str, str, str], dict[str, object]] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) > len(header):
            raise GlossaryError(f"{name}:{number}: {len(row)} cells, the header has {len(header)}")
        cell = dict(zip(header, row, strict=False))
        source = cell.get("source", "").strip()
        required, forbidden = _cells(cell.get("target")), _cells(cell.get("forbidden"))
        if not source:
            raise GlossaryError(f"{name}:{number}: a row without a source term")
        if not required and not forbidden:
            raise GlossaryError(f"{name}:{number}: '{source}' has neither a target nor a forbidden term")
        lang, src_lang = _lang(cell.get("lang", "")), _lang(cell.get("source-lang", ""))
        entry = merged.setdefault(
            (source.casefold(), lang, src_lang), {"source": source, "line": number, "r": [], "f": []}
        )
        entry["r"] += list(required)  # type: ignore[operator]
        entry["f"] += list(forbidden)  # type: ignore[operator]
    concepts = []
    for (_, lang, src_lang), e in merged.items():
        req: tuple[str, ...] = tuple(dict.fromkeys(e["r"]))  # type: ignore[call-overload]
        forb: tuple[str, ...] = tuple(dict.fromkeys(e["f"]))  # type: ignore[call-overload]
        concepts.append(
            Concept(
                source=(str(e["source"]),),
                required={lang: req} if req else {},
                forbidden={lang: forb} if forb else {},
                line=int(e["line"]),  # type: ignore[call-overload]
                source_lang=src_lang,
            )
        )
    return Glossary(name, tuple(concepts))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read_tbx(text: str, name: str) -> Glossary:
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as SafeET
    from defusedxml.common import DefusedXmlException

    try:
        root = SafeET.fromstring(text.lstrip("\ufeff"))
    except DefusedXmlException:
        raise GlossaryError(f"{name}:1: unsafe XML (entity declarations or external references)") from None
    except ParseError as exc:
        raise GlossaryError(f"{name}:{exc.position[0]}: malformed XML ({str(exc).split(':')[0]})") from None
    concepts = []
    entries = [el for el in root.iter() if _local(el.tag) in ("termEntry", "conceptEntry")]
    if not entries:
        raise GlossaryError(f"{name}:1: no <termEntry> or <conceptEntry> found: not a TBX glossary")
    for entry in entries:
        langs: dict[str, list[str]] = {}
        forbidden: dict[str, list[str]] = {}
        for lang_set in (el for el in entry if _local(el.tag) == "langSet"):
            lang = _lang(lang_set.get(XML_LANG) or lang_set.get("lang") or "")
            if not lang:
                raise GlossaryError(f"{name}:{_line(text, entry)}: a <langSet> without xml:lang")
            for holder in (el for el in lang_set.iter() if _local(el.tag) in ("tig", "ntig", "termSec")):
                terms = [t for t in holder.iter() if _local(t.tag) == "term"]
                status = " ".join(
                    (n.text or "").lower()
                    for n in holder.iter()
                    if _local(n.tag) in ("termNote", "descrip")
                    and (n.get("type") or "") in ("administrativeStatus", "normativeAuthorization")
                )
                for term in terms:
                    value = "".join(term.itertext()).strip()
                    if not value:
                        continue
                    bucket = forbidden if any(s in status for s in _FORBIDDEN_STATUS) else langs
                    bucket.setdefault(lang, []).append(value)
        if not langs and not forbidden:
            continue
        line = _line(text, entry)
        all_terms = {lang: tuple(v) for lang, v in langs.items()}
        concepts.append(
            Concept(
                source=(),
                required=all_terms,
                forbidden={lang: tuple(v) for lang, v in forbidden.items()},
                line=line,
                terms_by_lang=all_terms,
            )
        )
    return Glossary(name, tuple(concepts))


def _line(text: str, entry: object) -> int:
    """The line of an entry, found by its id (ElementTree keeps no positions)."""
    get = getattr(entry, "get", None)
    ident = get("id") if get else None
    if ident:
        at = text.find(f'id="{ident}"')
        if at >= 0:
            return text.count("\n", 0, at) + 1
    return 1


def load_glossary(path: Path) -> Glossary:
    """Read a CSV or TBX glossary (by extension: ``.csv``/``.tsv``, ``.tbx``/``.xml``)."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GlossaryError(f"{name}:1: no such file") from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise GlossaryError(f"{name}:{line}: not UTF-8 text") from None
    except OSError as exc:
        raise GlossaryError(f"{name}:1: cannot read ({exc.strerror})") from None
    suffix = path.suffix.lower()
    if suffix in (".tbx", ".xml"):
        return read_tbx(text, name)
    if suffix in (".csv", ".tsv", ".txt"):
        return read_csv(text, name)
    raise GlossaryError(f"{name}:1: unknown glossary format {suffix or '(none)'} (use .csv or .tbx)")
