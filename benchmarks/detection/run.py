"""The injected-defect benchmark (issue 16): recall per defect class and the clean-unit flag rate.

Each module of this folder that defines ``INJECTORS`` (class -> injector) and ``RULES`` (class -> the
rule codes or prefixes that should find it) contributes its classes; see ``common.py`` for units,
injection and scoring. Needs ../shared (skips cleanly without it).

    python benchmarks/detection/run.py [--only MODULE] [--limit N] [--show-missed K]
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import SHARED, corpus_units, eval_dev_units, measure, report  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", action="append", help="a module of this folder (default: all)")
    ap.add_argument("--limit", type=int, default=1500, help="clean units from each source")
    ap.add_argument("--show-missed", type=int, default=0)
    args = ap.parse_args()
    if not SHARED.is_dir():
        print("../shared is not present: nothing to measure")
        return 0
    injectors, rules = {}, {}
    names = args.only or sorted(p.stem for p in HERE.glob("*.py") if p.stem not in ("common", "run"))
    for name in names:
        module = importlib.import_module(name)
        if hasattr(module, "INJECTORS"):
            injectors.update(module.INJECTORS)
            rules.update(module.RULES)
    units = eval_dev_units(args.limit) + corpus_units(max(1, args.limit // 70))
    results, rates = measure(units, injectors, rules)
    print("\n".join(report(results, rates, args.show_missed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
