"""CSV/TSV: configured and recognized columns, languages from headers, claims and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_pipeline.readers import CsvOptions, ReaderError, ReadOptions, read_documents
from qa_pipeline.readers.csv_tab import claims, read_csv, read_csv_documents, read_tsv

from .helpers import FIXTURES, assert_positions_exact, check_snapshot, describe

WIDE = "key,en,fr,de\r\nsave,Save,Enregistrer,Speichern\r\nquit,Quit,,Beenden\r\n"


def test_configured_columns_by_name_name_the_languages() -> None:
    doc = read_csv(WIDE, "ui.csv", ReadOptions(csv=CsvOptions(source="en", target="FR", id="key")))
    assert [(s.id, s.source, s.target) for s in doc.segments] == [("save", "Save", "Enregistrer")]
    assert (doc.source_language.code, doc.target_language.code) == ("en", "fr")
    assert doc.completeness.untranslated == 1
    assert_positions_exact(doc)


def test_configured_columns_by_number_without_header() -> None:
    text = "save,Save,Speichern\nquit,Quit,Beenden\n"
    opts = ReadOptions(csv=CsvOptions(id=1, source=2, target=3, header=False))
    doc = read_csv(text, "ui.csv", opts)
    assert [(s.id, s.source, s.target) for s in doc.segments] == [
        ("save", "Save", "Speichern"),
        ("quit", "Quit", "Beenden"),
    ]
    assert doc.line_col(doc.segments[1].offsets.to_file(0)) == (2, 11)


def test_numbered_columns_with_a_header() -> None:
    doc = read_csv(WIDE, "ui.csv", ReadOptions(csv=CsvOptions(source=2, target=4)))
    assert [s.id for s in doc.segments] == ["save", "quit"]  # the "key" header is still recognized
    assert doc.target_language.code == "de"


def test_documents_per_language_snapshot() -> None:
    docs = read_documents(FIXTURES / "csv" / "langs.tsv", display="csv/langs.tsv")
    assert [d.target_language.code for d in docs] == ["de", "fr"]
    check_snapshot("csv__langs.tsv.documents", {"documents": [describe(d) for d in docs]})


def test_short_rows_and_explicit_delimiter() -> None:
    text = "source|target|notes\nOne|Un\nTwo\n"
    (doc,) = read_csv_documents(text, "x.csv", ReadOptions(include_untranslated=True))
    assert doc.meta["delimiter"] == "|"
    assert [(s.source, s.target) for s in doc.segments] == [("One", "Un"), ("Two", "")]
    assert_positions_exact(doc)
    forced = read_csv("source;target\na;b\n", "x.csv", ReadOptions(csv=CsvOptions(delimiter=";")))
    assert [s.target for s in forced.segments] == ["b"]


@pytest.mark.parametrize(
    ("text", "options", "message"),
    [
        (
            "name,value\na,b\n",
            CsvOptions(),
            "no source/target columns: the header ('name', 'value') names no 'source' and 'target' column;"
            " name them or configure the columns ([formats.csv] source = …, target = …)",
        ),
        (
            "",
            CsvOptions(),
            "no source/target columns: the header (no header row) names no 'source' and"
            " 'target' column; name them or configure the columns ([formats.csv] source = …, target = …)",
        ),
        (
            "en,fr\na,b\n",
            CsvOptions(source="en", target="es"),
            "no column named 'es' for target (the header has 'en', 'fr')",
        ),
        ("en,fr\na,b\n", CsvOptions(source=0, target=2), "column number 0 for source (columns count from 1)"),
        ('source,target\n"a"b,c\n', CsvOptions(), "line 2: malformed CSV (',' expected after '\"')"),
        ('source,target\n"a,b\n', CsvOptions(), "line 2: malformed CSV (unexpected end of data)"),
    ],
)
def test_errors(text: str, options: CsvOptions, message: str) -> None:
    with pytest.raises(ReaderError) as info:
        read_csv(text, "x.csv", ReadOptions(csv=options))
    assert str(info.value) == message


def test_tsv_quotes_like_spreadsheets() -> None:
    doc = read_tsv('source\ttarget\n"a\tb"\t"c ""d"""\n', "x.tsv", ReadOptions())
    assert [(s.source, s.target) for s in doc.segments] == [("a\tb", 'c "d"')]
    assert_positions_exact(doc)


@pytest.mark.parametrize(
    ("name", "head", "options", "claimed"),
    [
        ("t.csv", "Source,Target,Notes\r\na,b,c\r\n", None, True),
        ("t.csv", "\ufeffid;source;target\n", None, True),
        ("t.tsv", "source\ttarget\n", None, True),
        ("data.csv", "date,temperature\n2024-01-01,3\n", None, False),
        ("data.csv", "", None, False),
        ("ui.csv", "key,en,fr\n", ReadOptions(csv=CsvOptions(source="en", target="fr")), True),
        ("ui.csv", "key,en,de\n", ReadOptions(csv=CsvOptions(source="en", target="fr")), False),
        ("ui.csv", "a,b\n", ReadOptions(csv=CsvOptions(source=1, target=2, header=False)), True),
    ],
)
def test_claims(name: str, head: str, options: ReadOptions | None, claimed: bool) -> None:
    assert claims(Path(name), head, options) is claimed
