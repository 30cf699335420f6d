"""SARIF (validated against the SARIF 2.1.0 schema), JUnit XML (read back by junitparser) and GitHub
workflow commands."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from qa_pipeline.baseline import read_baseline, write_baseline
from qa_pipeline.cli import main
from qa_pipeline.config import load_settings
from qa_pipeline.model import BaselineInfo, GateResult, RunReport, Severity
from qa_pipeline.pipeline import check_paths
from qa_pipeline.registry import load_registry
from qa_pipeline.reporters import github, junit, sarif
from tests.ci.conftest import write

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
TEXT = "Le  fichier est ouvert.\n\nTout va bien, vraiment.\n\nLa fin  arrive ici.\n"


def sarif_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _run(project: Path) -> RunReport:
    write(project / "fr dir" / "a.txt", TEXT)
    write(project / "fr dir" / "clean.txt", "Tout va bien.\n")
    settings, registry = load_settings(None, project, load_registry, {})
    return check_paths(["fr dir"], settings, registry)


def _with_severities(run: RunReport) -> RunReport:
    """The first file's findings as critical and neutral, to cover every level."""
    first = run.files[0]
    a, b = first.findings
    files = (
        replace(
            first, findings=(replace(a, severity=Severity.CRITICAL), replace(b, severity=Severity.NEUTRAL))
        ),
        *run.files[1:],
    )
    return replace(run, files=files)


