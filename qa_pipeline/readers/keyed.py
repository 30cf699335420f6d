"""What keyed formats (JSON i18n, YAML locale files, Android resources) share.

A keyed file is one language's values of a set of keys; its source is the same keys in the source
language's file. This module builds their segments, pairs a translation with its source **by segment
id** (not by paragraph alignment), and knows the path conventions of each format: which language a
path is in and where its source file usually is.

- :func:`attach_source_by_id` fills each segment's source from the source segment with the same id. A
  plural form the source lacks (Polish ``few``) pairs with the source's ``other``. Keys of one file
  missing from the other are recorded in ``Document.meta``: ``missing_keys`` (in the source, not in
  the translation) and ``extra_keys`` (in the translation, not in the source).
- :func:`default_source` / :func:`language_from_path`: ``locales/fr.json`` → ``locales/en.json``,
  ``fr/translation.json`` → ``en/translation.json``, ``config/locales/fr.yml`` → ``en.yml``,
  ``res/values-fr/strings.xml`` → ``res/values/strings.xml``.

Readers of keyed formats record in ``meta``: ``keys`` (every key of the file in order, a plural group
once by its base key, untranslated keys included), ``units``, ``untranslated``, ``untranslated_ids``
and, when there are any, ``duplicate_keys`` (only the last occurrence is checked, as at run time) and
``optional_ids`` (keys a translation may leave out).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path, PurePath
from typing import Any

from qa_pipeline.model import Document, OffsetMap, Segment, SegmentKind, Span
from qa_pipeline.selectors import RuleSelector
from qa_pipeline.text.protect import merge_spans, protected_spans

PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
"""CLDR plural categories; a keyed plural segment's ``plural_index`` is its index here."""

KEYED_FORMATS = frozenset({"json", "yaml", "android"})

_SUFFIX = re.compile(r"_(zero|one|two|few|many|other|plural)$")


def make_segment(
    seg_id: str,
    target: str,
    offsets: OffsetMap,
    index: int,
    *,
    category: str | None = None,
    notes: tuple[str, ...] = (),
    flags: frozenset[str] = frozenset(),
    suppressed: frozenset[RuleSelector] = frozenset(),
    protected: Iterable[Span] = (),
) -> Segment:
    """A keyed segment: kind ``plural`` with a CLDR ``category``, else ``unit``; placeholders, URLs
    and e-mail addresses protected, plus the reader's own ``protected`` spans (inline tags)."""
    spans = merge_spans([*protected_spans(target, placeholders=True), *protected])
    return Segment(
        id=seg_id,
        target=target,
        kind=SegmentKind.PLURAL if category else SegmentKind.UNIT,
        offsets=offsets,
        protected=spans,
        index=index,
        notes=notes,
        flags=flags,
        suppressed=suppressed,
        plural_index=PLURAL_CATEGORIES.index(category) if category else None,
    )


def key_meta(
    keys: list[str],
    untranslated: list[str],
    duplicates: Iterable[str] = (),
    optional: Iterable[str] = (),
) -> dict[str, Any]:
    """The ``meta`` entries every keyed reader records (see the module docstring)."""
    unique = list(dict.fromkeys(keys))
    meta: dict[str, Any] = {
        "keys": tuple(unique),
        "units": len(unique),
        "untranslated": len(untranslated),
        "untranslated_ids": tuple(untranslated),
    }
    dup = tuple(dict.fromkeys(duplicates))
    if dup:
        meta["duplicate_keys"] = dup
    opt = tuple(dict.fromkeys(optional))
    if opt:
        meta["optional_ids"] = opt
    return meta


# --- plural ids -----------------------------------------------------------------------------------


def plural_parts(fmt: str, seg_id: str) -> tuple[str, str] | None:
    """(base key, CLDR category) of a plural form's id in format ``fmt``, or None."""
    if fmt == "android":
        m = re.fullmatch(r"(.*)\[(zero|one|two|few|many|other)\]", seg_id)
        return (m.group(1), m.group(2)) if m else None
    if fmt == "yaml":
        base, _, cat = seg_id.rpartition(".")
        return (base, cat) if base and cat in PLURAL_CATEGORIES else None
    if fmt == "json":
        m = _SUFFIX.search(seg_id)
        if m is None:
            return (seg_id, "one")  # i18next v3: "key" is the singular of "key_plural"
        return seg_id[: m.start()], "other" if m.group(1) == "plural" else m.group(1)
    if fmt == "stringsdict":  # key/variable/category
        base, _, cat = seg_id.rpartition("/")
        return (base, cat) if base and cat in PLURAL_CATEGORIES else None
    return None


