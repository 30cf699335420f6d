"""``--report-dir``: one ``<name>.json`` per input file, ``summary.json`` and the HTML report.

The folder always holds one run's complete output: it is written under a temporary name beside the
target and swapped in whole (:func:`qa_pipeline.fsutil.replace_dir`), so an interrupted run leaves the
previous report, and files of an earlier run never linger beside a new index.
"""

from __future__ import annotations

from pathlib import Path

from qa_pipeline.fsutil import StagedDir, replace_dir
from qa_pipeline.model import RunReport
from qa_pipeline.reporters import json_report
from qa_pipeline.reporters.names import report_name


def write_report_dir(run: RunReport, folder: Path, html: bool = True) -> None:
    """Replace ``folder`` with this run's JSON reports (and HTML report)."""
    with replace_dir(folder) as out:
        write_json_files(run, out)
        if html:
            from qa_pipeline.reporters.html import write_html_pages

            write_html_pages(run, out)


def write_json_files(run: RunReport, out: StagedDir) -> None:
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
        out.write(f"{name}.json", json_report.dumps(doc))
    out.write("summary.json", json_report.render(run))


def write_html(run: RunReport, folder: Path) -> None:
    """Replace ``folder`` with this run's HTML report only (``--html``)."""
    from qa_pipeline.reporters.html import write_html_report

    write_html_report(run, folder)
