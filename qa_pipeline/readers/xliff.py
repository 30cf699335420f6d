"""XLIFF 1.2 and 2.0 files.

Each translation unit (1.2 ``<trans-unit>``, 2.0 ``<unit>``/``<segment>``) is one segment of kind
``unit`` whose id is the unit id (2.0 units with several segments: ``unit-id#segment-id``; 1.2 units
segmented with ``<seg-source>``/``<mrk mtype="seg">``: ``unit-id#mid``). Units marked
``translate="no"`` (also on a ``<group>``) are skipped. A unit with a source but no target, or an
empty one, is kept with an empty target so the empty-target rule reports it.

- Languages: ``source-language``/``target-language`` of the first ``<file>`` (2.0: ``srcLang``/
  ``trgLang``); files of one XLIFF with other languages are listed in the report's meta.
- Inline tags (``g x bx ex ph bpt ept it mrk sub``; 2.0 ``ph pc sc ec mrk sm em cp``) stay in the text
  as the file spells them and are protected; the content of native-code elements (``ph bpt ept it``)
  is protected too. Placeholders, URLs and e-mail addresses are protected as in PO files.
- Length limits: 1.2 ``maxwidth``, ``size-unit`` and ``maxbytes`` and 2.0 ``slr:sizeRestriction``/
  ``slr:storageRestriction`` of a unit become segment flags (``maxwidth:40``) for QA860.
- Notes: ``<note>`` texts. A note ``qa-ignore: QA201, QA3`` suppresses those rules for the unit
  (bare ``qa-ignore``: every rule); ``qa-ignore-file: QA104`` in any note, for the whole file.
- Entities and character references (``&amp;``, ``&#233;``) are decoded, CDATA is unwrapped and
  comments are dropped; positions still point at the exact characters in the file.

Parsing is safe: defusedxml refuses entity declarations (billion laughs), external entities and
network access; a DOCTYPE without entities is accepted (XLIFF 1.1 files carry one).
"""

from __future__ import annotations

import re

from qa_pipeline.model import Document, LanguageInfo, OffsetMap, Segment, SegmentKind
from qa_pipeline.readers.base import ReadOptions, make_document
from qa_pipeline.readers.decode import ReaderError
from qa_pipeline.readers.suppression import selectors
from qa_pipeline.readers.xmlpos import El as _El
from qa_pipeline.readers.xmlpos import Text as _Text
from qa_pipeline.readers.xmlpos import content as _content
from qa_pipeline.readers.xmlpos import plain as _plain
from qa_pipeline.readers.xmlpos import tree as _tree
from qa_pipeline.readers.xmlpos import validate as _validate
from qa_pipeline.selectors import RuleSelector

_SUPPRESS = re.compile(r"^\s*qa-ignore(-file)?\b\s*(?::\s*(.*?))?\s*$", re.IGNORECASE | re.DOTALL)

# target states of a unit that nobody has translated yet (XLIFF 1.2 and 2.0)
_UNTRANSLATED_STATES = frozenset({"new", "needs-translation", "initial"})


