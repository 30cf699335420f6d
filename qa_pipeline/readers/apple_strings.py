"""Apple localization files: ``.strings``, ``.stringsdict`` and Xcode string catalogs (``.xcstrings``).

- ``.strings`` (UTF-16 with or without BOM, or UTF-8): each ``"key" = "value";`` entry is one segment
  of kind ``unit`` whose id is the key. Old-style property list syntax: ``/* */`` and ``//`` comments,
  double- or single-quoted or unquoted strings, an optional ``{ … }`` around the entries, ``"key";``
  for a value equal to its key, escapes ``\\"`` ``\\\\`` ``\\n`` ``\\t`` ``\\r`` ``\\Uxxxx`` (UTF-16
  code units, surrogate pairs joined) and octal ``\\101``. Comments before an entry are its notes; a
  comment ``/* qa-ignore: QA201 */`` before an entry suppresses those rules for it,
  ``qa-ignore-file: …`` anywhere for the file.
- ``.stringsdict`` (XML property list): per key, the ``NSStringLocalizedFormatKey`` string is a
  segment with id ``key``; each variable's forms (plural categories ``zero one two few many other``,
  or device / width variants) are segments with id ``key/var/one`` (kind ``plural`` for
  ``NSStringPluralRuleType``). A variable whose forms are all empty is left out (it is empty on
  purpose); an XML comment ``<!-- qa-ignore: QA201 -->`` before a ``<key>`` suppresses rules for it.
- ``.xcstrings`` string catalogs: see :mod:`qa_pipeline.readers.apple_catalog`.

Placeholders (``%@``, ``%1$@``, ``%lld``, ``%#@var@``), URLs and e-mail addresses are protected and
every segment carries the flag ``objc-format``. Languages come from the path (``fr.lproj``,
``pt-BR.lproj``, ``zh-Hans.lproj``; ``Base.lproj`` is the source) or the catalog.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path, PurePath

from qa_pipeline.model import Document, LanguageInfo, OffsetMap, Segment, SegmentKind, Span
from qa_pipeline.readers import xmlpos
from qa_pipeline.readers.base import ReadOptions, make_document
from qa_pipeline.readers.decode import ReaderError
from qa_pipeline.readers.suppression import selectors
from qa_pipeline.readers.xmlpos import El
from qa_pipeline.selectors import RuleSelector
from qa_pipeline.text.protect import protected_spans

OBJC = frozenset({"objc-format"})
_SUPPRESS = re.compile(r"^\s*qa-ignore(-file)?\b\s*(?::\s*(.*?))?\s*$", re.IGNORECASE | re.DOTALL)
_LPROJ = re.compile(r"(?:^|/)([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)\.lproj/")
_SOURCE_FOLDERS = ("Base", "en")

# --- paths ----------------------------------------------------------------------------------------


def language_from_path(path: str | PurePath) -> str | None:
    """``…/fr.lproj/Localizable.strings`` -> ``fr`` (``pt-BR``, ``zh-Hans``); None for ``Base.lproj``."""
    from qa_pipeline.languages import is_language, normalize

    found = list(_LPROJ.finditer(PurePath(path).as_posix()))
    m = found[-1] if found else None
    if m is None or m.group(1).lower() == "base" or not is_language(m.group(1)):
        return None
    return normalize(m.group(1))


def source_candidates(path: Path, source_lang: str = "en") -> list[Path]:
    """Where the source of ``fr.lproj/Name.strings`` may be: ``Base.lproj/Name.strings``, then
    ``<source_lang>.lproj/Name.strings`` (``en`` by default); empty for a file that is a source."""
    folder = path.parent
    if not folder.name.endswith(".lproj"):
        return []
    here = folder.name[: -len(".lproj")]
    if here.lower() in ("base", source_lang.lower()):
        return []
    names = ["Base", source_lang] + [f for f in _SOURCE_FOLDERS if f not in ("Base", source_lang)]
    return [folder.parent / f"{name}.lproj" / path.name for name in dict.fromkeys(names)]


def default_source(path: Path, source_lang: str = "en") -> Path | None:
    """The first existing :func:`source_candidates` file: the key-paired source of a translation."""
    return next((p for p in source_candidates(path, source_lang) if p.is_file()), None)


def _path_language(path: str) -> LanguageInfo:
    lang = language_from_path(path)
    return LanguageInfo(lang, "path") if lang else LanguageInfo(None)


def notes_and_suppressed(
    comments: list[str], file_level: set[RuleSelector]
) -> tuple[tuple[str, ...], frozenset[RuleSelector]]:
    notes: list[str] = []
    suppressed: set[RuleSelector] = set()
    for body in comments:
        m = _SUPPRESS.match(body)
        if m is None:
            if body.strip():
                notes.append(body.strip())
        elif m.group(1):
            file_level.update(selectors(m.group(2)))
        else:
            suppressed.update(selectors(m.group(2)))
    return tuple(notes), frozenset(suppressed)


def make_segment(
    seg_id: str,
    target: str,
    offsets: OffsetMap,
    index: int,
    kind: SegmentKind = SegmentKind.UNIT,
    notes: tuple[str, ...] = (),
    suppressed: frozenset[RuleSelector] = frozenset(),
    flags: frozenset[str] = OBJC,
    source: tuple[str, OffsetMap] | None = None,
    protected: tuple[Span, ...] | None = None,
) -> Segment:
    return Segment(
        id=seg_id,
        target=target,
        source=source[0] if source else None,
        kind=kind,
        offsets=offsets,
        source_offsets=source[1] if source else None,
        protected=protected if protected is not None else tuple(protected_spans(target, placeholders=True)),
        source_protected=tuple(protected_spans(source[0], placeholders=True)) if source else (),
        index=index,
        notes=notes,
        flags=flags,
        suppressed=suppressed,
    )


# --- .strings -------------------------------------------------------------------------------------

_UNQUOTED = re.compile(r"[A-Za-z0-9_$/:.-]+")
_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_OCTAL = frozenset("01234567")
_HEX = frozenset("0123456789abcdefABCDEF")


class _Str:
    """A decoded string and where its characters are in the file."""

    def __init__(self, start: int) -> None:
        self.start = start
        self.parts: list[str] = []
        self.anchors: list[tuple[int, int]] = []
        self.length = 0

    def add(self, piece: str, at: int) -> None:
        if not self.anchors or self.anchors[-1][1] + (self.length - self.anchors[-1][0]) != at:
            self.anchors.append((self.length, at))
        self.parts.append(piece)
        self.length += len(piece)

    @property
    def value(self) -> str:
        return "".join(self.parts)

    def offsets(self) -> OffsetMap:
        return OffsetMap(tuple(self.anchors) or ((0, self.start),))


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 1 if text.startswith("\ufeff") else 0

    def where(self, pos: int | None = None) -> str:
        pos = self.pos if pos is None else pos
        line = self.text.count("\n", 0, pos) + 1
        return f"line {line}, column {pos - (self.text.rfind(chr(10), 0, pos) + 1) + 1}"

    def skip(self) -> list[str]:
        """Skip whitespace and comments; return the comments' texts."""
        text, comments = self.text, []
        while self.pos < len(text):
            c = text[self.pos]
            if c in " \t\r\n\f\v\ufeff\u2028\u2029":
                self.pos += 1
            elif text.startswith("/*", self.pos):
                end = text.find("*/", self.pos + 2)
                if end < 0:
                    raise ReaderError(f"{self.where()}: unterminated comment (missing */)")
                comments.append(text[self.pos + 2 : end])
                self.pos = end + 2
            elif text.startswith("//", self.pos):
                end = text.find("\n", self.pos)
                end = len(text) if end < 0 else end
                comments.append(text[self.pos + 2 : end].rstrip("\r"))
                self.pos = end
            else:
                break
        return comments

    def string(self, what: str) -> _Str:
        text, start = self.text, self.pos
        if start >= len(text):
            raise ReaderError(f"{self.where()}: expected {what}, found the end of the file")
        quote = text[start]
        if quote not in "\"'":
            m = _UNQUOTED.match(text, start)
            if m is None:
                raise ReaderError(f"{self.where()}: expected {what}, found {text[start]!r}")
            s = _Str(start)
            s.add(m.group(0), start)
            self.pos = m.end()
            return s
        s = _Str(start + 1)
        i = run = start + 1
        special = re.compile(r"[\\" + quote + "]")
        while True:
            m = special.search(text, i)
            if m is None:
                raise ReaderError(f"{self.where(start)}: unterminated string (missing closing quote)")
            i = m.start()
            if i > run:
                s.add(text[run:i], run)
            if text[i] == quote:
                self.pos = i + 1
                return s
            decoded, j = self.escape(i)
            if decoded:
                s.add(decoded, i)
            i = run = j

    def escape(self, i: int) -> tuple[str, int]:
        """The character a backslash escape at ``i`` stands for and where the escape ends."""
        text = self.text
        if i + 1 >= len(text):
            raise ReaderError(f"{self.where(i)}: unterminated string (backslash at the end of the file)")
        e = text[i + 1]
        if e in _ESCAPES:
            return _ESCAPES[e], i + 2
        if e in _OCTAL:
            j = i + 2
            while j < min(len(text), i + 4) and text[j] in _OCTAL:
                j += 1
            return chr(int(text[i + 1 : j], 8)), j
        if e in "Uu":
            j = i + 2
            while j < min(len(text), i + 6) and text[j] in _HEX:
                j += 1
            if j == i + 2:
                return e, j  # "\U" without digits: the letter itself, as CoreFoundation reads it
            code = int(text[i + 2 : j], 16)
            if 0xD800 <= code <= 0xDBFF and text.startswith("\\", j) and text[j + 1 : j + 2] in ("U", "u"):
                k = j + 2
                while k < min(len(text), j + 6) and text[k] in _HEX:
                    k += 1
                low = int(text[j + 2 : k], 16) if k > j + 2 else 0
                if 0xDC00 <= low <= 0xDFFF:
                    return chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)), k
            return ("\ufffd" if 0xD800 <= code <= 0xDFFF else chr(code)), j
        return e, i + 2  # \" \' \\ and any other character stand for themselves


