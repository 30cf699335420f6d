"""``--format github``: GitHub Actions workflow commands that annotate the changed files in a pull request.

Chosen automatically when ``GITHUB_ACTIONS=true`` and no ``--format`` is given. Each finding becomes
``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=QA301 leftover-boilerplate::message``:
critical and major findings are errors, minor ones warnings, neutral ones notices. Under
``--baseline`` only new findings are annotated (GitHub shows a limited number of annotations per step,
and known findings would hide the new ones); the summary line counts the known and fixed ones.
Values are escaped as the runner expects (``%``, CR and LF everywhere; ``:`` and ``,`` in properties).
"""

from __future__ import annotations

import os

from qa_pipeline.model import Finding, RunReport, Severity
from qa_pipeline.reporters import RenderOptions, nothing_checked, rule_error_lines, score_failure

COMMANDS = {
    Severity.CRITICAL: "error",
    Severity.MAJOR: "error",
    Severity.MINOR: "warning",
    Severity.NEUTRAL: "notice",
}


def escape_data(value: str) -> str:
    """Escape a command's message."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a command property value (file, title)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _file(path: str) -> str:
    """The path as GitHub expects it: forward slashes, relative to the workspace."""
    return escape_property(path.replace("\\", "/") if os.sep == "\\" else path)


def annotation(f: Finding) -> str:
    props = [
        f"file={_file(f.path)}",
        f"line={f.line}",
        f"col={f.column}",
        f"endLine={max(f.end_line, f.line)}",
        f"endColumn={f.end_column}",
        f"title={escape_property(f'{f.code} {f.name}')}",
    ]
    message = f"{f.message} [{f.severity.value}, {f.category}]"
    if f.excerpt:
        message += f"\n{f.excerpt!r}"
    return f"::{COMMANDS[f.severity]} {','.join(props)}::{escape_data(message)}"


def summary(run: RunReport) -> str:
    c = run.counts
    failed = sum(1 for f in run.files if not f.passed)
    empty = nothing_checked(run)
    if empty is not None:
        text = f"qa-pipeline: {len(run.files)} file(s): {empty}; {'passed' if run.passed else 'FAILED'}"
    else:
        text = (
            f"qa-pipeline: {len(run.files)} file(s), {run.word_count} words, {c['critical']} critical, "
            f"{c['major']} major, {c['minor']} minor, {c['neutral']} neutral; score {run.score:.2f} "
            f"(min {run.min_score:g}, fail-on {run.fail_on.value}); {failed} file(s) failed; "
            f"{'passed' if run.passed else 'FAILED'}"
        )
    g = run.gate.baseline
    if g is not None:
        text += f"; baseline {g.new} new, {g.known} known, {len(g.fixed)} fixed"
    if run.gate.diff is not None:
        text += f"; changed since {run.gate.diff.ref}"
    return text


def render(run: RunReport, options: RenderOptions | None = None) -> str:
    lines: list[str] = []
    baseline = run.gate.baseline is not None
    for rep in run.files:
        if rep.error is not None:
            lines.append(
                f"::error file={_file(rep.file_path)},title=unreadable file::{escape_data(rep.error)}"
            )
        for line in rule_error_lines(rep):
            lines.append(
                f"::error file={_file(rep.file_path)},title=qa-pipeline rule error::{escape_data(line)}"
            )
        for f in rep.findings:
            if baseline and f.status == "known":
                continue
            lines.append(annotation(f))
    for rep in run.files:
        reason = score_failure(rep, run)
        if reason is not None:
            lines.append(
                f"::error file={_file(rep.file_path)},title=qa-pipeline score::{escape_data(reason)}"
            )
    lines.append(summary(run))
    return "\n".join(lines) + "\n"
