"""Reference metrics are sacrebleu's own: the same numbers as the sacrebleu command on the same text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from qa_pipeline.cli import main

HYP = [
    "Le chat dort sur le canapé depuis ce matin.",
    "Nous avons livré la nouvelle version hier soir.",
    "Les prix augmentent de 3 % par an.",
]
REF = [
    "Le chat dort sur le canapé depuis le matin.",
    "Nous avons publié la nouvelle version hier soir.",
    "Les prix augmentent de 3 % chaque année.",
]


def _sacrebleu_cli(tmp: Path, metric: str) -> float:
    (tmp / "hyp.lines").write_text("\n".join(HYP) + "\n", encoding="utf-8")
    (tmp / "ref.lines").write_text("\n".join(REF) + "\n", encoding="utf-8")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sacrebleu",
            str(tmp / "ref.lines"),
            "-i",
            str(tmp / "hyp.lines"),
            "-m",
            metric,
            "-b",
            "-w",
            "2",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(proc.stdout.strip())


def test_metrics_match_sacrebleu_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "fr").mkdir()
    (tmp_path / "refs" / "fr").mkdir(parents=True)
    (tmp_path / "fr" / "doc.txt").write_text("\n\n".join(HYP) + "\n", encoding="utf-8")
    (tmp_path / "refs" / "fr" / "doc.txt").write_text("\n\n".join(REF) + "\n", encoding="utf-8")
    (tmp_path / "qa-pipeline.toml").write_text(
        'layout = "{lang}/{path}"\nreference = "refs/{lang}/{path}"\n', encoding="utf-8"
    )
    main(["check", str(tmp_path / "fr"), "--format", "json", "--select", "QA104"])
    metrics = json.loads(capsys.readouterr().out)["files"][0]["metrics"]
    assert metrics["bleu"] == pytest.approx(_sacrebleu_cli(tmp_path, "bleu"), abs=0.01)
    assert metrics["chrf"] == pytest.approx(_sacrebleu_cli(tmp_path, "chrf"), abs=0.01)
    assert metrics["ter"] == pytest.approx(_sacrebleu_cli(tmp_path, "ter"), abs=0.01)
    assert metrics["signatures"]["bleu"].startswith("nrefs:1|case:mixed|eff:no|tok:13a")
    assert [s["segment_id"] for s in metrics["segments"]] == ["p1", "p2", "p3"]
    assert metrics["segments"][0]["chrf"] > 80


def test_no_metrics_without_reference(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("Bonjour.\n", encoding="utf-8")
    main(["check", str(tmp_path / "a.txt"), "--format", "json", "--select", "QA104", "--lang", "fr"])
    assert "metrics" not in json.loads(capsys.readouterr().out)["files"][0]
