"""JSON translation files: i18next, vue-i18n, react-intl/Format.js/Angular ICU, Chrome ``messages.json``.

Each string value is one segment (kind ``unit``) whose id is its JSON pointer (RFC 6901:
``/settings/title``; ``~`` and ``/`` in keys are written ``~0`` and ``~1``). Nested objects are walked;
an array of strings gives ``/key/0``, ``/key/1``…; numbers, booleans and ``null`` are skipped (``null``
and ``""`` count as untranslated keys, checked only with ``include-untranslated``).

- Plurals: i18next keys with a CLDR suffix (``item_one``, ``item_other``, also ``_zero _two _few _many``
  and ordinals ``item_ordinal_one``) are kind ``plural`` when the object has at least two forms of the
  key (a lone ``item_other`` becomes plural when paired with a source that has it as a plural); i18next
  v3 ``item`` + ``item_plural`` likewise. ICU plurals (``{count, plural, one {…} other {…}}``) stay one
  segment: the whole ICU argument is protected.
- Message objects: when every top-level value is an object with a ``message`` (Chrome) or
  ``defaultMessage`` (Format.js) string and nothing but ``description``/``placeholders`` beside it, the
  message is the segment (id ``/key/message``) and the description its note.
- Flags: one placeholder syntax per file, in gettext's ``<syntax>-format`` convention:
  ``chrome-format`` (message objects with ``message``), ``icu-format`` (Format.js objects, or ICU
  arguments such as ``{name}``), ``i18next-format`` (``{{var}}``, ``$t(key)``, plural-suffixed keys),
  ``vue-format`` (vue-i18n linked messages ``@:key``); none when no value uses placeholders.
- Duplicate keys: JSON allows them and every runtime keeps the last; so does this reader. The ids of
  the shadowed ones are listed in ``meta["duplicate_keys"]``.
- Languages: from the path (``fr.json``, ``pt-BR.json``, ``locales/fr/translation.json``,
  ``_locales/pt_BR/messages.json``); the source file by convention (see :mod:`.keyed`).
- Suppression: JSON has no comments; use ``per-file-ignores`` in the configuration.

Positions are exact through every escape (see :mod:`.jsonscan`). A malformed file is refused with
``line L, column C: malformed JSON (…)``; a file that is valid JSON but not a map of messages (a
top-level array or value) is refused too.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from qa_pipeline.model import Document, LanguageInfo, Segment
from qa_pipeline.readers.base import ReadOptions, make_document
from qa_pipeline.readers.decode import ReaderError
from qa_pipeline.readers.jsonscan import JArray, JObject, JScalar, JString, JValue, pointer, scan
from qa_pipeline.readers.keyed import key_meta, language_from_path, language_place, make_segment

_PLURAL_KEY = re.compile(r"^(.+?)_(zero|one|two|few|many|other)$")
_MESSAGE_KEYS = frozenset({"message", "defaultMessage", "description", "placeholders"})
_I18NEXT = re.compile(r"\{\{[^{}\n]+\}\}|\$t\(")
_VUE = re.compile(r"@(?:\.[a-z]+)?:[\w(]")
_ICU = re.compile(
    r"\{\s*[A-Za-z_$][\w.$-]*\s*(?:,\s*(?:plural|select|selectordinal|number|date|time)\b[^{}]*)?[,}]"
)


def _message_style(root: JObject) -> str | None:
    """``chrome`` / ``formatjs`` when every top-level value is a message object, else None."""
    if not root.members:
        return None
    style = None
    for _, value in root.members:
        if not isinstance(value, JObject):
            return None
        names = {k.value for k, _ in value.members}
        if not names <= _MESSAGE_KEYS:
            return None
        kinds = {k.value: v for k, v in value.members}
        if isinstance(kinds.get("message"), JString):
            this = "chrome"
        elif isinstance(kinds.get("defaultMessage"), JString):
            this = "formatjs"
        else:
            return None
        if style not in (None, this):
            return None
        style = this
    return style


def _plural_categories(members: list[tuple[JString, JValue]]) -> dict[str, tuple[str, str]]:
    """Keys of one object that are plural forms: key -> (base key, CLDR category)."""
    strings = {k.value for k, v in members if isinstance(v, JString)}
    groups: dict[str, list[tuple[str, str]]] = {}
    for key in strings:
        m = _PLURAL_KEY.match(key)
        if m:
            groups.setdefault(m.group(1), []).append((key, m.group(2)))
        elif key.endswith("_plural") and key[: -len("_plural")] in strings:
            base = key[: -len("_plural")]
            groups.setdefault(base, []).extend([(key, "other"), (base, "one")])
    out: dict[str, tuple[str, str]] = {}
    for base, forms in groups.items():
        if len(forms) >= 2:
            for key, category in forms:
                out[key] = (base, category)
    return out


class _Walker:
    def __init__(self, options: ReadOptions) -> None:
        self.options = options
        self.found: list[tuple[str, JString, str | None, tuple[str, ...]]] = []  # id, string, category, notes
        self.keys: list[str] = []
        self.untranslated: list[str] = []
        self.duplicates: list[str] = []

    def members(self, obj: JObject, path: list[str]) -> list[tuple[JString, JValue]]:
        last = {k.value: i for i, (k, _) in enumerate(obj.members)}
        kept = []
        for i, (k, v) in enumerate(obj.members):
            if last[k.value] == i:
                kept.append((k, v))
            else:
                self.duplicates.append(pointer([*path, k.value]))
        return kept

    def string(
        self,
        parts: list[str],
        value: JString,
        key: str,
        notes: tuple[str, ...] = (),
        category: str | None = None,
    ) -> None:
        seg_id = pointer(parts)
        self.keys.append(key)
        if not value.value and not self.options.include_untranslated:
            self.untranslated.append(seg_id)
            return
        self.found.append((seg_id, value, category, notes))

    def value(self, node: JValue, parts: list[str], plural: tuple[str, str] | None = None) -> None:
        if isinstance(node, JString):
            key = pointer([*parts[:-1], plural[0]]) if plural else pointer(parts)
            self.string(parts, node, key, category=plural[1] if plural else None)
        elif isinstance(node, JObject):
            members = self.members(node, parts)
            plurals = _plural_categories(members)
            for k, v in members:
                self.value(v, [*parts, k.value], plurals.get(k.value))
        elif isinstance(node, JArray):
            for i, item in enumerate(node.items):
                self.value(item, [*parts, str(i)])
        elif isinstance(node, JScalar) and node.raw == "null":
            self.keys.append(pointer(parts))
            self.untranslated.append(pointer(parts))

    def messages(self, root: JObject, style: str) -> None:
        field = "message" if style == "chrome" else "defaultMessage"
        for k, obj in self.members(root, []):
            assert isinstance(obj, JObject)
            fields = {name.value: v for name, v in self.members(obj, [k.value])}
            message = fields[field]
            description = fields.get("description")
            notes = (description.value,) if isinstance(description, JString) and description.value else ()
            assert isinstance(message, JString)
            parts = [k.value, field]
            self.string(parts, message, pointer(parts), notes)


def _flags(style: str | None, values: list[str], plurals: bool) -> frozenset[str]:
    if style == "chrome":
        return frozenset({"chrome-format"})
    if style == "formatjs":
        return frozenset({"icu-format"})
    if plurals or any(_I18NEXT.search(v) for v in values):
        return frozenset({"i18next-format"})
    if any(_VUE.search(v) for v in values):
        return frozenset({"vue-format"})
    if any(_ICU.search(v) for v in values):
        return frozenset({"icu-format"})
    return frozenset()


def _kind_name(node: JValue) -> str:
    if isinstance(node, JArray):
        return "an array"
    if isinstance(node, JString):
        return "a string"
    if isinstance(node, JScalar) and node.raw in ("true", "false", "null"):
        return node.raw
    return "a number"


def read_json(text: str, path: str, options: ReadOptions) -> Document:
    """Parse a JSON translation file into segments (see the module docstring)."""
    root = scan(text)
    if root is not None and not isinstance(root, JObject):
        raise ReaderError(
            f"not a JSON translation file: the top level is {_kind_name(root)}, not an object of messages"
        )
    walker = _Walker(options)
    style = None
    if root is not None:
        style = _message_style(root)
        if style is not None:
            walker.messages(root, style)
        else:
            walker.value(root, [])
    values = [s.value for _, s, _, _ in walker.found]
    flags = _flags(style, values, any(c is not None for _, _, c, _ in walker.found))
    segments: list[Segment] = []
    for seg_id, string, category, notes in walker.found:
        segments.append(
            make_segment(
                seg_id,
                string.value,
                string.offsets,
                len(segments),
                category=category,
                notes=notes,
                flags=flags,
            )
        )
    meta = key_meta(walker.keys, walker.untranslated, walker.duplicates)
    if style is not None:
        meta["message_objects"] = style
    lang = language_from_path(path, "json")
    return make_document(
        path=path,
        format="json",
        text=text,
        segments=tuple(segments),
        target_language=LanguageInfo(lang, "path") if lang else LanguageInfo(None),
        meta=meta,
    )


def claims(path: PurePath, head: bytes) -> bool:
    """Whether a folder scan should read ``path`` as a JSON translation file.

    Only when its path names a language (``fr.json``, ``messages.fr.json``, ``fr/common.json``, or a
    language folder below ``locales/``, ``i18n/``…) and its content starts with an object — so
    ``package.json``, ``tsconfig.json`` and data files are left alone.
    """
    if language_place(path) is None:
        return False
    body = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n\x00")
    return body[:1] == b"{"


__all__ = ["claims", "read_json"]
