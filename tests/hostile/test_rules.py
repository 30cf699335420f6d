"""Hostile rule files (a pull request may add one to a ``rule-paths`` folder), through the CLI.

A rule file that cannot be used stops the run before any file is checked, with one line naming the
file and the reason (exit 2). A pattern that backtracks catastrophically is stopped by its time
budget: an error of that rule for the file it ran on (``E002`` in the text report, ``errors`` in
JSON), naming the rule file and the pattern (exit 2), while the other files are still checked.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_cli import qa

HEAD = """\
code: QA990
name: hostile-rule
category: style/register
severity: minor
summary: A rule file from a pull request.
kind: existence
"""
EXAMPLES = """\
examples:
  - {lang: en, target: "bonjour", expect: 0}
  - {lang: en, target: "aaa", expect: 1}
"""


def _project(tmp_path: Path, rule: str) -> Path:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "hostile.yaml").write_text(rule, encoding="utf-8")
    (tmp_path / "qa-pipeline.toml").write_text('rule-paths = ["rules"]\n', encoding="utf-8")
    (tmp_path / "long.txt").write_text("a" * 20_000 + "!\n", encoding="utf-8")
    (tmp_path / "fine.txt").write_text("A good editor.\n", encoding="utf-8")
    return tmp_path / "rules" / "hostile.yaml"


def test_catastrophic_pattern_is_stopped(tmp_path: Path) -> None:
    rule = _project(tmp_path, HEAD + "patterns:\n  en: ['(a+)+$']\n" + EXAMPLES)
    proc = qa("check", ".", "--lang", "en", "--select", "QA990", cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stdout.splitlines() if " E002 " in line]
    assert len(errors) == 1
    assert errors[0].startswith(
        "long.txt:1:1: E002 error rule QA990 hostile-rule raised on segment p1: "
        f"RuleTimeout: pattern '(a+)+$' of {rule.resolve()} ran out of time"
    )
    proc = qa("check", ".", "--lang", "en", "--select", "QA990", "--format", "json", cwd=tmp_path)
    files = {f["file"]: f for f in json.loads(proc.stdout)["files"]}
    (error,) = files["long.txt"]["errors"]
    assert error["code"] == "QA990" and "pattern '(a+)+$'" in error["message"]
    assert files["long.txt"]["passed"] is False
    assert "errors" not in files["fine.txt"]  # the run went on


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "patterns:\n  en: ['((a{1000}){1000}){1000}']\n" + EXAMPLES,
            "$.patterns.en[0]: pattern '((a{1000}){1000}){1000}' is too large",
        ),
        (
            "patterns:\n  en: ['(unclosed']\n" + EXAMPLES,
            "$.patterns.en[0]: invalid regular expression '(unclosed': missing )",
        ),
        (
            "l0: &l0 ["
            + ", ".join(['"lol"'] * 9)
            + "]\n"
            + "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 9))
            + "tokens:\n  en: *l8\n"
            + EXAMPLES,
            "YAML aliases make it larger than its own text (an alias bomb?)",
        ),
        (
            "tokens: &t\n  en: *t\n" + EXAMPLES,
            "YAML aliases make it larger than its own text (an alias bomb?)",
        ),
        (
            "tokens:\n  en: [a]\nmessage: '{match:>999999999}'\n" + EXAMPLES,
            "message: unsupported replacement field",
        ),
        (
            "tokens:\n  en: !!python/object/apply:os.system ['echo owned']\n" + EXAMPLES,
            "line 8: invalid YAML",
        ),
    ],
    ids=["repeat-bomb", "invalid-regex", "billion-laughs", "alias-cycle", "format-width", "python-tag"],
)
def test_unusable_rule_file_stops_the_run(tmp_path: Path, body: str, message: str) -> None:
    rule = _project(tmp_path, HEAD + body)
    proc = qa("check", ".", "--lang", "en", "--select", "QA990", cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "owned" not in proc.stdout
    (line,) = proc.stderr.splitlines()
    assert line.startswith(f"qa-pipeline: error: {rule.resolve()}: {message}"), line
