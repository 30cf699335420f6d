"""View models of the HTML report: highlight runs, segment rows, folds, parts, facets and charts.

Everything the templates show is computed here, in Python: offsets are code points of
``Segment.target``, so the browser never computes one (JavaScript strings count UTF-16 units).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa_pipeline.model import FileReport, Finding, LanguageInfo, RuleDoc, RunReport, Segment, Severity
from qa_pipeline.positions import first_line
from qa_pipeline.reporters.names import report_name
from qa_pipeline.ruleapi import base_language
from qa_pipeline.text.scripts import RTL_LANGUAGES

SEVERITIES = ("critical", "major", "minor", "neutral")
_RANK = {s.value: s.rank for s in Severity}
FOLD_MIN_SEGMENTS = 400
"""Documents with more segments than this fold long stretches of clean segments into ``<details>``."""
FOLD_CONTEXT = 1
"""Clean segments kept visible before and after a flagged one when folding."""
FOLD_MIN_RUN = 4
"""A stretch of clean segments shorter than this is never folded."""
PAGE_SEGMENTS = 2000
"""Longer documents are split into parts of this many segments, one page each."""
RESERVED_PAGES = frozenset({"index", "rules"})


@dataclass(frozen=True)
class Run:
    """A piece of a segment's target and the findings (page indices) covering it."""

    text: str
    findings: tuple[int, ...] = ()
    starts: tuple[int, ...] = ()  # findings whose highlight begins here (anchors)
    severity: str = ""
    tip: str = ""
    ids: str = ""  # ``data-f``: the findings as a space-separated list
    described_by: str = ""  # ``aria-describedby``: the side-list entries of the findings


@dataclass(frozen=True)
class SegView:
    """One segment row: its number (1-based), id, first line in the file, source and highlight runs."""

    number: int
    id: str
    line: int | None
    source: str | None
    runs: tuple[Run, ...]
    findings: tuple[int, ...]
    severity: str
    empty: bool = False
    kind: str = "paragraph"

    @property
    def ids(self) -> str:
        return " ".join(map(str, self.findings))


@dataclass(frozen=True)
class Fold:
    """Consecutive clean segments shown collapsed."""

    segments: tuple[SegView, ...]

    @property
    def first(self) -> int:
        return self.segments[0].number

    @property
    def last(self) -> int:
        return self.segments[-1].number


@dataclass(frozen=True)
class FindingView:
    """A finding as listed on a page; ``n`` is its index in the file report (ids ``f<n>``, ``h<n>``)."""

    n: int
    finding: Finding
    tip: str
    placed: bool  # highlighted in the text (False: listed as a file-level finding)
    segment_number: int | None


@dataclass(frozen=True)
class Facet:
    """One filter choice (a severity, category or rule) and how many findings it has."""

    value: str
    label: str
    count: int
    severity: str = ""


@dataclass(frozen=True)
class PartLink:
    """A link to one part of a long file."""

    name: str  # page name without ``.html``
    number: int
    first: int  # segment numbers, 1-based
    last: int


@dataclass
class FilePage:
    """One page of a file's report: the whole file, or one part of a long one."""

    name: str
    report: FileReport
    findings: list[FindingView] = field(default_factory=list)
    blocks: list[SegView | Fold] = field(default_factory=list)
    unplaced: list[FindingView] = field(default_factory=list)
    bilingual: bool = False
    folded: bool = False
    part: int = 1
    parts: tuple[PartLink, ...] = ()


def severity_rank(value: str) -> int:
    return _RANK.get(value, 0)


# --- splitting text into highlight runs ------------------------------------------------------------


