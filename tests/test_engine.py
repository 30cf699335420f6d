"""Offsets, fingerprints and suppression — the engine's single place for positions."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from qa_pipeline.config import Settings, resolve
from qa_pipeline.engine import Job, locate, run_document_rules
from qa_pipeline.model import OffsetMap
from qa_pipeline.readers import ReadOptions
from qa_pipeline.readers.text import read_text
from qa_pipeline.registry import load_registry
from qa_pipeline.ruleapi import Resources
from qa_pipeline.selectors import RuleSelector


def _findings(text: str, path: str = "a.txt", select: tuple[str, ...] = ("QA104",)):  # type: ignore[no-untyped-def]
    doc = read_text(text, path, ReadOptions())
    settings = Settings(select=select)
    job = Job(doc, resolve(settings, load_registry(), path, "fr"), path)
    return locate(job, run_document_rules(job, Resources(settings)).results)


def test_line_and_column_in_code_points_with_crlf() -> None:
    text = "Première ligne.\r\n\r\n日本語  テキスト。\r\nLe  chat.\r\n"
    found = _findings(text)
    assert [(f.line, f.column, f.end_line, f.end_column) for f in found] == [(3, 4, 3, 6), (4, 3, 4, 5)]
    assert [f.excerpt for f in found] == ["  ", "  "]


def test_fingerprint_survives_line_shift() -> None:
    before = _findings("Le  chat dort.\n")
    after = _findings("Titre ajouté\n\nUn paragraphe de plus.\n\nLe  chat dort.\n")
    assert before[0].line != after[0].line
    assert before[0].fingerprint == after[0].fingerprint


def test_fingerprint_distinguishes_repeats_and_files() -> None:
    two = _findings("Le  chat dort.\n\nLe  chat dort.\n")
    assert two[0].fingerprint != two[1].fingerprint
    other = _findings("Le  chat dort.\n", path="b.txt")
    assert other[0].fingerprint not in {f.fingerprint for f in two}


def test_segment_suppression() -> None:
    doc = read_text("Le  chat.\n", "a.txt", ReadOptions())
    doc = replace(
        doc, segments=(replace(doc.segments[0], suppressed=frozenset({RuleSelector.parse("QA104")})),)
    )
    settings = Settings(select=("QA104",))
    job = Job(doc, resolve(settings, load_registry(), "a.txt", "fr"), "a.txt")
    assert run_document_rules(job, Resources(settings)).results == ()


def test_offset_map_pieces() -> None:
    m = OffsetMap(((0, 10), (5, 17)))  # an escape of 2 file chars at text offset 4
    assert [m.to_file(i) for i in range(7)] == [10, 11, 12, 13, 14, 17, 18]


@given(
    st.lists(st.text(alphabet="ab é日\u00a0", min_size=1, max_size=30), min_size=1, max_size=8),
    st.sampled_from(["\n", "\r\n"]),
)
def test_text_reader_offsets_point_into_file(paragraphs: list[str], newline: str) -> None:
    text = (newline * 2).join(paragraphs) + newline
    doc = read_text(text, "p.txt", ReadOptions())
    for seg in doc.segments:
        for i, ch in enumerate(seg.target):
            pos = seg.offsets.to_file(i)
            assert text[pos] == ch
            line, col = doc.line_col(pos)
            assert text.splitlines()[line - 1][col - 1] == ch
