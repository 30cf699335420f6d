"""Atomic writes keep the old file on failure and give new files the usual permissions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from qa_pipeline.fsutil import write_atomic


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