def split_runs(
    text: str,
    spans: Sequence[tuple[int, int, int]],
    ranks: Mapping[int, int] | None = None,
    tips: Mapping[int, str] | None = None,
) -> list[Run]:
    """Split ``text`` at every span boundary; ``spans`` are ``(start, end, finding index)`` in code points.

    Each returned run carries the indices of the spans covering it, so overlapping and nested findings
    become flat, non-overlapping runs. A zero-length span becomes an empty run at its position. Spans are
    clamped to the text. Concatenating the runs' text gives ``text`` back.
    """
    n = len(text)
    clean: list[tuple[int, int, int]] = []
    for start, end, idx in spans:
        s = min(max(start, 0), n)
        e = min(max(end, s), n)
        clean.append((s, e, idx))
    if not clean:
        return [Run(text)] if text else []
    bounds = sorted({0, n, *(s for s, _, _ in clean), *(e for _, e, _ in clean)})
    empties: dict[int, list[int]] = {}
    for s, e, idx in clean:
        if s == e:
            empties.setdefault(s, []).append(idx)
    started: set[int] = set()
    runs: list[Run] = []

    def make(piece: str, cover: list[int]) -> Run:
        cover.sort()
        starts = tuple(i for i in cover if i not in started)
        started.update(starts)
        if not cover:
            return Run(piece)
        sev_rank = max((ranks or {}).get(i, 0) for i in cover)
        return Run(
            piece,
            tuple(cover),
            starts,
            SEVERITIES[3 - sev_rank] if ranks else "",
            "\n".join((tips or {}).get(i, "") for i in cover),
            " ".join(map(str, cover)),
            " ".join(f"f{i}" for i in cover),
        )

    for k, a in enumerate(bounds):
        if a in empties:
            runs.append(make("", list(empties[a])))
        if k + 1 >= len(bounds):
            break
        b = bounds[k + 1]
        cover = [idx for s, e, idx in clean if s <= a and e >= b and s < e]
        if runs and not cover and not runs[-1].findings:
            runs[-1] = Run(runs[-1].text + text[a:b])
        else:
            runs.append(make(text[a:b], cover))
    return runs


# --- view models ---------------------------------------------------------------------------------


def direction(code: str | None) -> str:
    """``rtl`` for right-to-left languages, ``ltr`` for known others, ``auto`` when unknown."""
    if not lang_attr(code):
        return "auto"
    return "rtl" if base_language(code) in RTL_LANGUAGES else "ltr"


def lang_attr(code: str | None) -> str:
    """A safe value for the ``lang`` attribute (BCP 47 characters only), empty when unknown."""
    if not code or not re.fullmatch(r"[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*", code):
        return ""
    return code.replace("_", "-")


def lang_dir_attrs(code: str | None) -> Any:
    """`` lang="…" dir="…"`` for a text cell (values escaped by ``Markup.format``; ``lang`` left out when
    the code is not a valid tag)."""
    from markupsafe import Markup

    lang = lang_attr(code)
    if lang:
        return Markup(' lang="{}" dir="{}"').format(lang, direction(code))
    return Markup(' dir="{}"').format(direction(code))


def display_path(path: str) -> str:
    """An absolute path under the current folder shown relative to it, as checked paths are."""
    p = Path(path)
    if p.is_absolute():
        try:
            return p.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return path
    return path


def lang_pair(rep: FileReport) -> str:
    tgt = rep.target_language.code or "?"
    return f"{rep.source_language.code} → {tgt}" if rep.source_language.code else tgt


def origin_note(info: LanguageInfo) -> str:
    if not info.code:
        return "language unknown"
    note = f"{info.code}: from {info.origin}" if info.origin else info.code
    if info.confidence is not None:
        note += f" ({info.confidence:.0%})"
    return note


_WS_SHOWN = {" ": "·", "\u00a0": "⍽", "\u202f": "⸱", "\t": "⇥", "\n": "↵", "\r": "␍"}


def visible_whitespace(text: str) -> str:
    """Make leading, trailing and repeated whitespace visible in an excerpt (``"a  b"`` -> ``"a··b"``)."""

    def show(m: re.Match[str]) -> str:
        return "".join(_WS_SHOWN.get(ch, "␣") for ch in m.group())

    return re.sub(r"^\s+|\s+$|\s{2,}|[^\S ]", show, text)


