"""Android string resources: ``res/values-*/strings.xml``.

Each ``<string name="x">`` is one segment (kind ``unit``, id ``x``); each ``<item quantity="few">`` of a
``<plurals name="x">`` is one (kind ``plural``, id ``x[few]``); each ``<item>`` of a
``<string-array name="x">`` is one (id ``x[0]``, ``x[1]``…). A ``product`` variant adds ``#product``
(``x#tablet``).

- Skipped: ``translatable="false"`` resources; references (``@string/other``, ``?attr/x``);
  empty strings count as untranslated keys, checked only with ``include-untranslated``.
- Text as the app shows it: XML entities and character references are decoded, CDATA is unwrapped,
  Android escapes are decoded (``\\'``, ``\\"``, ``\\@``, ``\\?``, ``\\#``, ``\\\\``, ``\\n``, ``\\t``,
  ``\\uXXXX``), double quotes are removed and keep the whitespace between them, and outside quotes
  every run of whitespace is one space, with none at the start or end — as aapt2 compiles it.
- Inline markup (``<b>``, ``<i>``, ``<u>``, ``<a href>``, ``<annotation>``…) stays in the text as written
  and is protected; an ``<xliff:g>`` element (``<xliff:g id="n">%1$s</xliff:g>``) is protected whole.
- Flags: ``java-printf-format`` (Android formats strings with Java's ``String.format``: ``%1$s``,
  ``%d``), except on resources marked ``formatted="false"``.
- Languages: the folder qualifier: ``values-fr`` → ``fr``, ``values-pt-rBR`` → ``pt-BR``,
  ``values-b+sr+Latn`` → ``sr-Latn``, legacy ``values-in``/``values-iw`` → ``id``/``he``; ``values/``
  holds the source (``res/values-fr/strings.xml`` → ``res/values/strings.xml``).
- Notes: the XML comment right before a resource. ``tools:ignore="MissingTranslation"`` marks a key
  a translation may leave out.
- Suppression: ``<!-- qa-ignore: QA201, QA3 -->`` right before a resource (bare ``qa-ignore``: every
  rule); ``<!-- qa-ignore-file: QA104 -->`` anywhere in ``<resources>``, for the whole file.

Parsing is safe (defusedxml: no entity declarations, external entities or network access) and
positions are exact: an escape or entity maps to its first character, a collapsed run of whitespace
to its first whitespace character.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from qa_pipeline.model import Document, LanguageInfo, Segment, Span
from qa_pipeline.readers.base import ReadOptions, make_document
from qa_pipeline.readers.decode import ReaderError
from qa_pipeline.readers.keyed import PLURAL_CATEGORIES, key_meta, language_from_path, make_segment
from qa_pipeline.readers.mapped import MappedText
from qa_pipeline.readers.suppression import selectors
from qa_pipeline.readers.xmlpos import COMMENT, REF, TOKEN, El, decode_ref, tree, validate
from qa_pipeline.selectors import RuleSelector

_SUPPRESS = re.compile(r"^\s*qa-ignore(-file)?\b\s*(?::\s*(.*?))?\s*$", re.IGNORECASE | re.DOTALL)
_PLAIN = re.compile(r"[^\s<&\\\"'@?][^\s<&\\\"']*(?: [^\s<&\\\"']+)*")
_REFERENCE = re.compile(r"[@?][\w.:+-]*/[\w.$]+")
_HEX = frozenset("0123456789abcdefABCDEF")
_ESCAPES = {"n": "\n", "t": "\t"}
_SPACE = " \t\n\r\f\v"
_FLAGS = frozenset({"java-printf-format"})


class _Decoder:
    """aapt2's reading of a resource's text, one character at a time, with file offsets."""

    def __init__(self) -> None:
        self.out = MappedText()
        self.tags: list[Span] = []
        self.quoted = False
        self.escape_at: int | None = None
        self.space_at: int | None = None  # a pending collapsed whitespace run
        self.has_text = False
        self.apostrophe = False  # an unescaped ' outside quotes (aapt2 refuses it)
        self.hex: list[tuple[str, int]] = []  # \\u digits so far

    def _emit(self, c: str, at: int) -> None:
        if self.space_at is not None:
            if self.has_text:
                self.out.add(" ", self.space_at)
            self.space_at = None
        self.out.add(c, at)
        self.has_text = True

    def _flush_hex(self) -> None:
        at = self.hex[0][1]
        digits = "".join(c for c, _ in self.hex[1:])
        self.hex = []
        self._emit(chr(int(digits, 16)) if digits else "u", at)

    def char(self, c: str, at: int) -> None:
        if self.hex:
            if c in _HEX and len(self.hex) < 5:
                self.hex.append((c, at))
                if len(self.hex) == 5:
                    self._flush_hex()
                return
            self._flush_hex()
        if self.escape_at is not None:
            start, self.escape_at = self.escape_at, None
            if c == "u":
                self.hex = [("u", start)]
            else:
                self._emit(_ESCAPES.get(c, c), start)
        elif c == "\\":
            self.escape_at = at
        elif c == '"':
            if self.space_at is not None and self.has_text:
                self.out.add(" ", self.space_at)
            self.space_at = None
            self.quoted = not self.quoted
        elif not self.quoted and c in _SPACE:
            if self.space_at is None:
                self.space_at = at
        else:
            self.apostrophe |= c == "'" and not self.quoted
            self._emit(c, at)

    def markup(self, raw: str, at: int) -> None:
        """An inline tag (or a whole protected element), kept as written."""
        if self.hex:
            self._flush_hex()
        if self.space_at is not None and self.has_text:
            self.out.add(" ", self.space_at)
        self.space_at = None
        start = self.out.length
        self.out.add(raw, at)
        self.tags.append(Span(start, self.out.length))

    def finish(self) -> None:
        if self.hex:
            self._flush_hex()


def _decode(text: str, start: int, end: int) -> _Decoder:
    dec = _Decoder()
    pos = start
    skip_until = -1  # inside an <xliff:g>: kept whole

    def run(a: int, b: int) -> None:
        p = a
        for m in REF.finditer(text, a, b):
            for i in range(p, m.start()):
                dec.char(text[i], i)
            dec.char(decode_ref(m), m.start())
            p = m.end()
        for i in range(p, b):
            dec.char(text[i], i)

    for m in TOKEN.finditer(text, start, end):
        if m.start() < skip_until:
            continue
        run(pos, m.start())
        pos = m.end()
        tok = m.group(0)
        if tok.startswith("<![CDATA["):
            for i in range(m.start() + 9, m.end() - 3):
                dec.char(text[i], i)
            continue
        name = m.group(2)
        if name is None:
            continue  # a comment or processing instruction: not text
        if name.endswith(":g") and not m.group(1) and not m.group(4):
            close = _element_end(text, m, end)
            dec.markup(text[m.start() : close], m.start())
            skip_until = pos = close
            continue
        dec.markup(tok, m.start())
    run(pos, end)
    dec.finish()
    return dec


def _element_end(text: str, m: re.Match[str], end: int) -> int:
    """The end of the element whose start tag is ``m`` (nested same-name elements counted)."""
    name = m.group(2)
    depth = 1
    for t in TOKEN.finditer(text, m.end(), end):
        if t.group(2) != name or t.group(4):
            continue
        depth += -1 if t.group(1) else 1
        if depth == 0:
            return t.end()
    return end


class _Reader:
    def __init__(self, text: str, options: ReadOptions) -> None:
        self.text = text
        self.options = options
        self.segments: list[Segment] = []
        self.keys: list[str] = []
        self.untranslated: list[str] = []
        self.optional: list[str] = []
        self.references = 0
        self.apostrophes: list[str] = []
        self.file_suppressed: set[RuleSelector] = set()
        self.positions: dict[str, int] = {}  # id -> index in segments (duplicates: the last wins)
        self.duplicates: list[str] = []

    def resources(self, root: El) -> None:
        notes: list[str] = []
        suppressed: set[RuleSelector] = set()
        for el in root.children:
            if el.name == COMMENT:
                body = self.text[el.inner_start : el.inner_end].strip()
                m = _SUPPRESS.match(body)
                if m is None:
                    notes = [body] if body else []
                elif m.group(1):
                    self.file_suppressed.update(selectors(m.group(2)))
                else:
                    suppressed.update(selectors(m.group(2)))
                continue
            self.resource(el, tuple(notes), frozenset(suppressed))
            notes, suppressed = [], set()

    def resource(self, el: El, notes: tuple[str, ...], suppressed: frozenset[RuleSelector]) -> None:
        if el.name not in ("string", "plurals", "string-array") or el.get("translatable") == "false":
            return
        name = el.get("name")
        if not name:
            line = self.text.count("\n", 0, el.start) + 1
            raise ReaderError(f"line {line}: <{el.qname}> without a name attribute")
        product = el.get("product")
        if product and product != "default":
            name = f"{name}#{product}"
        if "MissingTranslation" in (el.get("ignore") or "").split(","):
            self.optional.append(name)
        flags = frozenset() if el.get("formatted") == "false" else _FLAGS
        if el.name == "string":
            self.keys.append(name)
            self.text_of(el, name, None, notes, flags, suppressed)
            return
        self.keys.append(name)
        items = el.all("item")
        for i, item in enumerate(items):
            if el.name == "plurals":
                quantity = item.get("quantity") or ""
                if quantity not in PLURAL_CATEGORIES:
                    line = self.text.count("\n", 0, item.start) + 1
                    raise ReaderError(f"line {line}: <item> of <plurals> with quantity {quantity!r}")
                self.text_of(item, f"{name}[{quantity}]", quantity, notes, flags, suppressed)
            else:
                self.text_of(item, f"{name}[{i}]", None, notes, flags, suppressed)

    def text_of(
        self,
        el: El,
        seg_id: str,
        category: str | None,
        notes: tuple[str, ...],
        flags: frozenset[str],
        suppressed: frozenset[RuleSelector],
    ) -> None:
        raw = self.text[el.inner_start : el.inner_end]
        if _PLAIN.fullmatch(raw):
            value, offsets, tags, apostrophe = raw, MappedText(), [], False
            offsets.add(raw, el.inner_start)
        else:
            dec = _decode(self.text, el.inner_start, el.inner_end)
            value, offsets, tags, apostrophe = dec.out.value(), dec.out, dec.tags, dec.apostrophe
            if _REFERENCE.fullmatch(raw.strip()):
                self.references += 1
                return
        if not value and not self.options.include_untranslated:
            self.untranslated.append(seg_id)
            return
        if apostrophe:
            self.apostrophes.append(seg_id)
        if seg_id in self.positions:
            self.duplicates.append(seg_id)
        self.positions[seg_id] = len(self.segments)
        self.segments.append(
            make_segment(
                seg_id,
                value,
                offsets.offsets(el.inner_start),
                len(self.segments),
                category=category,
                notes=notes,
                flags=flags,
                suppressed=suppressed,
                protected=tags,
            )
        )


def read_android(text: str, path: str, options: ReadOptions) -> Document:
    """Parse an Android string resource file into segments (see the module docstring)."""
    validate(text)
    root = tree(text, keep_comments=True)
    elements = [c for c in root.children if c.name != COMMENT]
    resources = elements[0] if elements else None
    if resources is None or resources.name != "resources":
        name = resources.qname if resources is not None else "none"
        raise ReaderError(f"not an Android resource file (root element <{name}>, expected <resources>)")
    reader = _Reader(text, options)
    reader.resources(resources)
    kept = [s for i, s in enumerate(reader.segments) if reader.positions[s.id] == i]
    segments = tuple(s if s.index == i else _reindex(s, i) for i, s in enumerate(kept))
    meta = key_meta(reader.keys, reader.untranslated, reader.duplicates, reader.optional)
    if reader.file_suppressed:
        meta["suppressed"] = frozenset(reader.file_suppressed)
    if reader.references:
        meta["references_skipped"] = reader.references
    if reader.apostrophes:
        meta["unescaped_apostrophes"] = tuple(reader.apostrophes)
    lang = language_from_path(path, "android")
    return make_document(
        path=path,
        format="android",
        text=text,
        segments=segments,
        target_language=LanguageInfo(lang, "path") if lang else LanguageInfo(None),
        meta=meta,
    )


def _reindex(seg: Segment, index: int) -> Segment:
    from dataclasses import replace

    return replace(seg, index=index)


def claims(path: PurePath, head: bytes) -> bool:
    """Whether a folder scan should read ``path`` as Android string resources: an XML file in a
    ``values`` or ``values-*`` folder whose root is ``<resources>`` with strings, plurals or arrays."""
    folder = path.parent.name
    if folder != "values" and not folder.startswith("values-"):
        return False
    return b"<resources" in head and any(t in head for t in (b"<string", b"<plurals"))


__all__ = ["claims", "read_android"]
