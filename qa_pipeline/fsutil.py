"""Atomic output: a report, report folder or baseline is either the old version or the whole new one.

**Files** (``--output``, ``--sarif``, baselines) are written to a temporary file beside the target,
``.NAME.XXXXXXXX.tmp``, then renamed over it. **Folders** (``--report-dir``, ``--html``) are written to a
temporary folder beside the target, ``.NAME.tmp-XXXXXXXX``, then swapped with the target in one rename
and the old folder (now under the temporary name) is deleted. A crash or kill at any step leaves:

* while the new version is written: the old file or folder untouched, plus a temporary beside it;
* after the swap: the new version, plus the old folder under a temporary name;
* on a system without an atomic exchange of two folders (not Linux or macOS): the old folder is first
  renamed to ``.NAME.old-XXXXXXXX`` and the new one renamed in, so for an instant there is no folder —
  but never a partial or mixed one.

Nothing temporary is ever inside the target folder, and temporary names start with a dot and end in
``.tmp`` / ``.tmp-…`` / ``.old-…``, so an artifact upload of the target never picks one up. SIGINT and
SIGTERM (which :mod:`qa_pipeline.cli` turns into an exception) remove the temporaries; the final swap and
the clean-up run with those signals held back until they are done. After a SIGKILL or power loss a
temporary may remain: while a run writes one it holds an advisory lock (``flock``) on it, and the next
run that writes the same target deletes every temporary of that target that nobody holds.

A folder is replaced only when it does not exist, is empty, carries the marker file
:data:`MARKER` that every report folder gets, or is a report folder of qa-pipeline 0.1.0 (JSON and HTML
files and a qa-pipeline ``summary.json`` or ``index.html``): ``--report-dir src/`` is refused, not wiped.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path

MARKER = ".qa-pipeline-report"
MARKER_TEXT = "This folder is written by qa-pipeline; every run replaces all of it.\n"
PAUSE_ENV = "QA_PIPELINE_TEST_PAUSE"
"""Test hook for the fault-injection tests: ``SECONDS`` or ``SECONDS:LABEL``. Every write step is announced
on stderr (``qa-pipeline: test pause: LABEL``); the run pauses at the steps whose label starts with
``LABEL`` (all of them without one), so a test can kill it at an exact point."""

_SIGNALS = tuple(s for s in (getattr(signal, "SIGINT", None), getattr(signal, "SIGTERM", None)) if s)


class OutputError(OSError):
    """An output path that cannot be written; ``str()`` is ``"<path>: <reason>"``."""

    def __init__(self, code: int, reason: str, path: Path | str) -> None:
        super().__init__(code, reason, str(path))

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


@cache
def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _file_mode() -> int:
    """The mode a plain ``open()`` gives a new file (0o666 minus the umask)."""
    return 0o666 & ~_umask()


def _dir_mode() -> int:
    return 0o777 & ~_umask()


def checkpoint(label: str) -> None:
    """Announce a write step and pause there when the test hook :data:`PAUSE_ENV` asks for it."""
    spec = os.environ.get(PAUSE_ENV)
    if not spec:
        return
    seconds, _, at = spec.partition(":")
    sys.stderr.write(f"qa-pipeline: test pause: {label}\n")
    sys.stderr.flush()
    if label.startswith(at):
        time.sleep(float(seconds))


@contextlib.contextmanager
def deferred_signals() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back for the duration (they are delivered right after).

    The Python-level handlers are swapped for a recorder, not the thread's signal mask: a signal mask is
    per thread, and a signal sent to the process may land in another thread (a language model's), whose
    handler would then run in the main thread in the middle of the critical step."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread can set handlers; the main thread's own steps are the critical ones
        return
    caught: list[int] = []

    def record(signum: int, frame: object) -> None:
        caught.append(signum)

    previous = {sig: signal.signal(sig, record) for sig in _SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for sig in dict.fromkeys(caught):
            signal.raise_signal(sig)


# --- advisory locks and stale temporaries ---------------------------------------------------------


def _hold(fd: int) -> None:
    """Lock ``fd`` for as long as it stays open: it marks a temporary as in use by a live run."""
    with contextlib.suppress(ImportError, OSError):
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _abandoned(path: str) -> bool:
    """True when no live process holds ``path``'s lock (False where locks are unavailable)."""
    try:
        import fcntl
    except ImportError:
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


