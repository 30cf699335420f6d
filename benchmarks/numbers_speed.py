#!/usr/bin/env python3
"""Number extraction and comparison on one long line: time per KB must stay flat (linear time).

Usage (from the project root)::

    python benchmarks/numbers_speed.py [--sizes 50,200,1000] [--lang fr]

Builds single-line texts of the given sizes in KB from a mix of words, grouped numbers, decimals,
times, dates, ranges, phone numbers and spelled-out numbers, and prints the seconds taken by
``numbers.extract`` (first call: the result is memoized per text) and by ``numbers_compare.compare``
of the text with itself, with microseconds per KB. Quadratic code shows as a per-KB figure that grows
with the size.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa_pipeline.analysis.numbers.compare import compare  # noqa: E402
from qa_pipeline.analysis.numbers.extract import extract  # noqa: E402

PIECE = (
    "Le 24.12.2020 à 14:30, 36 612 visiteurs (soit 82 %) ont payé 13,52 € ; entre 10–20 personnes, "
    "appelez le +33 1 23 45 67 89, version 1.2.3, trois fois par jour, 1'000 CHF et 2,5 millions. "
)


def text_of(kb: int) -> str:
    n = kb * 1024 // len(PIECE.encode()) + 1
    return (PIECE * n)[: kb * 1024]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="50,200,1000", help="sizes in KB, comma-separated")
    ap.add_argument("--lang", default="fr")
    args = ap.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}")
    extract("warm-up 1 000 et 2,5", args.lang)
    print(f"{'KB':>6} {'tokens':>8} {'extract s':>10} {'µs/KB':>8} {'compare s':>10} {'µs/KB':>8}")
    for kb in (int(s) for s in args.sizes.split(",")):
        text = text_of(kb)
        t0 = time.perf_counter()
        tokens = extract(text, args.lang)
        t1 = time.perf_counter()
        compare(tokens, tokens)
        t2 = time.perf_counter()
        print(
            f"{kb:>6} {len(tokens):>8} {t1 - t0:>10.2f} {(t1 - t0) * 1e6 / kb:>8.0f} "
            f"{t2 - t1:>10.2f} {(t2 - t1) * 1e6 / kb:>8.0f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
