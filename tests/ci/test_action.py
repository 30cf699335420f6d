"""The composite GitHub Action and the pre-commit hook definition: structure, and the gate step's shell
script run for real against this package (the runner is simulated with environment variables)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.ci.conftest import write

ROOT = Path(__file__).resolve().parents[2]


def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return data


def test_action_structure() -> None:
    data = action()
    assert data["runs"]["using"] == "composite"
    inputs = data["inputs"]
    for name in (
        "paths",
        "baseline",
        "fail-on",
        "min-score",
        "python-version",
        "report-dir",
        "upload-sarif",
        "version",
    ):
        assert name in inputs, name
    steps = data["runs"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/upload-artifact@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    for step in steps:
        if "uses" in step and "upload" in step["uses"]:
            assert step["if"].startswith("always()")
        if "run" in step:
            assert step["shell"] == "bash"
            # inputs reach scripts through env, never pasted into the script (injection)
            assert "${{ inputs." not in step["run"]
    install = next(s for s in steps if s.get("name") == "Install qa-pipeline")
    assert "github.action_path" in install["env"]["ACTION_PATH"]


def test_every_input_is_used() -> None:
    data = action()
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    for name in data["inputs"]:
        assert f"inputs.{name}" in text, name


def test_pre_commit_hook_definition() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "qa-pipeline" and hook["language"] == "python"
    assert hook["require_serial"] is True
    assert hook["entry"].startswith("qa-pipeline check") and "--compact" in hook["entry"]
    pattern = re.compile(hook["files"])
    for name in ("a.po", "b.pot", "c.xlf", "d.XLIFF", "e.md", "f.markdown", "g.txt"):
        assert pattern.search(name), name
    for name in ("a.py", "b.json", "c.mdx", "po.html"):
        assert not pattern.search(name), name


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize(("baseline", "expected_code"), [(False, "1"), (True, "0")])
def test_gate_step_script_runs(tmp_path: Path, baseline: bool, expected_code: str) -> None:
    step = next(s for s in action()["runs"]["steps"] if s.get("id") == "gate")
    runner_temp = tmp_path / "runner"
    venv_bin = runner_temp / "qa-pipeline-venv" / "bin"
    venv_bin.mkdir(parents=True)
    launcher = venv_bin / "qa-pipeline"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m qa_pipeline "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    (venv_bin / "python").symlink_to(sys.executable)
    work = tmp_path / "work"
    write(work / "qa-pipeline.toml", 'select = ["QA104"]\nmin-score = 99\n')
    write(work / "content" / "fr" / "a.txt", "Le  fichier est ouvert.\n\nTout va bien.\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "QA_"))}
    if baseline:
        subprocess.run(
            [sys.executable, "-m", "qa_pipeline", "baseline", "content", "-o", "qa-baseline.json"],
            cwd=work,
            check=True,
            capture_output=True,
            env=env,
        )
    output, summary = tmp_path / "output", tmp_path / "summary.md"
    env.update(
        {
            "RUNNER_TEMP": str(runner_temp),
            "GITHUB_OUTPUT": str(output),
            "GITHUB_STEP_SUMMARY": str(summary),
            "GITHUB_ACTIONS": "true",
            "QA_PATHS": "content\n",
            "QA_BASELINE": "qa-baseline.json" if baseline else "",
            "QA_DIFF": "",
            "QA_FAIL_ON": "",
            "QA_MIN_SCORE": "",
            "QA_CONFIG": "",
            "QA_ARGS": "--lang fr",
            "QA_REPORT_DIR": "qa-report",
        }
    )
    proc = subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=work, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines())
    assert outputs["exit-code"] == expected_code
    sarif = json.loads(Path(outputs["sarif-file"]).read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"][0]["ruleId"] == "QA104"
    assert outputs["report-dir"] == "qa-report" and (work / "qa-report" / "summary.json").is_file()
    if baseline:
        assert "::warning" not in proc.stdout  # known findings are not annotated
        assert "Baseline: 0 new, 1 known, 0 fixed" in summary.read_text(encoding="utf-8")
    else:
        assert "::warning file=content/fr/a.txt,line=1,col=3" in proc.stdout
        assert "qa-pipeline: FAILED" in summary.read_text(encoding="utf-8")


def test_dogfood_workflow_uses_the_action() -> None:
    from qa_pipeline.baseline import read_baseline

    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "qa.yml").read_text(encoding="utf-8"))
    steps = [s for job in wf["jobs"].values() for s in job["steps"]]
    gate, backlog = [s for s in steps if s.get("uses") == "./"]
    assert gate["with"]["paths"] == backlog["with"]["paths"] == "examples"
    baseline = ROOT / gate["with"]["baseline"]
    assert read_baseline(baseline).files  # exists, parses and matches the schema
    assert "baseline" not in backlog["with"]
    perms = next(iter(wf["jobs"].values()))["permissions"]
    assert perms["security-events"] == "write"
