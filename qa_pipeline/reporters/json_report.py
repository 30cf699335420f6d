"""The JSON wire format (schema_version 1), validated by ``schemas/report.schema.json``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from qa_pipeline.model import FileReport, Finding, GateResult, LanguageInfo, RunReport
from qa_pipeline.reporters import RenderOptions, checked_files

SCHEMA_VERSION = 1


def finding_dict(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": f.code,
        "name": f.name,
        "category": f.category,
        "severity": f.severity.value,
        "message": f.message,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "segment_id": f.segment_id,
        "span": list(f.span) if f.span is not None else None,
        "excerpt": f.excerpt,
        "fingerprint": f.fingerprint,
    }
    if f.data:
        out["data"] = _plain(f.data)
    if f.fix is not None:
        out["fix"] = f.fix
    if f.status is not None:
        out["status"] = f.status
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(_plain(v) for v in value)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def _lang(info: LanguageInfo) -> str | None:
    return info.code


def file_dict(r: FileReport) -> dict[str, Any]:
    out: dict[str, Any] = {
        "file": r.path,
        "format": r.format,
        "source_file": r.source_file,
        "source_language": _lang(r.source_language),
        "target_language": _lang(r.target_language),
        "language_origin": {
            "target": r.target_language.origin,
            "source": r.source_language.origin,
        },
        "word_count": r.word_count,
        "word_count_basis": r.word_count_basis,
        "segment_count": r.segment_count,
        "score": r.score,
        "passed": r.passed,
        "min_score": r.min_score,
        "penalty": r.penalty,
        "counts": dict(r.counts),
        "findings": [finding_dict(f) for f in r.findings],
    }
    if r.target_language.confidence is not None:
        out["language_origin"]["target_confidence"] = r.target_language.confidence
    if r.error is not None:
        out["error"] = r.error
    if r.rule_errors:
        out["errors"] = [
            {
                "code": e.code,
                "name": e.name,
                "message": e.message,
                "segment_id": e.segment_id,
                "count": e.count,
            }
            for e in r.rule_errors
        ]
    done = r.document.completeness if r.document is not None else None
    if done is not None:
        out["completeness"] = {"units": done.units, "untranslated": done.untranslated}
    if r.metrics is not None:
        out["metrics"] = {
            "chrf": r.metrics.chrf,
            "bleu": r.metrics.bleu,
            "ter": r.metrics.ter,
            "signatures": dict(r.metrics.signatures),
            "segments": [dict(s) for s in r.metrics.segments],
        }
    return out


def summary_dict(run: RunReport) -> dict[str, Any]:
    """The run's totals; ``score`` is null when nothing was checked (``checked_files`` is 0)."""
    checked = checked_files(run)
    out: dict[str, Any] = {
        "files": len(run.files),
        "checked_files": checked,
        "failed_files": sum(1 for f in run.files if not f.passed),
        "errors": sum(1 for f in run.files if f.error is not None),
        "word_count": run.word_count,
        "penalty": run.penalty,
        "score": run.score if checked else None,
        "passed": run.passed,
        "min_score": run.min_score,
        "counts": dict(run.counts),
    }
    raised = sum(len(f.rule_errors) for f in run.files)
    if raised:
        out["rule_errors"] = raised
    gate = gate_dict(run.gate)
    if gate:
        out["gate"] = _plain(gate)
    return out


def gate_dict(gate: GateResult) -> dict[str, Any]:
    """What the gate was based on: ``--diff`` and ``--baseline`` (empty for a plain check)."""
    out: dict[str, Any] = {}
    if gate.diff is not None:
        out.update(diff=gate.diff.ref, changed_files=gate.diff.changed_files)
    b = gate.baseline
    if b is not None:
        out.update(
            baseline=b.path,
            new=b.new,
            known=b.known,
            fixed=len(b.fixed),
            fixed_findings=[asdict(f) for f in b.fixed],
            score_drops=[{k: v for k, v in asdict(d).items() if v is not None} for d in b.score_drops],
        )
    return out


def tool_dict(run: RunReport) -> dict[str, Any]:
    return {"name": "qa-pipeline", "version": run.tool_version}


def run_dict(run: RunReport) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": tool_dict(run),
        "files": [file_dict(f) for f in run.files],
        "summary": summary_dict(run),
    }


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def render(run: RunReport, options: RenderOptions | None = None) -> str:
    return dumps(run_dict(run))