def test_sarif_is_valid_and_complete(project: Path) -> None:
    run = _with_severities(_run(project))
    log = json.loads(sarif.render(run))
    sarif_validator().validate(log)
    (sarif_run,) = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(ids) and set(ids) == set(run.rules)  # the rules that ran, as the run hands them
    assert "QA104" in ids
    qa104 = rules[ids.index("QA104")]
    assert qa104["name"] == "double-space"
    assert qa104["defaultConfiguration"]["level"] == "warning"
    assert qa104["properties"]["category"] == "fluency/punctuation"
    assert "Why it matters" in qa104["help"]["text"] and qa104["fullDescription"]["text"]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    first, second = sarif_run["results"]
    assert [first["level"], second["level"]] == ["error", "note"]
    assert first["ruleId"] == "QA104" and rules[first["ruleIndex"]]["id"] == "QA104"
    loc = first["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "fr%20dir/a.txt"
    assert loc["region"] == {
        "startLine": 1,
        "startColumn": 3,
        "endLine": 1,
        "endColumn": 5,
        "snippet": {"text": "  "},
    }
    assert first["partialFingerprints"][sarif.FINGERPRINT_KEY] == run.files[0].findings[0].fingerprint
    assert "baselineState" not in first
    assert sarif_run["invocations"][0]["executionSuccessful"] is True


def test_sarif_baseline_state_and_read_errors(project: Path) -> None:
    run = _run(project)
    settings, _ = load_settings(None, project, load_registry, {})
    write_baseline(run, project / "b.json", settings)
    write(project / "fr dir" / "a.txt", TEXT.replace("Tout va", "Tout  va"))
    write(project / "fr dir" / "bad.txt", "")
    (project / "fr dir" / "bad.txt").write_bytes(b"\x00\x01\x02binary\x00")
    settings, registry = load_settings(None, project, load_registry, {})
    gated = check_paths(["fr dir"], settings, registry, baseline=read_baseline(project / "b.json"))
    log = json.loads(sarif.render(gated))
    sarif_validator().validate(log)
    states = sorted(r["baselineState"] for r in log["runs"][0]["results"])
    assert states == ["new", "unchanged", "unchanged"]
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "bad.txt" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_sarif_rejects_what_the_schema_forbids() -> None:
    """The vendored schema is real: a wrong level or a missing message does not validate."""
    bad = {
        "version": "2.1.0",
        "runs": [
            {"tool": {"driver": {"name": "x"}}, "results": [{"level": "fatal", "message": {"text": "m"}}]}
        ],
    }
    with pytest.raises(jsonschema.ValidationError):
        sarif_validator().validate(bad)


def test_junit_parses_with_junitparser(project: Path, tmp_path: Path) -> None:
    junitparser = pytest.importorskip("junitparser")
    run = _with_severities(_run(project))
    out = tmp_path / "junit.xml"
    out.write_text(junit.render(run), encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(out))
    suites = {s.name: s for s in xml}
    assert set(suites) == {str(Path("fr dir/a.txt")), str(Path("fr dir/clean.txt"))}
    a = suites[str(Path("fr dir/a.txt"))]
    cases = {c.name: c for c in a}
    assert set(cases) == {"score", "QA104 double-space 1:3", "QA104 double-space 5:7"}
    critical = cases["QA104 double-space 1:3"]
    assert isinstance(critical.result[0], junitparser.Failure)
    assert "critical" in critical.result[0].message
    assert isinstance(cases["QA104 double-space 5:7"].result[0], junitparser.Skipped)
    assert isinstance(cases["score"].result[0], junitparser.Failure)  # 25-point penalty on 11 words
    assert (a.tests, a.failures, a.skipped, a.errors) == (3, 2, 1, 0)
    clean = suites[str(Path("fr dir/clean.txt"))]
    assert clean.tests == 1 and clean.failures == 0
    assert [c.is_passed for c in clean] == [True]


def test_junit_marks_known_findings_skipped_and_escapes_control_characters(
    project: Path, tmp_path: Path
) -> None:
    junitparser = pytest.importorskip("junitparser")
    run = _run(project)
    first = run.files[0]
    f = replace(
        first.findings[0], status="known", severity=Severity.CRITICAL, message="bad \x07 byte", excerpt="\x1b"
    )
    run = replace(
        run,
        files=(replace(first, findings=(f,)), *run.files[1:]),
        gate=GateResult(False, baseline=BaselineInfo("b.json", 0, 1)),
    )
    out = tmp_path / "junit.xml"
    out.write_text(junit.render(run), encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(out))
    case = next(c for s in xml for c in s if c.name.startswith("QA104"))
    assert isinstance(case.result[0], junitparser.Skipped)
    assert "known in the baseline" in case.result[0].message and "\\x07" in case.result[0].message


def test_github_annotations_levels_and_escaping(project: Path) -> None:
    run = _with_severities(_run(project))
    f = replace(run.files[0].findings[0], path="dir,with:odd%name.txt", message="50% off\r\nnext line")
    line = github.annotation(f)
    assert line.startswith("::error file=dir%2Cwith%3Aodd%25name.txt,line=1,col=3,endLine=1,endColumn=5,")
    assert (
        ",title=QA104 double-space::50%25 off%0D%0Anext line [critical, fluency/punctuation]%0A'  '" in line
    )
    lines = github.render(run).splitlines()
    assert lines[0].startswith("::error file=fr dir/a.txt,line=1,col=3")
    assert lines[1].startswith("::notice file=fr dir/a.txt,line=5,col=7")
    assert any(ln.startswith("::error file=fr dir/a.txt,title=qa-pipeline score::score") for ln in lines)
    assert lines[-1].startswith("qa-pipeline: 2 file(s)") and "FAILED" in lines[-1]
    minor = replace(run.files[0].findings[0], severity=Severity.MINOR)
    assert github.annotation(minor).startswith("::warning ")


def test_github_under_baseline_annotates_only_new(project: Path) -> None:
    run = _run(project)
    first = run.files[0]
    a, b = first.findings
    run = replace(
        run,
        files=(replace(first, findings=(replace(a, status="known"), replace(b, status="new"))),),
        gate=GateResult(False, baseline=BaselineInfo("b.json", new=1, known=1)),
    )
    lines = github.render(run).splitlines()
    assert len([ln for ln in lines if ln.startswith("::")]) == 1 and ":5:" not in lines[0]
    assert "line=5" in lines[0] and "baseline 1 new, 1 known, 0 fixed" in lines[-1]


def test_cli_formats_output_file_and_github_auto(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project / "fr" / "a.txt", TEXT)
    for fmt in ("sarif", "junit", "github", "json", "text"):
        out = project / f"report.{fmt}"
        main(["check", "fr", "--format", fmt, "--output", str(out)])
        assert out.read_text(encoding="utf-8").strip(), fmt
    assert capsys.readouterr().out == ""
    sarif_validator().validate(json.loads((project / "report.sarif").read_text(encoding="utf-8")))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["check", "fr"]) == 1
    assert capsys.readouterr().out.startswith("::warning file=fr/a.txt,line=1,col=3")
    assert main(["check", "fr", "--format", "text", "--sarif", "side.sarif"]) == 1
    assert "::" not in capsys.readouterr().out
    sarif_validator().validate(json.loads((project / "side.sarif").read_text(encoding="utf-8")))
