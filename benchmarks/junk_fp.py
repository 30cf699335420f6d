"""False-positive check of the junk (QA3xx) and repetition (QA7xx) rules on clean professional translations.

Usage (from the project root)::

    python benchmarks/junk_fp.py [--shared ../shared] [--json out.json] [--samples findings.txt]

Runs every QA3xx and QA7xx rule over all PO and XLIFF files of ``<shared>/corpora/`` (real, reviewed
community translations: every finding deserves a look) and prints, per corpus and per rule, the number
of findings and the rate per 1,000 evaluated words (the run's MQM word count). ``--samples`` writes
every finding with its source and target text for inspection. The script skips cleanly (exit 0) when
the shared folder is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from qa_pipeline.config import Settings
from qa_pipeline.model import Document, Finding
from qa_pipeline.pipeline import check_paths
from qa_pipeline.registry import load_registry

FAMILIES = ("QA3", "QA7")


def _codes() -> list[str]:
    return [e.meta.code for e in load_registry() if e.meta.code.startswith(FAMILIES)]


def _sample(corpus: str, path: str, f: Finding, doc: Document | None) -> str:
    seg = doc.segment(f.segment_id or "") if doc else None
    src = (seg.source or "")[:240] if seg else ""
    tgt = (seg.target or "")[:240] if seg else ""
    return (
        f"{corpus} {f.code} {f.severity.value} {Path(path).name}:{f.line} {f.message}\n"
        f"    S: {src!r}\n    T: {tgt!r}"
    )


def corpora_fp(root: Path, codes: list[str], samples: list[str]) -> dict[str, Any]:
    registry = load_registry()
    out: dict[str, Any] = {}
    total_words = 0
    total: Counter[str] = Counter()
    for corpus in sorted(p for p in root.iterdir() if p.is_dir()):
        files = sorted(str(p) for p in corpus.iterdir() if p.suffix in (".po", ".xliff", ".xlf"))
        if not files:
            continue
        settings = Settings(select=tuple(codes), siblings="off", root=corpus)
        started = time.perf_counter()
        report = check_paths(files, settings, registry)
        elapsed = time.perf_counter() - started
        counts: Counter[str] = Counter()
        words = 0
        for fr in report.files:
            words += fr.word_count
            for f in fr.findings:
                counts[f.code] += 1
                samples.append(_sample(corpus.name, fr.path, f, fr.document))
        total_words += words
        total.update(counts)
        out[corpus.name] = {
            "files": len(report.files),
            "words": words,
            "seconds": round(elapsed, 2),
            "findings": sum(counts.values()),
            "per_1000_words": round(1000 * sum(counts.values()) / words, 3) if words else 0.0,
            "by_rule": {c: counts[c] for c in codes if counts[c]},
        }
    out["all"] = {
        "words": total_words,
        "findings": sum(total.values()),
        "per_1000_words": round(1000 * sum(total.values()) / total_words, 3) if total_words else 0.0,
        "by_rule": {c: total[c] for c in codes if total[c]},
    }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parent.parent.parent / "shared"))
    ap.add_argument("--json", help="write the figures as JSON to this file")
    ap.add_argument("--samples", help="write every finding with its text to this file")
    args = ap.parse_args(argv)
    corpora = Path(args.shared) / "corpora"
    if not corpora.is_dir():
        print(f"skipped: {corpora} not found")
        return 0
    samples: list[str] = []
    figures = corpora_fp(corpora, _codes(), samples)
    for name, fig in figures.items():
        print(
            f"{name:18} words {fig['words']:>8}  findings {fig['findings']:>5}  "
            f"per 1,000 words {fig['per_1000_words']:.3f}  {fig['by_rule']}"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.samples:
        Path(args.samples).write_text("\n".join(samples) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
