"""Untranslated units (empty msgstr; XLIFF without a translation yet) are skipped and counted; an
empty target that claims to be translated is kept so that QA101 reports it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa_pipeline.cli import main

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a" source-language="en" target-language="de"><body>
    <trans-unit id="done"><source>Saved.</source><target>Gespeichert.</target></trans-unit>
    <trans-unit id="missing"><source>Not yet translated</source></trans-unit>
    <trans-unit id="new"><source>Also new</source><target state="new"></target></trans-unit>
    <trans-unit id="claimed"><source>Export finished.</source><target state="translated"></target></trans-unit>
  </body></file>
</xliff>
"""

PO = """msgid ""
msgstr ""
"Language: de\\n"

msgid "Saved."
msgstr "Gespeichert."

msgid "Not yet translated"
msgstr ""
"""


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> dict:  # type: ignore[type-arg]
    main(["check", *args, "--format", "json", "--select", "QA101"])
    return json.loads(capsys.readouterr().out)["files"][0]  # type: ignore[no-any-return]


def test_xliff_policy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "de.xliff").write_text(XLIFF, encoding="utf-8")
    rep = _check(capsys, str(tmp_path / "de.xliff"))
    assert rep["completeness"] == {"units": 4, "untranslated": 2}
    assert [f["segment_id"] for f in rep["findings"]] == ["claimed"]


def test_include_untranslated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "de.xliff").write_text(XLIFF, encoding="utf-8")
    (tmp_path / "qa-pipeline.toml").write_text("include-untranslated = true\n", encoding="utf-8")
    rep = _check(capsys, str(tmp_path / "de.xliff"))
    assert sorted(f["segment_id"] for f in rep["findings"]) == ["claimed", "missing", "new"]


def test_po_policy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "de.po").write_text(PO, encoding="utf-8")
    rep = _check(capsys, str(tmp_path / "de.po"))
    assert rep["completeness"] == {"units": 2, "untranslated": 1}
    assert rep["findings"] == []
