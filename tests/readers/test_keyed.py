"""Keyed formats (JSON, YAML, Android): pairing with the source by id, path conventions, folder-scan
claims, errors and the semantics the snapshots do not spell out."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path, PurePath

import pytest

from qa_pipeline.model import Document, Segment, SegmentKind
from qa_pipeline.readers import ReaderError, ReadOptions, read_document, scan_claims
from qa_pipeline.readers.android import read_android
from qa_pipeline.readers.json_i18n import read_json
from qa_pipeline.readers.keyed import (
    attach_source_by_id,
    default_source,
    language_from_path,
    plural_parts,
    source_candidates,
)
from qa_pipeline.readers.yaml_i18n import read_yaml

from .helpers import FIXTURES, assert_positions_exact

OPTIONS = ReadOptions()


def _source_positions_exact(doc: Document, source: Document) -> None:
    """Each segment's source offsets point at its source text in the source file."""
    sources = [
        Segment(id=seg.id, target=seg.source, offsets=seg.source_offsets)
        for seg in doc.segments
        if seg.source is not None and seg.source_offsets is not None
    ]
    assert sources
    assert_positions_exact(replace(source, segments=tuple(sources)))


# --- pairing by id --------------------------------------------------------------------------------


def test_json_pairs_by_pointer_and_plural_category() -> None:
    en = read_document(FIXTURES / "json" / "locales" / "en.json")
    pl = read_document(FIXTURES / "json" / "locales" / "pl.json")
    doc = attach_source_by_id(pl, en)
    sources = {s.id: s.source for s in doc.segments}
    assert sources["/settings/title"] == "Settings"
    assert sources["/file_one"] == "{{count}} file"
    assert sources["/file_few"] == "{{count}} files"  # Polish few pairs with the source's other
    assert sources["/file_many"] == "{{count}} files"
    assert sources["/days/0"] == "Monday"
    assert sources["/extra"] is None
    assert doc.meta["missing_keys"] == ("/removed",)
    assert doc.meta["extra_keys"] == ("/quote", "/days/2", "/extra", "/a~1b~0c")  # /days/2 is null
    assert doc.source_path == en.path
    assert doc.source_language.code == "en"
    few = doc.segment("/file_few")
    assert few is not None and few.source_protected and few.source is not None
    assert few.source[few.source_protected[0].start : few.source_protected[0].end] == "{{count}}"
    _source_positions_exact(doc, en)
    assert_positions_exact(pl)


def test_lone_other_becomes_plural_when_the_source_says_so() -> None:
    en = read_json('{"item_one": "{{count}} item", "item_other": "{{count}} items"}', "en.json", OPTIONS)
    ja = read_json('{"item_other": "{{count}} 件"}', "ja.json", OPTIONS)
    assert ja.segments[0].kind is SegmentKind.UNIT
    doc = attach_source_by_id(ja, en)
    seg = doc.segments[0]
    assert (seg.kind, seg.plural_index, seg.source) == (SegmentKind.PLURAL, 5, "{{count}} items")
    assert doc.meta["missing_keys"] == () and doc.meta["extra_keys"] == ()


def test_i18next_v3_plural() -> None:
    en = read_json('{"item": "one item", "item_plural": "{{count}} items"}', "en.json", OPTIONS)
    assert [(s.id, s.kind.value, s.plural_index) for s in en.segments] == [
        ("/item", "plural", 1),
        ("/item_plural", "plural", 5),
    ]
    assert en.meta["keys"] == ("/item",)
    assert plural_parts("json", "/item_plural") == ("/item", "other")


def test_yaml_pairs_by_dotted_key() -> None:
    en = read_document(FIXTURES / "yaml" / "config" / "locales" / "en.yml")
    pl = read_document(FIXTURES / "yaml" / "config" / "locales" / "pl.yml")
    doc = attach_source_by_id(pl, en)
    sources = {s.id: s.source for s in doc.segments}
    assert sources["inbox.few"] == "%{count} messages"
    assert sources["inbox.one"] == "%{count} message"
    assert sources["errors.blank"] == "can't be blank"
    assert doc.meta["missing_keys"] == ("only_source",)
    extra = ("body", "folded", "plain", "days[0]", "days[1]", "missing", "extra_key", "base")
    assert doc.meta["extra_keys"] == extra  # "copy" is an alias of "base": not read again
    _source_positions_exact(doc, en)


