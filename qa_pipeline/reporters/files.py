"""``--report-dir``: one ``<name>.json`` per input file plus ``summary.json`` (and the HTML report),
each written atomically."""

from __future__ import annotations

import re
from pathlib import Path

from qa_pipeline.fsutil import write_atomic
from qa_pipeline.model import RunReport
from qa_pipeline.reporters import json_report


def report_name(path: str) -> str:
    """A file name for a checked file's report, unique per path: ``docs/fr/a.md`` -> ``docs__fr__a.md``."""
    posix = Path(path).as_posix().lstrip("./")
    slug = re.sub(r"[^\w.@-]+", "_", posix.replace("/", "__"))
    return slug or "file"


def write_report_dir(run: RunReport, folder: Path, html: bool = True) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    names: set[str] = {"summary"}  # summary.json is the run's
    for rep in run.files:
        name = report_name(rep.path)
        while name in names:
            name += "_"
        names.add(name)
        doc = {
            "schema_version": json_report.SCHEMA_VERSION,
            "tool": json_report.tool_dict(run),
            "files": [json_report.file_dict(rep)],
            "summary": json_report.summary_dict(run),
        }
        write_atomic(folder / f"{name}.json", json_report.dumps(doc))
    write_atomic(folder / "summary.json", json_report.render(run))
    if html:
        write_html(run, folder)


def write_html(run: RunReport, folder: Path) -> None:
    from qa_pipeline.reporters.html import write_html_report

    write_html_report(run, folder)
