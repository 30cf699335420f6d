"""TMX 1.4 translation memories (also 1.1–1.3, read the same way).

Each ``<tu>`` is one segment of kind ``unit`` per target language: its ``<tuv>`` in that language is
the target and its ``<tuv>`` in the source language the source. A TMX file often holds several
target languages; :func:`read_tmx_documents` gives one document per target language (sorted), each
with the file's path and its own ``target_language``; :func:`read_tmx` gives the one
``ReadOptions.target_language`` names, else the first.

- Source language: the ``<tu srclang>``, else the ``<header srclang>``; ``*all*`` (any language may
  be the source) or none means ``ReadOptions.source_language``, else the language most units list
  first. A ``<tuv>`` matches it exactly (case-insensitive) or, when none does, by base language
  (``en`` finds ``en-US``).
- Segment id: the ``tuid`` attribute, else the unit's 1-based position in the file (``"17"``).
- Untranslated: a unit without a ``<tuv>`` in the target language, or with an empty ``<seg>``, is
  skipped (and counted) unless ``include_untranslated``.
- Inline elements ``<bpt> <ept> <ph> <it> <ut>`` (native codes, with their content) and the ``<hi>``
  tags stay in the text as the file spells them and are protected; placeholders, URLs and e-mail
  addresses are protected as in XLIFF. Entities and character references are decoded; positions
  point at the exact characters in the file.
- Notes: ``<note>`` and ``<prop type="…">`` of the unit and of the target ``<tuv>`` (props as
  ``type: value``). ``<note>qa-ignore: QA201</note>`` suppresses those rules for the unit;
  ``qa-ignore-file: …`` in a header note, for the file.

Parsed with defusedxml (see :mod:`qa_pipeline.readers.xmlpos`): no entity expansion, no external
fetches; a ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` without entities is accepted.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from qa_pipeline.language import Language
from qa_pipeline.model import Document, LanguageInfo, OffsetMap, Segment, SegmentKind
from qa_pipeline.readers import xmlpos
from qa_pipeline.readers.base import ReadOptions, make_document, pick_document
from qa_pipeline.readers.decode import ReaderError
from qa_pipeline.readers.suppression import selectors
from qa_pipeline.readers.xmlpos import El
from qa_pipeline.selectors import RuleSelector

_SUPPRESS = re.compile(r"^\s*qa-ignore(-file)?\b\s*(?::\s*(.*?))?\s*$", re.IGNORECASE | re.DOTALL)
TMX_OPAQUE = frozenset({"bpt", "ept", "ph", "it", "ut"})  # native code: protected with its content


def claims(path: Path, head: str) -> bool:
    """A folder scan reads a ``.tmx`` file only when it is a translation memory (Tiled maps share
    the extension): its start has a ``<tmx`` root element."""
    return "<tmx" in head


def _lang_of(tuv: El) -> str:
    return (tuv.get("xml:lang") or tuv.get("lang") or "").strip()


def _key(lang: str) -> str:
    from qa_pipeline.languages import normalize

    return normalize(lang) if lang else ""


class _Unit:
    """One ``<tu>``: its id, variants by language, notes and suppressions."""

    def __init__(self, text: str, tu: El, index: int, file_suppressed: set[RuleSelector]) -> None:
        self.tu = tu
        self.id = tu.get("tuid") or str(index)
        self.srclang = tu.get("srclang")
        self.variants: dict[str, El] = {}
        self.order: list[str] = []
        notes: list[str] = []
        suppressed: set[RuleSelector] = set()
        self.notes_of(text, tu, notes, suppressed, file_suppressed)
        self.tuv_notes: dict[str, tuple[list[str], set[RuleSelector]]] = {}
        for tuv in tu.all("tuv"):
            lang = _key(_lang_of(tuv))
            if not lang or lang in self.variants:
                continue  # a second variant in one language: the first one counts
            self.variants[lang] = tuv
            self.order.append(lang)
            own_notes: list[str] = []
            own_suppressed: set[RuleSelector] = set()
            self.notes_of(text, tuv, own_notes, own_suppressed, file_suppressed)
            self.tuv_notes[lang] = (own_notes, own_suppressed)
        self.notes = notes
        self.suppressed = suppressed

    @staticmethod
    def notes_of(
        text: str, el: El, notes: list[str], suppressed: set[RuleSelector], file_level: set[RuleSelector]
    ) -> None:
        for child in el.children:
            if child.name == "note":
                body = xmlpos.plain(text, child).strip()
                m = _SUPPRESS.match(body)
                if m is None:
                    if body:
                        notes.append(body)
                elif m.group(1):
                    file_level.update(selectors(m.group(2)))
                else:
                    suppressed.update(selectors(m.group(2)))
            elif child.name == "prop":
                value = xmlpos.plain(text, child).strip()
                kind = child.get("type")
                if value:
                    notes.append(f"{kind}: {value}" if kind else value)

    def source_variant(self, source: str) -> str | None:
        """The language key of the variant that is the source: exact, else one of the same base."""
        if source in self.variants:
            return source
        wanted = source.lower()
        for lang in self.variants:
            if lang.lower() == wanted:
                return lang
        base = Language.parse(wanted).base
        same = [lang for lang in self.variants if Language.parse(lang).base == base]
        return same[0] if len(same) == 1 else None


def _source_language(units: list[_Unit], header_src: str | None, options: ReadOptions) -> LanguageInfo:
    """The header's source language, else the configured one, else the one most units list first."""
    if header_src and header_src.strip() and header_src.strip() != "*all*":
        return LanguageInfo(_key(header_src.strip()), "file")
    if options.source_language:
        return LanguageInfo(_key(options.source_language), "config")
    firsts = Counter(u.order[0] for u in units if u.order)
    if not firsts:
        return LanguageInfo(None)
    return LanguageInfo(sorted(firsts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0], "file")


