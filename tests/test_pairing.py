"""Source pairing by path pattern and paragraph alignment; rules needing a source are skipped without one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa_pipeline.analysis.structure.align import banded
from qa_pipeline.analysis.structure.outliers import source_words
from qa_pipeline.cli import main
from qa_pipeline.model import Document
from qa_pipeline.pairing import align, attach_source, counterpart, match_layout
from qa_pipeline.readers import ReadOptions
from qa_pipeline.readers.markdown import read_markdown
from qa_pipeline.text.wordcount import count_words


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


# --- source alignment (attach_source / text.align) ---------------------------------------------


def _md(text: str, path: str = "t.md") -> Document:
    return read_markdown(text, path, ReadOptions())


_SOURCE = (
    "# Accounts\n\n"
    "Every member of your team needs an account to sign in.\n\n"
    "Accounts are created by an administrator, who also chooses what each member may see, which "
    "projects they may change and which reports they receive by email.\n\n"
    "Members can change their own password at any time from the profile page.\n"
)


def test_attach_source_records_an_omitted_paragraph_and_where_it_belongs() -> None:
    target = _md(
        "# Comptes\n\n"
        "Chaque membre de votre équipe a besoin d'un compte pour se connecter.\n\n"
        "Les membres peuvent changer leur mot de passe à tout moment depuis la page de profil.\n"
    )
    doc = attach_source(target, _md(_SOURCE, "s.md"))
    (gap,) = doc.source_gaps
    assert gap.segment.target.startswith("Accounts are created")
    assert (gap.after, gap.before, gap.line) == ("p2", "p3", 5)
    assert [s.source.split()[0] if s.source else None for s in doc.segments] == [
        "Accounts",
        "Every",
        "Members",
    ]
    assert doc.has_source and doc.source_path == "s.md"


def test_attach_source_joins_merged_source_paragraphs() -> None:
    target = _md(
        "# Comptes\n\n"
        "Chaque membre de votre équipe a besoin d'un compte pour se connecter. Les comptes sont créés par "
        "un administrateur, qui choisit aussi ce que chaque membre peut voir, les projets qu'il peut "
        "modifier et les rapports qu'il reçoit par e-mail.\n\n"
        "Les membres peuvent changer leur mot de passe à tout moment depuis la page de profil.\n"
    )
    source = _md(_SOURCE, "s.md")
    doc = attach_source(target, source)
    assert doc.source_gaps == ()
    merged = doc.segments[1]
    assert merged.source == source.segments[1].target + "\n" + source.segments[2].target
    assert "source-merged" in merged.flags
    # the joined source still maps into the source file: its second paragraph starts on line 5
    assert merged.source_offsets is not None
    second = merged.source_offsets.to_file(len(source.segments[1].target) + 1)
    assert source.line_col(second) == (5, 1)


def test_attach_source_cuts_a_split_source_paragraph_at_a_sentence() -> None:
    source = _md(
        "# Reports\n\nReports are generated every Monday morning. They list the open requests of the past "
        "week, sorted by age, and the time each team took to answer.\n",
        "s.md",
    )
    target = _md(
        "# Berichte\n\nBerichte werden jeden Montagmorgen erstellt.\n\nSie listen die offenen Anfragen der "
        "vergangenen Woche nach Alter sortiert auf, dazu die Zeit, die jedes Team für die Antwort brauchte.\n"
    )
    doc = attach_source(target, source)
    first, second = doc.segments[1], doc.segments[2]
    assert first.source == "Reports are generated every Monday morning."
    assert second.source is not None and second.source.startswith("They list the open requests")
    assert {"source-split"} <= first.flags & second.flags
    assert second.source_offsets is not None
    start = second.source_offsets.to_file(0)
    assert source.text[start : start + 9] == "They list"


def test_attach_source_to_an_empty_translation() -> None:
    doc = attach_source(_md(""), _md(_SOURCE, "s.md"))
    assert doc.segments == () and doc.has_source
    gaps = doc.source_gaps
    assert len(gaps) == 4 and all(g.after is None and g.before is None for g in gaps)
    assert [g.line for g in gaps] == [1, 3, 5, 7]


def test_markdown_heading_levels_guide_the_alignment() -> None:
    source = _md(
        "# Troubleshooting\n\nIf the app does not start, restart it.\n\n## Network and proxy errors\n", "s.md"
    )
    target = _md("# トラブルシューティング\n")
    doc = attach_source(target, source)
    assert doc.segments[0].source == "Troubleshooting"
    assert [g.segment.target for g in doc.source_gaps] == [
        "If the app does not start, restart it.",
        "Network and proxy errors",
    ]


_PARAGRAPH = st.lists(
    st.sampled_from(
        ["Alpha beta gamma.", "Delta epsilon.", "Zeta eta theta iota kappa.", "Lambda mu 42.", "Nu."]
    ),
    min_size=1,
    max_size=4,
).map(" ".join)


@given(
    st.lists(_PARAGRAPH, min_size=0, max_size=8),
    st.lists(st.sampled_from(["keep", "drop", "merge", "split"]), min_size=8, max_size=8),
)
def test_alignment_keeps_every_source_word_once(paragraphs: list[str], edits: list[str]) -> None:
    """Whatever the translation drops, merges or splits, the aligned sources and the omitted source
    paragraphs together hold every source word once (the evaluation word count of the score)."""
    out: list[str] = []
    for para, edit in zip(paragraphs, edits, strict=False):
        if edit == "drop":
            continue
        if edit == "merge" and out:
            out[-1] += " " + para
        elif edit == "split" and ". " in para:
            head, tail = para.split(". ", 1)
            out += [head + ".", tail]
        else:
            out.append(para)
    source = _md("\n\n".join(paragraphs), "s.md")
    doc = attach_source(_md("\n\n".join(out)), source)
    assert source_words(doc, "en") == sum(count_words(s.target, "en") for s in source.segments)
    assert [s.id for s in doc.segments] == [s.id for s in _md("\n\n".join(out)).segments]


@given(
    st.integers(0, 30),
    st.integers(0, 30),
    st.lists(st.floats(0, 10), min_size=64, max_size=64),
)
def test_banded_alignment_covers_both_sides_in_order(n: int, m: int, noise: list[float]) -> None:
    def cost(i: int, di: int, j: int, dj: int) -> float:
        return 4.0 if not di or not dj else noise[(7 * i + 3 * j + di + 2 * dj) % 64]

    path = banded(n, m, cost, ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1)))
    assert [i for a, _ in path for i in a] == list(range(n))
    assert [j for _, b in path for j in b] == list(range(m))
    assert all(len(a) + len(b) >= 1 for a, b in path)