def _strings_entries(text: str) -> Iterator[tuple[list[str], _Str, _Str]]:
    """(comments before, key, value) of each entry of a ``.strings`` file."""
    lex = _Lexer(text)
    comments = lex.skip()
    braced = lex.pos < len(text) and text[lex.pos] == "{"
    if braced:
        lex.pos += 1
    while True:
        comments += lex.skip()
        if lex.pos >= len(text):
            if braced:
                raise ReaderError(f"{lex.where()}: missing closing brace '}}'")
            return
        if braced and text[lex.pos] == "}":
            lex.pos += 1
            lex.skip()
            if lex.pos < len(text):
                raise ReaderError(f"{lex.where()}: unexpected text after the closing brace")
            return
        key = lex.string("a key string")
        lex.skip()
        if lex.pos < len(text) and text[lex.pos] == ";":  # "key"; means "key" = "key";
            lex.pos += 1
            yield comments, key, key
            comments = []
            continue
        if lex.pos >= len(text) or text[lex.pos] != "=":
            found = "the end of the file" if lex.pos >= len(text) else repr(text[lex.pos])
            raise ReaderError(f"{lex.where()}: expected '=' after the key, found {found}")
        lex.pos += 1
        lex.skip()
        if lex.pos < len(text) and text[lex.pos] in "({<":
            raise ReaderError(
                f"{lex.where()}: expected a string value (arrays, dictionaries and data are not strings)"
            )
        value = lex.string("a value string")
        lex.skip()
        if lex.pos >= len(text) or text[lex.pos] != ";":
            found = "the end of the file" if lex.pos >= len(text) else repr(text[lex.pos])
            raise ReaderError(f"{lex.where()}: expected ';' after the value, found {found}")
        lex.pos += 1
        yield comments, key, value
        comments = []


