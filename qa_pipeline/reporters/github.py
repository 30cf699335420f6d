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
from qa_pipeline.reporters import nothing_checked

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
    if "baseline" in run.gate:
        g = run.gate
        text += f"; baseline {g.get('new', 0)} new, {g.get('known', 0)} known, {g.get('fixed', 0)} fixed"
    if run.gate.get("diff"):
        text += f"; changed since {run.gate['diff']}"
    return text


def render(run: RunReport) -> str:
    lines: list[str] = []
    baseline = "baseline" in run.gate
    for rep in run.files:
        if rep.error is not None:
            lines.append(f"::error file={_file(rep.path)},title=unreadable file::{escape_data(rep.error)}")
        for f in rep.findings:
            if baseline and f.status == "known":
                continue
            lines.append(annotation(f))
    for d in run.gate.get("score_drops", ()):
        file = str(d.get("file", ""))
        if d.get("reason") == "score-drop":
            msg = f"score {d['score']:.2f} dropped below the baseline's {d['baseline_score']:.2f} (tolerance {d['tolerance']:g})"
        else:
            msg = f"score {d['score']:.2f} is below min-score {d['min_score']:g} (file not in the baseline)"
        lines.append(f"::error file={_file(file)},title=qa-pipeline score::{escape_data(msg)}")
    if not baseline:
        for rep in run.files:
            if rep.error is None and rep.score < rep.min_score:
                msg = f"score {rep.score:.2f} is below min-score {rep.min_score:g}"
                lines.append(f"::error file={_file(rep.path)},title=qa-pipeline score::{escape_data(msg)}")
    lines.append(summary(run))
    return "\n".join(lines) + "\n"
