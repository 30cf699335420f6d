"""gettext PO files.

Each translated entry is one segment of kind ``unit`` (``plural`` for each form of a plural entry),
with the ``msgid`` as its source. The header entry, untranslated entries (empty ``msgstr``), fuzzy
entries and obsolete (``#~``) entries are skipped unless ``include-fuzzy`` / ``include-obsolete``
ask for them. A plural entry with some forms filled keeps its empty forms, so the empty-target rule
sees them.

- Segment id: the ``msgid``, or ``msgctxt`` + U+0004 + ``msgid``; plural forms add ``[n]``.
- Notes: extracted (``#.``) and translator (``#``) comments; flags (``#,``) become segment flags.
- Suppression: a translator comment ``# qa-ignore: QA201, QA3`` suppresses those rules for the
  entry (bare ``# qa-ignore``: every rule); ``# qa-ignore-file: QA104`` in the header's comments
  suppresses a rule for the whole file.
- Languages: the header's ``Language:`` is the target language; the source language is taken only
  from an ``X-Source-Language:`` header (gettext does not record it, and it is not always English).
- Placeholders (printf, ``{name}``, ``%(name)s``, tags…), URLs and e-mail addresses are protected.

The file is read by a small strict lexer that records where every character of every string comes
from, so positions are exact even in multi-line strings and across escapes (``\\n``, ``\\"``,
``\\t``…). Its semantics are those of polib and GNU gettext; the test suite checks it against polib.
A malformed file is refused with ``line N: what is wrong``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa_pipeline.model import Document, LanguageInfo, OffsetMap, Segment, SegmentKind
from qa_pipeline.readers.base import ReadOptions, make_document
from qa_pipeline.readers.decode import ReaderError
from qa_pipeline.readers.suppression import selectors
from qa_pipeline.selectors import RuleSelector
from qa_pipeline.text.protect import protected_spans

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_ESCAPES.update({"'": "'", "?": "?"})
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[ \t\"]|$)")
_SUPPRESS = re.compile(r"^\s*qa-ignore(-file)?\b\s*(?::\s*(.*?))?\s*$", re.IGNORECASE)
_SPECIAL = re.compile(r'["\\]')
_OCTAL = frozenset("01234567")
_HEX = frozenset("0123456789abcdefABCDEF")


@dataclass
class _String:
    """A keyword's decoded value and where its characters are in the file."""

    line: int
    text: list[str] = field(default_factory=list)
    anchors: list[tuple[int, int]] = field(default_factory=list)
    length: int = 0

    def value(self) -> str:
        return "".join(self.text)

    def offsets(self) -> OffsetMap:
        return OffsetMap(tuple(self.anchors) or ((0, 0),))

    def add(self, piece: str, file_offset: int) -> None:
        """Append ``piece``, whose first character is at ``file_offset`` and the rest follow it."""
        if not piece:
            if not self.anchors:  # an empty string still has a place: inside its quotes
                self.anchors.append((0, file_offset))
            return
        if self.anchors:
            t0, f0 = self.anchors[-1]
            if t0 == self.length:
                self.anchors[-1] = (t0, file_offset)
            elif f0 + (self.length - t0) != file_offset:
                self.anchors.append((self.length, file_offset))
        else:
            self.anchors.append((0, file_offset))
        self.text.append(piece)
        self.length += len(piece)


@dataclass
class _Entry:
    line: int
    obsolete: bool = False
    tcomments: list[str] = field(default_factory=list)
    xcomments: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    msgctxt: _String | None = None
    msgid: _String | None = None
    msgid_plural: _String | None = None
    msgstr: _String | None = None
    plurals: dict[int, _String] = field(default_factory=dict)

    @property
    def has_msgstr(self) -> bool:
        return self.msgstr is not None or bool(self.plurals)


