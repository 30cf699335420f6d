"""Xcode string catalogs (``.xcstrings``): one JSON file holds every language of an app.

:func:`read_xcstrings_documents` gives one document per target language (sorted), each with the
file's path and its own ``target_language``; :func:`read_xcstrings` gives the one
``ReadOptions.target_language`` names, else the first.

- Segments: a key's ``stringUnit`` has id ``key``; ``variations.plural.one`` gives ``key/one`` (kind
  ``plural``), ``variations.device.iphone`` gives ``key/iphone`` (``key/iphone/one`` nested), and a
  substitution's variations ``key/var/one`` (as a ``.stringsdict`` variable).
- Source: the ``sourceLanguage`` localization's same variation (else its ``other``), or the key
  itself when the source language has no localization (keys are the source text in Xcode).
- States ``new`` and ``needs_review``, empty values and languages a key lacks are untranslated:
  skipped (and counted per key) unless ``include_untranslated``; the state is a flag
  (``state:translated``). Keys with ``shouldTranslate: false`` are not units; ``extractionState:
  stale`` keys are obsolete (``include_obsolete``).
- A key's ``comment`` is its note; a comment ``qa-ignore: QA201`` suppresses those rules for it.
- Placeholders (``%@``, ``%lld``, ``%#@var@``, ``%arg``) are protected; every segment has the flag
  ``objc-format``. Positions are exact through JSON escapes (``\\n``, ``\\u00e9``, surrogate pairs).
"""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.model import Document, LanguageInfo, OffsetMap, Segment, SegmentKind
from qa_pipeline.readers import jsonpos
from qa_pipeline.readers.apple_strings import OBJC, make_segment, notes_and_suppressed
from qa_pipeline.readers.base import ReadOptions, make_document, pick_document
from qa_pipeline.readers.decode import ReaderError
from qa_pipeline.readers.jsonpos import JObject
from qa_pipeline.selectors import RuleSelector

_UNTRANSLATED_STATES = frozenset({"new", "needs_review"})


def _units(node: object, prefix: str, kind: SegmentKind) -> Iterator[tuple[str, JObject, SegmentKind]]:
    """(id, ``stringUnit`` object, kind) of a localization, through variations and substitutions."""
    if not isinstance(node, JObject):
        return
    unit = node.obj("stringUnit")
    if unit is not None:
        yield prefix, unit, kind
    for vkind, options in (node.obj("variations") or {}).items():
        if isinstance(options, JObject):
            sub_kind = SegmentKind.PLURAL if vkind == "plural" else kind
            for name, sub in options.items():
                yield from _units(sub, f"{prefix}/{name}", sub_kind)
    for name, sub in (node.obj("substitutions") or {}).items():
        yield from _units(sub, f"{prefix}/{name}", kind)


def _catalog(text: str) -> tuple[JObject, str]:
    root = jsonpos.parse(text)
    if not isinstance(root, JObject) or root.obj("strings") is None:
        raise ReaderError('not a string catalog (no "strings" object)')
    source_lang = root.string("sourceLanguage")
    return root, source_lang.value if source_lang else "en"