def finding_tip(f: Finding) -> str:
    return f"{f.code} {f.name} · {f.severity.value} · {f.category}\n{f.message}"


def worst_first(files: Iterable[FileReport]) -> list[FileReport]:
    """Errors, then failed files, then by score (lowest first), penalty (highest first) and path."""
    return sorted(files, key=lambda r: (r.error is None, r.passed, r.score, -r.penalty, r.path))


def page_names(files: Sequence[FileReport]) -> dict[str, str]:
    """File path -> page name, as :func:`~qa_pipeline.reporters.names.report_name` plus de-duplication."""

    used: set[str] = set(RESERVED_PAGES)
    out: dict[str, str] = {}
    for rep in files:
        if rep.path in out:
            continue
        name = report_name(rep.path)
        while name in used:
            name += "_"
        used.add(name)
        out[rep.path] = name
    return out


def part_name(name: str, part: int) -> str:
    """Page name of a part: the first part is ``name``, later ones ``name~2`` (``~`` is never in a
    :func:`report_name`, so parts cannot collide with another file's page)."""
    return name if part == 1 else f"{name}~{part}"


def build_file_pages(rep: FileReport, name: str) -> list[FilePage]:
    """The pages of one file: one page, or parts of ``PAGE_SEGMENTS`` segments for long documents."""
    doc = rep.document
    segments: tuple[Segment, ...] = doc.segments if doc is not None else ()
    by_id = {s.id: i for i, s in enumerate(segments)}
    per_segment: dict[int, list[tuple[int, int, int]]] = {}
    ranks: dict[int, int] = {}
    tips: dict[int, str] = {}
    views_f: list[FindingView] = []
    for n, f in enumerate(rep.findings):
        seg_index = by_id.get(f.segment_id) if f.segment_id is not None else None
        tip = finding_tip(f)
        ranks[n], tips[n] = f.severity.rank, tip
        if seg_index is not None:
            target = segments[seg_index].target
            start, end = f.span if f.span is not None else (0, len(target))
            if start > len(target):
                seg_index = None
            else:
                per_segment.setdefault(seg_index, []).append((start, end, n))
        views_f.append(
            FindingView(n, f, tip, seg_index is not None, None if seg_index is None else seg_index + 1)
        )
    bilingual = any(s.source is not None for s in segments)
    line_of = (lambda seg: first_line(doc, seg)) if doc is not None and doc.text else None
    views: list[SegView] = []
    for i, seg in enumerate(segments):
        spans = per_segment.get(i, [])
        runs = split_runs(seg.target, spans, ranks, tips)
        idx = tuple(sorted(n for _, _, n in spans))
        sev = SEVERITIES[3 - max(ranks[n] for n in idx)] if idx else ""
        views.append(
            SegView(
                i + 1,
                seg.id,
                line_of(seg) if line_of else None,
                seg.source,
                tuple(runs),
                idx,
                sev,
                not seg.target,
                seg.kind.value,
            )
        )
    folded = len(views) > FOLD_MIN_SEGMENTS
    chunks = [views[i : i + PAGE_SEGMENTS] for i in range(0, len(views), PAGE_SEGMENTS)] or [[]]
    links = tuple(
        PartLink(part_name(name, k + 1), k + 1, c[0].number if c else 0, c[-1].number if c else 0)
        for k, c in enumerate(chunks)
    )
    pages = []
    for k, chunk in enumerate(chunks):
        lo, hi = links[k].first, links[k].last
        pages.append(
            FilePage(
                name=links[k].name,
                report=rep,
                findings=[
                    v
                    for v in views_f
                    if (v.segment_number is None and k == 0)
                    or (v.segment_number is not None and lo <= v.segment_number <= hi)
                ],
                blocks=fold(chunk) if folded else list(chunk),
                unplaced=[v for v in views_f if v.segment_number is None] if k == 0 else [],
                bilingual=bilingual,
                folded=folded,
                part=k + 1,
                parts=links if len(links) > 1 else (),
            )
        )
    return pages


