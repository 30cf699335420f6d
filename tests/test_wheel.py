"""The built wheel, installed (not editable) in a fresh virtual environment, checks files with the
built-in rule files it ships."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from qa_pipeline.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent


def _data_rule_example() -> tuple[str, dict[str, object]]:
    for entry in load_registry():
        if entry.origin.endswith(".yaml"):
            for ex in entry.examples:
                if ex.get("expect") and not ex.get("source"):
                    return entry.meta.code, dict(ex)
    pytest.skip("no built-in data rule with a target-only example")


@pytest.mark.slow
def test_wheel_installs_and_ships_rule_files(tmp_path: Path) -> None:
    code, example = _data_rule_example()
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("qa_pipeline-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run(
        [str(bindir / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )

    listing = subprocess.run(
        [
            str(bindir / "python"),
            "-c",
            "import qa_pipeline, pathlib; p = pathlib.Path(qa_pipeline.__file__).parent;"
            " print(sorted(x.name for x in (p / 'builtin_rules').glob('*.yaml')))",
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,  # not the checkout: import the installed package
    )
    assert ".yaml" in listing.stdout

    sample = tmp_path / "work" / "sample.txt"
    sample.parent.mkdir()
    sample.write_text(str(example["target"]) + "\n", encoding="utf-8")
    proc = subprocess.run(
        [
            str(bindir / "qa-pipeline"),
            "check",
            str(sample),
            "--select",
            code,
            "--lang",
            str(example.get("lang", "en")),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path / "work",
    )
    assert proc.returncode in (0, 1), proc.stderr
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert [f["code"] for f in findings] and all(f["code"] == code for f in findings)
