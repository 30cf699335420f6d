"""Whole runs of the untranslated rules: any order of documents finishes, and the output never varies.

Each test starts ``qa-pipeline check`` in a subprocess with a timeout, so a run that hangs (issue 11:
a short document analysed in-process, then a longer one handed to a worker forked after lingua had
started its threads) fails the test instead of stalling the suite.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

TIMEOUT = 120  # seconds; a run takes a few seconds, a hang never ends

FRENCH = [
    "Le conseil municipal a voté hier soir le budget de l'année prochaine après un long débat.",
    "Les habitants du quartier attendent depuis des années la rénovation de la piscine.",
    "Selon la mairie, les travaux commenceront au printemps et dureront environ dix-huit mois.",
    "Plusieurs commerçants craignent une baisse de leur chiffre d'affaires pendant le chantier.",
    "Une réunion publique aura lieu jeudi soir dans la salle des fêtes de l'hôtel de ville.",
    "Le projet prévoit aussi de nouvelles pistes cyclables et des arbres le long du boulevard.",
]
ENGLISH = [
    "This paragraph has not been translated yet and still needs a careful review.",
    "Please contact the support team if the problem persists after the update.",
]
SPANS = ["Pour plus de détails, cliquez sur read more en bas de la page.", "Il faut sign in avant de voter."]


def _long_document(paragraphs: int = 40) -> str:
    out = []
    for i in range(paragraphs):
        body = " ".join(FRENCH[(i + k) % len(FRENCH)] for k in range(3))
        if i % 5 == 0:
            body += " " + ENGLISH[i % len(ENGLISH)]
        if i % 7 == 3:
            body += " " + SPANS[i % len(SPANS)]
        out.append(body)
    return "\n\n".join(out) + "\n"


SHORT = "Le chat dort.\n"
LONG = _long_document()


def _check(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "qa_pipeline", "check", "--select", "QA4", "--format", "json", *args, "t"],
        cwd=folder,
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )


def _findings(stdout: bytes, name: str) -> list[dict[str, object]]:
    report = json.loads(stdout)
    return next(f["findings"] for f in report["files"] if f["file"].endswith(name))


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / "t" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "t" / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "files",
    [
        {"a.fr.txt": SHORT, "b.fr.txt": LONG},  # short first: its models load here, then the long one
        {"a.fr.txt": LONG, "b.fr.txt": SHORT},  # long first: a worker, then the short one
        {"a.fr.txt": SHORT, "b.fr.txt": LONG, "c.de.txt": LONG, "d.fr.txt": SHORT, "e.fr.txt": LONG},
    ],
    ids=["short-then-long", "long-then-short", "several-files-and-pairs"],
)
def test_any_document_order_finishes(tmp_path: Path, files: dict[str, str]) -> None:
    proc = _check(_tree(tmp_path, files))
    assert proc.returncode in (0, 1), proc.stderr.decode(errors="replace")
    report = json.loads(proc.stdout)
    assert sorted(f["file"] for f in report["files"]) == sorted(f"t/{name}" for name in files)
    long_name = next(name for name, text in files.items() if text is LONG and name.endswith(".fr.txt"))
    assert any(f["code"] == "QA403" for f in _findings(proc.stdout, long_name))


def test_findings_do_not_depend_on_document_order(tmp_path: Path) -> None:
    """The long document is analysed in this process in one order and in the worker in the other."""
    first = _check(_tree(tmp_path / "one", {"a.fr.txt": SHORT, "b.fr.txt": LONG}))
    second = _check(_tree(tmp_path / "two", {"a.fr.txt": LONG, "b.fr.txt": SHORT}))
    assert first.returncode in (0, 1) and second.returncode in (0, 1)

    def comparable(findings: list[dict[str, object]]) -> list[tuple[object, ...]]:
        return [(f["code"], f["line"], f["column"], f["message"], json.dumps(f["data"])) for f in findings]

    assert comparable(_findings(first.stdout, "b.fr.txt")) == comparable(_findings(second.stdout, "a.fr.txt"))


def test_six_runs_are_byte_identical(tmp_path: Path) -> None:
    """Model confidences vary in their last digits between processes; reports must not."""
    folder = _tree(tmp_path, {"a.fr.txt": SHORT, "b.fr.txt": LONG})
    outputs = []
    for _ in range(6):
        proc = _check(folder)
        assert proc.returncode in (0, 1), proc.stderr.decode(errors="replace")
        outputs.append(proc.stdout)
    assert any(f["data"].get("confidence") for f in _findings(outputs[0], "b.fr.txt"))
    assert all(out == outputs[0] for out in outputs[1:])