def read_strings(text: str, path: str, options: ReadOptions) -> Document:
    """Parse a ``.strings`` file into segments (see the module docstring)."""
    file_suppressed: set[RuleSelector] = set()
    entries: dict[str, tuple[list[str], _Str, _Str]] = {}
    duplicates: list[str] = []
    for comments, key, value in _strings_entries(text):
        if key.value in entries:
            duplicates.append(key.value)
            del entries[key.value]  # the last one wins, as in Foundation; keep file order
        entries[key.value] = (comments, key, value)
    segments: list[Segment] = []
    untranslated = 0
    for comments, key, value in sorted(entries.values(), key=lambda e: e[1].start):
        notes, suppressed = notes_and_suppressed(comments, file_suppressed)
        if not value.value and not options.include_untranslated:
            untranslated += 1
            continue
        segments.append(
            make_segment(
                key.value, value.value, value.offsets(), len(segments), notes=notes, suppressed=suppressed
            )
        )
    meta: dict[str, object] = {"units": len(entries), "untranslated": untranslated}
    if duplicates:
        meta["duplicate_keys"] = sorted(set(duplicates))
    if file_suppressed:
        meta["suppressed"] = frozenset(file_suppressed)
    return make_document(
        path=path,
        format="strings",
        text=text,
        segments=tuple(segments),
        target_language=_path_language(path),
        meta=meta,
    )