def _plural_id(fmt: str, base: str, category: str, v3: bool = False) -> str:
    if fmt == "android":
        return f"{base}[{category}]"
    if fmt == "yaml":
        return f"{base}.{category}"
    if fmt == "stringsdict":
        return f"{base}/{category}"
    return f"{base}_plural" if v3 else f"{base}_{category}"


def _source_for(seg: Segment, fmt: str, by_id: Mapping[str, Segment]) -> Segment | None:
    found = by_id.get(seg.id)
    if found is not None:
        return found
    parts = plural_parts(fmt, seg.id)
    if seg.kind is not SegmentKind.PLURAL or parts is None:
        # a plain string where the source has a plural (an outdated translation): its "other" form
        found = by_id.get(_plural_id(fmt, seg.id, "other"))
        return found if found is not None and found.kind is SegmentKind.PLURAL else None
    base, category = parts
    for cat, v3 in (("other", False), ("other", True)):
        if cat != category:
            found = by_id.get(_plural_id(fmt, base, cat, v3))
            if found is not None:
                return found
    return None


def attach_source_by_id(doc: Document, source_doc: Document) -> Document:
    """``doc`` with each segment's source taken from the ``source_doc`` segment of the same id.

    Plural forms pair by CLDR category; a category the source lacks pairs with its ``other`` form. A
    segment the source does not have keeps ``source=None``; a plain string whose source is a plural
    pairs with its ``other`` form and is listed in ``meta["plural_mismatch"]``.
    ``meta["missing_keys"]`` lists the source's keys the translation lacks (except ``optional_ids``),
    ``meta["extra_keys"]`` the translation's keys the source lacks; both in file order.
    """
    by_id = {s.id: s for s in source_doc.segments}
    segments = []
    renamed: dict[str, str] = {}  # key of a form that turned out to be plural -> its base key
    mismatched: list[str] = []  # plain strings whose source is a plural
    for seg in doc.segments:
        src = _source_for(seg, doc.format, by_id)
        if src is None:
            segments.append(seg)
            continue
        changes: dict[str, Any] = {
            "source": src.target,
            "source_offsets": src.offsets,
            "source_protected": src.protected,
            "flags": seg.flags | src.flags,
        }
        if src.id != seg.id and seg.kind is SegmentKind.UNIT:
            mismatched.append(seg.id)
        elif src.kind is SegmentKind.PLURAL and seg.kind is SegmentKind.UNIT:
            parts = plural_parts(doc.format, seg.id)
            if parts is not None and parts[1] in PLURAL_CATEGORIES:
                changes["kind"] = SegmentKind.PLURAL
                changes["plural_index"] = PLURAL_CATEGORIES.index(parts[1])
                renamed[seg.id] = parts[0]
        segments.append(replace(seg, **changes))
    target_keys = tuple(dict.fromkeys(renamed.get(k, k) for k in _keys(doc)))
    source_keys = _keys(source_doc)
    optional = set(source_doc.meta.get("optional_ids", ())) | set(doc.meta.get("optional_ids", ()))
    target_set, source_set = set(target_keys), set(source_keys)
    meta = dict(doc.meta)
    meta["missing_keys"] = tuple(k for k in source_keys if k not in target_set and k not in optional)
    meta["extra_keys"] = tuple(k for k in target_keys if k not in source_set)
    if mismatched:
        meta["plural_mismatch"] = tuple(mismatched)
    source_language = doc.source_language
    if source_language.code is None and source_doc.target_language.code is not None:
        source_language = source_doc.target_language
    return replace(
        doc,
        segments=tuple(segments),
        source_path=source_doc.path,
        source_language=source_language,
        meta=meta,
    )


def _keys(doc: Document) -> tuple[str, ...]:
    keys = doc.meta.get("keys")
    if keys is not None:
        return tuple(keys)
    return tuple(dict.fromkeys(s.id for s in doc.segments))


# --- path conventions -----------------------------------------------------------------------------

_CODE = re.compile(r"[A-Za-z]{2,3}(?:[-_](?:[A-Za-z]{4}|[A-Za-z]{2}|[0-9]{3}))?")
LOCALE_DIRS = frozenset(
    {"locales", "locale", "_locales", "i18n", "l10n", "lang", "langs", "languages", "translations"}
)
_ANDROID_LEGACY = {"in": "id", "iw": "he", "ji": "yi"}
_SOURCE_CODES = ("en", "en-US", "en_US", "en-GB", "en_GB")


def language_code(name: str) -> str | None:
    """``name`` as a BCP 47 tag if it is a language code Babel knows (``pt_BR`` → ``pt-BR``), else None."""
    from qa_pipeline.languages import is_language, normalize

    if not _CODE.fullmatch(name):
        return None
    return normalize(name) if is_language(name) else None


