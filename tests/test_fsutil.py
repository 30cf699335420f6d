"""Atomic writes: files and report folders are the old version or the whole new one, temporaries are
cleaned up, stale ones from a killed run are removed by the next run, and foreign folders are refused."""

from __future__ import annotations

import json
import os
import signal
import stat
import threading
import time
from pathlib import Path

import pytest

from qa_pipeline import fsutil
from qa_pipeline.fsutil import (
    MARKER,
    OutputError,
    check_file_target,
    deferred_signals,
    remove_stale,
    replace_dir,
    write_atomic,
)

fcntl = pytest.importorskip("fcntl")


def listing(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def test_replaces_whole_file_with_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.json"
    write_atomic(target, "first")
    write_atomic(target, "second", durable=False)
    assert target.read_text(encoding="utf-8") == "second"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]


def test_failure_keeps_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "baseline.json"
    target.write_text("old", encoding="utf-8")

    with pytest.raises(TypeError):
        write_atomic(target, 12345)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["baseline.json"]


def test_interrupt_while_writing_keeps_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def interrupted(label: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(fsutil, "checkpoint", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    assert listing(tmp_path) == {"out.json": "old"}


def test_stale_temp_of_a_dead_run_is_removed_and_a_live_one_kept(tmp_path: Path) -> None:
    stale = tmp_path / ".out.json.abcd1234.tmp"
    stale.write_text("half", encoding="utf-8")
    live = tmp_path / ".out.json.live_123.tmp"
    live.write_text("being written", encoding="utf-8")
    other = tmp_path / ".other.json.abcd1234.tmp"  # another target's temporary: not ours to judge
    other.write_text("x", encoding="utf-8")
    fd = os.open(live, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # a run that is still writing holds its temporary's lock
        write_atomic(tmp_path / "out.json", "new")
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out.json", live.name, other.name])
    finally:
        os.close(fd)
    assert remove_stale(tmp_path, "out.json") == [live.name]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("afile/x", "afile/x: cannot write here: afile is a file, not a folder"),
        ("afile/deeper/x", "afile/deeper/x: cannot write here: afile is a file, not a folder"),
        ("adir", "adir: is a folder, not a file"),
    ],
)
def test_unwritable_file_targets_are_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    (tmp_path / "adir").mkdir()
    with pytest.raises(OutputError) as err:
        check_file_target(Path(target))
    assert str(err.value) == expected
    with pytest.raises(OutputError) as err:
        write_atomic(Path(target), "data")
    assert str(err.value) == expected


# --- report folders -------------------------------------------------------------------------------


def write_dir(folder: Path, files: dict[str, str]) -> None:
    with replace_dir(folder) as out:
        for name, text in files.items():
            out.write(name, text)


def test_new_folder_replaces_the_old_one_whole(tmp_path: Path) -> None:
    folder = tmp_path / "report"
    write_dir(folder, {"a.json": "1", "old-only.json": "2"})
    write_dir(folder, {"a.json": "3", "index.html": "4"})
    assert listing(folder) == {MARKER: fsutil.MARKER_TEXT, "a.json": "3", "index.html": "4"}
    assert [p.name for p in tmp_path.iterdir()] == ["report"]  # no temporary beside it
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o777 & ~mask


def test_without_atomic_exchange_two_renames_give_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fsutil, "_exchange", lambda a, b: False)
    folder = tmp_path / "report"
    write_dir(folder, {"a.json": "1"})
    write_dir(folder, {"b.json": "2"})
    assert listing(folder) == {MARKER: fsutil.MARKER_TEXT, "b.json": "2"}
    assert [p.name for p in tmp_path.iterdir()] == ["report"]


def test_an_exception_while_writing_keeps_the_old_folder_and_no_temp(tmp_path: Path) -> None:
    folder = tmp_path / "report"
    write_dir(folder, {"a.json": "1"})
    before = listing(folder)
    with pytest.raises(KeyboardInterrupt), replace_dir(folder) as out:
        out.write("b.json", "half")
        raise KeyboardInterrupt
    assert listing(folder) == before
    assert [p.name for p in tmp_path.iterdir()] == ["report"]