def _string(text: str, start: int, end: int, line: int, into: _String) -> None:
    """Lex one ``"..."`` literal at ``text[start]`` (a quote) up to the line's end ``end``."""
    i = start + 1
    run = i
    while True:
        m = _SPECIAL.search(text, i, end)
        if m is None:
            raise ReaderError(f"line {line}: unterminated string (missing closing quote)")
        i = m.start()
        c = text[i]
        if c == '"':
            into.add(text[run:i], run)
            rest = text[i + 1 : end].strip()
            if rest:
                raise ReaderError(f"line {line}: unexpected text after the closing quote: {rest[:30]!r}")
            return
        into.add(text[run:i], run)
        if i + 1 >= end:
            raise ReaderError(f"line {line}: unterminated string (backslash at the end of the line)")
        e = text[i + 1]
        if e in _ESCAPES:
            decoded, j = _ESCAPES[e], i + 2
        elif e in _OCTAL:
            j = i + 2
            while j < min(end, i + 4) and text[j] in _OCTAL:
                j += 1
            decoded = chr(int(text[i + 1 : j], 8))
        elif e == "x" and i + 2 < end and text[i + 2] in _HEX:
            j = i + 2
            while j < end and text[j] in _HEX:
                j += 1
            decoded = chr(int(text[i + 2 : j], 16) & 0xFF)
        else:
            raise ReaderError(f"line {line}: invalid escape sequence \\{e}")
        into.add(decoded, i)
        i = run = j


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.entries: list[_Entry] = []
        self.entry = _Entry(1)
        self.current: _String | None = None
        self.current_name = ""
        self.started = False  # the entry has a keyword (comments alone do not make an entry)

    def finish(self, line: int) -> None:
        e = self.entry
        if self.started:
            if e.msgid is None:
                raise ReaderError(f"line {e.line}: entry without msgid")
            if not e.has_msgstr:
                raise ReaderError(f"line {e.line}: msgid without msgstr")
            if e.msgid_plural is not None and e.msgstr is not None:
                raise ReaderError(f"line {e.line}: plural entry (msgid_plural) needs msgstr[0], not msgstr")
            if e.msgid_plural is None and e.plurals:
                raise ReaderError(f"line {e.line}: msgstr[N] without msgid_plural")
            self.entries.append(e)
            self.entry = _Entry(line)
        self.current = None
        self.started = False

    def keyword(self, name: str, index: str | None, line: int) -> _String:
        e = self.entry
        if self.started and e.has_msgstr and not name.startswith("msgstr"):
            self.finish(line)
            e = self.entry
        if not self.started:
            e.line = line
        self.started = True
        s = _String(line)
        if name == "msgctxt":
            if e.msgctxt is not None or e.msgid is not None:
                raise ReaderError(f"line {line}: msgctxt must come before msgid")
            e.msgctxt = s
        elif name == "msgid":
            if e.msgid is not None:
                raise ReaderError(f"line {line}: second msgid in one entry (missing msgstr?)")
            e.msgid = s
        elif name == "msgid_plural":
            if e.msgid is None or e.msgid_plural is not None or e.has_msgstr:
                raise ReaderError(f"line {line}: msgid_plural must follow msgid")
            e.msgid_plural = s
        elif e.msgid is None:
            raise ReaderError(f"line {line}: {name} without msgid")
        elif index is None:
            if e.has_msgstr:
                raise ReaderError(f"line {line}: second msgstr in one entry")
            e.msgstr = s
        else:
            if len(index) > 4:
                raise ReaderError(f"line {line}: plural form index msgstr[{index[:10]}…] is too large")
            n = int(index)
            if n in e.plurals:
                raise ReaderError(f"line {line}: msgstr[{n}] given twice")
            e.plurals[n] = s
        self.current = s
        self.current_name = name
        return s

    def comment_line(self, body: str, line: int) -> None:
        """A ``#`` line (not obsolete keywords): comments belong to the entry that follows."""
        if self.started and self.entry.has_msgstr:
            self.finish(line)
        if not self.started and not (self.entry.tcomments or self.entry.xcomments or self.entry.flags):
            self.entry.line = line
        self.current = None
        kind = body[1:2]
        if kind == ",":
            self.entry.flags.extend(f.strip() for f in body[2:].split(",") if f.strip())
        elif kind == ".":
            self.entry.xcomments.append(body[2:].strip())
        elif kind in (":", "|", "~"):
            pass  # references, previous msgid, obsolete previous msgid: not checked
        else:
            tc = body[1:]
            self.entry.tcomments.append(tc[1:] if tc.startswith(" ") else tc)

    def parse(self) -> list[_Entry]:
        text = self.text
        pos = 0
        line = 0
        n = len(text)
        while pos < n or line == 0:
            line += 1
            nl = text.find("\n", pos)
            end = n if nl < 0 else nl
            stop = end - 1 if end > pos and text[end - 1] == "\r" else end
            self.line_(pos, stop, line)
            if nl < 0:
                break
            pos = nl + 1
        self.finish(line + 1)
        return self.entries

    def line_(self, pos: int, end: int, line: int) -> None:
        text = self.text
        if text.find("\r", pos, end) >= 0:
            raise ReaderError(f"line {line}: lone carriage return (CR): PO files need LF or CRLF line breaks")
        if line == 1 and text.startswith("\ufeff"):
            pos += 1
        while pos < end and text[pos] in " \t\f\v":
            pos += 1
        if pos >= end:
            return
        obsolete = False
        if text.startswith("#~", pos) and not text.startswith("#~|", pos):
            obsolete = True
            pos += 2
            while pos < end and text[pos] in " \t":
                pos += 1
            if pos >= end:
                return
        c = text[pos]
        if c == "#" and not obsolete:
            self.comment_line(text[pos:end], line)
            return
        if c == '"':
            if self.current is None:
                raise ReaderError(f"line {line}: string without a keyword before it")
            _string(text, pos, end, line, self.current)
            return
        m = _KEYWORD.match(text, pos, end)
        if m is None:
            word = text[pos:end].split()[0] if text[pos:end].split() else text[pos:end]
            raise ReaderError(
                f"line {line}: unexpected {word[:30]!r} (expected a comment, keyword or string)"
            )
        s = self.keyword(m.group(1).split("[")[0], m.group(2), line)
        if obsolete:
            self.entry.obsolete = True
        q = m.end()
        while q < end and text[q] in " \t":
            q += 1
        if q >= end or text[q] != '"':
            raise ReaderError(f"line {line}: {m.group(1)} must be followed by a quoted string")
        _string(text, q, end, line, s)


