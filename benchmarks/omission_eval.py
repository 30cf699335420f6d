"""Measure source alignment and omission detection (QA510–QA514) on document pairs built from real
translations.

Usage (from the project root)::

    python benchmarks/omission_eval.py [--shared ../shared] [--json out.json] [--samples out.txt]

There are no real Markdown source/translation pairs in ``../shared``, so pairs are built from
sentence-aligned real translations, in document order: the LibreOffice guide chapters
(``corpora/libreoffice-guides-tmx/CG*.tmx``, en → pt-BR, human) and the bio-MQM abstracts
(``eval-dev/bio_mqm_dev.jsonl``, en → de/es/fr/ru/zh, machine-translated). Consecutive sentences
are grouped into paragraphs of one to four sentences (short unterminated lines become headings),
the same way on both sides, and written as Markdown. Each pair is then checked as it is (clean)
and after edits whose right answer is known:

* ``drop1``, ``drop2``, ``drop-run``, ``gutted``: one, two apart, two adjacent, or all but the first
  paragraphs removed from the translation: QA513 must name exactly the removed source paragraphs;
* ``merge`` (two target paragraphs joined), ``split`` (one cut in two at a sentence), ``note`` (a
  translator's note added), ``clean``: no QA513 finding may appear;
* ``empty``: an empty translation: QA514 must fire.

It prints, per variant, how many documents came out exactly right and how many QA510–QA513
findings appeared where none should, and how long the alignment of one long document takes. The script skips cleanly (exit 0) without ``../shared``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from defusedxml import ElementTree

from qa_pipeline.analysis.structure.outliers import weight
from qa_pipeline.config import Settings, resolve
from qa_pipeline.engine import Job, locate, run_document_rules
from qa_pipeline.model import Document, LanguageInfo
from qa_pipeline.pairing import attach_source
from qa_pipeline.readers import ReadOptions
from qa_pipeline.readers.markdown import read_markdown
from qa_pipeline.registry import load_registry
from qa_pipeline.ruleapi import Resources

CODES = ("QA510", "QA511", "QA512", "QA513", "QA514")
_TERMINAL = re.compile(r"[.!?:;。！？]\s*$")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Pair:
    name: str
    source_lang: str
    target_lang: str
    blocks: tuple[tuple[str, str], ...]  # (source block, target block), Markdown
    sentences: tuple[tuple[tuple[str, str], ...], ...]  # per block: its (source, target) sentences


def _tmx_sentences(path: Path) -> list[tuple[str, str]]:
    out = []
    for tu in ElementTree.parse(path).getroot().iter("tu"):
        segs = {}
        for tuv in tu.iter("tuv"):
            seg = tuv.find("seg")
            if seg is not None:
                segs[(tuv.get(_XML_LANG) or "").lower()] = "".join(seg.itertext()).strip()
        src = segs.get("en") or segs.get("en-us") or ""
        tgt = segs.get("pt-br") or ""
        if src and tgt:
            out.append((src, tgt))
    return out


def _bio_abstracts(path: Path) -> Iterator[tuple[str, str, list[tuple[str, str]]]]:
    current: list[tuple[str, str]] = []
    key: tuple[str, ...] = ()
    last = 0
    count = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        seg = int(rec["seg_id"]) if str(rec["seg_id"]).isdigit() else 0
        rkey = (rec["lp"], rec["system"], rec["rater"])
        if rkey != key or seg <= last:
            if len(current) >= 4:
                count += 1
                yield f"bio-{key[0]}-{count}", key[0], current
            current, key = [], rkey
        current.append((rec["source"], rec["target"]))
        last = seg
    if len(current) >= 4:
        yield f"bio-{key[0]}-{count + 1}", key[0], current


Block = tuple[str, str, tuple[tuple[str, str], ...]]


def _blocks(sentences: list[tuple[str, str]], rng: random.Random) -> list[Block]:
    """Markdown blocks: short unterminated lines as headings, other sentences in groups of 1–4.
    Each block is (source, target, its (source, target) sentences)."""
    out: list[Block] = []
    group: list[tuple[str, str]] = []
    size = rng.randint(1, 4)

    def flush() -> None:
        out.append((" ".join(s for s, _ in group), " ".join(t for _, t in group), tuple(group)))

    for src, tgt in sentences:
        if not _TERMINAL.search(src) and len(src.split()) <= 10:
            if group:
                flush()
                group = []
            out.append((f"## {src}", f"## {tgt}", ((src, tgt),)))
            continue
        group.append((src, tgt))
        if len(group) >= size:
            flush()
            group, size = [], rng.randint(1, 4)
    if group:
        flush()
    return out


def _pair(name: str, source_lang: str, target_lang: str, blocks: list[Block]) -> Pair:
    return Pair(
        name, source_lang, target_lang, tuple((s, t) for s, t, _ in blocks), tuple(g for *_, g in blocks)
    )


def pairs(shared: Path) -> Iterator[Pair]:
    rng = random.Random(11)
    tmx = shared / "corpora" / "libreoffice-guides-tmx"
    for path in sorted(tmx.glob("CG*.tmx")):
        blocks = _blocks(_tmx_sentences(path), rng)
        for k in range(0, len(blocks), 30):  # documents of about 30 paragraphs
            chunk = blocks[k : k + 30]
            if len(chunk) >= 6:
                yield _pair(f"{path.stem}-{k // 30}", "en", "pt-BR", chunk)
    bio = shared / "eval-dev" / "bio_mqm_dev.jsonl"
    if bio.is_file():
        for name, lp, sentences in _bio_abstracts(bio):
            src_lang, tgt_lang = lp.split("-")
            blocks = _blocks(sentences, rng)
            if len(blocks) >= 3:
                yield _pair(name, src_lang, tgt_lang, blocks)


@dataclass(frozen=True)
class Variant:
    name: str
    target_blocks: tuple[str, ...]
    dropped: frozenset[int]  # indices of source blocks removed from the target
    sentence: str | None = None  # a source sentence removed from inside a target paragraph


def _reportable(block: str) -> bool:
    return weight(block.lstrip("# ")) >= 15


def variants(pair: Pair, rng: random.Random) -> Iterator[Variant]:
    tgt = [t for _, t in pair.blocks]
    n = len(tgt)
    yield Variant("clean", tuple(tgt), frozenset())
    yield Variant("empty", (), frozenset(range(n)))
    candidates = [i for i in range(1, n) if _reportable(pair.blocks[i][0])]
    if candidates:
        i = rng.choice(candidates)
        yield Variant("drop1", tuple(t for k, t in enumerate(tgt) if k != i), frozenset({i}))
    if len(candidates) >= 4:
        a, b = sorted(rng.sample(candidates, 2))
        if b - a > 1:
            yield Variant("drop2", tuple(t for k, t in enumerate(tgt) if k not in (a, b)), frozenset({a, b}))
    runs = [i for i in candidates if i + 1 in candidates]
    if runs:
        i = rng.choice(runs)
        kept = tuple(t for k, t in enumerate(tgt) if k not in (i, i + 1))
        yield Variant("drop-run", kept, frozenset({i, i + 1}))
    if 3 <= n <= 8:
        short = frozenset(i for i in range(1, n) if not _reportable(pair.blocks[i][0]))
        yield Variant("gutted", (tgt[0],), frozenset(range(1, n)) - short)
    paras = [i for i in range(n - 1) if not tgt[i].startswith("#") and not tgt[i + 1].startswith("#")]
    if paras:
        i = rng.choice(paras)
        yield Variant("merge", (*tgt[:i], tgt[i] + " " + tgt[i + 1], *tgt[i + 2 :]), frozenset())
    splittable = [i for i in range(n) if len(pair.sentences[i]) >= 2]
    if splittable:
        i = rng.choice(splittable)
        group = pair.sentences[i]
        k = len(group) // 2
        halves = (" ".join(t for _, t in group[:k]), " ".join(t for _, t in group[k:]))
        yield Variant("split", (*tgt[:i], *halves, *tgt[i + 1 :]), frozenset())
    multi = [
        (i, k)
        for i, group in enumerate(pair.sentences)
        if len(group) >= 2
        for k, (src, _) in enumerate(group)
        if weight(src) >= 15
    ]
    if multi:
        i, k = rng.choice(multi)
        group = pair.sentences[i]
        shorter = " ".join(t for x, (_, t) in enumerate(group) if x != k)
        yield Variant("drop-sentence", (*tgt[:i], shorter, *tgt[i + 1 :]), frozenset(), group[k][0])
    i = rng.randrange(n)
    note = "(Nota do tradutor: este parágrafo foi adaptado para os leitores locais.)"
    yield Variant("note", (*tgt[: i + 1], note, *tgt[i + 1 :]), frozenset())


def _document(blocks: Iterable[str], path: str, lang: str) -> Document:
    text = "\n\n".join(blocks) + "\n"
    doc = read_markdown(text, path, ReadOptions())
    return replace(doc, target_language=LanguageInfo(lang, "cli"))


def _same(sentence: str, quoted: str) -> bool:
    return " ".join(sentence.split()).startswith(quoted.rstrip("…"))


def evaluate(shared: Path, samples: list[str]) -> dict[str, Any]:
    registry = load_registry()
    settings = Settings(select=CODES, siblings="off")
    resources = Resources(settings)
    stats: dict[str, Counter[str]] = {}
    for pair in pairs(shared):
        rng = random.Random(pair.name)
        source = _document((s for s, _ in pair.blocks), f"{pair.name}.en.md", pair.source_lang)
        block_of = {seg.id: k for k, seg in enumerate(source.segments)}
        corpus = "bio" if pair.name.startswith("bio") else "guides"
        for var in variants(pair, rng):
            st = stats.setdefault(f"{corpus} {var.name}", Counter())
            st["documents"] += 1
            target = _document(var.target_blocks, f"{pair.name}.{var.name}.md", pair.target_lang)
            doc = attach_source(target, source)
            doc = replace(doc, source_language=LanguageInfo(pair.source_lang, "cli"))
            job = Job(doc, resolve(settings, registry, doc.path, pair.target_lang), doc.path)
            findings = locate(job, run_document_rules(job, resources))
            by_code = Counter(f.code for f in findings)
            reported = frozenset(block_of[f.data["source_segment"]] for f in findings if f.code == "QA513")
            expected: set[int] = set()
            if var.name == "empty":
                ok = by_code["QA514"] == 1 and not by_code["QA513"]
            elif var.sentence is not None:
                named = [
                    k
                    for k, f in enumerate(findings)
                    if any(_same(var.sentence, o) for o in f.data.get("omitted", ()))
                ]
                expected = set(named)
                ok = len(named) == 1 == len(findings)
                st["omitted"] += 1
                st["found"] += bool(named)
                st["wrong"] += len(findings) - len(named)
            else:
                ok = reported == var.dropped and not by_code["QA514"]
                expected = {k for k, f in enumerate(findings) if f.code == "QA513"} if ok else set()
                st["omitted"] += len(var.dropped)
                st["found"] += len(reported & var.dropped)
                st["wrong"] += len(reported - var.dropped)
            st["exact"] += ok
            for code in ("QA510", "QA511", "QA512"):
                st[code] += by_code[code]
            if var.name == "empty":
                continue
            for k, f in enumerate(findings):
                if k not in expected:
                    samples.append(f"{pair.name} {var.name} {f.code} line {f.line}: {f.message}")
    return {name: dict(sorted(c.items())) for name, c in sorted(stats.items())}


def speed(shared: Path) -> dict[str, Any]:
    """Seconds to align a long document: all guide chapters in one, every 20th paragraph dropped."""
    blocks = [b for pair in pairs(shared) if not pair.name.startswith("bio") for b in pair.blocks]
    source = _document((s for s, _ in blocks), "long.en.md", "en")
    target = _document((t for k, (_, t) in enumerate(blocks) if k % 20 != 7), "long.md", "pt-BR")
    start = time.perf_counter()
    attach_source(target, source)
    return {"paragraphs": len(source.segments), "seconds": round(time.perf_counter() - start, 2)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parent.parent.parent / "shared"))
    ap.add_argument("--json", help="write the figures as JSON to this file")
    ap.add_argument("--samples", help="write every unexpected finding to this file")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "corpora" / "libreoffice-guides-tmx").is_dir():
        print(f"skipped: {shared}/corpora/libreoffice-guides-tmx not found")
        return 0
    samples: list[str] = []
    result = evaluate(shared, samples)
    result["speed"] = speed(shared)
    print(
        f"{'variant':<20} {'docs':>5} {'exact':>6} {'omitted':>8} {'found':>6} {'wrong':>6}  QA510 QA511 QA512"
    )
    for name, c in result.items():
        if name == "speed":
            continue
        print(
            f"{name:<20} {c['documents']:>5} {c['exact']:>6} {c.get('omitted', 0):>8} {c.get('found', 0):>6} "
            f"{c.get('wrong', 0):>6}  {c['QA510']:>5} {c['QA511']:>5} {c['QA512']:>5}"
        )
    sp = result["speed"]
    print(f"alignment of a {sp['paragraphs']}-paragraph document with 5 % of it dropped: {sp['seconds']} s")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if args.samples:
        Path(args.samples).write_text("\n".join(samples) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