# --- .stringsdict ---------------------------------------------------------------------------------

_FORMAT_KEY = "NSStringLocalizedFormatKey"
_SPEC_KEY = "NSStringFormatSpecTypeKey"
_PLURAL_SPEC = "NSStringPluralRuleType"


def read_stringsdict(text: str, path: str, options: ReadOptions) -> Document:
    """Parse a ``.stringsdict`` property list into segments (see the module docstring)."""
    xmlpos.validate(text)
    root = xmlpos.tree(text)
    plist = root.children[0] if root.children else None
    if plist is None or plist.name != "plist":
        raise ReaderError(f"not a property list (root element <{plist.name if plist else 'none'}>)")
    top = plist.child("dict") or El("dict", {}, 0, 0, 0, 0)
    segments: list[Segment] = []
    file_suppressed: set[RuleSelector] = set()
    units = untranslated = 0
    previous_end = top.inner_start
    for key_el, value in _pairs(text, top):
        key = xmlpos.plain(text, key_el)
        comments = [body for at, body in top.comments if previous_end <= at < key_el.start]
        previous_end = value.end
        if value.name != "dict":
            continue
        units += 1
        notes, suppressed = notes_and_suppressed(comments, file_suppressed)
        found = []
        for seg_id, el, kind in _stringsdict_strings(text, key, value):
            t = xmlpos.content(text, el.inner_start, el.inner_end)
            found.append(
                make_segment(seg_id, t.text, t.offsets, 0, kind, notes, suppressed, protected=t.protected)
            )
        if not any(s.target for s in found):
            untranslated += 1
            if not options.include_untranslated:
                continue
        segments.extend(replace(seg, index=len(segments) + n) for n, seg in enumerate(found))
    meta: dict[str, object] = {"units": units, "untranslated": untranslated}
    if file_suppressed:
        meta["suppressed"] = frozenset(file_suppressed)
    return make_document(
        path=path,
        format="stringsdict",
        text=text,
        segments=tuple(segments),
        target_language=_path_language(path),
        meta=meta,
    )


def _pairs(text: str, el: El) -> Iterator[tuple[El, El]]:
    """(key element, value element) of a plist ``<dict>``."""
    children = el.children
    for i in range(0, len(children), 2):
        key = children[i]
        if key.name != "key" or i + 1 >= len(children):
            line = text.count("\n", 0, key.start) + 1
            raise ReaderError(f"line {line}: a property list <dict> needs <key> and value pairs")
        yield key, children[i + 1]


def _stringsdict_strings(text: str, key: str, entry: El) -> Iterator[tuple[str, El, SegmentKind]]:
    """(segment id, ``<string>`` element, kind) of one stringsdict key."""
    for name_el, value in _pairs(text, entry):
        name = xmlpos.plain(text, name_el)
        if name == _FORMAT_KEY and value.name == "string":
            yield key, value, SegmentKind.UNIT
        elif not name.startswith("NSString") and value.name == "dict":
            forms = [(xmlpos.plain(text, k), v) for k, v in _pairs(text, value)]
            spec = next((xmlpos.plain(text, v) for k, v in forms if k == _SPEC_KEY), "")
            strings = [(k, v) for k, v in forms if not k.startswith("NSString") and v.name == "string"]
            if all(v.inner_start == v.inner_end for _, v in strings):
                continue  # every form empty: a variable left empty on purpose
            kind = SegmentKind.PLURAL if spec == _PLURAL_SPEC else SegmentKind.UNIT
            for category, v in strings:
                yield f"{key}/{name}/{category}", v, kind


__all__ = [
    "default_source",
    "language_from_path",
    "read_strings",
    "read_stringsdict",
    "source_candidates",
]
