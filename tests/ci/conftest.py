"""Helpers for the CI-gate tests: a tiny project with a config that selects only stable core rules."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# QA104 (double space) is a core rule: the tests do not depend on rules being written elsewhere.
CONFIG = 'select = ["QA104"]\nmin-score = 99\n'


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    (tmp_path / "qa-pipeline.toml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    yield tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def empty_gitconfig() -> str:
    """An empty file for ``GIT_CONFIG_GLOBAL``: never ``/dev/null``, which a git command that writes
    the global config (as root) would replace with a regular file, breaking every process on the machine."""
    import tempfile

    path = Path(tempfile.gettempdir()) / f"qa-pipeline-tests-{os.getpid()}.gitconfig"
    path.touch()
    return str(path)