def test_android_pairs_by_name_and_skips_optional_keys() -> None:
    src = read_document(FIXTURES / "android" / "res" / "values" / "strings.xml")
    pl = read_document(FIXTURES / "android" / "res" / "values-pl" / "strings.xml")
    doc = attach_source_by_id(pl, src)
    sources = {s.id: s.source for s in doc.segments}
    assert sources["new_episodes[few]"] == "%d new episodes"
    assert sources["speeds[2]"] == "Fast"
    assert sources["extra_pl"] is None
    # "optional" has tools:ignore="MissingTranslation"; app_name is translatable="false"
    assert doc.meta["missing_keys"] == ("source_only",)
    assert "extra_pl" in doc.meta["extra_keys"] and "queue_empty" not in doc.meta["extra_keys"]
    _source_positions_exact(doc, src)


# --- path conventions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "fmt", "lang"),
    [
        ("locales/fr.json", "json", "fr"),
        ("src/i18n/pt-BR.json", "json", "pt-BR"),
        ("assets/nb_NO.json", "json", "nb-NO"),
        ("public/locales/de/translation.json", "json", "de"),
        ("_locales/zh_TW/messages.json", "json", "zh-TW"),
        ("i18n/fr/docusaurus-theme/navbar.json", "json", "fr"),
        ("lang/messages.es.json", "json", "es"),
        ("package.json", "json", None),
        ("docs/guide/config.json", "json", None),
        ("config/locales/fr.yml", "yaml", "fr"),
        ("config/locales/devise.pt-BR.yml", "yaml", "pt-BR"),
        ("res/values-fr/strings.xml", "android", "fr"),
        ("res/values-pt-rBR/strings.xml", "android", "pt-BR"),
        ("res/values-b+sr+Latn/strings.xml", "android", "sr-Latn"),
        ("res/values-b+es+419/strings.xml", "android", "es-419"),
        ("res/values-in/strings.xml", "android", "id"),
        ("res/values-iw/strings.xml", "android", "he"),
        ("res/values-fr-land/strings.xml", "android", "fr"),
        ("res/values-night/strings.xml", "android", None),
        ("res/values/strings.xml", "android", None),
    ],
)
def test_language_from_path(path: str, fmt: str, lang: str | None) -> None:
    assert language_from_path(path, fmt) == lang


@pytest.mark.parametrize(
    ("path", "fmt", "first"),
    [
        ("locales/fr.json", "json", "locales/en.json"),
        ("fr/translation.json", "json", "en/translation.json"),
        ("_locales/pt_BR/messages.json", "json", "_locales/en/messages.json"),
        ("config/locales/fr.yml", "yaml", "config/locales/en.yml"),
        ("config/locales/devise.fr.yml", "yaml", "config/locales/devise.en.yml"),
        ("res/values-fr/strings.xml", "android", "res/values/strings.xml"),
    ],
)
def test_source_candidates(path: str, fmt: str, first: str) -> None:
    assert source_candidates(PurePath(path), fmt)[0] == PurePath(first)


def test_default_source_finds_an_existing_english_file(tmp_path: Path) -> None:
    (tmp_path / "locales").mkdir()
    for name in ("fr.json", "en-US.json"):
        (tmp_path / "locales" / name).write_text("{}", encoding="utf-8")
    assert default_source(tmp_path / "locales" / "fr.json", "json") == tmp_path / "locales" / "en-US.json"
    assert default_source(tmp_path / "locales" / "en-US.json", "json") is None  # not its own source
    (tmp_path / "res" / "values-de").mkdir(parents=True)
    (tmp_path / "res" / "values-de" / "strings.xml").write_text("<resources/>", encoding="utf-8")
    assert default_source(tmp_path / "res" / "values-de" / "strings.xml", "android") is None
    (tmp_path / "res" / "values").mkdir()
    (tmp_path / "res" / "values" / "strings.xml").write_text("<resources/>", encoding="utf-8")
    found = default_source(tmp_path / "res" / "values-de" / "strings.xml", "android")
    assert found == tmp_path / "res" / "values" / "strings.xml"
    assert default_source(tmp_path / "res" / "values" / "strings.xml", "android") is None


