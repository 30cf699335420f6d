"""Findings of the QA83x–QA86x rules per 1,000 translated units of real catalogs, by rule, with
``--show CODE`` printing each finding (path, line, message) for reading them one by one.

The catalogs are ../shared/corpora/sphinx-po and focus-ios-xliff (skipped when absent) and any
``--extra DIR`` (e.g. Django's ``django/`` folder from ``pip download django --no-deps``, unzipped).
They are published translations: every finding deserves a look, and QA84x findings (consistency) are
real inconsistencies more often than not, but some are intended (synonyms, a label and a title).

    python benchmarks/fidelity_corpus.py [--extra /tmp/dj/django] [--show QA841]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
CODES = "QA830,QA831,QA832,QA833,QA834,QA835,QA836,QA837,QA838,QA840,QA841,QA842,QA843,QA852,QA860,QA861"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", action="append", default=[])
    parser.add_argument("--show", default="")
    args = parser.parse_args()
    sets = [[CORPORA / "sphinx-po", CORPORA / "focus-ios-xliff"], *[[Path(e)] for e in args.extra]]
    sets = [[p for p in s if p.exists()] for s in sets]
    sets = [s for s in sets if s]
    if not sets:
        print("skipped: ../shared/corpora absent and no --extra")
        return 0
    for paths in sets:
        cmd = [sys.executable, "-m", "qa_pipeline", "check", "--select", CODES, "--format", "json"]
        run = subprocess.run([*cmd, *map(str, paths)], capture_output=True, text=True, check=False)
        data = json.loads(run.stdout)
        units = sum(f.get("segment_count", 0) for f in data["files"])
        counts: Counter[str] = Counter(x["code"] for f in data["files"] for x in f["findings"])
        print(f"{', '.join(p.name for p in paths)}: {len(data['files'])} files, {units} units")
        for code in CODES.split(","):
            if counts[code]:
                print(f"  {code}: {counts[code]} ({1000 * counts[code] / max(units, 1):.2f} per 1,000)")
        if args.show:
            for f in data["files"]:
                for x in f["findings"]:
                    if x["code"] in args.show.split(","):
                        print(f"    {f['file']}:{x['line']}: {x['code']} {x['message'][:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