def _temp_file_pattern(name: str) -> re.Pattern[str]:
    # tempfile.mkstemp's random part: 8 characters of [a-z0-9_]
    return re.compile(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp")


def _temp_dir_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(name)}\.(?:tmp|old)-[a-z0-9_]{{8}}")


def remove_stale(parent: Path, name: str) -> list[str]:
    """Delete the temporaries of ``parent / name`` that a killed run left behind; their names."""
    files, dirs = _temp_file_pattern(name), _temp_dir_pattern(name)
    removed: list[str] = []
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return removed
    for entry in entries:
        is_file = files.fullmatch(entry.name) and entry.is_file(follow_symlinks=False)
        is_dir = dirs.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False)
        if not (is_file or is_dir) or not _abandoned(entry.path):
            continue
        try:
            if is_dir:
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
        except OSError:
            continue
        removed.append(entry.name)
    return removed


# --- files ----------------------------------------------------------------------------------------


def _file_in_the_way(path: Path) -> Path | None:
    """The first existing part of ``path``'s folder that is a file, not a folder, or None."""
    for part in reversed((path.parent, *path.parent.parents)):
        if part.exists() and not part.is_dir():
            return part
        if not part.exists():
            return None
    return None


def _not_a_folder(path: Path, blocker: Path) -> OutputError:
    return OutputError(errno.ENOTDIR, f"cannot write here: {blocker} is a file, not a folder", path)


