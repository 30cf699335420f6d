"""Apple .strings / .stringsdict / .xcstrings: multi-document reads, paths, options and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_pipeline.readers import ReaderError, ReadOptions, read_document, read_documents
from qa_pipeline.readers.apple_catalog import read_xcstrings
from qa_pipeline.readers.apple_strings import (
    default_source,
    language_from_path,
    read_strings,
    read_stringsdict,
    source_candidates,
)

from .helpers import FIXTURES, assert_positions_exact, check_snapshot, describe

CATALOG = FIXTURES / "apple" / "Catalog.xcstrings"


def test_catalog_documents_snapshot() -> None:
    docs = read_documents(CATALOG, ReadOptions(include_untranslated=True), display="apple/Catalog.xcstrings")
    assert [d.target_language.code for d in docs] == ["de", "fr"]
    assert {d.path for d in docs} == {"apple/Catalog.xcstrings"}
    for doc in docs:
        assert_positions_exact(doc)
    check_snapshot("apple__Catalog.xcstrings.documents", {"documents": [describe(d) for d in docs]})


@pytest.mark.parametrize(("wanted", "got"), [("fr", "fr"), ("fr-CA", "fr"), ("DE", "de"), (None, "de")])
def test_catalog_single_document_picks_the_language(wanted: str | None, got: str) -> None:
    doc = read_document(CATALOG, ReadOptions(target_language=wanted))
    assert doc.target_language.code == got


def test_catalog_without_the_language() -> None:
    with pytest.raises(ReaderError, match=r"^no it translation in the file \(it has de, fr\)$"):
        read_document(CATALOG, ReadOptions(target_language="it"))


def test_catalog_states_and_stale_keys() -> None:
    text = CATALOG.read_text(encoding="utf-8")
    fr = read_xcstrings(text, "c.xcstrings", ReadOptions(target_language="fr"))
    assert "Tap to continue/mac" not in [s.id for s in fr.segments]  # needs_review: untranslated
    assert "Old" not in [s.id for s in fr.segments]  # stale: obsolete
    assert "Brand" not in [s.id for s in fr.segments]  # shouldTranslate false: not a unit
    everything = read_xcstrings(
        text,
        "c.xcstrings",
        ReadOptions(target_language="fr", include_untranslated=True, include_obsolete=True),
    )
    review = everything.segment("Tap to continue/mac")
    assert review is not None and "state:needs_review" in review.flags
    assert everything.segment("Old") is not None
    assert everything.completeness.units == fr.completeness.units + 1


def test_catalog_source_falls_back_to_other_then_key() -> None:
    fr = read_xcstrings(CATALOG.read_text(encoding="utf-8"), "c.xcstrings", ReadOptions(target_language="fr"))
    many = fr.segment("items_count/many")
    assert many is not None and many.source == "%lld items"  # English has no "many": its "other"
    tap = fr.segment("Tap to continue/iphone")
    assert tap is not None and tap.source == "Tap to continue"  # no English localization: the key


def test_catalog_with_only_the_source_language() -> None:
    text = '{"sourceLanguage": "en", "strings": {"Hi": {}}, "version": "1.0"}'
    doc = read_xcstrings(text, "c.xcstrings", ReadOptions())
    assert doc.segments == () and doc.source_language.code == "en" and doc.target_language.code is None


@pytest.mark.parametrize(
    ("path", "lang"),
    [
        ("App/fr.lproj/Localizable.strings", "fr"),
        ("App/pt-BR.lproj/Localizable.strings", "pt-BR"),
        ("App/zh-Hans.lproj/InfoPlist.strings", "zh-Hans"),
        ("App/pt_PT.lproj/Localizable.stringsdict", "pt-PT"),
        ("App/Base.lproj/Main.strings", None),
        ("App/Resources/Localizable.strings", None),
        ("App/src.lproj/Localizable.strings", None),
    ],
)
def test_language_from_path(path: str, lang: str | None) -> None:
    assert language_from_path(path) == lang


def test_source_pairing_by_folder(tmp_path: Path) -> None:
    for folder in ("Base.lproj", "en.lproj", "fr.lproj", "de.lproj"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "Localizable.strings").write_text('"a" = "b";\n', encoding="utf-8")
    fr = tmp_path / "fr.lproj" / "Localizable.strings"
    assert source_candidates(fr) == [
        tmp_path / "Base.lproj" / "Localizable.strings",
        tmp_path / "en.lproj" / "Localizable.strings",
    ]
    assert default_source(fr) == tmp_path / "Base.lproj" / "Localizable.strings"
    (tmp_path / "Base.lproj" / "Localizable.strings").unlink()
    assert default_source(fr) == tmp_path / "en.lproj" / "Localizable.strings"
    assert default_source(fr, "de") == tmp_path / "de.lproj" / "Localizable.strings"
    assert source_candidates(tmp_path / "en.lproj" / "Localizable.strings") == []
    assert source_candidates(tmp_path / "Base.lproj" / "Localizable.strings") == []
    assert source_candidates(tmp_path / "Localizable.strings") == []


def test_duplicate_keys_keep_the_last() -> None:
    doc = read_strings('"a" = "one";\n"b" = "two";\n"a" = "three";\n', "x.strings", ReadOptions())
    assert [(s.id, s.target) for s in doc.segments] == [("b", "two"), ("a", "three")]
    assert doc.meta["duplicate_keys"] == ["a"]


def test_file_level_suppression_and_notes() -> None:
    text = '/* qa-ignore-file: QA104 */\n/* Button title */\n// qa-ignore: QA6\n"ok" = "OK";\n'
    doc = read_strings(text, "x.strings", ReadOptions())
    (seg,) = doc.segments
    assert seg.notes == ("Button title",) and {str(x) for x in seg.suppressed} == {"QA6"}
    assert {str(x) for x in doc.suppressed} == {"QA104"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"a" = "b"', "line 1, column 10: expected ';' after the value, found the end of the file"),
        ('"a" = "b" "c" = "d";', "line 1, column 11: expected ';' after the value, found '\"'"),
        ('"a" "b";', "line 1, column 5: expected '=' after the key, found '\"'"),
        ('"a" = "b;\n"c" = "d";\n', "line 2, column 2: expected ';' after the value, found 'c'"),
        ('"a" = "b\\', "line 1, column 9: unterminated string (backslash at the end of the file)"),
        ('"a" = "b;\n', "line 1, column 7: unterminated string (missing closing quote)"),
        ('/* open\n"a" = "b";', "line 1, column 1: unterminated comment (missing */)"),
        (
            '"a" = ("x", "y");',
            "line 1, column 7: expected a string value (arrays, dictionaries and data are not strings)",
        ),
        ('{ "a" = "b";', "line 1, column 13: missing closing brace '}'"),
        ('{ "a" = "b"; } "c"', "line 1, column 16: unexpected text after the closing brace"),
        ('"a" = ;', "line 1, column 7: expected a value string, found ';'"),
        ('= "b";', "line 1, column 1: expected a key string, found '='"),
    ],
)
def test_strings_errors(text: str, message: str) -> None:
    with pytest.raises(ReaderError) as info:
        read_strings(text, "x.strings", ReadOptions())
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "<plist><dict><key>a</key></dict></plist>",
            "line 1: a property list <dict> needs <key> and value pairs",
        ),
        ("<dict/>", "not a property list (root element <dict>)"),
        ("<plist><dict>", "line 1, column 14: malformed XML (no element found)"),
    ],
)
def test_stringsdict_errors(text: str, message: str) -> None:
    with pytest.raises(ReaderError) as info:
        read_stringsdict(text, "x.stringsdict", ReadOptions())
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"strings": {"a": }}', "line 1, column 19: malformed JSON (Expecting value)"),
        ('{"sourceLanguage": "en"}', 'not a string catalog (no "strings" object)'),
        ("[]", 'not a string catalog (no "strings" object)'),
        ("[" * 100000, "malformed JSON (nested too deeply)"),
    ],
)
def test_xcstrings_errors(text: str, message: str) -> None:
    with pytest.raises(ReaderError) as info:
        read_xcstrings(text, "x.xcstrings", ReadOptions())
    assert str(info.value) == message


def test_utf16_strings_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "ja.lproj" / "Localizable.strings"
    path.parent.mkdir()
    path.write_bytes('"title" = "設定";\n"ok" = "はい";\n'.encode("utf-16-be"))
    doc = read_document(path)
    assert [(s.id, s.target) for s in doc.segments] == [("title", "設定"), ("ok", "はい")]
    assert doc.target_language.code == "ja"
    assert doc.line_col(doc.segments[1].offsets.to_file(0)) == (2, 9)
