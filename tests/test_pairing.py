"""Source pairing by path pattern and paragraph alignment; rules needing a source are skipped without one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa_pipeline.cli import main
from qa_pipeline.pairing import align, counterpart, match_layout


def test_match_layout() -> None:
    assert match_layout("content/{lang}/{path}", "content/fr/blog/a.md") == {
        "lang": "fr",
        "path": "blog/a.md",
    }
    assert match_layout("content/{lang}/{path}", "other/fr/a.md") is None


def test_counterpart(tmp_path: Path) -> None:
    got = counterpart("content/en/{path}", "content/{lang}/{path}", "content/fr/blog/a.md", tmp_path)
    assert got == tmp_path / "content/en/blog/a.md"
    assert counterpart("content/en/{path}", "content/{lang}/{path}", "content/en/blog/a.md", tmp_path) is None


def test_align_equal_counts() -> None:
    assert align(["a", "b"], ["x", "y"]) == [(0, 0), (1, 1)]


def test_align_detects_omitted_paragraph() -> None:
    src = ["A" * 40, "B" * 200, "C" * 60, "D" * 120]
    tgt = ["a" * 44, "c" * 66, "d" * 130]
    assert align(tgt, src) == [(0, 0), (None, 1), (1, 2), (2, 3)]


@given(
    st.lists(st.integers(1, 300), min_size=0, max_size=12),
    st.lists(st.integers(1, 300), min_size=0, max_size=12),
)
def test_align_covers_every_paragraph_once(t: list[int], s: list[int]) -> None:
    pairs = align(["x" * n for n in t], ["y" * n for n in s])
    assert sorted(i for i, _ in pairs if i is not None) == list(range(len(t)))
    assert sorted(j for _, j in pairs if j is not None) == list(range(len(s)))
    targets = [i for i, _ in pairs if i is not None]
    sources = [j for _, j in pairs if j is not None]
    assert targets == sorted(targets) and sources == sorted(sources)


def test_layout_pairs_source_and_skips_source_rules_without_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "qa-pipeline.toml").write_text(
        'layout = "content/{lang}/{path}"\nsource = "content/en/{path}"\nexclude = ["content/en/*"]\n',
        encoding="utf-8",
    )
    for lang, body in {
        "en": "Open the settings panel now.\n\nSave the file.\n",
        "fr": "Open the settings panel now.\n\nEnregistrez le fichier.\n",
    }.items():
        (tmp_path / "content" / lang).mkdir(parents=True)
        (tmp_path / "content" / lang / "page.txt").write_text(body, encoding="utf-8")
    (tmp_path / "solo").mkdir()
    (tmp_path / "solo" / "fr.txt").write_text("Open the settings panel now.\n", encoding="utf-8")
    code = main(["check", str(tmp_path), "--format", "json", "--select", "QA102"])
    data = json.loads(capsys.readouterr().out)
    files = {Path(f["file"]).relative_to(tmp_path).as_posix(): f for f in data["files"]}
    assert set(files) == {"content/fr/page.txt", "solo/fr.txt"}
    page = files["content/fr/page.txt"]
    assert page["source_file"].endswith("content/en/page.txt")
    assert page["source_language"] == "en" and page["language_origin"]["source"] == "path"
    assert page["target_language"] == "fr" and page["language_origin"]["target"] == "path"
    assert [f["code"] for f in page["findings"]] == ["QA102"]
    assert page["word_count_basis"] == "source"
    assert files["solo/fr.txt"]["findings"] == []  # no source: QA102 skipped, not failed
    assert code in (0, 1)
