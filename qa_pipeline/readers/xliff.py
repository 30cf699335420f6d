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
- Notes: ``<note>`` texts. A note ``qa-ignore: QA201, QA3`` suppresses those rules for the unit
  (bare ``qa-ignore``: every rule); ``qa-ignore-file: QA104`` in any note, for the whole file.
- Entities and character references (``&amp;``, ``&#233;``) are decoded, CDATA is unwrapped and
  comments are dropped; positions still point at the exact characters in the file.

Parsing is safe: defusedxml refuses entity declarations (billion laughs), external entities and
network access; a DOCTYPE without entities is accepted (XLIFF 1.1 files carry one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa_pipeline.model import Document, LanguageInfo, OffsetMap, Segment, SegmentKind, Span
from qa_pipeline.readers import ReadOptions
from qa_pipeline.readers.decode import ReaderError
from qa_pipeline.readers.suppression import selectors
from qa_pipeline.selectors import RuleSelector
from qa_pipeline.text.protect import merge_spans, protected_spans

_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>"
    r"""|<(/?)([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(/?)>""",
    re.DOTALL,
)
_ATTR = re.compile(r"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_SUPPRESS = re.compile(r"^\s*qa-ignore(-file)?\b\s*(?::\s*(.*?))?\s*$", re.IGNORECASE | re.DOTALL)
_OPAQUE = frozenset({"ph", "bpt", "ept", "it", "cp"})  # their content is native code


@dataclass
class _El:
    name: str  # local name, without a namespace prefix
    attrs: dict[str, str]
    start: int  # offset of '<'
    inner_start: int
    inner_end: int
    end: int
    children: list[_El] = field(default_factory=list)

    def get(self, key: str) -> str | None:
        return self.attrs.get(key)

    def child(self, name: str) -> _El | None:
        for c in self.children:
            if c.name == name:
                return c
        return None

    def all(self, name: str) -> list[_El]:
        return [c for c in self.children if c.name == name]


def _unescape(value: str) -> str:
    return _REF.sub(lambda m: _ref(m), value)


def _ref(m: re.Match[str]) -> str:
    if m.group(1):
        return _NAMED[m.group(1)]
    code = int(m.group(2)) if m.group(2) else int(m.group(3), 16)
    return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"


def _attrs(raw: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _ATTR.finditer(raw):
        key = m.group(1)
        value = _unescape(m.group(2) if m.group(2) is not None else m.group(3))
        out[key] = value
        local = key.rsplit(":", 1)[-1]
        if local != key and key.split(":", 1)[0] not in ("xml", "xmlns"):
            out.setdefault(local, value)
    return out


def _validate(text: str) -> None:
    """Parse with defusedxml: well-formed, and no entity declarations or external references."""
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as SafeET
    from defusedxml.common import DefusedXmlException

    body = text[1:] if text.startswith("\ufeff") else text
    try:
        SafeET.fromstring(body)
    except DefusedXmlException as exc:
        what = type(exc).__name__
        reason = {
            "EntitiesForbidden": "entity declarations are not allowed (possible entity-expansion attack)",
            "ExternalReferenceForbidden": "external references are not allowed",
            "DTDForbidden": "document type declarations are not allowed",
        }.get(what, "unsafe XML construct refused")
        raise ReaderError(f"unsafe XML: {reason}") from None
    except ParseError as exc:
        line, col = exc.position
        msg = str(exc).split(":")[0]
        lines = body.split("\n")
        if 0 < line <= len(lines):
            col = len(lines[line - 1].encode("utf-8")[:col].decode("utf-8", "ignore"))
        raise ReaderError(f"line {line}, column {col + 1}: malformed XML ({msg})") from None


def _tree(text: str) -> _El:
    """Element tree with character positions (the text is known to be well-formed)."""
    root = _El("#document", {}, 0, 0, len(text), len(text))
    stack = [root]
    for m in _TOKEN.finditer(text):
        name = m.group(2)
        if name is None:
            continue
        local = name.rsplit(":", 1)[-1]
        if m.group(1):  # end tag
            el = stack.pop()
            el.inner_end = m.start()
            el.end = m.end()
            continue
        raw_attrs = m.group(3)
        el = _El(local, _attrs(raw_attrs) if raw_attrs else {}, m.start(), m.end(), m.end(), m.end())
        stack[-1].children.append(el)
        if not m.group(4):
            stack.append(el)
    return root


@dataclass
class _Text:
    text: str
    offsets: OffsetMap
    protected: tuple[Span, ...]


def _content(text: str, start: int, end: int, protect: bool = True) -> _Text:
    """The text of an element's content: entities decoded, inline tags kept literally and protected."""
    if text.find("<", start, end) < 0 and text.find("&", start, end) < 0:  # plain text, the usual case
        plain = text[start:end]
        spans = tuple(protected_spans(plain, placeholders=True)) if protect else ()
        return _Text(plain, OffsetMap.contiguous(start), spans)
    parts: list[str] = []
    anchors: list[tuple[int, int]] = []
    tags: list[Span] = []
    length = 0
    opaque = 0  # depth inside a native-code element
    opaque_start = 0

    def emit(piece: str, file_offset: int) -> None:
        nonlocal length
        if not piece:
            return
        if not anchors or anchors[-1][1] + (length - anchors[-1][0]) != file_offset:
            anchors.append((length, file_offset))
        parts.append(piece)
        length += len(piece)

    def run(a: int, b: int) -> None:
        pos = a
        for m in _REF.finditer(text, a, b):
            emit(text[pos : m.start()], pos)
            emit(_ref(m), m.start())
            pos = m.end()
        emit(text[pos:b], pos)

    pos = start
    for m in _TOKEN.finditer(text, start, end):
        if opaque:
            pass
        else:
            run(pos, m.start())
        pos = m.end()
        tok = m.group(0)
        if tok.startswith("<![CDATA["):
            if opaque:
                continue
            emit(tok[9:-3], m.start() + 9)
            continue
        name = m.group(2)
        if name is None:
            continue  # comment or processing instruction: not text
        local = name.rsplit(":", 1)[-1]
        closing, selfclosing = bool(m.group(1)), bool(m.group(4))
        if opaque:
            if not selfclosing:
                opaque += -1 if closing else 1
            if opaque == 0:
                t0 = length
                emit(text[opaque_start : m.end()], opaque_start)
                tags.append(Span(t0, length))
            continue
        if local in _OPAQUE and not closing and not selfclosing:
            opaque = 1
            opaque_start = m.start()
            continue
        t0 = length
        emit(tok, m.start())
        tags.append(Span(t0, length))
    if not opaque:
        run(pos, end)
    if not anchors:
        anchors.append((0, start))
    target = "".join(parts)
    if not protect:
        return _Text(target, OffsetMap(tuple(anchors)), ())
    found = [*tags, *protected_spans(target, placeholders=True)]
    return _Text(target, OffsetMap(tuple(anchors)), merge_spans(found))


def _plain(text: str, el: _El) -> str:
    return _content(text, el.inner_start, el.inner_end, protect=False).text


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
            flags = frozenset({f"state:{seg.get('state')}"} if seg.get("state") else set())
            empty_at = (
                target.inner_start
                if target is not None
                else source.end
                if source is not None
                else seg.inner_start
            )
            seg_id = uid if len(segments) == 1 else f"{uid}#{seg.get('id') or n}"
            self.add(seg_id, source, target, empty_at, notes, suppressed, flags, unit.get("name"))


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
    return Document(
        path=path,
        format="xliff",
        text=text,
        segments=tuple(reader.segments),
        target_language=target_lang,
        source_language=source_lang,
        meta=meta,
    )


__all__ = ["read_xliff"]
