"""YAML locale files: Rails i18n and i18n-js (``fr:`` at the root, nested keys).

Each string value is one segment (kind ``unit``). Its id is the dotted key path without the language
root (``activerecord.errors.messages.blank``); a list item adds ``[n]`` (``date.day_names[0]``).

- Language: a single root key that is a language code (``fr:``, ``pt-BR:``) is the target language
  (origin ``file``); a file without one is read as it is, its language taken from the path. Several
  language roots in one file are refused.
- Plurals: a mapping whose keys are all CLDR categories (``zero one two few many other``) and include
  ``other`` holds the forms of one plural message: each form is kind ``plural`` (``inbox.one``).
- Skipped: numbers, booleans, dates (YAML 1.1 resolves plain ``yes``/``no``/``on``/``off`` to booleans,
  as Ruby does); ``null`` (``key:`` or ``~``) and ``""`` are untranslated keys, checked only with
  ``include-untranslated``. Merge keys (``<<``) and aliases (``*name``) are not read again: each text
  is checked once, where it is written, so alias "bombs" cost nothing.
- Flags: ``ruby-format`` (``%{name}`` interpolation; also ``%<name>s``); placeholders, HTML tags, URLs
  and e-mail addresses are protected.
- Notes: comment lines right above a key.
- Suppression: a comment line right above a key, ``# qa-ignore: QA201, QA3`` (bare ``# qa-ignore``:
  every rule), applies to that key and everything below it; ``# qa-ignore-file: QA104`` on a comment
  line anywhere applies to the whole file.

Positions are exact for plain, single- and double-quoted (escapes, ``''``), literal ``|`` and folded
``>`` scalars, also across line folding (see :mod:`.yamlscalar`). Parsing uses PyYAML's safe loader
(the C one when available), which never constructs objects from tags. A malformed file is refused with
``line L, column C: malformed YAML (…)``.
"""

from __future__ import annotations

import re
from pathlib import PurePath

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from qa_pipeline.language import Language
from qa_pipeline.model import Document, LanguageInfo, Segment
from qa_pipeline.readers.base import ReadOptions, make_document
from qa_pipeline.readers.decode import ReaderError
from qa_pipeline.readers.keyed import (
    LOCALE_DIRS,
    PLURAL_CATEGORIES,
    key_meta,
    language_code,
    language_from_path,
    make_segment,
)
from qa_pipeline.readers.suppression import selectors
from qa_pipeline.readers.yamlscalar import map_scalar
from qa_pipeline.selectors import RuleSelector

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_MERGE = "tag:yaml.org,2002:merge"
_LINE = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_COMMENT = re.compile(r"[ \t]*#(.*)")
_SUPPRESS = re.compile(r"^\s*qa-ignore(-file)?\b\s*(?::\s*(.*?))?\s*$", re.IGNORECASE)
_FLAGS = frozenset({"ruby-format"})
_CATEGORIES = frozenset(PLURAL_CATEGORIES)


def _compose(text: str) -> Node | None:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = (exc.problem or exc.context or "invalid YAML").strip()
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        raise ReaderError(f"{where}malformed YAML ({what})") from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise ReaderError(f"line {line}: character U+{exc.character:04X} is not allowed in YAML") from None
    except yaml.YAMLError as exc:
        raise ReaderError(f"malformed YAML ({str(exc).splitlines()[0]})") from None
    except RecursionError:
        raise ReaderError("malformed YAML (nested too deeply)") from None


def _comments(text: str) -> dict[int, str]:
    """Comment-only lines: 0-based line number -> the comment after ``#``."""
    out: dict[int, str] = {}
    start = 0
    for n, m in enumerate([*_LINE.finditer(text), None]):
        end = m.start() if m is not None else len(text)
        c = _COMMENT.fullmatch(text, start, end)
        if c is not None:
            out[n] = c.group(1)
        if m is None:
            break
        start = m.end()
    return out


def _seg_id(parts: list[str | int]) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else p)
    return out


