"""``--diff REF``: which files count as changed, which findings are kept, and the errors."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from qa_pipeline.cli import main
from qa_pipeline.config import load_settings
from qa_pipeline.gitdiff import GitError, changed_files, parse_diff
from qa_pipeline.model import Document, Finding, OffsetMap, Segment, SegmentKind, Severity
from qa_pipeline.pipeline import check_paths
from qa_pipeline.pipeline.gate import on_changed_lines
from qa_pipeline.registry import load_registry
from tests.ci.conftest import write

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

PARA = "Un paragraphe propre qui ne pose aucun problème."


def git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(project: Path) -> Path:
    git(project, "init", "-q", "-b", "main")
    write(project / "fr" / "untouched.txt", f"Le  défaut ancien.\n\n{PARA}\n")
    write(project / "fr" / "edited.txt", f"Un  défaut ancien en tête.\n\n{PARA}\n\n{PARA}\n")
    write(project / "fr" / "gone.txt", f"{PARA}\n")
    write(project / "fr" / "moved.txt", f"Le  défaut du fichier déplacé.\n\n{PARA}\n\n{PARA}\n\n{PARA}\n")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "start")
    return project


def test_parse_diff_new_side_lines_and_pure_deletions() -> None:
    patch = (
        "diff --git a/x.txt b/x.txt\n--- a/x.txt\n+++ b/x.txt\n@@ -3 +3 @@\n-a\n+b\n"
        "@@ -10,2 +9,0 @@\n-c\n-d\n@@ -20,0 +19,2 @@\n+e\n+f\n"
        'diff --git "a/t\\303\\251 \\"q\\".txt" "b/t\\303\\251 \\"q\\".txt"\n'
        '--- "a/t\\303\\251 \\"q\\".txt"\n+++ "b/t\\303\\251 \\"q\\".txt"\n@@ -1 +1 @@\n-x\n+y\n'
        "diff --git a/del.txt b/del.txt\n--- a/del.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-z\n"
    )
    assert parse_diff(patch) == {"x.txt": frozenset({3, 9, 10, 19, 20}), 'té "q".txt': frozenset({1})}


def test_changed_files_committed_staged_unstaged_renamed_untracked_not_deleted(repo: Path) -> None:
    git(repo, "mv", "fr/moved.txt", "fr/renamed.txt")
    (repo / "fr" / "gone.txt").unlink()
    with (repo / "fr" / "edited.txt").open("a", encoding="utf-8") as fh:
        fh.write("\nUne  faute nouvelle.\n")
    write(repo / "fr" / "new.txt", "Nouveau  fichier.\n")
    write(repo / "fr" / ".gitignore", "ignored.txt\n")
    write(repo / "fr" / "ignored.txt", "Ignoré  ici.\n")
    changes = {c.path.relative_to(repo).as_posix(): c.lines for c in changed_files("HEAD", repo)}
    assert changes == {
        "fr/.gitignore": None,
        "fr/edited.txt": frozenset({6, 7}),
        "fr/new.txt": None,
        "fr/renamed.txt": frozenset(),
    }


def test_diff_keeps_only_findings_on_changed_lines(repo: Path) -> None:
    text = (repo / "fr" / "edited.txt").read_text(encoding="utf-8")
    (repo / "fr" / "edited.txt").write_text(
        text.replace(PARA, "Un  paragraphe modifié.", 1), encoding="utf-8"
    )
    git(repo, "commit", "-q", "-am", "edit")
    settings, registry = load_settings(None, repo, load_registry, {})
    run = check_paths(["fr"], settings, registry, diff_ref="HEAD~1")
    assert [r.path for r in run.files] == [os.path.join("fr", "edited.txt")]
    findings = run.files[0].findings
    assert [(f.code, f.line) for f in findings] == [("QA104", 3)]  # the old defect on line 1 is not kept
    assert run.files[0].counts["minor"] == 1
    assert run.gate.diff is not None and (run.gate.diff.ref, run.gate.diff.changed_files) == ("HEAD~1", 1)


def test_diff_limits_to_given_paths(repo: Path) -> None:
    write(repo / "de" / "neu.txt", "Ein  Fehler.\n")
    write(repo / "fr" / "neuf.txt", "Une  faute.\n")
    settings, registry = load_settings(None, repo, load_registry, {})
    run = check_paths(["de"], settings, registry, diff_ref="HEAD")
    assert [r.path for r in run.files] == [os.path.join("de", "neu.txt")]


def test_nothing_changed_passes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "fr", "--diff", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "0 file(s)" in out and "diff: 0 changed file(s) since HEAD" in out


def test_cli_diff_ignores_untouched_files(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "fr"]) == 1  # every file has an old defect
    capsys.readouterr()
    with (repo / "fr" / "edited.txt").open("a", encoding="utf-8") as fh:
        fh.write("\nUne  faute nouvelle.\n")
    assert main(["check", "fr", "--changed-since", "HEAD", "--compact"]) == 1
    out = capsys.readouterr().out
    assert "untouched.txt" not in out and "moved.txt" not in out
    assert "edited.txt:7:4: QA104" in out and "edited.txt:1:" not in out


def test_bad_ref_and_not_a_repo_are_one_line_errors(
    repo: Path,
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert main(["check", "fr", "--diff", "no-such-branch"]) == 2
    err = capsys.readouterr().err
    assert "unknown git revision 'no-such-branch'" in err and err.count("\n") == 1
    settings, registry = load_settings(None, repo, load_registry, {})
    with pytest.raises(GitError, match="not a git revision"):
        check_paths(["fr"], settings, registry, diff_ref="--output=x")
    outside = tmp_path_factory.mktemp("plain")
    write(outside / "a.txt", "Texte.\n")
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(outside.parent))
    assert main(["check", ".", "--diff", "HEAD"]) == 2
    assert "is not inside a git repository" in capsys.readouterr().err


def test_update_baseline_refuses_a_diff_run(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["baseline", "fr", "-o", "qa-baseline.json"]) == 0
    assert main(["check", "fr", "--diff", "HEAD", "--baseline", "qa-baseline.json", "--update-baseline"]) == 2
    assert "refusing to write a baseline from a --diff run" in capsys.readouterr().err


def _finding(line: int, segment_id: str | None) -> Finding:
    return Finding(
        code="QA104",
        name="double-space",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        message="m",
        path="x.po",
        line=line,
        column=1,
        end_line=line,
        end_column=2,
        segment_id=segment_id,
        span=(0, 1),
        excerpt="x",
        fingerprint="0" * 20,
    )


def test_bilingual_findings_kept_when_any_line_of_their_unit_changed() -> None:
    text = 'msgid "One"\nmsgstr "Un"\n\nmsgid "Two"\nmsgstr "Deux"\n'
    seg1 = Segment(
        id="One",
        target="Un",
        source="One",
        kind=SegmentKind.UNIT,
        offsets=OffsetMap.contiguous(text.index('"Un"') + 1),
        source_offsets=OffsetMap.contiguous(text.index('"One"') + 1),
    )
    seg2 = Segment(
        id="Two",
        target="Deux",
        source="Two",
        kind=SegmentKind.UNIT,
        index=1,
        offsets=OffsetMap.contiguous(text.index('"Deux"') + 1),
        source_offsets=OffsetMap.contiguous(text.index('"Two"') + 1),
    )
    doc = Document(path="x.po", format="po", text=text, segments=(seg1, seg2))
    changed_msgid = frozenset({4})  # only the source line of entry "Two" changed
    assert on_changed_lines(_finding(5, "Two"), doc, changed_msgid)
    assert not on_changed_lines(_finding(2, "One"), doc, changed_msgid)
    text_doc = Document(path="x.txt", format="text", text=text, segments=(seg1, seg2), source_path="en/x.txt")
    assert not on_changed_lines(
        _finding(5, "Two"), text_doc, changed_msgid
    )  # a source from another file: lines only
    assert on_changed_lines(_finding(1, None), text_doc, changed_msgid)  # file-level findings stay
