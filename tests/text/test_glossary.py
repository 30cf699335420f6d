"""Glossary files (CSV and TBX) and the config errors they cause."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa_pipeline.analysis.fidelity.glossary import GlossaryError, load_glossary, read_csv, read_tbx
from qa_pipeline.analysis.fidelity.terms import concept_terms, find, words
from qa_pipeline.config import ConfigError, load_settings
from qa_pipeline.registry import load_registry

TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><text><body>
  <termEntry id="folder">
    <langSet xml:lang="en"><tig><term>folder</term></tig></langSet>
    <langSet xml:lang="fr">
      <tig><term>dossier</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
      <tig><term>répertoire</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
    </langSet>
  </termEntry>
</body></text></martif>
"""


def test_csv_rows_merge_into_concepts() -> None:
    g = read_csv(
        "source,target,forbidden,lang\nfile,Datei,Akte,de\nfile,Datei|Dateien,,de\nfile,fichier,,fr\n",
        "g.csv",
    )
    by_lang = {next(iter(c.required)): c for c in g.concepts}
    assert by_lang["de"].required["de"] == ("Datei", "Dateien")
    assert by_lang["de"].forbidden["de"] == ("Akte",)
    assert by_lang["fr"].line == 4


def test_csv_semicolons_are_recognized() -> None:
    g = read_csv("source;target\nfolder;dossier\n", "g.csv")
    assert g.concepts[0].required[""] == ("dossier",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "g.csv:1: empty glossary"),
        ("term,translation\nfile,Datei\n", "g.csv:1: the header must name"),
        ("source,target\n,Datei\n", "g.csv:2: a row without a source term"),
        ("source,target\nfile,Datei\nfolder,\n", "g.csv:3: 'folder' has neither"),
        ("source,target\nfile,Datei,extra\n", "g.csv:2: 3 cells"),
    ],
)
def test_bad_csv_names_the_line(text: str, message: str) -> None:
    with pytest.raises(GlossaryError, match=message.replace("(", r"\(")):
        read_csv(text, "g.csv")


def test_tbx_deprecated_terms_are_forbidden() -> None:
    (concept,) = read_tbx(TBX, "g.tbx").concepts
    assert concept.required["fr"] == ("dossier",)
    assert concept.forbidden["fr"] == ("répertoire",)
    assert concept.line == 3


def test_tbx_errors_name_the_line() -> None:
    with pytest.raises(GlossaryError, match=r"g.tbx:3: malformed XML"):
        read_tbx("<martif>\n<text>\n</martif>\n", "g.tbx")
    with pytest.raises(GlossaryError, match="unsafe XML"):
        read_tbx('<!DOCTYPE x [<!ENTITY a "b">]><martif>&a;</martif>', "g.tbx")
    with pytest.raises(GlossaryError, match="no <termEntry>"):
        read_tbx("<martif/>", "g.tbx")
    with pytest.raises(GlossaryError, match=r"g.tbx:2: a <langSet> without xml:lang"):
        read_tbx(
            '<martif>\n<termEntry id="x"><langSet><tig><term>a</term></tig></langSet></termEntry></martif>',
            "g.tbx",
        )


def test_load_glossary_by_extension(tmp_path: Path) -> None:
    (tmp_path / "t.tbx").write_text(TBX, encoding="utf-8")
    assert len(load_glossary(tmp_path / "t.tbx").concepts) == 1
    (tmp_path / "t.json").write_text("{}", encoding="utf-8")
    with pytest.raises(GlossaryError, match="unknown glossary format"):
        load_glossary(tmp_path / "t.json")
    (tmp_path / "bad.csv").write_bytes(b"source,target\nfile,\xff\n")
    with pytest.raises(GlossaryError, match=r"bad.csv:2: not UTF-8"):
        load_glossary(tmp_path / "bad.csv")


def test_bad_glossary_is_a_one_line_config_error(tmp_path: Path) -> None:
    (tmp_path / "terms.csv").write_text("source,target\nfile,Datei\n,oops\n", encoding="utf-8")
    config = tmp_path / "qa-pipeline.toml"
    config.write_text('glossary = "terms.csv"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(config, tmp_path, load_registry)
    (problem,) = info.value.problems
    assert "\n" not in problem
    assert problem.endswith("terms.csv:3: a row without a source term")


def test_glossary_reaches_the_settings(tmp_path: Path) -> None:
    (tmp_path / "terms.tbx").write_text(TBX, encoding="utf-8")
    config = tmp_path / "qa-pipeline.toml"
    config.write_text('glossary = "terms.tbx"\n', encoding="utf-8")
    settings, _ = load_settings(config, tmp_path, load_registry)
    assert settings.terms is not None and settings.terms.concepts[0].forbidden["fr"] == ("répertoire",)


def test_concept_terms_fall_back_to_the_base_language() -> None:
    table = {"de-de": ("Datei",), "": ("OK",)}
    assert concept_terms(table, "de-AT") == ("Datei", "OK")
    assert concept_terms({"pt-br": ("arquivo",), "pt-pt": ("ficheiro",)}, "pt-BR") == ("arquivo",)


@given(st.lists(st.sampled_from(["file", "files", "the", "Files", "open", "folder"]), max_size=8))
def test_a_term_matches_where_its_words_are(text_words: list[str]) -> None:
    text = " ".join(text_words)
    hits = find("file", words(text, "en"), "en")
    assert len(hits) == sum(1 for w in text_words if w.lower() in ("file", "files"))
    for h in hits:
        assert text[h.start : h.end].lower().startswith("file")
