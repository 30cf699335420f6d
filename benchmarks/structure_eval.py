"""Measure the truncation / structure (QA5xx) and punctuation (QA6xx) rules on shared evaluation data.

Usage (from the project root)::

    python benchmarks/structure_eval.py [--shared ../shared] [--json out.json] [--samples samples.txt]

* ``eval-dev/bio_mqm_dev.jsonl``: per rule, recall on segments annotated ``Punctuation`` (and
  ``Accuracy/Addition`` for QA511), the share of clean segments (no annotation) flagged, and how many
  findings overlap an annotated punctuation span. A habit reported once per document (QA608, QA615)
  flags every segment listed in its ``places``. Segments are grouped into documents (one per
  language pair, system, rater and abstract) so that document rules see their neighbours.
* ``corpora/`` (real PO and XLIFF files): findings per 1,000 segments per rule. ``--samples`` writes
  every finding with its text for inspection.

The script skips cleanly (exit 0) when the shared folder is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from qa_pipeline.config import Settings, resolve
from qa_pipeline.engine import Job, locate, run_document_rules
from qa_pipeline.model import Document, Finding, LanguageInfo, OffsetMap, Segment, SegmentKind
from qa_pipeline.pipeline import check_paths
from qa_pipeline.registry import load_registry
from qa_pipeline.ruleapi import Resources

FAMILIES = ("QA5", "QA6")


def _codes() -> list[str]:
    return [e.meta.code for e in load_registry() if e.meta.code.startswith(FAMILIES)]


def _bio_documents(path: Path) -> Iterable[tuple[Document, dict[str, dict[str, Any]]]]:
    groups: dict[tuple[str, str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        groups[(rec["lp"], rec["system"], rec["rater"], rec["doc"])].append(rec)
    for key in sorted(groups):
        recs = sorted(groups[key], key=lambda r: int(r["seg_id"]) if str(r["seg_id"]).isdigit() else 0)
        src_lang, tgt_lang = key[0].split("-")
        segments = []
        text_parts: list[str] = []
        pos = 0
        for i, rec in enumerate(recs):
            segments.append(
                Segment(
                    id=rec["id"],
                    target=rec["target"],
                    source=rec["source"],
                    kind=SegmentKind.PARAGRAPH,
                    offsets=OffsetMap.contiguous(pos),
                    index=i,
                )
            )
            text_parts.append(rec["target"])
            pos += len(rec["target"]) + 1
        doc = Document(
            path="/".join(key),
            format="text",
            text="\n".join(text_parts),
            segments=tuple(segments),
            target_language=LanguageInfo(tgt_lang, "cli"),
            source_language=LanguageInfo(src_lang, "cli"),
        )
        yield doc, {r["id"]: r for r in recs}


def bio_eval(path: Path, codes: list[str], samples: list[str]) -> dict[str, Any]:
    registry = load_registry()
    settings = Settings(select=tuple(codes))
    resources = Resources(settings)
    flagged: dict[str, set[str]] = defaultdict(set)
    span_hits: Counter[str] = Counter()
    punct: set[str] = set()
    addition: set[str] = set()
    clean: set[str] = set()
    by_lp: Counter[str] = Counter()
    for doc, recs in _bio_documents(path):
        for rid, rec in recs.items():
            by_lp[rec["lp"]] += 1
            cats = {e["rule_family"] for e in rec["errors"]}
            if not rec["errors"]:
                clean.add(rid)
            if "punctuation" in cats:
                punct.add(rid)
            if any(e["category_norm"] == "Accuracy/Addition" for e in rec["errors"]):
                addition.add(rid)
        job = Job(
            document=doc,
            selection=resolve(settings, registry, doc.path, doc.target_language.code),
            fingerprint_path=doc.path,
        )
        for f in locate(job, run_document_rules(job, resources).results):
            sid = f.segment_id or ""
            flagged[f.code].add(sid)
            # a habit reported once per document lists every place it occurs
            flagged[f.code].update(str(place[0]) for place in f.data.get("places", ()))
            rec = recs[sid]
            spans = [e["span"] for e in rec["errors"] if e["rule_family"] == "punctuation" and e["span"]]
            if f.span and any(f.span[0] < s[1] + 1 and s[0] < f.span[1] + 1 for s in spans):
                span_hits[f.code] += 1
            tag = "PUNCT" if sid in punct else ("CLEAN" if sid in clean else "other")
            samples.append(f"bio {f.code} [{tag}] {rec['lp']} {f.message}\n    {rec['target'][:300]}")
    rules = {}
    for code in codes:
        hit = flagged.get(code, set())
        rules[code] = {
            "segments_flagged": len(hit),
            "punctuation_recall": round(len(hit & punct) / len(punct), 4) if punct else None,
            "addition_recall": round(len(hit & addition) / len(addition), 4) if addition else None,
            "clean_flagged_share": round(len(hit & clean) / len(clean), 4) if clean else None,
            "findings_on_annotated_punctuation_span": span_hits.get(code, 0),
        }
    union = set().union(*flagged.values()) if flagged else set()
    return {
        "segments": sum(by_lp.values()),
        "punctuation_segments": len(punct),
        "addition_segments": len(addition),
        "clean_segments": len(clean),
        "all_rules": {
            "punctuation_recall": round(len(union & punct) / len(punct), 4) if punct else None,
            "clean_flagged_share": round(len(union & clean) / len(clean), 4) if clean else None,
        },
        "rules": rules,
    }


def corpora_eval(root: Path, codes: list[str], samples: list[str]) -> dict[str, Any]:
    registry = load_registry()
    out: dict[str, Any] = {}
    for corpus in sorted(p for p in root.iterdir() if p.is_dir()):
        files = sorted(str(p) for p in corpus.iterdir() if p.suffix in (".po", ".xliff", ".xlf"))
        settings = Settings(select=tuple(codes), siblings="off", root=corpus)
        report = check_paths(files, settings, registry)
        counts: Counter[str] = Counter()
        segments = 0
        for fr in report.files:
            segments += fr.segment_count
            for f in fr.findings:
                counts[f.code] += 1
                samples.append(_sample(corpus.name, fr.path, f, fr.document))
        out[corpus.name] = {
            "files": len(report.files),
            "segments": segments,
            "per_1000_segments": {
                c: round(1000 * counts[c] / segments, 2) if segments else 0.0 for c in codes
            },
            "findings": {c: counts[c] for c in codes},
        }
    return out


def _sample(corpus: str, path: str, f: Finding, doc: Document | None) -> str:
    seg = doc.segment(f.segment_id or "") if doc else None
    src = (seg.source or "")[:200] if seg else ""
    tgt = (seg.target or "")[:200] if seg else ""
    return f"{corpus} {f.code} {Path(path).name}:{f.line} {f.message}\n    S: {src!r}\n    T: {tgt!r}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parent.parent.parent / "shared"))
    ap.add_argument("--json", help="write the figures as JSON to this file")
    ap.add_argument("--samples", help="write every finding with its text to this file")
    ap.add_argument("--skip-corpora", action="store_true")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not shared.is_dir():
        print(f"skipped: {shared} not found")
        return 0
    codes = _codes()
    samples: list[str] = []
    result: dict[str, Any] = {"rules": codes}
    bio = shared / "eval-dev" / "bio_mqm_dev.jsonl"
    if bio.is_file():
        result["bio_mqm"] = bio_eval(bio, codes, samples)
    corpora = shared / "corpora"
    if corpora.is_dir() and not args.skip_corpora:
        result["corpora"] = corpora_eval(corpora, codes, samples)
    _print(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.samples:
        Path(args.samples).write_text("\n".join(samples) + "\n", encoding="utf-8")
    return 0


def _print(result: dict[str, Any]) -> None:
    bio = result.get("bio_mqm")
    corpora = result.get("corpora", {})
    if bio:
        print(
            f"bio-mqm: {bio['segments']} segments, {bio['punctuation_segments']} annotated Punctuation, "
            f"{bio['clean_segments']} clean; all rules: recall {bio['all_rules']['punctuation_recall']:.1%}, "
            f"clean flagged {bio['all_rules']['clean_flagged_share']:.1%}"
        )
    header = f"{'rule':7} {'punct-recall':>12} {'clean-flag':>10} {'span-hits':>9}"
    header += "".join(f" {name[:14]:>14}" for name in corpora)
    print(header + ("   (corpora: findings per 1,000 segments)" if corpora else ""))
    for code in result["rules"]:
        row = f"{code:7}"
        if bio:
            r = bio["rules"][code]
            row += f" {r['punctuation_recall']:>12.1%} {r['clean_flagged_share']:>10.2%} {r['findings_on_annotated_punctuation_span']:>9}"
        for data in corpora.values():
            row += f" {data['per_1000_segments'][code]:>14.2f}"
        print(row)
    for name, data in corpora.items():
        print(f"{name}: {data['files']} files, {data['segments']} segments")


if __name__ == "__main__":
    sys.exit(main())
