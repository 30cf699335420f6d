"""Kill a run while it writes (SIGTERM and SIGKILL, at several points) and check what a reader finds.

The run is a real ``qa-pipeline`` subprocess. The test hook ``QA_PIPELINE_TEST_PAUSE=SECONDS:LABEL``
makes it announce each write step on stderr and pause at the chosen one, so the signal lands exactly
there. Afterwards the report folder, ``--output`` file, SARIF log or baseline must be byte for byte the
old version or the complete new one (never partial, never mixed); after SIGTERM no temporary file or
folder may remain; after SIGKILL one may, outside the output and under a temporary name, and the next
run removes it.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from qa_pipeline.fsutil import PAUSE_ENV

pytestmark = [
    pytest.mark.slow,  # about 40 short subprocess runs
    pytest.mark.skipif(
        sys.platform == "win32" or not hasattr(signal, "SIGKILL"), reason="needs POSIX signals"
    ),
]

CONFIG = 'select = ["QA104"]\nmin-score = 99\n'
OLD = {"a.txt": "Le  chat dort.\n", "b.txt": "Le chien  dort.\n"}
NEW = {**OLD, "b.txt": "Le chien dort.\n", "c.txt": "Le  rat  dort.\n"}


def snapshot(path: Path) -> dict[str, bytes] | bytes | None:
    """A folder's files (name -> bytes), a file's bytes, or None when absent."""
    if path.is_dir():
        return {p.name: p.read_bytes() for p in sorted(path.iterdir())}
    return path.read_bytes() if path.exists() else None


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp" in p.name or ".old-" in p.name)


def set_content(work: Path, files: dict[str, str]) -> None:
    content = work / "content" / "fr"
    if content.exists():
        for p in content.iterdir():
            p.unlink()
    content.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (content / name).write_text(text, encoding="utf-8")


def qa(work: Path, *args: str, pause: str | None = None) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "QA_PIPELINE"))}
    if pause is not None:
        env[PAUSE_ENV] = pause
    return subprocess.Popen(
        [sys.executable, "-m", "qa_pipeline", *args],
        cwd=work,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_to_end(work: Path, *args: str) -> None:
    proc = qa(work, *args)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode in (0, 1), err


def kill_at(proc: subprocess.Popen[str], label: str, sig: int) -> str:
    """Wait until ``proc`` announces ``label``, send ``sig``, and return its whole stderr."""
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stderr is not None
    stderr = proc.stderr

    def read() -> None:
        for line in stderr:
            lines.put(line)
        lines.put("")

    threading.Thread(target=read, daemon=True).start()
    seen = []
    while True:
        line = lines.get(timeout=300)
        seen.append(line)
        if not line:
            proc.wait(timeout=60)
            raise AssertionError(f"the run ended before {label!r}:\n{''.join(seen)}")
        if line.strip() == f"qa-pipeline: test pause: {label}":
            break
    proc.send_signal(sig)
    proc.wait(timeout=120)
    while True:
        line = lines.get(timeout=60)
        if not line:
            break
        seen.append(line)
    return "".join(seen)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "qa-pipeline.toml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def expected_new(work: Path, args: list[str], out: str) -> dict[str, bytes] | bytes | None:
    """The complete new version: the same run, uninterrupted, written elsewhere."""
    ref_args = [a if a != out else f"ref-{out}" for a in args]
    run_to_end(work, *ref_args)
    return snapshot(work / f"ref-{out}")


CASES = [
    # (output, command line, pause label, the version a reader must find afterwards)
    ("rep", ["check", "content", "--report-dir", "rep"], "staged .qa-pipeline-report", "old"),
    ("rep", ["check", "content", "--report-dir", "rep"], "staged content__fr__c.txt.json", "old"),
    ("rep", ["check", "content", "--report-dir", "rep"], "staged summary.json", "old"),
    ("rep", ["check", "content", "--report-dir", "rep"], "staged index.html", "old"),
    ("rep", ["check", "content", "--report-dir", "rep"], "swapped rep", "new"),
    ("html", ["check", "content", "--html", "html"], "staged rules.html", "old"),
    ("out.json", ["check", "content", "--format", "json", "--output", "out.json"], "file out.json", "old"),
    ("qa.sarif", ["check", "content", "--sarif", "qa.sarif"], "file qa.sarif", "old"),
    ("base.json", ["baseline", "content", "-o", "base.json"], "file base.json", "old"),
]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
@pytest.mark.parametrize(("out", "args", "label", "version"), CASES, ids=[f"{c[0]}@{c[2]}" for c in CASES])
def test_killed_run_leaves_old_or_new_never_partial(
    work: Path, out: str, args: list[str], label: str, version: str, sig: int
) -> None:
    set_content(work, OLD)
    run_to_end(work, *args)
    old = snapshot(work / out)
    assert old
    set_content(work, NEW)
    new = expected_new(work, args, out)
    assert new != old

    # the swap itself runs with signals held back: a short pause there, a long one elsewhere
    pause = f"{1 if label.startswith('swapped') else 120}:{label}"
    stderr = kill_at(qa(work, *args, pause=pause), label, sig)

    assert snapshot(work / out) == (old if version == "old" else new), stderr
    if sig == signal.SIGTERM:
        assert "qa-pipeline: error: interrupted (SIGTERM)" in stderr
        assert temporaries(work) == [], stderr
    # a stale temporary of a SIGKILL is never inside the output nor named like it
    if (work / out).is_dir():
        assert not [n for n in os.listdir(work / out) if ".tmp" in n]
    assert all(n.startswith(f".{out}.") for n in temporaries(work))

    # the next run completes and removes whatever the killed run left behind
    run_to_end(work, *args)
    assert snapshot(work / out) == new
    assert temporaries(work) == []
