"""The baseline and the regression gate: fail a build on what a change made worse, not on the backlog.

``qa-pipeline baseline PATHS -o qa-baseline.json`` records every current finding by its fingerprint
(rule, file path relative to the config folder, normalized excerpt and context, occurrence index — not
line numbers, so the baseline survives unrelated edits) and each file's score. ``qa-pipeline check
--baseline qa-baseline.json`` then marks each finding ``new`` or ``known`` and a file fails only when

* it has a **new** finding at or above ``fail-on`` (critical by default), or
* it has new findings and its score dropped by more than ``score-tolerance`` (default 0) below the
  score recorded in the baseline; a file missing from the baseline must reach ``min-score`` instead.

Known findings that no longer occur are reported as fixed. The file is JSON with a schema version
(``qa-pipeline schema baseline``), written atomically in a stable order so it diffs well in review.
A baseline that cannot be read, is not JSON, or has another schema version or tool is an error
(exit code 2), never a silent pass.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from qa_pipeline.config import Settings
from qa_pipeline.errors import QaPipelineError
from qa_pipeline.model import FileReport, Finding, RunReport, Severity

SCHEMA_VERSION = 1
TOOL = "qa-pipeline"
_EPSILON = 1e-9


class BaselineError(QaPipelineError):
    """A baseline that cannot be used; the message names the file."""


def _key(report_path: str, settings: Settings) -> str:
    from qa_pipeline.run import relpath

    return relpath(Path(report_path), settings.root)


def _finding_entry(f: Finding) -> dict[str, Any]:
    return {
        "fingerprint": f.fingerprint,
        "code": f.code,
        "severity": f.severity.value,
        "excerpt": f.excerpt,
        "message": f.message,
    }


def baseline_dict(run: RunReport, settings: Settings) -> dict[str, Any]:
    """The baseline document for ``run`` (files with a read error are left out)."""
    files: dict[str, Any] = {}
    for rep in run.files:
        if rep.error is not None:
            continue
        entries = sorted(
            (_finding_entry(f) for f in rep.findings), key=lambda e: (e["code"], e["fingerprint"])
        )
        files[_key(rep.path, settings)] = {"score": rep.score, "findings": entries}
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL, "version": run.tool_version},
        "files": {k: files[k] for k in sorted(files)},
    }


def write_baseline(run: RunReport, path: Path, settings: Settings) -> None:
    """Record every finding and score of ``run`` in ``path`` (atomically)."""
    from qa_pipeline.fsutil import write_atomic

    if run.gate.get("diff"):
        raise BaselineError(
            f"{path}: refusing to write a baseline from a --diff run (it only has findings on changed lines); "
            "run without --diff"
        )
    text = json.dumps(baseline_dict(run, settings), ensure_ascii=False, indent=2) + "\n"
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write the baseline: {exc.strerror or exc}") from None


def read_baseline(path: Path) -> dict[str, Any]:
    """Load and validate a baseline file; :class:`BaselineError` with a one-line reason otherwise."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(
            f"{path}: baseline not found (create it with `qa-pipeline baseline PATHS -o {path}`)"
        ) from None
    except UnicodeDecodeError:
        raise BaselineError(f"{path}: baseline is not UTF-8 text") from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: baseline is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise BaselineError(f"{path}: not a qa-pipeline baseline (expected a JSON object)")
    tool = data.get("tool")
    name = tool.get("name") if isinstance(tool, dict) else None
    if name != TOOL:
        raise BaselineError(f"{path}: not a qa-pipeline baseline (tool is {name!r})")
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise BaselineError(
            f"{path}: baseline schema_version {version!r} is not supported (expected {SCHEMA_VERSION}); "
            "regenerate it with `qa-pipeline baseline`"
        )
    _validate(path, data)
    return data


def _validate(path: Path, data: Mapping[str, Any]) -> None:
    import jsonschema

    from qa_pipeline.schemas import load_schema

    validator = jsonschema.Draft202012Validator(load_schema("baseline.schema.json"))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        where = "/".join(str(p) for p in err.absolute_path) or "(top level)"
        raise BaselineError(f"{path}: invalid baseline at {where}: {err.message}")


def _blocking(f: Finding, fail_on: Severity) -> bool:
    return f.status == "new" and f.severity is not Severity.NEUTRAL and f.severity.rank >= fail_on.rank


def apply_baseline(run: RunReport, path: Path, settings: Settings) -> RunReport:
    """``run`` with each finding marked new or known and pass/fail decided by the regression gate."""
    from qa_pipeline.run import summarize

    data = read_baseline(path)
    base_files: Mapping[str, Any] = data["files"]
    partial = bool(run.gate.get("diff"))
    files: list[FileReport] = []
    new = known = 0
    fixed: list[dict[str, Any]] = []
    drops: list[dict[str, Any]] = []
    for rep in run.files:
        key = _key(rep.path, settings)
        entry = base_files.get(key)
        accepted = {e["fingerprint"] for e in entry["findings"]} if entry else set()
        marked = tuple(
            replace(f, status="known" if f.fingerprint in accepted else "new") for f in rep.findings
        )
        n_new = sum(1 for f in marked if f.status == "new")
        new += n_new
        known += len(marked) - n_new
        if entry and not partial and rep.error is None:
            present = {f.fingerprint for f in marked}
            for e in entry["findings"]:
                if e["fingerprint"] not in present:
                    fixed.append({"file": rep.path, **e})
        passed = (
            rep.error is None
            and not rep.rule_errors
            and not any(_blocking(f, settings.fail_on) for f in marked)
        )
        if rep.error is None:
            drop = _score_drop(rep, entry, n_new, settings)
            if drop is not None:
                drops.append(drop)
                passed = False
        files.append(replace(rep, findings=marked, passed=passed))
    gate: dict[str, Any] = dict(run.gate)
    gate.update(
        {
            "baseline": str(path),
            "new": new,
            "known": known,
            "fixed": len(fixed),
            "fixed_findings": fixed,
            "score_drops": drops,
        }
    )
    return summarize(files, settings, gate)


def _score_drop(
    rep: FileReport, entry: Mapping[str, Any] | None, n_new: int, settings: Settings
) -> dict[str, Any] | None:
    """Why the file fails on its score, or None.

    A file in the baseline fails when it has new findings and its score fell by more than the
    tolerance (a score that only moves because words were added or removed is not a regression).
    A file not in the baseline is held to ``min-score`` like a plain check.
    """
    if entry is None:
        if rep.score + _EPSILON < settings.min_score:
            return {
                "file": rep.path,
                "reason": "min-score",
                "score": rep.score,
                "min_score": settings.min_score,
            }
        return None
    before = float(entry["score"])
    if n_new and before - rep.score > settings.score_tolerance + _EPSILON:
        return {
            "file": rep.path,
            "reason": "score-drop",
            "baseline_score": before,
            "score": rep.score,
            "tolerance": settings.score_tolerance,
        }
    return None


def gate_summary(gate: Mapping[str, Any]) -> Sequence[str]:
    """Human lines about the gate: score drops and fixed findings (for reporters)."""
    lines = []
    for d in gate.get("score_drops", ()):
        if d.get("reason") == "score-drop":
            lines.append(
                f"{d['file']}: score {d['score']:.2f} dropped below the baseline's {d['baseline_score']:.2f} "
                f"(tolerance {d['tolerance']:g})"
            )
        else:
            lines.append(
                f"{d['file']}: score {d['score']:.2f} below min-score {d['min_score']:g} (not in the baseline)"
            )
    return lines
