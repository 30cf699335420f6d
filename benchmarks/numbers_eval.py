#!/usr/bin/env python3
"""Number rules (QA201–QA207) on the bio-MQM development set: recall and clean-segment flags.

Usage (from the project root)::

    python benchmarks/numbers_eval.py [--data PATH] [--show N] [--json out.json]

Reads ``../shared/eval-dev/bio_mqm_dev.jsonl`` (skips cleanly, exit 0, when it is absent), checks every
segment with its English source, and reports:

* recall on segments annotated ``Number format`` or ``Measurement format`` (segment level: any number
  finding; span level: a finding overlapping the annotated span), per rule and per language pair;
* recall on segments annotated with any error whose span contains a digit (``has_digit``), for context;
* the share of segments annotated with no error at all that get a number finding (all severities, and
  major only), per rule.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa_pipeline.config import RuleSelection  # noqa: E402
from qa_pipeline.engine import Job, locate, run_document_rules  # noqa: E402
from qa_pipeline.model import Document, Finding, LanguageInfo, OffsetMap, Segment, Severity  # noqa: E402
from qa_pipeline.registry import load_registry  # noqa: E402
from qa_pipeline.ruleapi import NoOptions, Resources  # noqa: E402
from qa_pipeline.text.protect import protected_spans  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "eval-dev" / "bio_mqm_dev.jsonl"
CODES = ("QA201", "QA202", "QA203", "QA204", "QA205", "QA206", "QA207")
FORMAT_CATEGORIES = ("Number format", "Measurement format")


def run(records: list[dict[str, Any]]) -> dict[str, list[Finding]]:
    """Findings per record id, one document per language pair (segment i = record i)."""
    registry = load_registry()
    entries = tuple(e for e in registry if e.meta.code in CODES)
    selection = RuleSelection(
        enabled=entries,
        severities={e.meta.code: e.meta.severity for e in entries},
        options={
            e.meta.code: (e.options_type() if e.options_type is not NoOptions else NoOptions())
            for e in entries
        },
    )
    resources = Resources()
    out: dict[str, list[Finding]] = {}
    by_lp: dict[str, list[dict[str, Any]]] = {}
    for rec in records:
        by_lp.setdefault(rec["lp"], []).append(rec)
    for lp, recs in sorted(by_lp.items()):
        src_lang, tgt_lang = lp.split("-")
        segments = []
        text = ""
        for i, rec in enumerate(recs):
            target, source = rec["target"], rec["source"]
            segments.append(
                Segment(
                    id=str(i),
                    target=target,
                    source=source,
                    offsets=OffsetMap.contiguous(len(text)),
                    protected=tuple(protected_spans(target)),
                    source_protected=tuple(protected_spans(source)),
                    index=i,
                )
            )
            text += target.replace("\n", " ") + "\n"
        doc = Document(
            path=f"{lp}.txt",
            format="text",
            text=text,
            segments=tuple(segments),
            target_language=LanguageInfo(tgt_lang, "cli"),
            source_language=LanguageInfo(src_lang, "cli"),
        )
        job = Job(document=doc, selection=selection, fingerprint_path=doc.path)
        for finding in locate(job, run_document_rules(job, resources).results):
            rec = recs[int(finding.segment_id or 0)]
            out.setdefault(rec["id"], []).append(finding)
    return out


def _overlaps(finding: Finding, span: list[int]) -> bool:
    if finding.span is None:
        return True  # a whole-segment finding (a missing number) covers the annotated span
    return finding.span[0] < span[1] and span[0] < finding.span[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--show", type=int, default=0, help="print N flagged clean segments and N misses")
    ap.add_argument("--json", type=Path, help="write the figures as JSON")
    args = ap.parse_args()
    if not args.data.exists():
        print(f"skipped: {args.data} not found")
        return 0
    records = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    found = run(records)
    seg_hit = seg_total = span_hit = span_total = digit_hit = digit_total = 0
    clean_total = clean_any = clean_major = 0
    clean_by_rule: Counter[str] = Counter()
    hit_by_rule: Counter[str] = Counter()
    lp_hit: Counter[str] = Counter()
    lp_total: Counter[str] = Counter()
    shown_fp: list[str] = []
    shown_miss: list[str] = []
    for rec in records:
        fs = found.get(rec["id"], [])
        errors = rec["errors"]
        if not errors:
            clean_total += 1
            clean_any += bool(fs)
            clean_major += any(f.severity.rank >= Severity.MAJOR.rank for f in fs)
            for code in {f.code for f in fs}:
                clean_by_rule[code] += 1
            if fs and len(shown_fp) < args.show:
                shown_fp.append(f"{rec['lp']} {[(f.code, f.message) for f in fs]}")
            continue
        if any(e.get("has_digit") for e in errors):
            digit_total += 1
            digit_hit += bool(fs)
        fmt = [e for e in errors if e["category"] in FORMAT_CATEGORIES]
        if not fmt:
            continue
        seg_total += 1
        lp_total[rec["lp"]] += 1
        if fs:
            seg_hit += 1
            lp_hit[rec["lp"]] += 1
            for code in {f.code for f in fs}:
                hit_by_rule[code] += 1
        for e in fmt:
            if not e["span"]:
                continue
            span_total += 1
            hit = any(_overlaps(f, e["span"]) for f in fs)
            span_hit += hit
            if not hit and len(shown_miss) < args.show:
                shown_miss.append(f"{rec['lp']} {e['category']}: {e['text']!r} in {rec['target'][:120]!r}")
    figures = {
        "format_segments": seg_total,
        "format_segments_flagged": seg_hit,
        "format_spans": span_total,
        "format_spans_hit": span_hit,
        "digit_error_segments": digit_total,
        "digit_error_segments_flagged": digit_hit,
        "clean_segments": clean_total,
        "clean_flagged_any": clean_any,
        "clean_flagged_major": clean_major,
        "clean_flagged_by_rule": dict(sorted(clean_by_rule.items())),
        "format_hits_by_rule": dict(sorted(hit_by_rule.items())),
    }
    pct = lambda a, b: f"{100 * a / max(b, 1):.1f}%"  # noqa: E731
    print(
        f"segments annotated {' / '.join(FORMAT_CATEGORIES)}: {seg_hit}/{seg_total} flagged ({pct(seg_hit, seg_total)})"
    )
    print(f"  annotated spans overlapped by a finding: {span_hit}/{span_total} ({pct(span_hit, span_total)})")
    print(f"  by rule: {dict(sorted(hit_by_rule.items()))}")
    print(f"  by language pair: { {k: f'{lp_hit[k]}/{v}' for k, v in sorted(lp_total.items())} }")
    print(
        f"segments with any error on a span with digits: {digit_hit}/{digit_total} flagged ({pct(digit_hit, digit_total)})"
    )
    print(
        f"clean segments flagged: {clean_any}/{clean_total} ({pct(clean_any, clean_total)}) any severity, "
        f"{clean_major}/{clean_total} ({pct(clean_major, clean_total)}) major"
    )
    print(f"  by rule: {dict(sorted(clean_by_rule.items()))}")
    for s in shown_fp:
        print("  clean flagged:", s)
    for s in shown_miss:
        print("  missed:", s)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
