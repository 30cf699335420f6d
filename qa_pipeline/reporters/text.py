"""Terminal output: one line per finding, then a score table per file and a total.

``path:line:col: CODE severity message``. Colour (``rich``) when the caller asks for it: on a terminal by
default, always with ``--color``.
"""

from __future__ import annotations

import io
from typing import TextIO

from qa_pipeline.model import FileReport, RunReport
from qa_pipeline.reporters import RenderOptions, describe_drop, nothing_checked, rule_error_lines

_STYLE = {"critical": "bold red", "major": "red", "minor": "yellow", "neutral": "dim"}


def finding_lines(run: RunReport) -> list[tuple[str, str, str]]:
    """(location, severity, rest) triples in report order."""
    out = []
    for rep in run.files:
        if rep.error is not None:
            out.append((f"{rep.path}:1:1:", "error", f"E001 {rep.error}"))
        for line in rule_error_lines(rep):
            out.append((f"{rep.path}:1:1:", "error", f"E002 {line}"))
        for f in rep.findings:
            tag = f" [{f.status}]" if f.status else ""
            out.append((f"{f.path}:{f.line}:{f.column}:", f.severity.value, f"{f.code}{tag} {f.message}"))
    return out


def _status(rep: FileReport) -> str:
    if rep.error is not None or rep.rule_errors:
        return "ERROR"
    return "pass" if rep.passed else "FAIL"


def _score(rep: FileReport) -> str:
    return "—" if rep.error is not None else f"{rep.score:.2f}"


def _lang_pair(rep: FileReport) -> str:
    tgt = rep.target_language.code or "?"
    return f"{rep.source_language.code}→{tgt}" if rep.source_language.code else tgt


def render_plain(run: RunReport, out: TextIO, compact: bool = False) -> None:
    for loc, sev, rest in finding_lines(run):
        code, _, msg = rest.partition(" ")
        out.write(f"{loc} {code} {sev} {msg}\n")
    if compact:
        _summary_line(run, out)
        return
    if run.files:
        out.write("\n")
        width = max(len(r.path) for r in run.files)
        out.write(
            f"{'file':<{width}}  {'lang':<8} {'words':>7} {'crit':>4} {'major':>5} {'minor':>5} {'score':>7}  status\n"
        )
        for r in run.files:
            c = r.counts
            out.write(
                f"{r.path:<{width}}  {_lang_pair(r):<8} {r.word_count:>7} {c['critical']:>4} {c['major']:>5} "
                f"{c['minor']:>5} {_score(r):>7}  {_status(r)}\n"
            )
    _summary_line(run, out)


def _summary_line(run: RunReport, out: TextIO) -> None:
    c = run.counts
    failed = sum(1 for f in run.files if not f.passed)
    verdict = "passed" if run.passed else "FAILED"
    empty = nothing_checked(run)
    if empty is not None:
        out.write(f"{len(run.files)} file(s): {empty}; {verdict}\n")
    else:
        out.write(
            f"{len(run.files)} file(s), {run.word_count} words, {c['critical']} critical, {c['major']} major, "
            f"{c['minor']} minor, {c['neutral']} neutral; score {run.score:.2f} (min {run.min_score:g}); "
            f"{failed} file(s) failed; {verdict}\n"
        )
    diff = run.gate.diff
    if diff is not None:
        out.write(f"diff: {diff.changed_files} changed file(s) since {diff.ref}\n")
    b = run.gate.baseline
    if b is not None:
        out.write(f"baseline: {b.new} new, {b.known} known, {len(b.fixed)} fixed finding(s)\n")
        for drop in b.score_drops:
            out.write(f"baseline: {drop.file}: {describe_drop(drop)}\n")


def render_rich(run: RunReport, out: TextIO, compact: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # The caller decided to colour: ANSI codes even into a buffer or a pipe, whatever NO_COLOR says.
    console = Console(
        file=out,
        force_terminal=True,
        color_system="standard",
        no_color=False,
        highlight=False,
        soft_wrap=True,
    )
    for loc, sev, rest in finding_lines(run):
        code, _, msg = rest.partition(" ")
        line = Text()
        line.append(loc, style="bold")
        line.append(" ")
        line.append(code, style="cyan")
        line.append(" ")
        line.append(sev, style=_STYLE.get(sev, "bold red"))
        line.append(" " + msg)
        console.print(line)
    if run.files and not compact:
        table = Table(show_edge=False, pad_edge=False)
        for col, just in (
            ("file", "left"),
            ("lang", "left"),
            ("words", "right"),
            ("crit", "right"),
            ("major", "right"),
            ("minor", "right"),
            ("score", "right"),
            ("status", "left"),
        ):
            table.add_column(col, justify=just)  # type: ignore[arg-type]
        for r in run.files:
            c = r.counts
            status = _status(r)
            table.add_row(
                r.path,
                _lang_pair(r),
                str(r.word_count),
                str(c["critical"]),
                str(c["major"]),
                str(c["minor"]),
                _score(r),
                Text(status, style="green" if status == "pass" else "bold red"),
            )
        console.print()
        console.print(table)
    buf = io.StringIO()
    _summary_line(run, buf)
    console.print(Text(buf.getvalue().rstrip("\n"), style="green" if run.passed else "bold red"))


def render(run: RunReport, options: RenderOptions | None = None) -> str:
    out = io.StringIO()
    options = options or RenderOptions()
    if options.color:
        render_rich(run, out, compact=options.compact)
    else:
        render_plain(run, out, compact=options.compact)
    return out.getvalue()