def test_a_folder_that_is_not_a_report_is_refused_and_untouched(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "main.py").write_text("print('hi')\n", encoding="utf-8")
    with pytest.raises(OutputError, match=r"src: not a qa-pipeline report folder .* refusing to replace it"):
        write_dir(src, {"a.json": "1"})
    assert listing(src) == {"main.py": "print('hi')\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["src"]
    # a file where the folder should be
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="exists and is not a folder"):
        write_dir(tmp_path / "file", {})


def test_empty_folder_and_a_qa_pipeline_0_1_report_folder_are_replaced(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    write_dir(empty, {"a.json": "1"})
    assert "a.json" in listing(empty)

    legacy = tmp_path / "legacy"
    legacy.mkdir()
    (legacy / "summary.json").write_text(json.dumps({"tool": {"name": "qa-pipeline"}}), encoding="utf-8")
    (legacy / "docs__a.md.json").write_text("{}", encoding="utf-8")
    (legacy / ".index.html.x1y2z3ab.tmp").write_text("<", encoding="utf-8")
    write_dir(legacy, {"summary.json": "new"})
    assert listing(legacy) == {MARKER: fsutil.MARKER_TEXT, "summary.json": "new"}

    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "summary.json").write_text(json.dumps({"tool": {"name": "other"}}), encoding="utf-8")
    with pytest.raises(OutputError):
        write_dir(foreign, {})


def test_a_symlinked_report_folder_is_replaced_where_it_points(tmp_path: Path) -> None:
    real = tmp_path / "real"
    write_dir(real, {"a.json": "1"})
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    write_dir(link, {"b.json": "2"})
    assert link.is_symlink() and "b.json" in listing(real) and "a.json" not in listing(real)


def test_stale_folders_of_a_killed_run_are_removed_and_a_live_one_kept(tmp_path: Path) -> None:
    folder = tmp_path / "report"
    write_dir(folder, {"a.json": "1"})
    for name in (".report.tmp-abcd1234", ".report.old-0f0f0f0f", ".report.tmp-live_123"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "x.json").write_text("partial", encoding="utf-8")
    fd = os.open(tmp_path / ".report.tmp-live_123", os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        write_dir(folder, {"b.json": "2"})
        assert sorted(p.name for p in tmp_path.iterdir()) == [".report.tmp-live_123", "report"]
    finally:
        os.close(fd)


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="needs POSIX signal masks")
def test_signals_are_held_back_during_a_critical_step() -> None:
    class Stop(Exception):
        pass

    def handler(signum: int, frame: object) -> None:
        raise Stop

    previous = signal.signal(signal.SIGTERM, handler)
    steps = []
    try:
        with pytest.raises(Stop):
            with deferred_signals():
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(0.1)  # delivery is asynchronous when other threads exist
                steps.append("still running")
            steps.append("not reached")
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert steps == ["still running"]


def test_signals_that_land_in_another_thread_are_held_back_too() -> None:
    """A signal mask is per thread: a SIGTERM delivered to another thread (a language model's) used to
    run the handler in the middle of the critical step."""

    class Stop(Exception):
        pass

    def handler(signum: int, frame: object) -> None:
        raise Stop

    other_done = threading.Event()
    other = threading.Thread(target=other_done.wait, daemon=True)
    other.start()
    previous = signal.signal(signal.SIGTERM, handler)
    steps = []
    try:
        with pytest.raises(Stop):
            with deferred_signals():
                assert other.ident is not None
                signal.pthread_kill(other.ident, signal.SIGTERM)
                time.sleep(0.3)  # delivery to the other thread is asynchronous: let it happen in here
                steps.append("still running")
            steps.append("not reached")
    finally:
        signal.signal(signal.SIGTERM, previous)
        other_done.set()
    assert steps == ["still running"]
