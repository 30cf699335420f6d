"""Stage 1, collect: the files a run checks.

Files named on the command line are checked as they are; folders are searched for the extensions a
reader claims, skipping VCS and tool folders and the ``exclude`` globs. A symbolic link in a folder that
points outside it is skipped (like git and ruff) unless ``follow-links`` is set, with a note on stderr.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from qa_pipeline.config import Settings
from qa_pipeline.readers import format_of, scan_format

SKIP_DIRS = {".git", ".hg", ".svn", ".tox", ".venv", "venv", "node_modules", "__pycache__", ".mypy_cache"}


def collect_files(paths: Sequence[str], settings: Settings, skipped: list[str] | None = None) -> list[Path]:
    """Files to check: given files as they are, folders searched for known extensions (sorted).

    In a folder, a symbolic link whose target lies outside that folder is not followed (like git and
    ruff) unless ``follow-links`` is set: its path and reason are appended to ``skipped``. A file named
    on the command line is checked even when it is a link: naming it is asking for it.
    """
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = _walk(p, settings.follow_links, skipped if skipped is not None else [], settings.formats)
            out.extend(sorted(f for f in found if _claimed(f, settings.formats)))
        else:
            out.append(p)
    kept = []
    seen = set()
    for p in out:
        rel = relpath(p, settings.root)
        if any(fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(p.name, pat) for pat in settings.exclude):
            continue
        key = str(p.resolve())
        if key not in seen:
            seen.add(key)
            kept.append(p)
    return kept


def _skipped_dir(name: str) -> bool:
    return name in SKIP_DIRS or name.startswith(".")


def _claimed(path: Path, mapped: Mapping[str, str]) -> bool:
    """Whether a folder scan reads ``path``: a format claims its extension and, for extensions common
    outside localization (``.json``, ``.xml``…), its path or first bytes say it is a translation file."""
    return scan_format(path, mapped) is not None


def _walk(top: Path, follow: bool, skipped: list[str], mapped: Mapping[str, str]) -> list[Path]:
    """Checkable files under ``top``. Links out of ``top`` are skipped unless ``follow``; links to
    folders are only followed with ``follow`` (inside ``top`` their target is walked anyway), each real
    folder at most once, so a link loop ends."""
    root = Path(os.path.realpath(top))
    found: list[Path] = []
    visited = {root}
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue  # unreadable folder: like os.walk, skip it
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                real = Path(os.path.realpath(path))
                is_dir = real.is_dir()
                if (is_dir and _skipped_dir(entry.name)) or (not is_dir and format_of(path, mapped) is None):
                    continue
                if not real.exists():
                    skipped.append(f"{path}: a broken symbolic link")
                    continue
                if not follow and not (real == root or root in real.parents):
                    kind = "folder" if is_dir else "file"
                    skipped.append(
                        f"{path}: a symbolic link to a {kind} outside {top} (--follow-links checks it)"
                    )
                    continue
                if not is_dir:
                    found.append(path)
                elif follow and real not in visited:
                    visited.add(real)
                    stack.append(path)
            elif entry.is_dir(follow_symlinks=False):
                if not _skipped_dir(entry.name):
                    visited.add(Path(os.path.realpath(path)))
                    stack.append(path)
            elif format_of(path, mapped) is not None:
                found.append(path)
    return found


def relpath(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def report_skipped(skipped: Sequence[str], limit: int = 10) -> None:
    """One stderr line per skipped link (up to ``limit``, then a count): never a silent skip."""
    for line in skipped[:limit]:
        print(f"qa-pipeline: skipped {line}", file=sys.stderr)
    if len(skipped) > limit:
        print(f"qa-pipeline: skipped {len(skipped) - limit} more symbolic link(s)", file=sys.stderr)
