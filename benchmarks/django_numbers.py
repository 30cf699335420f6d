#!/usr/bin/env python3
"""Number findings (QA2xx) on Django's own translations: every one deserves a look.

Usage (from the project root)::

    python benchmarks/django_numbers.py [--version 5.2.19] [--show] [--cache DIR]

Fetches the Django wheel with ``pip download`` (nothing of Django is kept in the project), checks every
``django/conf/locale/*/LC_MESSAGES/django.po`` and ``django/contrib/*/locale/...`` catalog with
``--select QA2``, and prints the findings per rule; ``--show`` prints each finding with its source and
target. Prints ``skipped`` and exits 0 when the wheel cannot be fetched (no network).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa_pipeline.readers import read_document  # noqa: E402


def fetch(version: str | None, cache: Path) -> Path | None:
    """The unpacked wheel's folder, or None when pip cannot fetch it."""
    spec = f"django=={version}" if version else "django"
    wheels = sorted(cache.glob("Django-*.whl")) + sorted(cache.glob("django-*.whl"))
    if not wheels:
        cmd = [
            sys.executable,
            "-m",
            "pip",
            "download",
            spec,
            "--no-deps",
            "--only-binary=:all:",
            "-d",
            str(cache),
        ]
        if subprocess.run(cmd, capture_output=True, text=True).returncode != 0:
            return None
        wheels = sorted(cache.glob("*.whl"))
    if not wheels:
        return None
    out = cache / "unpacked"
    if not out.exists():
        with zipfile.ZipFile(wheels[-1]) as zf:
            zf.extractall(out, [n for n in zf.namelist() if n.endswith(".po")])
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--version", help="Django version (default: the newest)")
    ap.add_argument("--show", action="store_true", help="print each finding with its source and target")
    ap.add_argument("--cache", type=Path, help="keep the wheel here between runs")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cache = args.cache or Path(tmp)
        cache.mkdir(parents=True, exist_ok=True)
        root = fetch(args.version, cache)
        if root is None:
            print("skipped: could not fetch the Django wheel")
            return 0
        paths = [str(root / "django" / "conf" / "locale"), str(root / "django" / "contrib")]
        cmd = [sys.executable, "-m", "qa_pipeline", "check", *paths, "--select", "QA2", "--format", "json"]
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        if proc.returncode not in (0, 1):
            print(f"qa-pipeline failed: {proc.stderr.strip()[-500:]}")
            return 2
        files = json.loads(proc.stdout)["files"]
        by_code: Counter[str] = Counter()
        for rep in files:
            findings = rep.get("findings", [])
            by_code.update(f["code"] for f in findings)
            if args.show and findings:
                segments = {s.id: s for s in read_document(Path(rep["file"])).segments}
                for f in findings:
                    seg = segments.get(f["segment_id"])
                    print(f"{f['code']} {rep['target_language']}: {f['message']}")
                    if seg is not None:
                        print(f"    source: {seg.source!r:.200}\n    target: {seg.target!r:.200}")
        units = sum(rep.get("segment_count", 0) for rep in files)
        print(f"{len(files)} catalogs, {units} translated entries, {sum(by_code.values())} number findings")
        print("  by rule: " + ", ".join(f"{c} {n}" for c, n in sorted(by_code.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
