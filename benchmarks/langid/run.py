#!/usr/bin/env python3
"""Untranslated-text benchmark: recall and false-positive rate by span length, shipped detector vs langdetect.

Usage (from the project root):
    python benchmarks/langid/run.py [--spans benchmarks/langid/spans.yaml] [--details]

Items, all built from ``spans.yaml`` (our own writing, English source):
* English spans alone, as a whole segment of a document in each target language (recall);
* English spans inserted mid-sentence into clean target sentences, and hand-written mixed sentences
  (recall: a finding must overlap the English part; a finding elsewhere counts as a false alarm);
* clean target spans and name-heavy clean sentences (false-positive rate: any finding is one).

"Shipped" is :func:`qa_pipeline.analysis.langid.detect.analyze` as the rules QA401–QA403 use it (names,
allow-list and thresholds included). "langdetect" is plain langdetect 1.0.9, seeded: a span is flagged
when ``detect(span) == "en"``; in a sentence, when a clause (split at punctuation) is detected as English.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from qa_pipeline.analysis.langid.untranslated import AnalysisOptions, analyze  # noqa: E402
from qa_pipeline.model import Segment, Span  # noqa: E402

MARK = re.compile(r"\[\[(.+?)\]\]")
OPTS = AnalysisOptions()


def configure(**kwargs: Any) -> None:
    """Change the shipped detector's options (for tuning runs)."""
    global OPTS
    OPTS = AnalysisOptions(**kwargs)


def bucket(text: str, lang: str) -> str:
    if lang in ("ja", "zh"):
        from qa_pipeline.text.wordcount import count_words

        n = count_words(text, lang)
    else:
        n = len(text.split())
    return "1" if n == 1 else "2-3" if n <= 3 else "4-8" if n <= 8 else "9+"


def shipped(text: str, lang: str) -> list[Span]:
    a = analyze(Segment(id="s", target=text), lang, "en", frozenset(), OPTS)
    if a.whole is not None:
        return [Span(0, len(text))]
    return [r.span for r in a.runs]


def _langdetect(text: str) -> str | None:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        return str(detect(text))
    except LangDetectException:
        return None


def plain(text: str, lang: str) -> list[Span]:
    out = []
    for m in re.finditer(r"[^,;:.!?()«»“”\"。、，]+", text):
        if m.group().strip() and _langdetect(m.group()) == "en":
            out.append(Span(m.start(), m.end()))
    return out


def insert(carrier: str, span: str) -> tuple[str, Span]:
    words = carrier.split(" ")
    if len(words) == 1:  # unspaced script: insert after the first clause mark or midway
        cut = max(carrier.find("、") + 1, carrier.find("は") + 1, len(carrier) // 2)
        return carrier[:cut] + span + carrier[cut:], Span(cut, cut + len(span))
    k = len(words) // 2
    head = " ".join(words[:k]) + " "
    return head + span + " " + " ".join(words[k:]), Span(len(head), len(head) + len(span))


def items(spec: dict[str, Any]) -> list[tuple[str, str, str, str, Span | None]]:
    """(kind, lang, bucket, text, english span or None for clean)."""
    out: list[tuple[str, str, str, str, Span | None]] = []
    english = [t for group in spec["english"].values() for t in group]
    for lang, data in spec["languages"].items():
        for text in english:
            out.append(("english-alone", lang, bucket(text, "en"), text, Span(0, len(text))))
            if len(text.split()) <= 8:
                for carrier in data["carriers"]:
                    full, span = insert(carrier, text)
                    out.append(("english-inserted", lang, bucket(text, "en"), full, span))
        for texts in data["clean"].values():
            for text in texts:
                out.append(("clean", lang, bucket(text, lang), text, None))
        for text in data["names"]:
            out.append(("names", lang, bucket(text, lang), text, None))
        for text in data["mixed"]:
            m = MARK.search(text)
            assert m is not None
            clean = MARK.sub(r"\1", text)
            span = Span(m.start(), m.start() + len(m.group(1)))
            out.append(("mixed", lang, bucket(m.group(1), "en"), clean, span))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--spans", type=Path, default=Path(__file__).with_name("spans.yaml"))
    ap.add_argument(
        "--details", action="store_true", help="print every miss and false alarm of the shipped detector"
    )
    args = ap.parse_args()
    spec = yaml.safe_load(args.spans.read_text(encoding="utf-8"))
    data = items(spec)
    langs = sorted(spec["languages"])
    unique = len({t for group in spec["english"].values() for t in group}) + sum(
        len(d["names"]) + len(d["mixed"]) + len(d["carriers"]) + sum(len(v) for v in d["clean"].values())
        for d in spec["languages"].values()
    )
    print(
        f"{unique} labelled texts, {len(data)} evaluated items, {len(langs)} target languages: {', '.join(langs)}"
    )
    results: dict[str, dict[tuple[str, str], list[int]]] = {}
    timing: dict[str, float] = {}
    for name, detector in (("shipped", shipped), ("langdetect", plain)):
        counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        t0 = time.perf_counter()
        for kind, lang, bkt, text, span in data:
            found = detector(text, lang)
            if span is None:
                key = ("false-positive", bkt)
                hit = bool(found)
            else:
                key = ("recall", bkt)
                hit = any(f.overlaps(span) for f in found)
                stray = [f for f in found if not f.overlaps(span)]
                counts[("stray", bkt)][0] += bool(stray)
                counts[("stray", bkt)][1] += 1
            counts[key][0] += hit
            counts[key][1] += 1
            counts[(f"{key[0]}:{kind}", bkt)][0] += hit
            counts[(f"{key[0]}:{kind}", bkt)][1] += 1
            if args.details and name == "shipped" and hit != (span is not None):
                what = "MISS" if span is not None else "FALSE"
                print(f"  {what} [{kind} {lang} {bkt}] {text!r} -> {[text[f.start : f.end] for f in found]}")
        timing[name] = time.perf_counter() - t0
        results[name] = counts
    buckets = ["1", "2-3", "4-8", "9+"]
    rows = sorted({k[0] for r in results.values() for k in r})
    print(f"\n{'measure':34} {'bucket':6} {'shipped':>18} {'langdetect':>18}")
    for row in rows:
        for bkt in buckets:
            cells = []
            for name in ("shipped", "langdetect"):
                hit, total = results[name].get((row, bkt), [0, 0])
                cells.append(f"{100 * hit / total:5.1f}% ({hit}/{total})" if total else "-")
            if any(c != "-" for c in cells):
                print(f"{row:34} {bkt:6} {cells[0]:>18} {cells[1]:>18}")
    print(
        f"\ntime: shipped {timing['shipped']:.2f} s, langdetect {timing['langdetect']:.2f} s for {len(data)} items"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