def _pair_source(pairs: Counter[str], default: LanguageInfo) -> LanguageInfo:
    """The source language of one target language's document: the one most of its units have
    (``<tu srclang>`` may differ from the header's)."""
    if not pairs or (default.code is not None and pairs.get(default.code) == max(pairs.values())):
        return default
    return LanguageInfo(sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[0][0], "file")


def _text(text: str, seg: El | None, empty_at: int) -> xmlpos.Text:
    if seg is None:
        return xmlpos.Text("", OffsetMap.contiguous(empty_at), ())
    return xmlpos.content(text, seg.inner_start, seg.inner_end, opaque=TMX_OPAQUE)


def read_tmx_documents(text: str, path: str, options: ReadOptions) -> list[Document]:
    """One document per target language of a TMX file (see the module docstring)."""
    xmlpos.validate(text)
    root = xmlpos.tree(text)
    tmx = root.children[0] if root.children else None
    if tmx is None or tmx.name != "tmx":
        raise ReaderError(f"not a TMX file (root element <{tmx.name if tmx else 'none'}>)")
    header = tmx.child("header")
    body = tmx.child("body")
    file_suppressed: set[RuleSelector] = set()
    if header is not None:
        _Unit.notes_of(text, header, [], set(), file_suppressed)
    units = [_Unit(text, tu, n, file_suppressed) for n, tu in enumerate(body.all("tu") if body else [], 1)]
    source_info = _source_language(units, header.get("srclang") if header else None, options)
    default_source = source_info.code or ""
    sources: list[str | None] = []
    targets: set[str] = set()
    for unit in units:
        own = unit.srclang.strip() if unit.srclang and unit.srclang.strip() != "*all*" else None
        src = unit.source_variant(_key(own) if own else default_source)
        sources.append(src)
        targets.update(lang for lang in unit.variants if lang != src)
    docs = []
    for lang in sorted(targets, key=str.lower):
        segments: list[Segment] = []
        untranslated = 0
        unit_count = 0
        pairs: Counter[str] = Counter()
        for unit, src in zip(units, sources, strict=True):
            if lang == src or (src is None and lang not in unit.variants):
                continue
            unit_count += 1
            if src is not None:
                pairs[src] += 1
            tuv = unit.variants.get(lang)
            seg_el = tuv.child("seg") if tuv is not None else None
            tgt = _text(text, seg_el, tuv.inner_start if tuv is not None else unit.tu.inner_end)
            if not tgt.text.strip():
                untranslated += 1
                if not options.include_untranslated:
                    continue
            src_el = unit.variants[src].child("seg") if src is not None else None
            source = _text(text, src_el, 0) if src_el is not None else None
            own_notes, own_suppressed = unit.tuv_notes.get(lang, ([], set()))
            segments.append(
                Segment(
                    id=unit.id,
                    target=tgt.text,
                    source=source.text if source is not None else None,
                    kind=SegmentKind.UNIT,
                    offsets=tgt.offsets,
                    source_offsets=source.offsets if source is not None else None,
                    protected=tgt.protected,
                    source_protected=source.protected if source is not None else (),
                    index=len(segments),
                    notes=tuple(unit.notes + own_notes),
                    suppressed=frozenset(unit.suppressed | own_suppressed),
                )
            )
        meta: dict[str, object] = {
            "units": unit_count,
            "untranslated": untranslated,
            "languages": sorted(targets, key=str.lower),
        }
        if file_suppressed:
            meta["suppressed"] = frozenset(file_suppressed)
        docs.append(
            make_document(
                path=path,
                format="tmx",
                text=text,
                segments=tuple(segments),
                target_language=LanguageInfo(lang, "file"),
                source_language=_pair_source(pairs, source_info),
                meta=meta,
            )
        )
    return docs


def read_tmx(text: str, path: str, options: ReadOptions) -> Document:
    """The document of one target language (``options.target_language``, else the first, sorted)."""
    docs = read_tmx_documents(text, path, options)
    if docs:
        return pick_document(docs, options)
    return make_document(
        path=path, format="tmx", text=text, segments=(), meta={"units": 0, "untranslated": 0}
    )


__all__ = ["claims", "read_tmx", "read_tmx_documents"]
