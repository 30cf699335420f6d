"""End to end with the real ``pre-commit``: install this checkout's hook in a fresh repository and commit.

The hook repository is a snapshot of this checkout's working tree (tracked and untracked, not ignored
files) committed into a temporary git repository, so the test checks the code under test from any clone
location, committed or not. pre-commit builds its own virtualenv and pip-installs the package into it
(from the package index), which takes a while: the test is marked slow.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ci.conftest import empty_gitconfig

ROOT = Path(__file__).resolve().parents[2]
CONFIG = 'select = ["QA104"]\nmin-score = 99\n'
CLEAN = "Bonjour le monde. Tout va bien ici, merci.\n\nUn second paragraphe, propre lui aussi.\n"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
    pytest.mark.skipif(
        subprocess.run([sys.executable, "-m", "pre_commit", "--version"], capture_output=True).returncode
        != 0,
        reason="needs pre-commit (pip install pre-commit)",
    ),
]


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "GITHUB_"))}
    env.update(
        {
            "PRE_COMMIT_HOME": str(home),
            "GIT_CONFIG_GLOBAL": empty_gitconfig(),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Test",
            "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.org",
            "NO_COLOR": "1",
        }
    )
    return env


class Repo:
    def __init__(self, path: Path, env: dict[str, str]) -> None:
        self.path = path
        self.env = env

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            list(args),
            cwd=self.path,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"{args} failed ({proc.returncode}):\n{proc.stdout}")
        return proc

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return self.run("git", *args, check=check)

    def write(self, name: str, text: str) -> None:
        (self.path / name).parent.mkdir(parents=True, exist_ok=True)
        (self.path / name).write_text(text, encoding="utf-8")

    def commit(self, message: str, *files: str) -> subprocess.CompletedProcess[str]:
        self.git("add", *(files or ("-A",)))
        return self.git("commit", "-m", message, check=False)

    def commits(self) -> int:
        return int(self.git("rev-list", "--count", "HEAD").stdout)

    def hook_config(self, hook_repo: Path, rev: str, args: list[str] | None = None) -> None:
        lines = [
            "repos:",
            f"  - repo: {hook_repo.as_uri()}",
            f"    rev: {rev}",
            "    hooks:",
            "      - id: qa-pipeline",
        ]
        if args:
            lines.append(f"        args: [{', '.join(args)}]")
        self.write(".pre-commit-config.yaml", "\n".join(lines) + "\n")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, Path]]:
    """A git repository holding a snapshot of this checkout; its HEAD sha; a shared PRE_COMMIT_HOME."""
    snap = tmp_path_factory.mktemp("hook-repo")
    home = tmp_path_factory.mktemp("pre-commit-home")
    env = _env(home)
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
            env=env,
        )
        .stdout.decode("utf-8")
        .split("\0")
    )
    for name in filter(None, listed):
        src = ROOT / name
        if src.is_file():
            dest = snap / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)
    repo = Repo(snap, env)
    repo.git("init", "-q")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "snapshot of the checkout under test")
    yield snap, repo.git("rev-parse", "HEAD").stdout.strip(), home


@pytest.fixture
def project(tmp_path: Path, hook_repo: tuple[Path, str, Path]) -> Repo:
    snap, rev, home = hook_repo
    repo = Repo(tmp_path, _env(home))
    repo.git("init", "-q")
    repo.write("qa-pipeline.toml", CONFIG)
    repo.hook_config(snap, rev)
    repo.run(sys.executable, "-m", "pre_commit", "install")
    return repo


def test_rejects_a_new_defect_and_accepts_a_clean_commit(project: Repo) -> None:
    project.write("content/fr/article.txt", CLEAN)
    done = project.commit("clean translation")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "qa-pipeline (translation QA)" in done.stdout and "Passed" in done.stdout

    project.write("content/fr/article.txt", CLEAN.replace("Tout va", "Tout  va"))
    rejected = project.commit("a double space")
    assert rejected.returncode == 1
    assert project.commits() == 1
    out = rejected.stdout
    assert "Failed" in out and "exit code: 1" in out
    assert "content/fr/article.txt:1:23: QA104 minor 2 consecutive spaces" in out
    assert "1 file(s) failed; FAILED" in out

    project.write("content/fr/article.txt", CLEAN.replace("monde.", "monde !"))
    fixed = project.commit("fixed")
    assert fixed.returncode == 0, fixed.stdout
    assert project.commits() == 2


def test_baseline_gate_passes_old_defects_and_fails_new_ones(
    project: Repo, hook_repo: tuple[Path, str, Path]
) -> None:
    snap, rev, _ = hook_repo
    old = "Un  défaut ancien que l'équipe accepte pour l'instant.\n\n" + CLEAN
    project.write("content/fr/legacy.txt", old)
    project.git("add", "-A")
    project.git("commit", "-q", "--no-verify", "-m", "legacy content with a known defect")
    # the hook fails on the backlog without a baseline ...
    project.write("content/fr/legacy.txt", old + "\nUne phrase ajoutée sans faute.\n")
    assert project.commit("touch legacy").returncode == 1
    # ... and passes with one
    project.run(sys.executable, "-m", "qa_pipeline", "baseline", "content", "-o", "qa-baseline.json")
    project.hook_config(snap, rev, ["--baseline", "qa-baseline.json"])
    passed = project.commit("baseline and a clean edit")
    assert passed.returncode == 0, passed.stdout
    assert "Passed" in passed.stdout
    commits = project.commits()

    project.write("content/fr/legacy.txt", old + "\nUne phrase ajoutée  avec une faute.\n")
    failed = project.commit("new defect")
    assert failed.returncode == 1
    assert project.commits() == commits
    assert "[new] 2 consecutive spaces" in failed.stdout
    assert "[known]" in failed.stdout
    assert "baseline: 1 new, 1 known, 0 fixed finding(s)" in failed.stdout


def test_diff_ignores_untouched_files(project: Repo, hook_repo: tuple[Path, str, Path]) -> None:
    snap, rev, _ = hook_repo
    project.write("content/fr/old.txt", "Un  défaut ancien.\n\n" + CLEAN)
    project.write("content/fr/edited.txt", "Un  autre défaut ancien.\n\n" + CLEAN)
    project.git("add", "-A")
    project.git("commit", "-q", "--no-verify", "-m", "legacy")
    project.write("content/fr/edited.txt", "Un  autre défaut ancien.\n\n" + CLEAN + "\nAjout  fautif.\n")
    project.git("add", "-A")

    everything = project.run(
        sys.executable, "-m", "pre_commit", "run", "qa-pipeline", "--all-files", check=False
    )
    assert everything.returncode == 1
    assert "content/fr/old.txt:1:3" in everything.stdout and "content/fr/edited.txt:1:3" in everything.stdout

    project.hook_config(snap, rev, ["--diff", "HEAD"])
    project.git("add", ".pre-commit-config.yaml")
    changed = project.run(
        sys.executable, "-m", "pre_commit", "run", "qa-pipeline", "--all-files", check=False
    )
    out = changed.stdout
    assert "content/fr/edited.txt:7:6: QA104" in out
    assert "old.txt" not in out and "content/fr/edited.txt:1:" not in out
    assert "diff: 1 changed file(s) since HEAD" in out
