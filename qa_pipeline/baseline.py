"""The baseline file of the regression gate: fail a build on what a change made worse, not on the backlog.

``qa-pipeline baseline PATHS -o qa-baseline.json`` records every current finding by its fingerprint
(rule, file path relative to the config folder, normalized excerpt and context, occurrence index — not
line numbers, so the baseline survives unrelated edits) and each file's score. ``qa-pipeline check
--baseline qa-baseline.json`` then marks each finding ``new`` or ``known`` and a file fails only when

* it has a **new** finding at or above ``fail-on`` (critical by default), or
* it has new findings and its score dropped by more than ``score-tolerance`` (default 0) below the
  score recorded in the baseline; a file missing from the baseline must reach ``min-score`` instead.

Known findings that no longer occur are reported as fixed. The gate itself is
:mod:`qa_pipeline.pipeline.gate`; this module reads and writes the file. The file is JSON with a schema version
(``qa-pipeline schema baseline``), written atomically in a stable order so it diffs well in review.
A baseline that cannot be read, is not JSON, or has another schema version or tool is an error
(exit code 2), never a silent pass.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qa_pipeline.config import Settings
from qa_pipeline.errors import QaPipelineError
from qa_pipeline.model import Finding, RunReport

SCHEMA_VERSION = 1
TOOL = "qa-pipeline"


class BaselineError(QaPipelineError):
    """A baseline that cannot be used; the message names the file."""


@dataclass(frozen=True)
class BaselineEntry:
    """One accepted finding."""

    fingerprint: str
    code: str
    severity: str
    excerpt: str
    message: str


@dataclass(frozen=True)
class BaselineFile:
    """A file's accepted findings and its score when the baseline was recorded."""

    score: float
    findings: tuple[BaselineEntry, ...]


@dataclass(frozen=True)
class Baseline:
    """A baseline file, read and validated: files by path relative to the config folder."""

    path: Path
    files: Mapping[str, BaselineFile]


def _key(report_path: str, settings: Settings) -> str:
    from qa_pipeline.pipeline.collect import relpath

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

    if run.gate.diff is not None:
        raise BaselineError(
            f"{path}: refusing to write a baseline from a --diff run (it only has findings on changed lines); "
            "run without --diff"
        )
    text = json.dumps(baseline_dict(run, settings), ensure_ascii=False, indent=2) + "\n"
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write the baseline: {exc.strerror or exc}") from None


def read_baseline(path: Path) -> Baseline:
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
    return Baseline(
        path=path,
        files={
            key: BaselineFile(
                score=float(entry["score"]),
                findings=tuple(
                    BaselineEntry(e["fingerprint"], e["code"], e["severity"], e["excerpt"], e["message"])
                    for e in entry["findings"]
                ),
            )
            for key, entry in data["files"].items()
        },
    )


def _validate(path: Path, data: Mapping[str, Any]) -> None:
    import jsonschema

    from qa_pipeline.schemas import load_schema

    validator = jsonschema.Draft202012Validator(load_schema("baseline.schema.json"))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        where = "/".join(str(p) for p in err.absolute_path) or "(top level)"
        raise BaselineError(f"{path}: invalid baseline at {where}: {err.message}")
