"""Property tests for the JSON, YAML and Android readers: values as their runtimes read them, exact
positions, and failures only as one-line ReaderErrors.

The oracles: :func:`json.loads` for JSON (the generated file must load to the generated object, and
our scanner must accept exactly what it accepts), PyYAML's ``safe_load`` for YAML (the reader's values
must be PyYAML's, with every character mapped exactly — no approximate positions), and for Android a
small model of aapt2's text rules written independently here.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from qa_pipeline.readers import ReaderError, ReadOptions
from qa_pipeline.readers.android import read_android
from qa_pipeline.readers.json_i18n import read_json
from qa_pipeline.readers.jsonscan import JObject, pointer, scan
from qa_pipeline.readers.keyed import language_code
from qa_pipeline.readers.yaml_i18n import read_yaml

from .helpers import assert_positions_exact

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
OPTIONS = ReadOptions()
ALL = ReadOptions(include_untranslated=True)

# --- JSON -----------------------------------------------------------------------------------------

chars = st.characters(exclude_categories=["Cs"])
keys = st.text(chars, min_size=1, max_size=8).filter(
    lambda k: k not in ("message", "defaultMessage", "description", "placeholders")
)
leaves = st.text(chars, max_size=20) | st.integers() | st.booleans() | st.none()
json_values = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=12,
)
_SHORT = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(c: str, how: int) -> str:
    """One character as JSON: literal where allowed, else (or by choice) an escape."""
    if how == 0 and c not in _SHORT and c >= " ":
        return c
    if how == 1 and c in _SHORT:
        return _SHORT[c]
    if c == "/" and how == 1:
        return "\\/"
    code = ord(c)
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04X}"
    return f"\\u{code:04x}" if how != 0 or c < " " or c in _SHORT else c


class _Writer:
    def __init__(self, draw: st.DrawFn, newline: str) -> None:
        self.draw = draw
        self.newline = newline

    def ws(self) -> str:
        return self.draw(st.sampled_from(["", " ", self.newline + "  ", "\t"]))

    def string(self, s: str) -> str:
        hows = self.draw(st.lists(st.integers(0, 2), min_size=len(s), max_size=len(s)))
        return '"' + "".join(_escape(c, h) for c, h in zip(s, hows, strict=True)) + '"'

    def value(self, v: Any) -> str:
        if isinstance(v, str):
            return self.string(v)
        if isinstance(v, dict):
            items = [
                f"{self.ws()}{self.string(k)}{self.ws()}:{self.ws()}{self.value(x)}" for k, x in v.items()
            ]
            return "{" + ",".join(items) + self.ws() + "}"
        if isinstance(v, list):
            return "[" + ",".join(self.ws() + self.value(x) for x in v) + self.ws() + "]"
        return json.dumps(v)


def _expected(value: Any, parts: list[str]) -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(pointer(parts), value)] if value else []
    if isinstance(value, dict):
        return [e for k, v in value.items() for e in _expected(v, [*parts, k])]
    if isinstance(value, list):
        return [e for i, v in enumerate(value) for e in _expected(v, [*parts, str(i)])]
    return []


@st.composite
def json_files(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    obj = draw(st.dictionaries(keys, json_values, max_size=5))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return _Writer(draw, newline).value(obj), obj


@given(json_files())
@SETTINGS
@example(('{"a": "\\ud83d\\ude00\\n\\u00e9\\/"}', {"a": "😀\né/"}))
def test_json_positions(case: tuple[str, dict[str, Any]]) -> None:
    text, obj = case
    assert json.loads(text) == obj
    doc = read_json(text, "gen.json", OPTIONS)
    assert [(s.id, s.target) for s in doc.segments] == _expected(obj, [])
    assert_positions_exact(doc)


json_noise = st.lists(
    st.sampled_from([*'{}[]":,\\/ntrufalse0123456789.eE+-\n u', "\\u00", "\\ud83d", "é"]), max_size=60
).map("".join)


@given(json_noise)
@SETTINGS
@example('{"a": NaN}')
@example('{"a": "\\ud800"}')
@example('{"a": 1,}')
@example("[" * 300)
def test_json_scanner_accepts_what_json_loads_accepts(text: str) -> None:
    try:
        expected: Any = json.loads(text)
        ok = True
    except (ValueError, RecursionError):
        ok = False
    try:
        value = scan(text)
    except ReaderError as exc:
        assert "\n" not in str(exc)
        assert str(exc).startswith("line ")
        # refused beyond json.loads: NaN/Infinity, lone surrogates, depth
        assert not ok or _nonstandard(expected, text)
        return
    assert ok or not text.strip(), text
    if isinstance(value, JObject):
        assert_positions_exact(read_json(text, "noise.json", ALL))


def _nonstandard(value: Any, text: str) -> bool:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return True
    if isinstance(value, dict):
        return any(_nonstandard(k, text) or _nonstandard(v, text) for k, v in value.items())
    if isinstance(value, list):
        return any(_nonstandard(v, text) for v in value)
    if isinstance(value, str):
        return any(0xD800 <= ord(c) < 0xE000 for c in value)
    return text.count("[") + text.count("{") > 150


# --- YAML -----------------------------------------------------------------------------------------

yaml_chars = st.characters(
    exclude_categories=["Cs", "Cc", "Co", "Cn"], exclude_characters="\ufeff\u2028\u2029\x85"
) | st.sampled_from(list(" \n\t#:'\"\\-&*!|>%@`{}[],?"))
yaml_keys = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True).filter(
    lambda k: k not in ("zero", "one", "two", "few", "many", "other", "y", "n")
)
yaml_strings = st.text(yaml_chars, max_size=40)
yaml_values = st.recursive(
    yaml_strings,
    lambda inner: st.dictionaries(yaml_keys, inner, min_size=1, max_size=3),
    max_leaves=8,
)


def _yaml_expected(value: Any, prefix: str) -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(prefix, value)] if value else []
    return [e for k, v in value.items() for e in _yaml_expected(v, f"{prefix}.{k}" if prefix else k)]


@given(
    obj=st.dictionaries(yaml_keys, yaml_values, min_size=1, max_size=4),
    style=st.sampled_from([None, "'", '"', "|", ">"]),
    width=st.integers(10, 80),
    unicode=st.booleans(),
    root=st.booleans(),
    crlf=st.booleans(),
)
@SETTINGS
def test_yaml_positions(
    obj: dict[str, Any], style: str | None, width: int, unicode: bool, root: bool, crlf: bool
) -> None:
    data = {"fr": obj} if root else obj
    text = yaml.safe_dump(data, default_style=style, width=width, allow_unicode=unicode, sort_keys=False)
    if crlf:
        text = text.replace("\n", "\r\n")
    loaded = yaml.safe_load(text)
    language_roots = [k for k, v in loaded.items() if language_code(k) and isinstance(v, dict)]
    if not root and len(loaded) == len(language_roots) > 1:
        with pytest.raises(ReaderError, match="several languages in one file"):
            read_yaml(text, "gen.yml", OPTIONS)
        return
    if not root and len(loaded) == 1 and language_roots:
        root, loaded = True, {"fr": loaded[language_roots[0]]}  # a single language-code key is the root
    doc = read_yaml(text, "gen.yml", OPTIONS)
    assert doc.meta.get("approximate_positions") is None, text
    assert [(s.id, s.target) for s in doc.segments] == _yaml_expected(loaded["fr"] if root else loaded, "")
    assert_positions_exact(doc)
    assert (doc.target_language.origin == "file") == root


@st.composite
def quoted_scalars(draw: st.DrawFn) -> str:
    """Hand-written quoted scalars: escapes, escaped line breaks, folded lines, empty lines."""
    double = draw(st.booleans())
    pieces = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["text", "space", "fold", "blank", "escape", "esc-break", "quote"]))
        if kind == "text":
            pieces.append(
                draw(st.text(st.characters(whitelist_categories=["L", "N"]), min_size=1, max_size=6))
            )
        elif kind == "space":
            pieces.append(draw(st.sampled_from([" ", "  ", "\t"])))
        elif kind == "fold":
            pieces.append(draw(st.sampled_from(["\n    ", " \n  ", "\r\n  "])))
        elif kind == "blank":
            pieces.append("\n\n    ")
        elif kind == "escape" and double:
            pieces.append(
                draw(
                    st.sampled_from(
                        ["\\n", "\\t", '\\"', "\\\\", "\\x41", "\\u00e9", "\\U0001F600", "\\ ", "\\_"]
                    )
                )
            )
        elif kind == "esc-break" and double:
            pieces.append("\\\n     ")
        elif kind == "quote":
            pieces.append('\\"' if double else "''")
    body = "".join(pieces)
    q = '"' if double else "'"
    return f"fr:\n  key: {q}{body}{q}\n"


@given(quoted_scalars())
@SETTINGS
def test_yaml_quoted_positions(text: str) -> None:
    value = yaml.safe_load(text)["fr"]["key"]
    doc = read_yaml(text, "gen.yml", ALL)
    assert [(s.id, s.target) for s in doc.segments] == [("key", value)]
    assert doc.meta.get("approximate_positions") is None, text
    assert_positions_exact(doc)


@given(
    header=st.sampled_from(["|", "|-", "|+", ">", ">-", ">+", "|2", ">1-"]),
    lines=st.lists(
        st.sampled_from(["", "text", "more text", "  indented", "# hash", "a: b", "tail  "]), max_size=6
    ),
    trailing=st.sampled_from(["", "\n", "\n\n"]),
    nested=st.booleans(),
)
@SETTINGS
def test_yaml_block_positions(header: str, lines: list[str], trailing: str, nested: bool) -> None:
    indent = "      " if nested else "    "
    body = "".join(f"{indent}{line}\n" if line else "\n" for line in lines)
    key = "  group:\n    key" if nested else "  key"
    text = f"fr:\n{key}: {header}\n{body}{trailing}  after: x\n"
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError:
        return
    value = loaded["fr"]["group"]["key"] if nested else loaded["fr"]["key"]
    if not isinstance(value, str):
        return
    doc = read_yaml(text, "gen.yml", ALL)
    seg_id = "group.key" if nested else "key"
    assert [(s.id, s.target) for s in doc.segments if s.id == seg_id] == [(seg_id, value)]
    assert doc.meta.get("approximate_positions") is None, text
    assert_positions_exact(doc)


yaml_noise = st.text(st.sampled_from(list("fr:- \n'\"|>#&*!{}[],?%@\\\tab")), max_size=80)


@given(yaml_noise)
@SETTINGS
@example("a: &a [*a]\n")
@example("fr:\n  a: 'x\n")
def test_yaml_fails_only_with_reader_error(text: str) -> None:
    try:
        doc = read_yaml(text, "noise.yml", ALL)
    except ReaderError as exc:
        assert "\n" not in str(exc)
        return
    assert_positions_exact(doc)


# --- Android --------------------------------------------------------------------------------------

_SPACE = " \t\n\r"


def aapt2(items: list[tuple[str, str]]) -> str:
    """A model of aapt2's text rules over (kind, text) items: ``text`` is XML-decoded characters,
    ``tag`` is markup kept as written. Escapes, quotes, whitespace collapsing and trimming."""
    out: list[str] = []
    quoted = escaped = False
    pending = False
    started = False
    stream: list[tuple[str, str]] = [(k, c) for k, t in items for c in (t if k == "text" else [t])]
    i = 0
    while i < len(stream):
        kind, c = stream[i]
        i += 1
        if kind == "tag":
            if pending and started:
                out.append(" ")
            pending = False
            out.append(c)
            continue
        if escaped:
            escaped = False
            if c == "u":
                digits = ""
                while (
                    len(digits) < 4
                    and i < len(stream)
                    and stream[i][0] == "text"
                    and stream[i][1] in "0123456789abcdefABCDEF"
                ):
                    digits += stream[i][1]
                    i += 1
                c = chr(int(digits, 16)) if digits else "u"
            else:
                c = {"n": "\n", "t": "\t"}.get(c, c)
        elif c == "\\":
            escaped = True
            continue
        elif c == '"':
            if pending and started:
                out.append(" ")
            pending = False
            quoted = not quoted
            continue
        elif c in _SPACE and not quoted:
            pending = True
            continue
        if pending and started:
            out.append(" ")
        pending = False
        out.append(c)
        started = True
    return "".join(out)


# no '@' or '?': a value like "@string/x" is a reference, which the reader skips on purpose
android_text = st.characters(exclude_categories=["Cs", "Cc"], exclude_characters="<>&\\\"'@?\ufffe\uffff")


@st.composite
def android_content(draw: st.DrawFn) -> tuple[str, list[tuple[str, str]]]:
    markup: list[str] = []
    items: list[tuple[str, str]] = []
    for _ in range(draw(st.integers(0, 7))):
        kind = draw(
            st.sampled_from(
                ["text", "space", "escape", "unicode", "entity", "quote", "tag", "xliff", "cdata", "comment"]
            )
        )
        if kind == "text":
            t = draw(st.text(android_text, min_size=1, max_size=8))
            markup.append(t)
            items.append(("text", t))
        elif kind == "space":
            t = draw(st.sampled_from([" ", "   ", "\n        ", "\t", "\r\n  "]))
            markup.append(t)
            items.append(("text", t))
        elif kind == "escape":
            t = draw(st.sampled_from(["\\'", '\\"', "\\n", "\\t", "\\@", "\\?", "\\\\", "\\#"]))
            markup.append(t)
            items.append(("text", t))
        elif kind == "unicode":
            c = draw(st.characters(min_codepoint=0x20, max_codepoint=0xFFFF, exclude_categories=["Cs"]))
            markup.append(f"\\u{ord(c):04x}")
            items.append(("text", f"\\u{ord(c):04x}"))
        elif kind == "entity":
            e, c = draw(
                st.sampled_from(
                    [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&#233;", "é"), ("&#x2014;", "—")]
                )
            )
            markup.append(e)
            items.append(("text", c))
        elif kind == "quote":
            t = draw(st.sampled_from(['"', '"  spaced  "', '" kept\n  break "']))
            markup.append(t)
            items.append(("text", t))
        elif kind == "tag":
            t = draw(st.sampled_from(["<b>", "</b>", "<br/>", '<a href="x">', "</a>"]))
            markup.append(t)
            items.append(("tag", t))
        elif kind == "xliff":
            t = '<xliff:g id="n" example="3">%1$d</xliff:g>'
            markup.append(t)
            items.append(("tag", t))
        elif kind == "cdata":
            t = draw(st.text(android_text, max_size=6)).replace("]]", "")
            markup.append(f"<![CDATA[{t}]]>")
            items.append(("text", t))
        elif kind == "comment":
            markup.append("<!-- c -->")
    return "".join(markup), items  # tags may not nest: the reader then refuses the file


@given(units=st.lists(android_content(), max_size=4), newline=st.sampled_from(["\n", "\r\n"]))
@SETTINGS
def test_android_positions(units: list[tuple[str, list[tuple[str, str]]]], newline: str) -> None:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<resources xmlns:xliff="urn:oasis:names:tc:xliff:document:1.2">',
    ]
    expected = []
    for n, (raw, items) in enumerate(units):
        lines.append(f'    <string name="s{n}">{raw}</string>')
        value = aapt2(items)
        if value:
            expected.append((f"s{n}", value))
    lines.append("</resources>")
    text = newline.join(lines)
    try:
        doc = read_android(text, "res/values-de/strings.xml", OPTIONS)
    except ReaderError as exc:
        assert "malformed XML" in str(exc)  # unbalanced generated tags
        return
    assert [(s.id, s.target) for s in doc.segments] == expected
    assert_positions_exact(doc)
    assert doc.target_language.code == "de"


android_noise = st.text(
    st.sampled_from(list("<>/&;#\"= \n!-[]\\'resourcesstringnameitempluralsquantity")), max_size=150
)


@given(android_noise)
@SETTINGS
def test_android_fails_only_with_reader_error(text: str) -> None:
    try:
        doc = read_android(text, "strings.xml", ALL)
    except ReaderError as exc:
        assert "\n" not in str(exc)
        return
    assert_positions_exact(doc)
