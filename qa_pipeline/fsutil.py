"""Atomic file writes: a report or baseline is either the old file or the whole new one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from functools import cache
from pathlib import Path


@cache
def _file_mode() -> int:
    """The mode a plain ``open()`` would give a new file (0o666 minus the umask), read once."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, data: str | bytes, durable: bool = True) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it over ``path``.

    The rename is atomic: readers see the old file or the whole new one, never half of it. With
    ``durable`` (the default, for JSON reports and baselines) the data is fsync'ed before the rename so
    it also survives a crash; HTML pages, cheap to regenerate, skip that cost. The file gets the usual
    permissions (not ``mkstemp``'s private 0600), so a web server can serve a report folder.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.chmod(tmp, _file_mode())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
