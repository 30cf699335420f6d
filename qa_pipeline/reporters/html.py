"""The HTML report: ``index.html``, one page per checked file and ``rules.html``.

Every page is self-contained (CSS and JS inline, no network) and carries a strict Content-Security-Policy
that allows exactly the inline style and script it ships, by SHA-256 hash. Translation text is untrusted:
templates autoescape everything and no user text is marked safe. Highlight offsets are code points of
``Segment.target``; the text is split into runs in :mod:`~qa_pipeline.reporters.html_view`, in Python, so
the browser never computes offsets (JavaScript strings count UTF-16 units). Without JavaScript every
finding is shown; scripts only add sorting, filters and keyboard shortcuts.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from qa_pipeline.fsutil import StagedDir, replace_dir
from qa_pipeline.model import RuleDoc, RunReport
from qa_pipeline.reporters import nothing_checked
from qa_pipeline.reporters.html_view import (
    PAGE_SEGMENTS,
    SEVERITIES,
    build_file_pages,
    direction,
    display_path,
    facets,
    lang_attr,
    lang_dir_attrs,
    lang_pair,
    origin_note,
    page_names,
    run_charts,
    severity_bar,
    split_runs,
    visible_whitespace,
    worst_first,
)

__all__ = [
    "PAGE_SEGMENTS",
    "build_file_pages",
    "page_names",
    "render_pages",
    "split_runs",
    "visible_whitespace",
    "write_html_pages",
    "write_html_report",
]


# --- rule documentation --------------------------------------------------------------------------


def doc_paragraphs(text: str) -> list[list[tuple[bool, str]]]:
    """Explain text as paragraphs of ``(is_code, text)`` pieces (````code```` becomes code).

    Hard-wrapped prose lines are joined so the browser can reflow them; short lines (``Category: …``),
    indented lines (examples) and list items keep their line breaks.
    """
    paras = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        joined = lines[0]
        for prev, line in itertools.pairwise(lines):
            wrapped = len(prev) >= 60 and not line[:1].isspace() and not re.match(r"[-*•]\s", line)
            joined += (" " if wrapped else "\n") + line
        pieces = re.split(r"``(.+?)``", joined, flags=re.S)
        paras.append([(i % 2 == 1, p) for i, p in enumerate(pieces) if p])
    return paras


def rules_for_page(rules: Mapping[str, RuleDoc]) -> list[RuleDoc]:
    """The rules that ran, in code order (built-in, user and plugin rules alike)."""
    return [rules[c] for c in sorted(rules)]


# --- rendering -----------------------------------------------------------------------------------


def _asset(name: str) -> str:
    text = resources.files("qa_pipeline.reporters").joinpath("assets", name).read_text("utf-8")
    closing = "</style" if name.endswith(".css") else "</script"
    if closing in text.lower():
        raise ValueError(f"asset {name} must not contain {closing}")
    return text


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@cache
def _environment() -> Any:
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("qa_pipeline.reporters", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    css, js = _asset("report.css"), _asset("report.js")
    csp = (
        f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    # Our own assets, checked above not to close their element: the only markup not escaped.
    env.globals.update(
        css=Markup(css),
        js=Markup(js),
        csp=csp,
        severities=SEVERITIES,
        lang_attr=lang_attr,
        lang_dir_attrs=lang_dir_attrs,
        display_path=display_path,
        direction=direction,
        lang_pair=lang_pair,
        origin_note=origin_note,
        doc_paragraphs=doc_paragraphs,
        severity_bar=severity_bar,
        show_ws=visible_whitespace,
        nothing_checked=nothing_checked,
    )
    return env


def render_pages(run: RunReport, rules: Mapping[str, RuleDoc]) -> dict[str, str]:
    """Every page of the report, by file name (``index.html``, ``rules.html``, ``<name>.html``)."""
    env = _environment()
    names = page_names(run.files)
    order = worst_first(run.files)
    from qa_pipeline import __version__

    common = {"run": run, "tool_version": run.tool_version or __version__, "names": names}
    pages = {
        "index.html": env.get_template("index.html.j2").render(
            files=order, charts=run_charts(run, rules), **common
        ),
    }
    fired = Counter(f.code for rep in run.files for f in rep.findings)
    pages["rules.html"] = env.get_template("rules.html.j2").render(
        rules=rules_for_page(rules), fired=fired, **common
    )
    template = env.get_template("file.html.j2")
    for k, rep in enumerate(order):
        prev_rep = order[k - 1] if k > 0 else None
        next_rep = order[k + 1] if k + 1 < len(order) else None
        for page in build_file_pages(rep, names[rep.path]):
            pages[f"{page.name}.html"] = template.render(
                page=page,
                rep=rep,
                facets=facets([v.finding for v in page.findings]),
                rules=rules,
                prev=(names[prev_rep.path], prev_rep.path) if prev_rep else None,
                next=(names[next_rep.path], next_rep.path) if next_rep else None,
                position=k + 1,
                **common,
            )
    return pages


def write_html_report(run: RunReport, folder: Path) -> None:
    """Replace ``folder`` with ``index.html``, ``rules.html`` and one page per file (all at once)."""
    with replace_dir(folder) as out:
        write_html_pages(run, out)


def write_html_pages(run: RunReport, out: StagedDir) -> None:
    """Write every page of the report into the folder being written."""
    for name, text in render_pages(run, run.rules).items():
        out.write(name, text, durable=False)