def fold(views: Sequence[SegView]) -> list[SegView | Fold]:
    """Keep flagged segments and ``FOLD_CONTEXT`` neighbours; fold each longer clean stretch."""
    keep = [False] * len(views)
    for i, v in enumerate(views):
        if v.findings:
            for j in range(max(0, i - FOLD_CONTEXT), min(len(views), i + FOLD_CONTEXT + 1)):
                keep[j] = True
    out: list[SegView | Fold] = []
    pending: list[SegView] = []

    def flush() -> None:
        if len(pending) >= FOLD_MIN_RUN:
            out.append(Fold(tuple(pending)))
        else:
            out.extend(pending)
        pending.clear()

    for v, k in zip(views, keep, strict=True):
        if k:
            flush()
            out.append(v)
        else:
            pending.append(v)
    flush()
    return out


def facets(findings: Sequence[Finding]) -> dict[str, list[Facet]]:
    sev = Counter(f.severity.value for f in findings)
    cat = Counter(f.category for f in findings)
    rule = Counter((f.code, f.name) for f in findings)
    rule_sev: dict[str, str] = {}
    for f in findings:
        if severity_rank(f.severity.value) >= severity_rank(rule_sev.get(f.code, "neutral")):
            rule_sev[f.code] = f.severity.value
    return {
        "severity": [Facet(s, s, sev[s], s) for s in SEVERITIES if sev[s]],
        "category": [Facet(c, c, cat[c]) for c in sorted(cat)],
        "rule": [
            Facet(code, f"{code} {name}", count, rule_sev[code])
            for (code, name), count in sorted(rule.items())
        ],
    }


@dataclass(frozen=True)
class Bar:
    label: str
    href: str
    title: str
    total: int
    parts: tuple[tuple[str, float, float, int], ...]  # severity, x, width (percent of the scale), count


def chart(groups: Mapping[tuple[str, str, str], Counter[str]], limit: int) -> tuple[list[Bar], int]:
    """Stacked bars (by severity) for each group, largest first; ``(bars, groups left out)``."""

    def weight(c: Counter[str]) -> tuple[int, ...]:
        return (-sum(c.values()), *(-c[s] for s in SEVERITIES))

    ordered = sorted(groups.items(), key=lambda kv: (weight(kv[1]), kv[0][0]))
    scale = max((sum(c.values()) for _, c in ordered), default=1) or 1
    bars = []
    for (label, href, title), c in ordered[:limit]:
        x = 0.0
        parts = []
        for s in SEVERITIES:
            if c[s]:
                w = round(100.0 * c[s] / scale, 2)
                parts.append((s, round(x, 2), w, c[s]))
                x += w
        bars.append(Bar(label, href, title, sum(c.values()), tuple(parts)))
    return bars, max(0, len(ordered) - limit)


def run_charts(run: RunReport, rules: Mapping[str, RuleDoc]) -> dict[str, tuple[list[Bar], int]]:
    by_cat: dict[tuple[str, str, str], Counter[str]] = {}
    by_rule: dict[tuple[str, str, str], Counter[str]] = {}
    for rep in run.files:
        for f in rep.findings:
            by_cat.setdefault((f.category, "", f.category), Counter())[f.severity.value] += 1
            doc = rules.get(f.code)
            key = (f"{f.code} {f.name}", f"rules.html#{f.code}", doc.summary if doc else f.name)
            by_rule.setdefault(key, Counter())[f.severity.value] += 1
    return {"category": chart(by_cat, 12), "rule": chart(by_rule, 12)}


def severity_bar(counts: Mapping[str, int]) -> tuple[tuple[str, float, float, int], ...]:
    """A file's findings as a stacked bar scaled to its own total (for the index table)."""
    total = sum(counts.get(s, 0) for s in SEVERITIES)
    if not total:
        return ()
    x = 0.0
    out = []
    for s in SEVERITIES:
        c = counts.get(s, 0)
        if c:
            w = round(100.0 * c / total, 2)
            out.append((s, round(x, 2), w, c))
            x += w
    return tuple(out)
