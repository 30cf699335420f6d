"""The hostile corpus through the command line, in a subprocess as CI runs it.

All files of the corpus in one folder, one run: every file gets its report — an error naming the
problem, or a read with its segments — the run goes on past each bad file, nothing prints a
traceback, and the exit code is 2 because some files could not be checked. Long single-segment
files run in a second subprocess with the language rules off (their speed on long segments is the
language analysis's concern, measured in ``benchmarks/``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .corpus import Hostile, corpus

TIMEOUT = 600  # seconds: generous, so a slow machine passes and a hang still fails


def qa(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qa_pipeline", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def _check_reports(cases: list[Hostile], proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr
    assert "internal error" not in proc.stderr
    report = json.loads(proc.stdout)
    files: dict[str, dict[str, Any]] = {Path(f["file"]).name: f for f in report["files"]}
    assert sorted(files) == sorted(h.name for h in cases)  # the run went on past every bad file
    for case in cases:
        got = files[case.name]
        if case.error is not None:
            assert got["error"] == case.error, case.name
            assert got["passed"] is False
        else:
            assert got.get("error") is None, (case.name, got.get("error"))
            expected = len(case.targets) if case.targets is not None else None
            if expected is not None:
                assert got["segment_count"] == expected, case.name


def _write(cases: list[Hostile], folder: Path) -> list[str]:
    """The files, and their paths for the command line (named, so that a folder scan's choice of
    which ``.xml``/``.html`` files are translations does not leave any out)."""
    folder.mkdir()
    for case in cases:
        (folder / case.name).write_bytes(case.data)
    return [f"{folder.name}/{case.name}" for case in cases]


def test_corpus_in_one_run(tmp_path: Path) -> None:
    cases = [h for h in corpus() if not h.heavy]
    names = _write(cases, tmp_path / "files")
    proc = qa("check", *names, "--lang", "fr", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    _check_reports(cases, proc)


def test_long_segments_in_one_run(tmp_path: Path) -> None:
    cases = [h for h in corpus() if h.heavy]
    names = _write(cases, tmp_path / "files")
    proc = qa("check", *names, "--lang", "fr", "--ignore", "QA4", "--format", "json", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    _check_reports(cases, proc)


def test_text_output_is_one_line_per_bad_file(tmp_path: Path) -> None:
    cases = [
        h for h in corpus() if h.error is not None and h.name.startswith(("bad-utf8-overlong", "png", "bil"))
    ]
    names = _write(cases, tmp_path / "files")
    proc = qa("check", *names, "--lang", "fr", cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    for case in cases:
        lines = [line for line in proc.stdout.splitlines() if case.name in line and " E001 " in line]
        assert lines == [f"{Path('files') / case.name}:1:1: E001 error {case.error}"]


def test_good_files_alone_do_not_exit_2(tmp_path: Path) -> None:
    cases = [h for h in corpus() if h.name in ("utf-32-le-nobom.po", "utf-16-be-bom.xliff", "cr-only.md")]
    _write(cases, tmp_path / "files")
    proc = qa("check", "files", "--lang", "fr", "--format", "json", cwd=tmp_path)  # a folder scan
    assert proc.returncode in (0, 1), proc.stderr
    _check_reports(cases, proc)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_pipe_and_huge_file_in_a_folder(tmp_path: Path) -> None:
    """A named pipe would block the run forever; a 65 MiB file is refused by its size."""
    folder = tmp_path / "files"
    folder.mkdir()
    os.mkfifo(folder / "pipe.po")
    with (folder / "huge.txt").open("wb") as f:
        f.truncate(65 * 1024 * 1024)
    (folder / "ok.txt").write_text("Bonjour le monde.\n", encoding="utf-8")
    proc = qa("check", "files", "--lang", "fr", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    files = {Path(f["file"]).name: f for f in json.loads(proc.stdout)["files"]}
    assert files["pipe.po"]["error"] == "not a regular file (a pipe, socket or device)"
    assert files["huge.txt"]["error"] == "file too large (65 MiB; the limit is 64 MiB)"
    assert files["ok.txt"].get("error") is None
