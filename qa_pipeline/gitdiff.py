"""``--diff REF`` (``--changed-since REF``): check only what changed since a git revision.

The files checked are those under the given paths that differ between ``REF`` and the working tree —
committed, staged and unstaged changes, renamed files under their new name, and untracked files that
git does not ignore; deleted files are skipped. For document formats (text, Markdown) only findings on
changed lines are kept; for PO and XLIFF, findings in changed entries or units (a unit is changed when
any line from its source to its target changed). Findings not tied to a segment are kept. Scores are
recomputed over the kept findings, against each file's full word count.

Where lines were only deleted, the lines on both sides of the deletion count as changed.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from qa_pipeline.errors import QaPipelineError


class GitError(QaPipelineError):
    """git is missing, the folder is not a repository, or the ref does not exist."""


@dataclass(frozen=True)
class Change:
    """One changed file: its path in the working tree and its changed lines (None: the whole file)."""

    path: Path
    lines: frozenset[int] | None


def _git(args: Sequence[str], cwd: Path) -> str:
    try:
        proc = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("--diff needs git, and git was not found on PATH") from None
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(msg[-1] if msg else f"git {' '.join(args)} failed")
    return proc.stdout.decode("utf-8", "surrogateescape")


def repo_root(cwd: Path) -> Path:
    try:
        out = _git(["rev-parse", "--show-toplevel"], cwd)
    except GitError:
        raise GitError(f"--diff: {cwd} is not inside a git repository") from None
    return Path(out.strip())


def _verify_ref(ref: str, top: Path) -> None:
    if ref.startswith("-"):
        raise GitError(f"--diff: {ref!r} is not a git revision")
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top)
    except GitError:
        raise GitError(f"--diff: unknown git revision {ref!r}") from None


_ESCAPES = {
    "t": b"\t",
    "n": b"\n",
    '"': b'"',
    "\\": b"\\",
    "a": b"\a",
    "b": b"\b",
    "f": b"\f",
    "r": b"\r",
    "v": b"\v",
}


def _unquote(path: str) -> str:
    """Undo git's C-style quoting of unusual file names (``"a\\tb"``, octal escapes for bytes)."""
    if not (len(path) >= 2 and path[0] == '"' and path[-1] == '"'):
        return path
    body, out, i = path[1:-1], bytearray(), 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in "01234567":
                out.append(int(body[i + 1 : i + 4], 8) & 0xFF)
                i += 4
                continue
            out += _ESCAPES.get(nxt, nxt.encode())
            i += 2
            continue
        out += c.encode("utf-8", "surrogateescape")
        i += 1
    return out.decode("utf-8", "surrogateescape")


def parse_diff(patch: str) -> dict[str, frozenset[int]]:
    """New-side changed line numbers per file from ``git diff --unified=0`` output."""
    out: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in patch.splitlines():
        if line.startswith("diff --git "):
            current = None
        elif line.startswith("+++ "):
            name = _unquote(line[4:].rstrip("\t"))
            if name == "/dev/null":
                current = None
            else:
                current = out.setdefault(name[2:] if name.startswith("b/") else name, set())
        elif line.startswith("@@ ") and current is not None:
            new = line.split(" ")[2]  # "+start,count"
            start_s, _, count_s = new[1:].partition(",")
            start, count = int(start_s), int(count_s) if count_s else 1
            if count:
                current.update(range(start, start + count))
            else:  # pure deletion after line `start`: both neighbours are touched
                current.update(n for n in (start, start + 1) if n > 0)
    return {k: frozenset(v) for k, v in out.items()}


def changed_files(ref: str, cwd: Path | None = None) -> list[Change]:
    """Files changed between ``ref`` and the working tree (plus untracked ones), sorted by path."""
    cwd = cwd or Path.cwd()
    top = repo_root(cwd)
    _verify_ref(ref, top)
    status = _git(["diff", "--name-status", "-z", "-M", "--no-ext-diff", ref, "--"], top).split("\0")
    paths: dict[str, Path] = {}
    i = 0
    while i < len(status) and status[i]:
        code = status[i][0]
        if code in "RC":
            new_name = status[i + 2]
            i += 3
        else:
            new_name = status[i + 1]
            i += 2
        if code == "D":
            continue
        paths[new_name] = top / new_name
    lines = parse_diff(_git(["diff", "--unified=0", "-M", "--no-color", "--no-ext-diff", ref, "--"], top))
    out = [Change(paths[name], lines.get(name, frozenset())) for name in sorted(paths)]
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top).split("\0")
    out += [Change(top / name, None) for name in sorted(n for n in untracked if n and n not in paths)]
    return [c for c in out if c.path.is_file()]


def _under(path: Path, roots: Iterable[Path]) -> bool:
    resolved = path.resolve()
    for root in roots:
        r = root.resolve()
        if resolved == r or r in resolved.parents:
            return True
    return False


def _display(path: Path, cwd: Path) -> str:
    try:
        return os.path.relpath(path, cwd) if path.resolve().is_relative_to(cwd.resolve()) else str(path)
    except ValueError:
        return str(path)


def changed_under(
    paths: Sequence[str], ref: str, claimed: Callable[[Path], bool], cwd: Path | None = None
) -> tuple[list[str], dict[Path, frozenset[int] | None]]:
    """The files under ``paths`` that changed since ``ref`` and that a reader claims (as paths to show,
    sorted) and their changed lines by real path (None: a new, untracked file — every line)."""
    cwd = cwd or Path.cwd()
    roots = [Path(p) for p in (paths or ["."])]
    changes = [c for c in changed_files(ref, cwd) if claimed(c.path) and _under(c.path, roots)]
    shown = sorted(_display(c.path, cwd) for c in changes)
    return shown, {c.path.resolve(): c.lines for c in changes}