def _header(msgstr: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for raw in msgstr.split("\n"):
        key, sep, value = raw.partition(":")
        if sep and key.strip():
            out[key.strip().lower()] = value.strip()
    return out


_MODIFIER_SCRIPTS = {"latin": "Latn", "cyrillic": "Cyrl", "arabic": "Arab", "devanagari": "Deva"}


def _language(code: str) -> str | None:
    """A POSIX locale name (``sr_RS.UTF-8@latin``) as a BCP 47 tag (``sr-Latn-RS``)."""
    from qa_pipeline.languages import normalize

    base, _, modifier = code.strip().partition("@")
    base = base.split(".")[0]
    if not base:
        return None
    tag = normalize(base)
    script = _MODIFIER_SCRIPTS.get(modifier.lower())
    if script:
        lang, _, region = tag.partition("-")
        tag = f"{lang}-{script}" + (f"-{region}" if region else "")
    return tag


def _selectors(comments: list[str], file_level: bool) -> frozenset[RuleSelector]:
    found: set[RuleSelector] = set()
    for comment in comments:
        m = _SUPPRESS.match(comment)
        if m is None or bool(m.group(1)) != file_level:
            continue
        found.update(selectors(m.group(2)))
    return frozenset(found)


def read_po(text: str, path: str, options: ReadOptions) -> Document:
    """Parse a PO file into segments (see the module docstring)."""
    entries = _Parser(text).parse()
    meta: dict[str, object] = {}
    target_lang = LanguageInfo(None)
    source_lang = LanguageInfo(None)
    segments: list[Segment] = []
    skipped = {"fuzzy": 0, "obsolete": 0, "untranslated": 0}
    for e in entries:
        assert e.msgid is not None
        msgid = e.msgid.value()
        if msgid == "" and e.msgctxt is None and not e.obsolete and e.msgstr is not None:
            header = _header(e.msgstr.value())
            lang = _language(header.get("language", ""))
            if lang:
                target_lang = LanguageInfo(lang, "file")
            source_code = _language(header.get("x-source-language", ""))
            if source_code:
                source_lang = LanguageInfo(source_code, "file")
            file_suppressed = _selectors(e.tcomments, True)
            if file_suppressed:
                meta["suppressed"] = file_suppressed
            continue
        if e.obsolete and not options.include_obsolete:
            skipped["obsolete"] += 1
            continue
        if "fuzzy" in e.flags and not options.include_fuzzy:
            skipped["fuzzy"] += 1
            continue
        forms: list[tuple[int | None, _String]]
        forms = [(None, e.msgstr)] if e.msgstr is not None else sorted(e.plurals.items())
        if all(s.length == 0 for _, s in forms) and not options.include_untranslated:
            skipped["untranslated"] += 1
            continue
        ctxt = e.msgctxt.value() if e.msgctxt is not None else None
        base_id = msgid if ctxt is None else f"{ctxt}\u0004{msgid}"
        notes = tuple(c for c in (*e.xcomments, *e.tcomments) if c and not _SUPPRESS.match(c))
        suppressed = _selectors(e.tcomments, False)
        flags = frozenset(e.flags)
        for index, s in forms:
            src = e.msgid if index in (None, 0) or e.msgid_plural is None else e.msgid_plural
            source = src.value()
            target = s.value()
            segments.append(
                Segment(
                    id=base_id if index is None else f"{base_id}[{index}]",
                    target=target,
                    source=source,
                    kind=SegmentKind.UNIT if index is None else SegmentKind.PLURAL,
                    offsets=s.offsets(),
                    source_offsets=src.offsets(),
                    protected=tuple(protected_spans(target, placeholders=True)),
                    source_protected=tuple(protected_spans(source, placeholders=True)),
                    index=len(segments),
                    notes=notes,
                    flags=flags,
                    suppressed=suppressed,
                    context=ctxt,
                    plural_index=index,
                )
            )
    meta["skipped"] = {k: v for k, v in skipped.items() if v}
    meta["entries"] = len(entries)
    units = {s.id.split("[")[0] if s.plural_index is not None else s.id for s in segments}
    meta["units"] = len(units) + skipped["untranslated"] + skipped["fuzzy"]
    meta["untranslated"] = skipped["untranslated"]
    return make_document(
        path=path,
        format="po",
        text=text,
        segments=tuple(segments),
        target_language=target_lang,
        source_language=source_lang,
        meta=meta,
    )


__all__ = ["read_po"]
