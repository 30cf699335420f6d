"""The baseline file and the regression gate (``baseline`` command, ``check --baseline``)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from qa_pipeline.baseline import BaselineError, read_baseline, write_baseline
from qa_pipeline.cli import main
from qa_pipeline.config import load_settings
from qa_pipeline.pipeline import check_paths
from qa_pipeline.registry import load_registry
from qa_pipeline.schemas import load_schema
from tests.ci.conftest import write

OLD = (
    "Le  fichier est ouvert depuis ce matin.\n\n"
    "Le second paragraphe parle d'autre chose et reste propre.\n\n"
    "Un troisième paragraphe, lui aussi sans défaut, conclut le texte.\n"
)


def _run(paths: list[str], **overrides: object):  # type: ignore[no-untyped-def]
    settings, registry = load_settings(None, Path.cwd(), load_registry, overrides)
    return settings, check_paths(paths, settings, registry)


def _gated(paths: list[str], baseline: Path, **overrides: object):  # type: ignore[no-untyped-def]
    """The run gated by ``baseline`` (the regression gate)."""
    settings, registry = load_settings(None, Path.cwd(), load_registry, overrides)
    return check_paths(paths, settings, registry, baseline=read_baseline(baseline))


def test_baseline_records_fingerprints_and_scores_and_is_valid(project: Path) -> None:
    write(project / "fr" / "a.txt", OLD)
    settings, run = _run(["fr"])
    write_baseline(run, project / "qa-baseline.json", settings)
    data = json.loads((project / "qa-baseline.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(load_schema("baseline.schema.json")).validate(data)
    assert list(data["files"]) == ["fr/a.txt"]
    entry = data["files"]["fr/a.txt"]
    assert entry["score"] == run.files[0].score
    assert [e["fingerprint"] for e in entry["findings"]] == [run.files[0].findings[0].fingerprint]
    assert entry["findings"][0]["code"] == "QA104"


def test_baseline_is_byte_for_byte_deterministic_and_atomic(project: Path) -> None:
    write(project / "fr" / "b.txt", OLD)
    write(project / "fr" / "a.txt", OLD.replace("propre", "propre  aussi"))
    settings, run = _run(["fr"])
    target = project / "qa-baseline.json"
    write_baseline(run, target, settings)
    first = target.read_bytes()
    settings, run = _run(["fr/b.txt", "fr/a.txt"])  # another order on the command line
    write_baseline(run, target, settings)
    assert target.read_bytes() == first
    assert list(json.loads(first)["files"]) == ["fr/a.txt", "fr/b.txt"]
    assert [p.name for p in project.iterdir() if p.name.startswith(".qa-baseline")] == []


def test_known_findings_pass_and_survive_line_shifts(project: Path) -> None:
    a = write(project / "fr" / "a.txt", OLD)
    settings, run = _run(["fr"])
    assert not run.passed  # score below 99: the plain check fails on the backlog
    write_baseline(run, project / "qa-baseline.json", settings)
    a.write_text("Un nouveau titre\n\nUne introduction ajoutée en tête.\n\n" + OLD, encoding="utf-8")
    gated = _gated(["fr"], project / "qa-baseline.json")
    assert gated.passed
    assert [f.status for f in gated.files[0].findings] == ["known"]
    assert gated.files[0].findings[0].line == 5
    assert (gated.gate.baseline.new, gated.gate.baseline.known, len(gated.gate.baseline.fixed)) == (0, 1, 0)


def test_new_finding_fails_through_score_drop(project: Path) -> None:
    a = write(project / "fr" / "a.txt", OLD)
    settings, run = _run(["fr"])
    write_baseline(run, project / "qa-baseline.json", settings)
    a.write_text(OLD.replace("conclut le texte", "conclut  le texte"), encoding="utf-8")
    gated = _gated(["fr"], project / "qa-baseline.json")
    assert not gated.passed
    assert sorted(f.status or "" for f in gated.files[0].findings) == ["known", "new"]
    assert gated.gate.baseline.new == 1
    (drop,) = gated.gate.baseline.score_drops
    assert drop.reason == "score-drop" and drop.file == "fr/a.txt"


def test_score_tolerance_lets_a_small_drop_pass(project: Path) -> None:
    a = write(project / "fr" / "a.txt", OLD)
    settings, run = _run(["fr"])
    write_baseline(run, project / "qa-baseline.json", settings)
    a.write_text(OLD.replace("conclut le texte", "conclut  le texte"), encoding="utf-8")
    assert _gated(["fr"], project / "qa-baseline.json", **{"score-tolerance": 10}).passed
    assert not _gated(["fr"], project / "qa-baseline.json", **{"score-tolerance": 1}).passed


def test_new_finding_at_fail_on_severity_fails_even_within_tolerance(project: Path) -> None:
    a = write(project / "fr" / "a.txt", OLD)
    settings, run = _run(["fr"])
    write_baseline(run, project / "qa-baseline.json", settings)
    a.write_text(OLD.replace("conclut le texte", "conclut  le texte"), encoding="utf-8")
    gated = _gated(["fr"], project / "qa-baseline.json", **{"score-tolerance": 50, "fail-on": "minor"})
    assert not gated.passed and gated.gate.baseline.score_drops == ()


def test_fewer_words_alone_is_not_a_regression(project: Path) -> None:
    a = write(project / "fr" / "a.txt", OLD)
    settings, run = _run(["fr"])
    write_baseline(run, project / "qa-baseline.json", settings)
    a.write_text(OLD.split("\n\n")[0] + "\n", encoding="utf-8")  # the score falls, nothing new
    gated = _gated(["fr"], project / "qa-baseline.json")
    assert (
        gated.files[0].score
        < json.loads((project / "qa-baseline.json").read_text())["files"]["fr/a.txt"]["score"]
    )
    assert gated.passed


def test_fixed_findings_are_reported(project: Path) -> None:
    a = write(project / "fr" / "a.txt", OLD)
    settings, run = _run(["fr"])
    write_baseline(run, project / "qa-baseline.json", settings)
    a.write_text(OLD.replace("Le  fichier", "Le fichier"), encoding="utf-8")
    gated = _gated(["fr"], project / "qa-baseline.json")
    assert gated.passed
    assert len(gated.gate.baseline.fixed) == 1
    assert gated.gate.baseline.fixed[0].code == "QA104"
    assert gated.gate.baseline.fixed[0].file == "fr/a.txt"


def test_file_missing_from_baseline_is_held_to_min_score(project: Path) -> None:
    write(project / "fr" / "a.txt", "Propre et net, sans aucun défaut ici.\n")
    settings, run = _run(["fr"])
    write_baseline(run, project / "qa-baseline.json", settings)
    write(project / "fr" / "b.txt", OLD)
    gated = _gated(["fr"], project / "qa-baseline.json")
    assert [f.passed for f in gated.files] == [True, False]
    assert gated.gate.baseline.score_drops[0].reason == "min-score"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "not a qa-pipeline baseline"),
        ('{"schema_version": 1, "tool": {"name": "other", "version": "1"}, "files": {}}', "tool is 'other'"),
        (
            '{"schema_version": 99, "tool": {"name": "qa-pipeline", "version": "1"}, "files": {}}',
            "schema_version 99",
        ),
        (
            '{"schema_version": 1, "tool": {"name": "qa-pipeline", "version": "1"}, "files": {"a.txt": {"score": 1}}}',
            "invalid baseline at files/a.txt",
        ),
    ],
)
def test_bad_baseline_is_a_clear_error(project: Path, content: str, expected: str) -> None:
    path = write(project / "qa-baseline.json", content)
    with pytest.raises(BaselineError) as exc:
        read_baseline(path)
    assert str(path) in str(exc.value) and expected in str(exc.value)
    assert "\n" not in str(exc.value)


def test_cli_baseline_flow_and_exit_codes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = write(project / "fr" / "a.txt", OLD)
    assert main(["check", "fr"]) == 1  # the backlog fails a plain check
    assert main(["baseline", "fr", "-o", "qa-baseline.json"]) == 0
    capsys.readouterr()
    assert main(["check", "fr", "--baseline", "qa-baseline.json"]) == 0
    out = capsys.readouterr().out
    assert "[known]" in out and "baseline: 0 new, 1 known, 0 fixed" in out
    a.write_text(OLD.replace("reste propre", "reste  propre"), encoding="utf-8")
    assert main(["check", "fr", "--baseline", "qa-baseline.json", "--compact"]) == 1
    out = capsys.readouterr().out
    assert "[new]" in out and "baseline: 1 new, 1 known, 0 fixed" in out and "dropped below" in out
    assert main(["check", "fr", "--baseline", "qa-baseline.json", "--update-baseline"]) == 0
    assert main(["check", "fr", "--baseline", "qa-baseline.json"]) == 0
    write(project / "broken.json", "{")
    assert main(["check", "fr", "--baseline", "broken.json"]) == 2
    assert "broken.json: baseline is not valid JSON" in capsys.readouterr().err
    assert main(["check", "fr", "--baseline", "missing.json"]) == 2
    assert "missing.json: baseline not found" in capsys.readouterr().err


def test_baseline_from_config_key(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "fr" / "a.txt", OLD)
    assert main(["baseline", "fr", "-o", "qa-baseline.json"]) == 0
    (project / "qa-pipeline.toml").write_text(
        'select = ["QA104"]\nbaseline = "qa-baseline.json"\n', encoding="utf-8"
    )
    assert main(["check", "fr"]) == 0
    assert "1 known" in capsys.readouterr().out


def test_baseline_schema_is_served_by_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "baseline"]) == 0
    assert json.loads(capsys.readouterr().out)["properties"]["schema_version"] == {"const": 1}


def test_without_config_fingerprints_do_not_depend_on_the_first_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """pre-commit passes files in any order and folder: the baseline must still match them."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "content" / "fr" / "a.txt", "Le  fichier est ouvert.\n")
    write(tmp_path / "content" / "de" / "b.txt", "Die  Datei ist offen.\n")
    assert main(["baseline", "content", "-o", "qa-baseline.json", "--select", "QA104"]) == 0
    argv = [
        "check",
        "content/fr/a.txt",
        "content/de/b.txt",
        "--baseline",
        "qa-baseline.json",
        "--select",
        "QA104",
    ]
    assert main(argv) == 0
    assert "0 new, 2 known" in capsys.readouterr().out