# --- folder-scan claims ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "head", "claimed"),
    [
        ("locales/fr.json", b'{"a": "b"}', True),
        ("locales/fr.json", b"\xef\xbb\xbf  {", True),
        ("locales/fr.json", b'["not", "a map"]', False),
        ("package.json", b'{"name": "x"}', False),
        ("tsconfig.json", b"{}", False),
        ("public/locales/de/common.json", b"{}", True),
        ("config/locales/fr.yml", b"# comment\n---\nfr:\n  a: b\n", True),
        ("config/locales/devise.fr.yml", b"fr:\n  devise:\n", True),
        ("locales/app.yml", b"de:\n  a: b\n", True),
        ("fr.yml", b"de:\n  a: b\n", False),  # the path says French, the root says German
        (".github/workflows/ci.yml", b"name: CI\non: [push]\n", False),
        ("deploy/mail.yml", b"to:\n  address: x\n", False),  # 'to' (Tongan) but no locale path
        ("docker-compose.yml", b"version: '3'\n", False),
        (
            "res/values-fr/strings.xml",
            b'<?xml version="1.0"?>\n<resources>\n<string name="a">b</string>',
            True,
        ),
        ("res/values/plurals.xml", b"<resources><plurals name='a'>", True),
        ("res/values/colors.xml", b"<resources><color name='a'>#fff</color>", False),
        ("pom.xml", b"<project>", False),
        ("res/layout/main.xml", b"<resources><string name='a'>b</string>", False),
        ("docs/guide.md", b"# Guide", True),
        ("notes.docx", b"PK", False),
    ],
)
def test_scan_claims(path: str, head: bytes, claimed: bool) -> None:
    assert scan_claims(Path(path), head) is claimed


# --- semantics ------------------------------------------------------------------------------------


def test_json_duplicate_keys_keep_the_last() -> None:
    doc = read_json('{"a": "first", "b": {"c": "x", "c": "y"}, "a": "second"}', "fr.json", OPTIONS)
    assert [(s.id, s.target) for s in doc.segments] == [("/b/c", "y"), ("/a", "second")]
    assert doc.meta["duplicate_keys"] == ("/a", "/b/c")


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        ('{"a": "Hi {{name}}"}', {"i18next-format"}),
        ('{"a": "x", "n_one": "1", "n_other": "2"}', {"i18next-format"}),
        ('{"a": "{n, plural, one {# x} other {# xs}}"}', {"icu-format"}),
        ('{"a": "Hi {name}"}', {"icu-format"}),
        ('{"a": "@:b.c", "b": {"c": "x"}}', {"vue-format"}),
        ('{"a": {"message": "Hi $NAME$"}}', {"chrome-format"}),
        ('{"a": {"defaultMessage": "Hi {name}", "description": "d"}}', {"icu-format"}),
        ('{"a": "Plain text"}', set()),
    ],
)
def test_json_placeholder_flags(text: str, flags: set[str]) -> None:
    doc = read_json(text, "fr.json", OPTIONS)
    assert {f for s in doc.segments for f in s.flags} == flags


def test_message_objects_only_when_every_value_is_one() -> None:
    text = '{"error": {"message": "Oops", "description": "Try again"}, "title": "Hi"}'
    doc = read_json(text, "fr.json", OPTIONS)
    assert [s.id for s in doc.segments] == ["/error/message", "/error/description", "/title"]
    assert all(not s.notes for s in doc.segments)


def test_include_untranslated_keeps_empty_values() -> None:
    doc = read_json('{"a": "", "b": "x"}', "fr.json", ReadOptions(include_untranslated=True))
    assert [(s.id, s.target) for s in doc.segments] == [("/a", ""), ("/b", "x")]
    assert doc.segments[0].offsets.to_file(0) == 7  # inside the quotes of ""
    doc = read_yaml('fr:\n  a: ""\n  b: x\n', "fr.yml", ReadOptions(include_untranslated=True))
    assert [(s.id, s.target) for s in doc.segments] == [("a", ""), ("b", "x")]


def test_yaml_nonstrings_and_language_root() -> None:
    text = "pt-BR:\n  on: yes\n  count: 3\n  date: 2024-01-01\n  text: 'yes'\n  none: ~\n"
    doc = read_yaml(text, "x.yml", OPTIONS)
    assert [(s.id, s.target) for s in doc.segments] == [("text", "yes")]
    assert doc.target_language.code == "pt-BR" and doc.target_language.origin == "file"
    assert doc.meta["untranslated_ids"] == ("none",)


def test_yaml_without_language_root_takes_the_path_language() -> None:
    doc = read_yaml("title: Titre\nmenu:\n  home: Accueil\n", "locales/fr.yml", OPTIONS)
    assert [s.id for s in doc.segments] == ["title", "menu.home"]
    assert (doc.target_language.code, doc.target_language.origin) == ("fr", "path")


