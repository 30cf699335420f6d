"""The command line as a user meets it: exit codes, JSON validity, errors without tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from qa_pipeline.cli import main

CLEAN = "Le fichier est ouvert.\n\nTout va bien.\n"
DEFECT = "Le  fichier est ouvert.\n\nTout va bien.\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "fr" / "defect.txt").write_text(DEFECT, encoding="utf-8")
    return tmp_path


def test_exit_0_when_everything_passes(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(tree / "fr" / "clean.txt"), "--select", "QA104")
    assert code == 0
    assert "passed" in out


def test_exit_1_when_gate_fails(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(tree / "fr"), "--select", "QA104", "--fail-on", "minor")
    assert code == 1
    assert f"{tree / 'fr' / 'defect.txt'}:1:3: QA104 minor 2 consecutive spaces" in out
    assert "FAIL" in out


def test_min_score_gate(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 1 minor finding in 7 words: score 85.71
    assert (
        run(capsys, "check", str(tree / "fr" / "defect.txt"), "--select", "QA104", "--min-score", "80")[0]
        == 0
    )
    assert (
        run(capsys, "check", str(tree / "fr" / "defect.txt"), "--select", "QA104", "--min-score", "90")[0]
        == 1
    )


def test_json_is_one_valid_document(
    tree: Path, capsys: pytest.CaptureFixture[str], report_schema: dict
) -> None:  # type: ignore[type-arg]
    _, out, _ = run(capsys, "check", str(tree), "--select", "QA104", "--format", "json", "--lang", "fr")
    data = json.loads(out)
    jsonschema.validate(data, report_schema)
    assert data["schema_version"] == 1
    by_name = {Path(f["file"]).name: f for f in data["files"]}
    (finding,) = by_name["defect.txt"]["findings"]
    assert finding["code"] == "QA104" and finding["span"] == [2, 4]
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (1, 3, 1, 5)
    assert by_name["defect.txt"]["target_language"] == "fr"
    assert by_name["defect.txt"]["language_origin"]["target"] == "cli"
    assert by_name["clean.txt"]["word_count"] == 7


def test_language_from_path(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", str(tree / "fr" / "clean.txt"), "--format", "json", "--select", "QA104")
    rep = json.loads(out)["files"][0]
    assert rep["target_language"] == "fr" and rep["language_origin"]["target"] == "path"


def test_language_detected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "article.txt"
    f.write_text(
        "Dies ist ein kurzer deutscher Text über das Wetter in den Bergen und im Tal.\n", encoding="utf-8"
    )
    _, out, _ = run(capsys, "check", str(f), "--format", "json", "--select", "QA104")
    rep = json.loads(out)["files"][0]
    assert rep["target_language"] == "de" and rep["language_origin"]["target"] == "detected"


def test_outputs_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Same input, same output byte for byte, across processes: Python randomises string hashing,
    and so the order of a set, per process (two runs in one process cannot show a set printed
    unsorted). The JSON and HTML reports, SARIF and JUnit of the bundled examples, under two seeds.
    QA4xx is left out for now: QA402's ``data.confidence`` differs in its last digits between seeds
    (reported; put it back once fixed)."""
    root = Path(__file__).resolve().parent.parent
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        out.mkdir()
        outputs_argv = [
            "--format",
            "junit",
            "--report-dir",
            str(out / "reports"),
            "--sarif",
            str(out / "run.sarif"),
        ]
        proc = subprocess.run(
            [sys.executable, "-m", "qa_pipeline", "check", "examples", "--ignore", "QA4", *outputs_argv],
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert proc.returncode in (0, 1), proc.stderr
        (out / "junit.xml").write_text(proc.stdout, encoding="utf-8")
        outputs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    first, second = outputs
    assert {"junit.xml", "run.sarif", "reports/summary.json", "reports/index.html"} <= set(first)
    assert sorted(first) == sorted(second)
    assert [name for name in sorted(first) if first[name] != second[name]] == []


def test_unreadable_file_is_reported_and_others_checked(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tree / "fr" / "binary.txt").write_bytes(b"\x00\x01\x02garbage\x00")
    (tree / "fr" / "latin1.txt").write_bytes("Caf\xe9 cr\xe8me".encode("latin-1"))
    code, out, _ = run(capsys, "check", str(tree / "fr"), "--select", "QA104", "--format", "json")
    assert code == 2
    files = {Path(f["file"]).name: f for f in json.loads(out)["files"]}
    assert files["binary.txt"]["error"] == "binary file (contains NUL bytes), not text"
    assert "not valid UTF-8: byte 0xe9 at line 1" in files["latin1.txt"]["error"]
    assert files["defect.txt"]["findings"]


def test_missing_path_is_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", str(tmp_path / "nope"))
    assert code == 2
    assert err.strip() == f"qa-pipeline: error: {tmp_path / 'nope'}: no such file or folder"


def test_bad_config_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = tmp_path / "qa-pipeline.toml"
    cfg.write_text("unknown-key = 1\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    code, _, err = run(capsys, "check", str(tmp_path / "a.txt"))
    assert code == 2
    assert err.startswith(f"qa-pipeline: error: {cfg}: unknown-key: unknown key")
    assert len(err.strip().splitlines()) == 1


def test_bad_rule_file_in_user_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "myrules").mkdir()
    (tmp_path / "myrules" / "x.yaml").write_text("code: QA995\nname: x\n", encoding="utf-8")
    (tmp_path / "qa-pipeline.toml").write_text('rule-paths = ["myrules"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    code, _, err = run(capsys, "check", str(tmp_path / "a.txt"))
    assert code == 2
    assert "x.yaml: $: " in err and "is a required property" in err


def test_rules_and_explain(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0
    assert any(line.startswith("QA104  double-space") for line in out.splitlines())
    code, out, _ = run(capsys, "explain", "QA104")
    assert code == 0
    assert "Default severity: minor" in out and "Bad:" in out and "Good:" in out
    code, out, _ = run(capsys, "explain", "double-space")
    assert code == 0 and out.startswith("QA104 double-space")
    code, _, err = run(capsys, "explain", "QA000")
    assert code == 2 and "unknown rule" in err


def test_rules_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--format", "json")
    rules = json.loads(out)
    assert code == 0 and [r["code"] for r in rules] == sorted(r["code"] for r in rules)


def test_report_dir_writes_json_per_file(
    tree: Path, capsys: pytest.CaptureFixture[str], report_schema: dict
) -> None:  # type: ignore[type-arg]
    out_dir = tree / "reports"
    run(
        capsys,
        "check",
        str(tree / "fr"),
        "--select",
        "QA104",
        "--report-dir",
        str(out_dir),
        "--format",
        "json",
    )
    names = sorted(p.name for p in out_dir.glob("*.json"))
    assert "summary.json" in names
    assert len([n for n in names if n.endswith(".txt.json")]) == 2
    for p in out_dir.glob("*.json"):
        jsonschema.validate(json.loads(p.read_text(encoding="utf-8")), report_schema)
    assert not list(out_dir.glob(".*.tmp"))
    assert (out_dir / "index.html").is_file()


def test_python_dash_m(tree: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "qa_pipeline", "check", str(tree / "fr" / "clean.txt"), "--select", "QA104"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr


def test_internal_error_is_exit_2_and_one_line(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import qa_pipeline.pipeline

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(qa_pipeline.pipeline, "check", boom)
    monkeypatch.delenv("QA_PIPELINE_DEBUG", raising=False)
    code, _, err = run(capsys, "check", str(tree / "fr"))
    assert code == 2
    assert err.strip() == (
        "qa-pipeline: error: internal error: RuntimeError: simulated bug (QA_PIPELINE_DEBUG=1 shows the traceback)"
    )


# --- colour ---------------------------------------------------------------------------------------

ANSI = "\x1b["


def test_color_forces_colour_even_into_a_pipe_and_despite_no_color(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = str(tree / "fr" / "defect.txt")
    _, plain, _ = run(capsys, "check", target, "--select", "QA104")
    assert ANSI not in plain  # captured output is not a terminal: no colour by default
    _, coloured, _ = run(capsys, "check", target, "--select", "QA104", "--color")
    assert f"{ANSI}33mminor{ANSI}0m" in coloured  # the severity, in yellow
    assert "QA104" in coloured and "FAILED" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    assert ANSI in run(capsys, "check", target, "--select", "QA104", "--color")[1]
    assert ANSI in run(capsys, "check", target, "--select", "QA104", "--color", "--compact")[1]


def test_colour_by_default_only_on_a_terminal_without_no_color(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    target = str(tree / "fr" / "defect.txt")
    for no_color, expected in ((None, True), ("1", False)):
        if no_color is None:
            monkeypatch.delenv("NO_COLOR", raising=False)
        else:
            monkeypatch.setenv("NO_COLOR", no_color)
        term = Terminal()
        monkeypatch.setattr("sys.stdout", term)
        main(["check", target, "--select", "QA104"])
        assert (ANSI in term.getvalue()) is expected
        term = Terminal()
        monkeypatch.setattr("sys.stdout", term)
        main(["check", target, "--select", "QA104", "--no-color"])
        assert ANSI not in term.getvalue()


# --- nothing checked ------------------------------------------------------------------------------


def test_when_every_file_errors_the_summary_says_nothing_was_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], report_schema: dict
) -> None:  # type: ignore[type-arg]
    (tmp_path / "a.txt").write_bytes(b"\x00binary")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00\xd8")
    code, out, _ = run(capsys, "check", str(tmp_path), "--select", "QA104")
    assert code == 2
    assert out.splitlines()[-1] == "2 file(s): nothing was checked (2 file(s) could not be read); FAILED"
    assert "score" not in out.splitlines()[-1]

    code, out, _ = run(
        capsys, "check", str(tmp_path), "--format", "json", "--report-dir", str(tmp_path / "r")
    )
    summary = json.loads(out)["summary"]
    jsonschema.validate(json.loads(out), report_schema)
    assert (summary["files"], summary["checked_files"], summary["score"], summary["passed"]) == (
        2,
        0,
        None,
        False,
    )
    index = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    assert "nothing was checked (2 file(s) could not be read)" in index
    assert "2 files: nothing checked" in index  # the page title


def test_an_empty_folder_checks_nothing_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "check", str(tmp_path), "--select", "QA104")
    assert code == 0
    assert out == "0 file(s): nothing was checked (no file to check); passed\n"


def test_a_checked_file_beside_an_unreadable_one_keeps_its_score(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tree / "fr" / "binary.txt").write_bytes(b"\x00")
    _, out, _ = run(capsys, "check", str(tree / "fr"), "--select", "QA104", "--format", "json")
    summary = json.loads(out)["summary"]
    assert summary["checked_files"] == 2 and summary["score"] == 92.86  # 1 minor in 14 words


# --- output paths ---------------------------------------------------------------------------------


def test_output_under_a_file_is_one_clear_line_before_the_run(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree)
    (tree / "afile").write_text("x", encoding="utf-8")
    for option in ("--output", "--sarif"):
        code, out, err = run(capsys, "check", "fr", option, "afile/x")
        assert code == 2 and out == ""
        assert err == "qa-pipeline: error: afile/x: cannot write here: afile is a file, not a folder\n"
    code, _, err = run(capsys, "baseline", "fr", "-o", "afile/b.json")
    assert code == 2
    assert err == "qa-pipeline: error: afile/b.json: cannot write here: afile is a file, not a folder\n"


def test_report_dir_refuses_a_folder_that_is_not_a_report(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree)
    code, out, err = run(capsys, "check", "fr", "--report-dir", "fr")
    assert code == 2 and out == ""
    assert err == (
        "qa-pipeline: error: fr: not a qa-pipeline report folder (it is not empty and has no "
        ".qa-pipeline-report file); refusing to replace it: choose a new or empty folder\n"
    )
    assert sorted(p.name for p in (tree / "fr").iterdir()) == ["clean.txt", "defect.txt"]


def test_report_dir_holds_only_the_latest_run(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tree / "reports"
    run(capsys, "check", str(tree / "fr"), "--select", "QA104", "--report-dir", str(out_dir))
    assert len(list(out_dir.glob("*.txt.json"))) == 2
    run(capsys, "check", str(tree / "fr" / "clean.txt"), "--select", "QA104", "--report-dir", str(out_dir))
    assert [p.name for p in out_dir.glob("*.txt.*")] == [p.name for p in out_dir.glob("*clean.txt.*")]
    assert sorted(p.name for p in tree.iterdir()) == ["fr", "reports"]


def test_html_and_report_dir_in_the_same_folder_keep_the_json(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tree / "reports"
    run(
        capsys,
        "check",
        str(tree / "fr"),
        "--select",
        "QA104",
        "--report-dir",
        str(out_dir),
        "--html",
        str(out_dir),
    )
    assert (out_dir / "summary.json").is_file() and (out_dir / "index.html").is_file()


def test_sigterm_becomes_an_interrupt(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import signal

    import qa_pipeline.pipeline

    def terminated(*args: object, **kwargs: object) -> None:
        os.kill(os.getpid(), signal.SIGTERM)

    before = signal.getsignal(signal.SIGTERM)
    monkeypatch.setattr(qa_pipeline.pipeline, "check", terminated)
    code, _, err = run(capsys, "check", str(tree / "fr"))
    assert code == 2 and err == "qa-pipeline: error: interrupted (SIGTERM)\n"
    assert signal.getsignal(signal.SIGTERM) == before  # restored for the caller
