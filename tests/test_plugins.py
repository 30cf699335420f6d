"""Third-party rules: a package that declares a ``qa_pipeline.rules`` entry point, and rules that crash.

The plugin here is a real installed distribution: a module plus a ``.dist-info`` folder with
``entry_points.txt`` on ``sys.path``, which is what ``pip install`` leaves behind, found by
``importlib.metadata`` in a fresh interpreter.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from qa_pipeline.config import load_settings
from qa_pipeline.pipeline import check_paths
from qa_pipeline.registry import load_registry

PLUGIN = '''
from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class Bananas(SegmentRule):
    """The word "bananas", which our style guide forbids.

    Why it matters: house style.

    Example:
        Bad: ``Yes, we have no bananas.``
        Good: ``Yes, we have no fruit.``

    Options: none.
    """

    meta = RuleMeta(
        code="QA990", name="forbidden-bananas", category="style/company-style",
        severity=Severity.MAJOR, summary="The word bananas.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        at = segment.target.find("bananas")
        if at >= 0:
            yield Violation("no bananas, please", span=Span(at, at + len("bananas")))


class Boom(SegmentRule):
    """A rule with a bug.

    Why it matters: it shows what a crashing rule does to a run.

    Example:
        Bad: ``anything``
        Good: ``nothing``

    Options: none.
    """

    meta = RuleMeta(
        code="QA991", name="always-raises", category="style/company-style",
        severity=Severity.MINOR, summary="Raises on every segment.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        raise ValueError(f"cannot handle {segment.id}")
'''


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site")
    (site / "qa_bananas.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    info = site / "qa_bananas-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: qa-bananas\nVersion: 0.1\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[qa_pipeline.rules]\nbananas = qa_bananas:Bananas\nboom = qa_bananas:Boom\n", encoding="utf-8"
    )
    return site


def _run(args: list[str], plugin: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(plugin), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-m", "qa_pipeline", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


def test_plugin_rules_are_registered_and_documented(plugin_path: Path, tmp_path: Path) -> None:
    listing = _run(["rules"], plugin_path, tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert "QA990  forbidden-bananas" in listing.stdout
    explain = _run(["explain", "forbidden-bananas"], plugin_path, tmp_path)
    assert "our style guide forbids" in explain.stdout


def test_plugin_rule_reports_findings(plugin_path: Path, tmp_path: Path) -> None:
    (tmp_path / "a.en.txt").write_text("Yes, we have no bananas today.\n", encoding="utf-8")
    proc = _run(["check", "a.en.txt", "--select", "QA990", "--format", "json"], plugin_path, tmp_path)
    report = json.loads(proc.stdout)
    findings = report["files"][0]["findings"]
    assert [(f["code"], f["excerpt"], f["column"]) for f in findings] == [("QA990", "bananas", 17)]
    assert proc.returncode == 1  # a major finding: the score drops below 90 on a 6-word file


def test_crashing_plugin_rule_fails_the_run_with_exit_2(plugin_path: Path, tmp_path: Path) -> None:
    (tmp_path / "a.en.txt").write_text("First  paragraph.\n\nSecond paragraph.\n", encoding="utf-8")
    proc = _run(["check", "a.en.txt", "--select", "QA991,QA104", "--format", "json"], plugin_path, tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    rep = json.loads(proc.stdout)["files"][0]
    assert rep["passed"] is False
    assert rep["errors"] == [
        {
            "code": "QA991",
            "name": "always-raises",
            "message": "ValueError: cannot handle p1",
            "segment_id": "p1",
            "count": 2,
        }
    ]
    assert [f["code"] for f in rep["findings"]] == ["QA104"]  # the other rules still ran


def test_broken_plugin_is_a_one_line_error(tmp_path: Path) -> None:
    site = tmp_path / "site"
    info = site / "broken-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[qa_pipeline.rules]\nx = no_such_module:Rule\n", encoding="utf-8")
    proc = _run(["rules"], site, tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "plugin x" in proc.stderr and "no_such_module" in proc.stderr


def test_a_builtin_rule_that_raises_is_reported_not_passed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: a rule that raised used to leave the file at score 100, passed, exit 0."""
    from qa_pipeline.checks.qa104_double_space import DoubleSpace

    def explode(self: object, segment: object, ctx: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(DoubleSpace, "check", explode)
    (tmp_path / "a.fr.txt").write_text("Le chat dort.\n", encoding="utf-8")
    settings, registry = load_settings(None, tmp_path, load_registry, {"select": ["QA104", "QA601"]})
    run = check_paths([str(tmp_path / "a.fr.txt")], settings, registry)
    rep = run.files[0]
    assert [(e.code, e.message) for e in rep.rule_errors] == [("QA104", "RuntimeError: bug")]
    assert not rep.passed and not run.passed