class _Reader:
    def __init__(self, text: str, include_untranslated: bool = False) -> None:
        self.include_untranslated = include_untranslated
        self.untranslated = 0  # units skipped because they have no translation yet
        self.text = text
        self.segments: list[Segment] = []
        self.file_suppressed: set[RuleSelector] = set()
        self.files: list[dict[str, str | None]] = []
        self.without_target = 0  # units kept with an empty target because the file has none

    def notes(self, notes: list[_El]) -> tuple[tuple[str, ...], frozenset[RuleSelector]]:
        texts: list[str] = []
        suppressed: set[RuleSelector] = set()
        for note in notes:
            body = _plain(self.text, note).strip()
            m = _SUPPRESS.match(body)
            if m is None:
                if body:
                    texts.append(body)
            elif m.group(1):
                self.file_suppressed.update(selectors(m.group(2)))
            else:
                suppressed.update(selectors(m.group(2)))
        return tuple(texts), frozenset(suppressed)

    def add(
        self,
        seg_id: str,
        source: _El | None,
        target: _El | None,
        empty_at: int,
        notes: tuple[str, ...],
        suppressed: frozenset[RuleSelector],
        flags: frozenset[str],
        context: str | None,
    ) -> None:
        src = _content(self.text, source.inner_start, source.inner_end) if source is not None else None
        if target is not None:
            tgt = _content(self.text, target.inner_start, target.inner_end)
        else:
            tgt = _Text("", OffsetMap.contiguous(empty_at), ())
        if src is None and not tgt.text:
            return
        state = next((f.split(":", 1)[1] for f in flags if f.startswith("state:")), None)
        untranslated = not tgt.text.strip() and (
            target is None or state is None or state in _UNTRANSLATED_STATES
        )
        if untranslated and not self.include_untranslated:
            self.untranslated += 1
            return
        if target is None:
            self.without_target += 1
        self.segments.append(
            Segment(
                id=seg_id,
                target=tgt.text,
                source=src.text if src is not None else None,
                kind=SegmentKind.UNIT,
                offsets=tgt.offsets,
                source_offsets=src.offsets if src is not None else None,
                protected=tgt.protected,
                source_protected=src.protected if src is not None else (),
                index=len(self.segments),
                notes=notes,
                flags=flags,
                suppressed=suppressed,
                context=context,
            )
        )

    def walk12(self, el: _El, translate: bool) -> None:
        # a stack, not recursion: groups may nest deeper than Python's recursion limit
        stack = [(child, translate) for child in reversed(el.children)]
        while stack:
            child, inherited = stack.pop()
            tr = (child.get("translate") or ("yes" if inherited else "no")) != "no"
            if child.name == "trans-unit":
                if tr:
                    self.unit12(child)
            elif child.name in ("group", "body"):
                stack.extend((c, tr) for c in reversed(child.children))
            elif child.name == "header":
                self.notes(child.all("note"))

    def unit12(self, unit: _El) -> None:
        uid = unit.get("id") or f"u{len(self.segments) + 1}"
        notes, suppressed = self.notes(unit.all("note"))
        source = unit.child("source")
        target = unit.child("target")
        flags = set()
        if unit.get("approved") == "yes":
            flags.add("approved")
        if target is not None and target.get("state"):
            flags.add(f"state:{target.get('state')}")
        flags.update(_limits(unit, ("maxwidth", "size-unit", "maxbytes")))
        context = unit.get("resname")
        empty_at = (
            target.inner_start
            if target is not None
            else source.end
            if source is not None
            else unit.inner_start
        )
        seg_source = unit.child("seg-source")
        marks = _seg_marks(target) if target is not None else []
        if seg_source is not None and marks:
            src_marks = {m.get("mid"): m for m in _seg_marks(seg_source)}
            for mark in marks:
                mid = mark.get("mid") or str(marks.index(mark) + 1)
                self.add(
                    f"{uid}#{mid}",
                    src_marks.get(mid),
                    mark,
                    mark.inner_start,
                    notes,
                    suppressed,
                    frozenset(flags),
                    context,
                )
            return
        self.add(uid, source, target, empty_at, notes, suppressed, frozenset(flags), context)

    def walk20(self, el: _El, translate: bool) -> None:
        stack = [(child, translate) for child in reversed(el.children)]
        while stack:
            child, inherited = stack.pop()
            tr = (child.get("translate") or ("yes" if inherited else "no")) != "no"
            if child.name == "unit":
                if tr:
                    self.unit20(child)
            elif child.name == "group":
                stack.extend((c, tr) for c in reversed(child.children))
            elif child.name == "notes":
                self.notes(child.all("note"))

    def unit20(self, unit: _El) -> None:
        uid = unit.get("id") or f"u{len(self.segments) + 1}"
        notes_el = unit.child("notes")
        notes, suppressed = self.notes(notes_el.all("note") if notes_el is not None else [])
        segments = unit.all("segment")
        for n, seg in enumerate(segments, 1):
            source = seg.child("source")
            target = seg.child("target")
            flags = frozenset(
                ({f"state:{seg.get('state')}"} if seg.get("state") else set())
                | _limits(unit, ("sizeRestriction", "storageRestriction"))
            )
            empty_at = (
                target.inner_start
                if target is not None
                else source.end
                if source is not None
                else seg.inner_start
            )
            seg_id = uid if len(segments) == 1 else f"{uid}#{seg.get('id') or n}"
            self.add(seg_id, source, target, empty_at, notes, suppressed, flags, unit.get("name"))


def _limits(unit: _El, names: tuple[str, ...]) -> set[str]:
    """Length limits of a unit as flags (``maxwidth:40``, ``size-unit:char``; 2.0's size and storage
    restriction module: ``sizeRestriction:40``), for the length rules (QA860)."""
    return {f"{name}:{unit.get(name)}" for name in names if unit.get(name)}


def _seg_marks(el: _El) -> list[_El]:
    return [c for c in el.children if c.name == "mrk" and c.get("mtype") == "seg"]


def _lang(code: str | None) -> LanguageInfo:
    from qa_pipeline.languages import normalize

    if not code or not code.strip():
        return LanguageInfo(None)
    return LanguageInfo(normalize(code), "file")


def read_xliff(text: str, path: str, options: ReadOptions) -> Document:
    """Parse an XLIFF file into segments (see the module docstring)."""
    _validate(text)
    root = _tree(text)
    xliff = root.child("xliff")
    if xliff is None:
        name = root.children[0].name if root.children else "none"
        raise ReaderError(f"not an XLIFF file (root element <{name}>)")
    reader = _Reader(text, options.include_untranslated)
    version = xliff.get("version") or "1.2"
    meta: dict[str, object] = {"xliff_version": version}
    if version.startswith("2"):
        source_lang, target_lang = _lang(xliff.get("srcLang")), _lang(xliff.get("trgLang"))
        for f in xliff.all("file"):
            reader.walk20(f, (f.get("translate") or "yes") != "no")
    else:
        files = xliff.all("file")
        first = files[0] if files else None
        source_lang = _lang(first.get("source-language") if first else None)
        target_lang = _lang(first.get("target-language") if first else None)
        for f in files:
            reader.files.append(
                {
                    "original": f.get("original"),
                    "source_language": f.get("source-language"),
                    "target_language": f.get("target-language"),
                }
            )
            reader.walk12(f, True)
        langs = {(f["source_language"], f["target_language"]) for f in reader.files}
        if len(langs) > 1:
            meta["files"] = reader.files
            meta["mixed_languages"] = True
    meta["units"] = len(reader.segments) + reader.untranslated
    meta["untranslated"] = reader.untranslated
    if reader.without_target:
        meta["without_target"] = reader.without_target
    if reader.file_suppressed:
        meta["suppressed"] = frozenset(reader.file_suppressed)
    return make_document(
        path=path,
        format="xliff",
        text=text,
        segments=tuple(reader.segments),
        target_language=target_lang,
        source_language=source_lang,
        meta=meta,
    )


__all__ = ["read_xliff"]