class _Walker:
    def __init__(self, text: str, options: ReadOptions) -> None:
        self.text = text
        self.options = options
        self.comments = _comments(text)
        self.in_scalar: set[int] = set()  # lines inside multi-line scalars: not comments
        self.seen: set[int] = set()
        self.segments: list[Segment] = []
        self.keys: list[str] = []
        self.untranslated: list[str] = []
        self.duplicates: list[str] = []
        self.approximate = 0
        self.aliases = 0

    def above(self, line: int) -> tuple[tuple[str, ...], frozenset[RuleSelector]]:
        """Notes and suppressions from the comment lines right above ``line``."""
        notes: list[str] = []
        found: set[RuleSelector] = set()
        n = line - 1
        while n in self.comments and n not in self.in_scalar:
            body = self.comments[n].strip()
            m = _SUPPRESS.match(body)
            if m is None:
                if body:
                    notes.append(body)
            elif not m.group(1):
                found.update(selectors(m.group(2)))
            n -= 1
        return tuple(reversed(notes)), frozenset(found)

    def node(
        self, node: Node, parts: list[str | int], indent: int, suppressed: frozenset[RuleSelector]
    ) -> None:
        if id(node) in self.seen:
            self.aliases += 1
            return
        self.seen.add(id(node))
        if len(parts) > 200:
            raise ReaderError(f"line {node.start_mark.line + 1}: nested deeper than 200 levels")
        if isinstance(node, MappingNode):
            self.mapping(node, parts, suppressed)
        elif isinstance(node, SequenceNode):
            for i, item in enumerate(node.value):
                self.node(item, [*parts, i], node.start_mark.column, suppressed)
        elif isinstance(node, ScalarNode):
            self.scalar(node, parts, None, indent, (), suppressed)

    def mapping(self, node: MappingNode, parts: list[str | int], suppressed: frozenset[RuleSelector]) -> None:
        pairs = [(k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.tag != _MERGE]
        self.aliases += len(node.value) - len(pairs)
        names = [k.value for k, _ in pairs]
        plural = (
            bool(names)
            and set(names) <= _CATEGORIES
            and "other" in names
            and all(isinstance(v, ScalarNode) for _, v in pairs)
        )
        last = {name: i for i, name in enumerate(names)}
        for i, (k, v) in enumerate(pairs):
            child = [*parts, k.value]
            if last[k.value] != i:
                self.duplicates.append(_seg_id(child))
                continue
            notes, own = self.above(k.start_mark.line)
            if isinstance(v, ScalarNode) and id(v) not in self.seen:
                self.seen.add(id(v))
                category = k.value if plural else None
                self.scalar(v, child, category, node.start_mark.column, notes, suppressed | own)
            else:
                self.node(v, child, node.start_mark.column, suppressed | own)

    def scalar(
        self,
        node: ScalarNode,
        parts: list[str | int],
        category: str | None,
        indent: int,
        notes: tuple[str, ...],
        suppressed: frozenset[RuleSelector],
    ) -> None:
        first, last = node.start_mark.line, node.end_mark.line - (node.end_mark.column == 0)
        self.in_scalar.update(range(first + 1, last + 1))
        if node.tag not in (_STR, _NULL):
            return
        seg_id = _seg_id(parts)
        self.keys.append(_seg_id(parts[:-1]) if category else seg_id)
        if node.tag == _NULL or (not node.value and not self.options.include_untranslated):
            self.untranslated.append(seg_id)
            return
        offsets, exact = map_scalar(self.text, node, indent)
        self.approximate += not exact
        self.segments.append(
            make_segment(
                seg_id,
                node.value,
                offsets,
                len(self.segments),
                category=category,
                notes=notes,
                flags=_FLAGS,
                suppressed=suppressed,
            )
        )

    def file_suppressed(self) -> frozenset[RuleSelector]:
        found: set[RuleSelector] = set()
        for n, body in self.comments.items():
            m = _SUPPRESS.match(body.strip())
            if m is not None and m.group(1) and n not in self.in_scalar:
                found.update(selectors(m.group(2)))
        return frozenset(found)


def _language_key(node: Node) -> str | None:
    return language_code(node.value) if isinstance(node, ScalarNode) and node.tag == _STR else None


def read_yaml(text: str, path: str, options: ReadOptions) -> Document:
    """Parse a YAML locale file into segments (see the module docstring)."""
    root = _compose(text)
    walker = _Walker(text, options)
    lang: LanguageInfo = LanguageInfo(None)
    if root is not None:
        if not isinstance(root, MappingNode):
            what = "a list" if isinstance(root, SequenceNode) else "a single value"
            raise ReaderError(f"not a YAML locale file: the top level is {what}, not a mapping of keys")
        codes = [_language_key(k) if isinstance(v, MappingNode) else None for k, v in root.value]
        if len(codes) == 1 and codes[0]:
            key, value = root.value[0]
            lang = LanguageInfo(codes[0], "file")
            _, suppressed = walker.above(key.start_mark.line)
            walker.node(value, [], root.start_mark.column, suppressed)
        elif len(codes) > 1 and all(codes):
            listed = ", ".join(str(c) for c in codes)
            raise ReaderError(f"several languages in one file ({listed}): one language per file is supported")
        else:
            walker.node(root, [], -1, frozenset())
    if lang.code is None:
        code = language_from_path(path, "yaml")
        lang = LanguageInfo(code, "path") if code else lang
    meta = key_meta(walker.keys, walker.untranslated, walker.duplicates)
    suppressed = walker.file_suppressed()
    if suppressed:
        meta["suppressed"] = suppressed
    if walker.approximate:
        meta["approximate_positions"] = walker.approximate
    if walker.aliases:
        meta["aliases_skipped"] = walker.aliases
    return make_document(
        path=path,
        format="yaml",
        text=text,
        segments=tuple(walker.segments),
        target_language=lang,
        meta=meta,
    )


_ROOT_KEY = re.compile(rb"""^(["']?)([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)\1[ \t]*:[ \t]*(?:#.*)?$""")


def claims(path: PurePath, head: bytes) -> bool:
    """Whether a folder scan should read ``path`` as a YAML locale file.

    Only when its first root key is a language code (``fr:``) and the path agrees: it names the same
    language (``fr.yml``, ``devise.fr.yml``, ``fr/…``) or lies under a ``locales``/``i18n``… folder.
    CI workflows, compose files and other configuration are left alone.
    """
    for raw in head.splitlines():
        line = raw.rstrip()
        if not line or line.lstrip().startswith(b"#") or line in (b"---", b"\xef\xbb\xbf---"):
            continue
        if line.startswith(b"%"):
            continue
        m = _ROOT_KEY.match(line.removeprefix(b"\xef\xbb\xbf"))
        if m is None:
            return False
        code = language_code(m.group(2).decode("ascii"))
        if code is None:
            return False
        named = language_from_path(path, "yaml")
        if named is not None:
            return Language.parse(named).base == Language.parse(code).base
        return any(p.lower() in LOCALE_DIRS for p in path.parts[:-1])
    return False


__all__ = ["claims", "read_yaml"]