def _make_parent(path: Path) -> None:
    """Create ``path``'s folder; a clear error when a part of it is a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise _not_a_folder(path, _file_in_the_way(path) or path.parent) from None


def check_file_target(path: Path) -> None:
    """Raise :class:`OutputError` now if ``path`` cannot be written as a file (nothing is created)."""
    blocker = _file_in_the_way(path)
    if blocker is not None:
        raise _not_a_folder(path, blocker)
    if path.is_dir():
        raise OutputError(errno.EISDIR, "is a folder, not a file", path)


def check_folder_target(folder: Path) -> None:
    """Raise :class:`OutputError` now if ``folder`` cannot be replaced by a report folder."""
    target = Path(os.path.realpath(folder))
    blocker = _file_in_the_way(target)
    if blocker is not None:
        raise _not_a_folder(folder, blocker)
    if not os.path.lexists(target):
        return
    if not target.is_dir():
        raise OutputError(errno.ENOTDIR, "exists and is not a folder", folder)
    if not _report_folder(target):
        raise OutputError(
            errno.EEXIST,
            f"not a qa-pipeline report folder (it is not empty and has no {MARKER} file); "
            "refusing to replace it: choose a new or empty folder",
            folder,
        )


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(path: Path, data: str | bytes, durable: bool = True) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it over ``path``.

    The rename is atomic: readers see the old file or the whole new one, never half of it. With
    ``durable`` (the default) the data is fsync'ed before the rename so it also survives a power loss.
    The file gets the usual permissions (not ``mkstemp``'s private 0600).
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if not isinstance(raw, bytes):
        raise TypeError(f"write_atomic needs str or bytes, not {type(data).__name__}")
    check_file_target(path)
    _make_parent(path)
    remove_stale(path.parent, path.name)
    fd, tmp = -1, ""
    try:
        with deferred_signals():
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            _hold(fd)
        with open(fd, "wb", closefd=False) as fh:
            fh.write(raw)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.chmod(tmp, _file_mode())
        checkpoint(f"file {path.name}")
        os.replace(tmp, path)
    except BaseException:
        with deferred_signals(), contextlib.suppress(FileNotFoundError):
            if tmp:
                os.unlink(tmp)
        raise
    finally:
        if fd >= 0:
            os.close(fd)
    if durable:
        _fsync_dir(path.parent)


# --- folders --------------------------------------------------------------------------------------


class StagedDir:
    """The new folder being written (under a temporary name until the swap)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def write(self, name: str, data: str | bytes, durable: bool = True) -> None:
        """Write one file of the new folder (``durable``: fsync'ed before the swap)."""
        raw = data.encode("utf-8") if isinstance(data, str) else data
        fd = os.open(self.path / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with open(fd, "wb") as fh:
            fh.write(raw)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        checkpoint(f"staged {name}")


def _report_folder(folder: Path) -> bool:
    """True when ``folder`` may be replaced: empty, marked as ours, or a qa-pipeline 0.1.0 report."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return False
    if not entries:
        return True
    names = {e.name for e in entries}
    if MARKER in names:
        return True
    legacy = re.compile(r"[^/]+\.(?:json|html)|\..+\.tmp")
    if not all(legacy.fullmatch(e.name) and e.is_file(follow_symlinks=False) for e in entries):
        return False
    with contextlib.suppress(OSError, ValueError, AttributeError):
        if "summary.json" in names:
            data = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
            return bool(data["tool"]["name"] == "qa-pipeline")
        if "index.html" in names:
            with open(folder / "index.html", encoding="utf-8") as fh:
                return '<meta name="generator" content="qa-pipeline' in fh.read(4096)
    return False


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step; False when the system cannot (no such call)."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    except OSError:
        return False
    src, dst = os.fsencode(a), os.fsencode(b)
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        at_fdcwd, rename_exchange = -100, 2
        fn = libc.renameat2
        fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        result = fn(at_fdcwd, src, at_fdcwd, dst, rename_exchange)
    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        rename_swap = 2
        fn = libc.renamex_np
        fn.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
        result = fn(src, dst, rename_swap)
    else:
        return False
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # e.g. a file system without exchange support: fall back to two renames
    raise OSError(code, os.strerror(code), str(b))


def _swap_in(stage: Path, target: Path) -> None:
    """Put ``stage`` at ``target``; afterwards ``stage``'s name holds the old folder (or nothing)."""
    if not os.path.lexists(target):
        os.rename(stage, target)
        return
    if _exchange(stage, target):
        return
    old = target.parent / f".{target.name}.old-{secrets.token_hex(4)}"
    os.rename(target, old)
    os.rename(stage, target)
    os.rename(old, stage)


@contextlib.contextmanager
def replace_dir(folder: Path) -> Iterator[StagedDir]:
    """Write a new version of ``folder`` into the yielded :class:`StagedDir`, then swap it in.

    On an exception (including SIGINT/SIGTERM) ``folder`` is left as it was and the temporary folder is
    deleted. A folder that is not a report folder (see the module docs) is refused with
    :class:`OutputError` before anything is written.
    """
    check_folder_target(folder)
    target = Path(os.path.realpath(folder))  # a symlinked report folder: replace what it points to
    _make_parent(target)
    remove_stale(target.parent, target.name)
    stage: Path | None = None
    lock = -1
    try:
        with deferred_signals():
            stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
            with contextlib.suppress(OSError):  # a folder cannot be opened on Windows: no lock there
                lock = os.open(stage, os.O_RDONLY)
                _hold(lock)
        os.chmod(stage, _dir_mode())
        staged = StagedDir(stage)
        staged.write(MARKER, MARKER_TEXT)
        yield staged
        _fsync_dir(stage)
        with deferred_signals():
            _swap_in(stage, target)
            checkpoint(f"swapped {target.name}")
            shutil.rmtree(stage, ignore_errors=True)
        _fsync_dir(target.parent)
    except BaseException:
        if stage is not None:
            with deferred_signals():
                shutil.rmtree(stage, ignore_errors=True)
        raise
    finally:
        if lock >= 0:
            os.close(lock)
