#!/usr/bin/env python3
"""Untranslated-text rules (QA401–QA404) on the bio-MQM development set: recall and clean-segment flags.

Usage (from the project root): python benchmarks/untranslated_eval.py [--data PATH] [--show N]

Reads ``../shared/eval-dev/bio_mqm_dev.jsonl`` (skips cleanly when it is absent) and reports:
* recall on segments with an ``Untranslated`` annotation (segment level, and span level: a finding
  overlapping an annotated span), overall and for annotated spans of two or more ordinary words
  (what the rules are designed for: names and acronyms are not reported, see docs/rules-untranslated.md);
* the share of segments annotated with no error at all that get any QA401–QA404 finding.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa_pipeline.analysis.langid.names import name_like_token  # noqa: E402
from qa_pipeline.analysis.langid.untranslated import AnalysisOptions, analyze  # noqa: E402
from qa_pipeline.model import Segment, Span  # noqa: E402
from qa_pipeline.text.protect import protected_spans  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "eval-dev" / "bio_mqm_dev.jsonl"


def findings(rec: dict[str, object]) -> list[tuple[str, Span]]:
    source, target = str(rec["source"]), str(rec["target"])
    lp = str(rec["lp"])
    seg = Segment(
        id="s",
        target=target,
        source=source,
        protected=tuple(protected_spans(target)),
        source_protected=tuple(protected_spans(source)),
    )
    a = analyze(seg, lp.split("-")[1], lp.split("-")[0], frozenset(), AnalysisOptions())
    out: list[tuple[str, Span]] = []
    if a.whole is not None:
        out.append(("QA401", Span(0, len(target))))
    out += [("QA403" if r.clause else "QA402", r.span) for r in a.runs]
    out += [("QA404", s) for s in a.copied]
    return out


def ordinary(text: str) -> bool:
    """Two or more words that are not names, acronyms or codes."""
    words = [w for w in text.replace("(", " ").replace(")", " ").split() if any(c.isalpha() for c in w)]
    plain = [w for w in words if not name_like_token(w) and not w[:1].isupper()]
    return len(plain) >= 2


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--show", type=int, default=0, help="print N flagged clean segments and N misses")
    args = ap.parse_args()
    if not args.data.exists():
        print(f"skipped: {args.data} not found")
        return 0
    seg_hit = seg_total = span_hit = span_total = ord_hit = ord_total = 0
    clean_flagged = clean_total = 0
    by_lp: Counter[str] = Counter()
    by_lp_total: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    shown_fp: list[str] = []
    shown_miss: list[str] = []
    for line in args.data.open(encoding="utf-8"):
        rec = json.loads(line)
        found = findings(rec)
        for code, _ in found:
            codes[code] += 1
        errors = rec["errors"]
        untranslated = [e for e in errors if e["rule_family"] == "untranslated" and e["span"]]
        if not errors:
            clean_total += 1
            if found:
                clean_flagged += 1
                if len(shown_fp) < args.show:
                    shown_fp.append(f"{rec['lp']} {[rec['target'][s.start : s.end] for _, s in found]}")
        if not untranslated:
            continue
        seg_total += 1
        by_lp_total[rec["lp"]] += 1
        if found:
            seg_hit += 1
            by_lp[rec["lp"]] += 1
        for e in untranslated:
            span = Span(*e["span"])
            hit = any(s.overlaps(span) for _, s in found)
            span_total += 1
            span_hit += hit
            if ordinary(e["text"]):
                ord_total += 1
                ord_hit += hit
                if not hit and len(shown_miss) < args.show:
                    shown_miss.append(f"{rec['lp']} {e['text']!r}")
    print(
        f"segments annotated Untranslated: {seg_hit}/{seg_total} flagged ({100 * seg_hit / seg_total:.1f}%)"
    )
    print(
        f"annotated spans overlapped by a finding: {span_hit}/{span_total} ({100 * span_hit / span_total:.1f}%)"
    )
    print(
        f"  of which spans of 2+ ordinary words (not names/acronyms): {ord_hit}/{ord_total}"
        f" ({100 * ord_hit / max(ord_total, 1):.1f}%)"
    )
    print(
        f"clean segments (no annotated error) flagged: {clean_flagged}/{clean_total}"
        f" ({100 * clean_flagged / clean_total:.2f}%)"
    )
    print(
        "by language pair (untranslated segments flagged):",
        {k: f"{by_lp[k]}/{v}" for k, v in sorted(by_lp_total.items())},
    )
    print("findings by rule:", dict(sorted(codes.items())))
    for s in shown_fp:
        print("  clean flagged:", s)
    for s in shown_miss:
        print("  missed:", s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