def language_place(path: PurePath) -> tuple[str, int] | None:
    """Where a JSON/YAML path names its language: the file stem (``fr.json``: ``("stem", 0)``), its last
    dotted part (``devise.fr.yml``: ``("suffix", 0)``), or a folder (``fr/common.json``: ``("dir", 1)``;
    deeper only below a ``locales``/``i18n``… folder); None when it names none."""
    stem = path.stem
    if language_code(stem):
        return "stem", 0
    head, dot, last = stem.rpartition(".")
    if dot and head and language_code(last):
        return "suffix", 0
    parents = path.parts[:-1]
    if parents and language_code(parents[-1]):
        return "dir", 1
    for depth in range(2, len(parents) + 1):
        if language_code(parents[-depth]) and any(p.lower() in LOCALE_DIRS for p in parents[:-depth]):
            return "dir", depth
    return None


def android_language(folder: str) -> str | None:
    """The language of an Android ``values-…`` folder: ``values-pt-rBR`` → ``pt-BR``,
    ``values-b+sr+Latn`` → ``sr-Latn``, ``values-in`` → ``id``; ``values`` (the default) → None."""
    from qa_pipeline.languages import is_language, normalize

    parts = folder.split("-")
    if parts[0] != "values":
        return None
    for i, q in enumerate(parts[1:], 1):
        if q.startswith("b+"):
            sub = q[2:].split("+")
            return normalize("-".join([_ANDROID_LEGACY.get(sub[0], sub[0]), *sub[1:]])) if sub[0] else None
        if re.fullmatch(r"[a-z]{2,3}", q):
            lang = _ANDROID_LEGACY.get(q, q)
            if not is_language(lang):
                continue
            nxt = parts[i + 1] if i + 1 < len(parts) else ""
            return normalize(f"{lang}-{nxt[1:]}" if re.fullmatch(r"r[A-Z]{2}", nxt) else lang)
    return None


def language_from_path(path: str | PurePath, fmt: str) -> str | None:
    """The language a keyed file's path names (BCP 47), or None."""
    p = PurePath(path)
    if fmt == "android":
        return android_language(p.parent.name)
    place = language_place(p)
    if place is None:
        return None
    where, depth = place
    if where == "stem":
        return language_code(p.stem)
    if where == "suffix":
        return language_code(p.stem.rpartition(".")[2])
    return language_code(p.parts[-1 - depth])


def source_candidates(path: PurePath, fmt: str) -> list[PurePath]:
    """Where the source of ``path`` would be under the format's convention, most likely first."""
    if fmt == "android":
        folder = path.parent.name
        if android_language(folder) is None:
            return []
        return [path.parent.parent / "values" / path.name]
    place = language_place(path)
    if place is None:
        return []
    where, depth = place
    suffixes = [path.suffix]
    if fmt == "yaml":
        suffixes += [s for s in (".yml", ".yaml") if s != path.suffix]
    out: list[PurePath] = []
    for code in _SOURCE_CODES:
        if where == "dir":
            parts = list(path.parts)
            parts[-1 - depth] = code
            out.append(PurePath(*parts))
            continue
        head = path.stem.rpartition(".")[0] + "." if where == "suffix" else ""
        out.extend(path.with_name(f"{head}{code}{suffix}") for suffix in suffixes)
    return [c for c in out if c != path]


def default_source(path: Path, fmt: str) -> Path | None:
    """The source file of ``path`` by the format's convention, if it exists (and is not ``path``).

    English is assumed to be the source language (``en``, then ``en-US``, ``en_US``, ``en-GB``); a
    configured ``source`` pattern replaces this convention.
    """
    for candidate in source_candidates(path, fmt):
        real = Path(candidate)
        if real.is_file() and real.resolve() != path.resolve():
            return real
    return None


_BY_SUFFIX = {".json": "json", ".yml": "yaml", ".yaml": "yaml", ".xml": "android"}


def path_language(path: Path) -> str | None:
    """The language a keyed file's path names, by the convention of its format (from its extension)."""
    fmt = _BY_SUFFIX.get(path.suffix.lower())
    return language_from_path(path, fmt) if fmt else None


def convention_source(path: Path) -> Path | None:
    """The source file of a keyed file by its format's convention (see :func:`default_source`)."""
    fmt = _BY_SUFFIX.get(path.suffix.lower())
    return default_source(path, fmt) if fmt else None


__all__ = [
    "KEYED_FORMATS",
    "LOCALE_DIRS",
    "PLURAL_CATEGORIES",
    "android_language",
    "attach_source_by_id",
    "convention_source",
    "default_source",
    "key_meta",
    "language_code",
    "language_from_path",
    "language_place",
    "make_segment",
    "path_language",
    "plural_parts",
    "source_candidates",
]
