"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run whose ``tool.driver.rules`` are the rules that ran (code, name, summary, documentation,
default level from the MQM severity, MQM category in ``properties``) — built-in, user and plugin rules
alike, as the run hands them over. Each finding is a result with its
rule, level, message, a region in the file (1-based lines; columns in Unicode code points, declared by
``columnKind``; end column exclusive as SARIF wants) and ``partialFingerprints`` holding the finding's
line-independent fingerprint, so code scanning tracks an alert across edits. Under ``--baseline`` each
result carries ``baselineState`` (``new`` or ``unchanged``). Files that could not be read, and rules that raised on a file, become
``toolExecutionNotifications`` (and the run's ``executionSuccessful`` is false).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from qa_pipeline.model import FileReport, Finding, RuleDoc, RunReport, Severity
from qa_pipeline.reporters import RenderOptions, rule_error_lines

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/qa-pipeline/qa-pipeline"
FINGERPRINT_KEY = "qaPipelineFingerprint/v1"

LEVELS = {
    Severity.CRITICAL: "error",
    Severity.MAJOR: "error",
    Severity.MINOR: "warning",
    Severity.NEUTRAL: "note",
}
_BASELINE_STATE = {"new": "new", "known": "unchanged"}


def level(severity: Severity) -> str:
    """SARIF level of an MQM severity: critical/major -> error, minor -> warning, neutral -> note."""
    return LEVELS[severity]


def artifact_uri(path: str) -> str:
    """A relative URI (forward slashes, percent-encoded) for a reported path."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            return p.resolve().as_uri()
    posix = p.as_posix()
    while posix.startswith("./"):
        posix = posix[2:]
    return quote(posix, safe="/-._~")


def _summary_paragraph(doc: str) -> str:
    first = doc.strip().split("\n\n", 1)[0]
    return " ".join(first.split())


def _rule_dict(
    meta_code: str, name: str, category: str, severity: Severity, summary: str, doc: str
) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": meta_code,
        "name": name,
        "shortDescription": {"text": summary or name},
        "defaultConfiguration": {"level": level(severity)},
        "properties": {
            "category": category,
            "mqm-severity": severity.value,
            "tags": ["translation", *category.split("/")],
        },
    }
    if doc.strip():
        rule["fullDescription"] = {"text": _summary_paragraph(doc)}
        rule["help"] = {"text": doc.strip(), "markdown": doc.strip()}
    return rule


def _doc_rule(doc: RuleDoc) -> dict[str, Any]:
    return _rule_dict(doc.code, doc.name, doc.category, Severity(doc.severity), doc.summary, doc.doc)


def rules_for(findings: Iterable[Finding], docs: Mapping[str, RuleDoc]) -> list[dict[str, Any]]:
    """Rule descriptors: every rule that ran, plus any rule only known from a finding."""
    rules = {code: _doc_rule(doc) for code, doc in docs.items()}
    for f in findings:
        if f.code not in rules:
            rules[f.code] = _rule_dict(f.code, f.name, f.category, f.severity, "", "")
    return [rules[c] for c in sorted(rules)]


def _result(f: Finding, index: int, uri: str) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": max(f.end_line, f.line),
        "endColumn": f.end_column if (f.end_line, f.end_column) >= (f.line, f.column) else f.column,
    }
    if f.excerpt:
        region["snippet"] = {"text": f.excerpt}
    result: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": index,
        "level": level(f.severity),
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": {"category": f.category, "mqm-severity": f.severity.value},
    }
    if f.segment_id is not None:
        result["properties"]["segment"] = f.segment_id
    if f.status in _BASELINE_STATE:
        result["baselineState"] = _BASELINE_STATE[f.status]
    if f.fix is not None and f.span is not None:
        result["fixes"] = [
            {
                "description": {"text": f"Replace with {f.fix!r}"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                        "replacements": [{"deletedRegion": dict(region), "insertedContent": {"text": f.fix}}],
                    }
                ],
            }
        ]
        result["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"].pop("snippet", None)
    return result


def _notification(rep: FileReport, text: str) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": f"{rep.path}: {text}"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(rep.file_path), "uriBaseId": "%SRCROOT%"}
                }
            }
        ],
    }


def sarif_log(run: RunReport) -> dict[str, Any]:
    """The SARIF log as a dict."""
    all_findings = [f for rep in run.files for f in rep.findings]
    rules = rules_for(all_findings, run.rules)
    index = {r["id"]: i for i, r in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for rep in run.files:
        uri = artifact_uri(rep.file_path)
        results.extend(_result(f, index[f.code], uri) for f in rep.findings)
    invocation: dict[str, Any] = {
        "executionSuccessful": not any(rep.error is not None or rep.rule_errors for rep in run.files),
        "properties": {"passed": run.passed, "score": run.score, "min-score": run.min_score},
    }
    notes = [_notification(rep, rep.error) for rep in run.files if rep.error is not None]
    notes += [_notification(rep, line) for rep in run.files for line in rule_error_lines(rep)]
    if notes:
        invocation["toolExecutionNotifications"] = notes
    sarif_run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "qa-pipeline",
                "version": run.tool_version,
                "semanticVersion": run.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [sarif_run]}


def render(run: RunReport, options: RenderOptions | None = None) -> str:
    return json.dumps(sarif_log(run), ensure_ascii=False, indent=2) + "\n"
