"""Findings per 1,000 entries per rule on real, reviewed PO files: Django's own translations.

Usage (from the project root)::

    python benchmarks/real_po_fp.py [--django DIR] [--select QA1,QA3,QA5,QA6] [--json out.json]
                                    [--samples findings.txt] [--shared ../shared]

Downloads the Django wheel with ``pip download django --no-deps`` into a temporary folder (or uses
``--django``, a folder holding an unpacked wheel or a ``.whl``), takes every
``django/conf/locale/*/LC_MESSAGES/*.po`` and ``django/contrib/*/locale/*/LC_MESSAGES/*.po``, runs
``qa-pipeline`` with the selected rules (all by default) and prints, per rule, the number of findings
and the rate per 1,000 checked entries (PO units). Django's translations are reviewed by their language
teams, so almost every finding is a false positive worth reading: ``--samples`` writes each with its
source and target. With ``--shared``, the ``sphinx-po`` and ``focus-ios-xliff`` corpora are run too.
The script prints ``skipped`` and exits 0 when there is no network and no ``--django``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

from qa_pipeline.config import Settings
from qa_pipeline.model import Document, Finding
from qa_pipeline.pipeline import check_paths
from qa_pipeline.registry import load_registry

PATTERNS = ("django/conf/locale/*/LC_MESSAGES/*.po", "django/contrib/*/locale/*/LC_MESSAGES/*.po")
SHARED_CORPORA = ("sphinx-po", "focus-ios-xliff")


def fetch_django(dest: Path) -> Path | None:
    """Download and unpack the Django wheel into ``dest``; None when pip cannot reach the index."""
    cmd = [sys.executable, "-m", "pip", "download", "django", "--no-deps", "--only-binary=:all:", "-q"]
    cmd += ["--retries", "1", "--timeout", "10"]  # no network: skip fast
    try:
        subprocess.run([*cmd, "-d", str(dest)], check=True, capture_output=True, timeout=300)
    except (subprocess.SubprocessError, OSError):
        return None
    wheels = sorted(dest.glob("Django-*.whl")) + sorted(dest.glob("django-*.whl"))
    return unpack(wheels[0], dest / "wheel") if wheels else None


def unpack(wheel: Path, dest: Path) -> Path:
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(dest, [n for n in zf.namelist() if n.endswith(".po")])
    return dest


def po_files(root: Path) -> list[str]:
    return sorted({str(p) for pattern in PATTERNS for p in root.glob(pattern)})


def _sample(f: Finding, path: str, doc: Document | None) -> str:
    seg = doc.segment(f.segment_id or "") if doc else None
    src = (seg.source or "")[:240] if seg else ""
    tgt = (seg.target or "")[:240] if seg else ""
    where = "/".join(Path(path).parts[-4:])
    return f"{f.code} {f.severity.value} {where}:{f.line} {f.message}\n    S: {src!r}\n    T: {tgt!r}"


def measure(files: list[str], root: Path, select: tuple[str, ...], samples: list[str]) -> dict[str, Any]:
    """Run the selected rules over ``files``; counts per rule and per 1,000 entries."""
    registry = load_registry()
    settings = Settings(select=select, root=root)
    started = time.perf_counter()
    report = check_paths(files, settings, registry)
    elapsed = time.perf_counter() - started
    counts: Counter[str] = Counter()
    entries = errors = 0
    for fr in report.files:
        if fr.error:
            errors += 1
            continue
        entries += fr.segment_count
        for f in fr.findings:
            counts[f.code] += 1
            samples.append(_sample(f, fr.path, fr.document))
    per_k = {c: round(1000 * n / entries, 2) if entries else 0.0 for c, n in sorted(counts.items())}
    return {
        "files": len(report.files),
        "errors": errors,
        "entries": entries,
        "seconds": round(elapsed, 1),
        "findings": sum(counts.values()),
        "per_1000_entries": round(1000 * sum(counts.values()) / entries, 2) if entries else 0.0,
        "by_rule": dict(sorted(counts.items())),
        "by_rule_per_1000": per_k,
    }


def _print(name: str, fig: dict[str, Any]) -> None:
    print(
        f"{name}: {fig['files']} files ({fig['errors']} unreadable), {fig['entries']} entries, "
        f"{fig['findings']} findings = {fig['per_1000_entries']:.2f} per 1,000 entries ({fig['seconds']} s)"
    )
    for code, n in fig["by_rule"].items():
        print(f"  {code}  {n:>6}  {fig['by_rule_per_1000'][code]:>8.2f} / 1,000")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--django", help="folder with an unpacked Django wheel, or a .whl file (no download)")
    ap.add_argument("--select", default="ALL", help="comma-separated rule codes or prefixes (default ALL)")
    ap.add_argument("--shared", help="also run the sphinx-po and focus-ios-xliff corpora of this folder")
    ap.add_argument("--json", help="write the figures as JSON to this file")
    ap.add_argument("--samples", help="write every finding with its source and target to this file")
    args = ap.parse_args(argv)
    select = tuple(s.strip() for s in args.select.split(",") if s.strip())
    samples: list[str] = []
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="real-po-fp-") as tmp:
        if args.django:
            given = Path(args.django)
            root = unpack(given, Path(tmp)) if given.suffix == ".whl" else given
        else:
            fetched = fetch_django(Path(tmp))
            if fetched is None:
                print("skipped: could not download Django (no network?); pass --django DIR")
                return 0
            root = fetched
        files = po_files(root)
        if not files:
            print(f"skipped: no Django PO files under {root}")
            return 0
        figures["django"] = measure(files, root, select, samples)
    if args.shared:
        for corpus in SHARED_CORPORA:
            folder = Path(args.shared) / "corpora" / corpus
            if folder.is_dir():
                found = [str(p) for p in folder.iterdir() if p.suffix in (".po", ".xliff", ".xlf")]
                figures[corpus] = measure(sorted(found), folder, select, samples)
    for name, fig in figures.items():
        _print(name, fig)
    print("load average: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.samples:
        Path(args.samples).write_text("\n".join(samples) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