class _Catalog:
    """The segments of one target language of a string catalog."""

    def __init__(self, text: str, strings: JObject, source_lang: str, options: ReadOptions) -> None:
        self.text = text
        self.strings = strings
        self.source_lang = source_lang
        self.options = options

    def language(self, lang: str) -> tuple[list[Segment], dict[str, object]]:
        segments: list[Segment] = []
        units = untranslated = obsolete = 0
        file_suppressed: set[RuleSelector] = set()
        for key, entry in self.strings.items():
            if not isinstance(entry, JObject) or entry.get("shouldTranslate") is False:
                continue
            extraction = entry.string("extractionState")
            if extraction is not None and extraction.value == "stale" and not self.options.include_obsolete:
                obsolete += 1
                continue
            units += 1
            comment = entry.string("comment")
            notes, suppressed = notes_and_suppressed([comment.value] if comment else [], file_suppressed)
            found = self.entry(key, entry, lang)
            if not any(done for *_, done in found):
                untranslated += 1
            for seg_id, target, source, kind, flags, done in found:
                if done or self.options.include_untranslated:
                    segments.append(
                        make_segment(seg_id, *target, len(segments), kind, notes, suppressed, flags, source)
                    )
        meta: dict[str, object] = {"units": units, "untranslated": untranslated}
        if obsolete:
            meta["skipped"] = {"obsolete": obsolete}
        if file_suppressed:
            meta["suppressed"] = frozenset(file_suppressed)
        return segments, meta

    def entry(
        self, key: str, entry: JObject, lang: str
    ) -> list[tuple[str, tuple[str, OffsetMap], tuple[str, OffsetMap], SegmentKind, frozenset[str], bool]]:
        """(id, target, source, kind, flags, translated) of each unit of one key in one language."""
        text = self.text
        key_at = self.strings.keys_at[key]
        locs = entry.obj("localizations") or JObject(key_at.start)
        sources = {i: u for i, u, _ in _units(locs.get(self.source_lang), key, SegmentKind.UNIT)}
        found = []
        for seg_id, unit, kind in _units(locs.get(lang), key, SegmentKind.UNIT):
            value, state = unit.string("value"), unit.string("state")
            src_unit = sources.get(seg_id) or sources.get(seg_id.rsplit("/", 1)[0] + "/other")
            src = (src_unit.string("value") if src_unit is not None else None) or key_at
            flags = OBJC | {f"state:{state.value}"} if state is not None else OBJC
            done = bool(value and value.value) and (state is None or state.value not in _UNTRANSLATED_STATES)
            target = value.decode(text) if value is not None else ("", OffsetMap.contiguous(unit.start))
            found.append((seg_id, target, src.decode(text), kind, frozenset(flags), done))
        if not found:  # no localization: an empty target at the key
            found.append(
                (
                    key,
                    ("", OffsetMap.contiguous(key_at.start)),
                    key_at.decode(text),
                    SegmentKind.UNIT,
                    OBJC,
                    False,
                )
            )
        return found


def read_xcstrings_documents(text: str, path: str, options: ReadOptions) -> list[Document]:
    """One document per target language of a string catalog, in sorted language order."""
    from qa_pipeline.languages import normalize

    root, source_lang = _catalog(text)
    strings = root.obj("strings")
    assert strings is not None
    languages: set[str] = set()
    for entry in strings.values():
        locs = entry.obj("localizations") if isinstance(entry, JObject) else None
        languages.update(lang for lang in (locs or {}) if lang != source_lang)
    catalog = _Catalog(text, strings, source_lang, options)
    docs = []
    for lang in sorted(languages):
        segments, meta = catalog.language(lang)
        meta["languages"] = sorted(normalize(x) for x in languages)
        docs.append(
            make_document(
                path=path,
                format="xcstrings",
                text=text,
                segments=tuple(segments),
                target_language=LanguageInfo(normalize(lang), "file"),
                source_language=LanguageInfo(normalize(source_lang), "file"),
                meta=meta,
            )
        )
    return docs


def read_xcstrings(text: str, path: str, options: ReadOptions) -> Document:
    """The catalog's document for ``options.target_language`` (default: the first language, sorted)."""
    from qa_pipeline.languages import normalize

    docs = read_xcstrings_documents(text, path, options)
    if docs:
        return pick_document(docs, options)
    _, source_lang = _catalog(text)
    return make_document(
        path=path,
        format="xcstrings",
        text=text,
        segments=(),
        source_language=LanguageInfo(normalize(source_lang), "file"),
        meta={"units": 0, "untranslated": 0, "languages": []},
    )


__all__ = ["read_xcstrings", "read_xcstrings_documents"]
