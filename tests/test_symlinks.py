"""Symbolic links in a checked folder: links out of the folder are skipped (with a note) unless
``--follow-links`` / ``follow-links = true``; a file named on the command line is checked; loops end."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from qa_pipeline.cli import main

pytestmark = pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")

SECRET = "Ceci  est un secret hors du dépôt.\n"
INSIDE = "Le  texte du dépôt.\n"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """repo/content/fr/{a.txt, inside.txt -> a.txt, secret.txt -> ../../../outside/secret.txt,
    ext/ -> ../../../outside, loop/ -> ..}; outside/secret.txt is not in the checked folder."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    repo = tmp_path / "repo"
    fr = repo / "content" / "fr"
    fr.mkdir(parents=True)
    (repo / "qa-pipeline.toml").write_text('select = ["QA104"]\n', encoding="utf-8")
    (fr / "a.txt").write_text(INSIDE, encoding="utf-8")
    (fr / "inside.txt").symlink_to("a.txt")
    (fr / "secret.txt").symlink_to(os.path.relpath(outside / "secret.txt", fr))
    (fr / "ext").symlink_to(os.path.relpath(outside, fr), target_is_directory=True)
    (fr / "loop").symlink_to("..", target_is_directory=True)
    (fr / "broken.txt").symlink_to("missing.txt")
    (fr / "logo.png").symlink_to(os.path.relpath(outside / "secret.txt", fr))  # not a checked type
    monkeypatch.chdir(repo)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return repo


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict, str]:  # type: ignore[type-arg]
    code = main(["check", *args, "--format", "json", "--lang", "fr"])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def files(report: dict) -> list[str]:  # type: ignore[type-arg]
    return [f["file"] for f in report["files"]]


def test_links_out_of_the_folder_are_skipped_with_a_note(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, report, err = check(capsys, "content")
    assert files(report) == ["content/fr/a.txt"]  # inside.txt is a.txt: checked once
    assert "secret" not in json.dumps(report)
    assert err.splitlines() == [
        "qa-pipeline: skipped content/fr/broken.txt: a broken symbolic link",
        "qa-pipeline: skipped content/fr/ext: a symbolic link to a folder outside content "
        "(--follow-links checks it)",
        "qa-pipeline: skipped content/fr/secret.txt: a symbolic link to a file outside content "
        "(--follow-links checks it)",
    ]


def test_the_checked_folder_is_the_boundary(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "content" / "en").mkdir()
    (tree / "content" / "en" / "a.txt").write_text("The  text.\n", encoding="utf-8")
    (tree / "content" / "fr" / "from-en.txt").symlink_to("../en/a.txt")
    _, report, err = check(capsys, "content/fr")
    assert "content/fr/from-en.txt" not in files(report)
    assert "content/fr/from-en.txt: a symbolic link to a file outside content/fr" in err
    _, report, _ = check(capsys, "content")
    assert "content/en/a.txt" in files(report)


def test_follow_links_checks_them_and_a_loop_ends(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, report, err = check(capsys, "content", "--follow-links")
    assert files(report) == ["content/fr/a.txt", "content/fr/ext/secret.txt"]
    assert err.splitlines() == ["qa-pipeline: skipped content/fr/broken.txt: a broken symbolic link"]


def test_follow_links_from_config(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "qa-pipeline.toml").write_text('select = ["QA104"]\nfollow-links = true\n', encoding="utf-8")
    _, report, _ = check(capsys, "content")
    assert "content/fr/ext/secret.txt" in files(report)
    (tree / "qa-pipeline.toml").write_text('follow-links = "yes"\n', encoding="utf-8")
    code = main(["check", "content"])
    assert code == 2
    assert "follow-links: expected true or false" in capsys.readouterr().err


def test_a_file_named_on_the_command_line_is_checked_even_as_a_link(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, report, err = check(capsys, "content/fr/secret.txt")
    assert files(report) == ["content/fr/secret.txt"]
    assert report["files"][0]["findings"][0]["code"] == "QA104"
    assert err == ""