def test_yaml_alias_bomb_is_not_expanded() -> None:
    lines = ["fr:", '  a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"  {name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    text = "\n".join(lines) + "\n"
    doc = read_yaml(text, "fr.yml", OPTIONS)  # 9**9 strings if aliases were expanded
    assert len(doc.segments) == 9
    assert doc.meta["aliases_skipped"] == 8 * 9


def test_android_text_rules() -> None:
    text = (
        "<resources>\n"
        '  <string name="a">  Hello\n     world  </string>\n'
        '  <string name="b">"  kept  " \\u0041\\u00e9 \\\' &#64;</string>\n'
        '  <string name="c">@string/a</string>\n'
        '  <string name="d" product="tablet">Tablet</string>\n'
        '  <string name="e" translatable="false">X</string>\n'
        "  <string name='f'>It's</string>\n"
        "</resources>\n"
    )
    doc = read_android(text, "res/values-en-rGB/strings.xml", OPTIONS)
    assert [(s.id, s.target) for s in doc.segments] == [
        ("a", "Hello world"),
        ("b", "  kept   Aé ' @"),
        ("d#tablet", "Tablet"),
        ("f", "It's"),
    ]
    assert doc.meta["references_skipped"] == 1
    assert doc.meta["unescaped_apostrophes"] == ("f",)
    assert doc.target_language.code == "en-GB"
    assert_positions_exact(doc)


# --- errors ---------------------------------------------------------------------------------------

ERRORS = [
    (
        "fr.json",
        b'{\n  "a": "b",\n  "c" "d"\n}',
        "line 3, column 7: malformed JSON (expected ':' after a key, found '\"')",
    ),
    (
        "fr.json",
        b'{"a": "b",}',
        "line 1, column 11: malformed JSON (expected a key in double quotes, found '}')",
    ),
    ("fr.json", b'{"a": "x\ny"}', "line 1, column 9: malformed JSON (control character in a string)"),
    ("fr.json", b'{"a": "\\q"}', "line 1, column 8: malformed JSON (invalid escape \\q)"),
    ("fr.json", b'{"a": "\\ud800"}', "line 1, column 8: malformed JSON (lone surrogate in a \\u escape)"),
    ("fr.json", b'{"a": NaN}', "line 1, column 7: malformed JSON (NaN and Infinity are not JSON)"),
    (
        "fr.json",
        b'{"a": "b"} x',
        "line 1, column 12: malformed JSON (unexpected 'x' after the top-level value)",
    ),
    ("fr.json", b'{"a": "b', "line 1, column 9: malformed JSON (unterminated string)"),
    ("fr.json", b"[" * 300, "line 1, column 201: malformed JSON (nested deeper than 200 levels)"),
    (
        "fr.json",
        b'["a", "b"]',
        "not a JSON translation file: the top level is an array, not an object of messages",
    ),
    (
        "fr.json",
        b'"text"',
        "not a JSON translation file: the top level is a string, not an object of messages",
    ),
    ("fr.yml", b"fr:\n  a: 'x\n", "line 3, column 1: malformed YAML (found unexpected end of stream)"),
    (
        "fr.yml",
        b"fr:\n  a: b\n c: d\n",
        "line 3, column 2: malformed YAML (*",
    ),
    ("fr.yml", b"- a\n- b\n", "not a YAML locale file: the top level is a list, not a mapping of keys"),
    (
        "x.yml",
        b"en:\n  a: b\nfr:\n  a: c\n",
        "several languages in one file (en, fr): one language per file is supported",
    ),
    (
        "values-fr/strings.xml",
        b"<resources>\n<string name='a'>x</resources>",
        "line 2, column 21: malformed XML (mismatched tag)",
    ),
    (
        "values-fr/strings.xml",
        b"<manifest/>",
        "not an Android resource file (root element <manifest>, expected <resources>)",
    ),
    (
        "values-fr/strings.xml",
        b"<resources>\n  <string>x</string>\n</resources>",
        "line 2: <string> without a name attribute",
    ),
    (
        "values-fr/strings.xml",
        b"<resources><plurals name='p'>\n<item quantity='lots'>x</item></plurals></resources>",
        "line 2: <item> of <plurals> with quantity 'lots'",
    ),
    (
        "values-fr/strings.xml",
        b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n<resources><string name="x">&b;</string></resources>',
        "unsafe XML: entity declarations are not allowed (possible entity-expansion attack)",
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), ERRORS, ids=[m[:40] for _, _, m in ERRORS])
def test_errors_are_one_line_with_position(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    with pytest.raises(ReaderError) as info:
        read_document(path)
    if message.endswith("(*"):  # the wording is PyYAML's or libyaml's
        assert str(info.value).startswith(message[:-1]) and "\n" not in str(info.value)
    else:
        assert str(info.value) == message
