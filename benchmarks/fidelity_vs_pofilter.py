#!/usr/bin/env python3
"""Source fidelity against translate-toolkit's pofilter: injected errors caught, clean units flagged.

Usage (from the project root, with the test extras installed for polib)::

    python3 -m venv /tmp/tt && /tmp/tt/bin/pip install translate-toolkit
    python benchmarks/fidelity_vs_pofilter.py --pofilter /tmp/tt/bin/pofilter [--langs de,fr,es] [--seed 7]

Builds one PO and one XLIFF 1.2 file per language from clean units: Django's own catalogs (fetched with
``pip download``, never kept) and, in the German file, units of our own (printf strings filled in
order, ICU messages, URLs, e-mail addresses, ``\\n`` escapes, ``&`` accelerators; see
``fidelity_units.py``). Then injects one logged error into a sample of units per error type, runs
``qa-pipeline --select QA8`` and ``pofilter`` (placeholder, tag, URL, e-mail, escape and accelerator
tests; accelerators in a second ``--kde`` run, as the standard checker knows no marker) over the same
files, and prints per error type how many injected units each tool flags, and how many clean units
each flags. A unit counts as caught when the tool reports anything on it. Then runs both over the real
PO and XLIFF corpora in ``../shared/corpora`` (when present) and prints how many units each flags.
Prints ``skipped`` and exits 0 without network or pofilter.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from django_numbers import fetch  # noqa: E402
from fidelity_units import INJECTIONS, Unit, own_units  # noqa: E402

TESTS = ["printf", "pythonbraceformat", "variables", "xmltags", "urls", "emails", "escapes", "newlines"]
PER_TYPE = 12  # injected units per error type and language


def django_units(root: Path, lang: str) -> tuple[list[Unit], list[object], str]:
    """Translated single entries of every Django catalog of ``lang`` (first of each msgid), the plural
    entries (kept clean) and the Plural-Forms header."""
    import polib

    seen: set[tuple[str, str]] = set()
    units: list[Unit] = []
    plurals: list[object] = []
    plural_forms = "nplurals=2; plural=(n != 1);"
    paths = sorted(root.glob(f"django/conf/locale/{lang}/LC_MESSAGES/*.po"))
    paths += sorted(root.glob(f"django/contrib/*/locale/{lang}/LC_MESSAGES/*.po"))
    for path in paths:
        po = polib.pofile(str(path))
        plural_forms = po.metadata.get("Plural-Forms", plural_forms)
        for e in po.translated_entries():
            key = (e.msgctxt or "", e.msgid)
            if key in seen or e.obsolete or "fuzzy" in e.flags:
                continue
            seen.add(key)
            if e.msgid_plural:
                plurals.append(e)
            else:
                units.append(Unit(e.msgid, e.msgstr, tuple(e.flags), e.msgctxt))
    return units, plurals, plural_forms


def inject(units: list[Unit], rng: random.Random) -> dict[int, str]:
    """Break up to PER_TYPE units per error type (each unit once); index -> error type."""
    done: dict[int, str] = {}
    order = list(range(len(units)))
    for name, fn, _rule in INJECTIONS:
        rng.shuffle(order)
        fit = []
        for i in order:
            if i not in done:
                broken = fn(units[i].source, units[i].target, rng)
                if broken is not None and broken != units[i].target:
                    fit.append((i, broken))
        # at most a third of the units that could take the error, so that clean ones of the kind remain
        for i, broken in fit[: min(PER_TYPE, max(1, len(fit) // 3))]:
            units[i] = Unit(units[i].source, broken, units[i].flags, units[i].context)
            done[i] = name
    return done


def write_po(path: Path, lang: str, units: list[Unit], plurals: list[object], plural_forms: str) -> None:
    import polib

    po = polib.POFile()
    po.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": lang,
        "Plural-Forms": plural_forms,
    }
    for u in units:
        po.append(polib.POEntry(msgid=u.source, msgstr=u.target, flags=list(u.flags), msgctxt=u.context))
    for e in plurals:
        po.append(e)  # type: ignore[arg-type]
    po.save(str(path))


def write_xliff(path: Path, lang: str, units: list[Unit]) -> None:
    rows = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">',
        f'<file original="django" source-language="en" target-language="{lang}" datatype="plaintext"><body>',
    ]
    for i, u in enumerate(units):
        rows.append(
            f'<trans-unit id="u{i}"><source>{escape(u.source, quote=False)}</source>'
            f"<target>{escape(u.target, quote=False)}</target></trans-unit>"
        )
    rows.append("</body></file></xliff>")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def po_key(msgctxt: str | None, msgid: str) -> str:
    return f"{msgctxt}\u0004{msgid}" if msgctxt else msgid


def qa_flagged(paths: list[Path]) -> tuple[dict[str, set[str]], float]:
    """Segment ids with a QA8 finding, per file path."""
    start = time.perf_counter()
    cmd = [
        sys.executable,
        "-m",
        "qa_pipeline",
        "check",
        *map(str, paths),
        "--select",
        "QA8",
        "--format",
        "json",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"qa-pipeline failed: {proc.stderr.strip()[-500:]}")
    out: dict[str, set[str]] = defaultdict(set)
    for rep in json.loads(proc.stdout)["files"]:
        for f in rep["findings"]:
            seg = f.get("segment_id") or ""
            if seg.endswith("]") and "[" in seg:
                seg = seg[: seg.rindex("[")]
            out[str(Path(rep["file"]).resolve())].add(seg)
    return out, elapsed


def pofilter_flagged(pofilter: str, path: Path, lang: str, extra: list[str]) -> set[str]:
    """Unit keys that pofilter copies to its output (the failing units)."""
    out = path.with_name(path.stem + ".pofilter" + "".join(extra).replace("-", "") + path.suffix)
    cmd = [pofilter, "--progress=none", f"--language={lang}", *extra, "-i", str(path), "-o", str(out)]
    out.unlink(missing_ok=True)
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"pofilter failed on {path.name}: {proc.stderr.strip()[-500:]}")
    if not out.exists():
        return set()  # pofilter writes nothing when no unit fails
    if path.suffix == ".po":
        import polib

        return {po_key(e.msgctxt, e.msgid) for e in polib.pofile(str(out)) if e.msgid}
    import re

    return set(re.findall(r'<trans-unit[^>]*\sid="([^"]+)"', out.read_text(encoding="utf-8")))


def real_corpora(pofilter: str, work: Path) -> None:
    """Both tools on the real (unlabelled, mostly clean) corpora in ../shared: units flagged by each."""
    shared = ROOT.parent / "shared" / "corpora"
    sets = [("sphinx-po", "*.po"), ("focus-ios-xliff", "*.xliff")]
    if not shared.is_dir():
        print("\nreal corpora: skipped (../shared/corpora absent)")
        return
    print(f"\n{'real corpus':18} {'units':>7} {'pofilter':>10} {'qa-pipeline':>12}")
    tests = [f"--test={t}" for t in TESTS]
    for name, pattern in sets:
        paths = sorted((shared / name).glob(pattern))
        if not paths:
            continue
        qa, _ = qa_flagged(paths)
        units = pf = ours = 0
        for path in paths:
            copy = work / f"{name}-{path.name}"
            shutil.copyfile(path, copy)
            lang = path.stem.replace("_", "-")
            flagged = pofilter_flagged(pofilter, copy, lang, tests)
            keys = translated_keys(path)
            mine = qa.get(str(path.resolve()), set())
            units += len(keys)
            pf += len(keys & flagged)
            ours += len(keys & mine)
        print(
            f"{name:18} {units:7} {pf:5} ({100 * pf / max(units, 1):4.1f} %) {ours:5} ({100 * ours / max(units, 1):4.1f} %)"
        )


def translated_keys(path: Path) -> set[str]:
    if path.suffix == ".po":
        import polib

        return {
            po_key(e.msgctxt, e.msgid)
            for e in polib.pofile(str(path)).translated_entries()
            if "fuzzy" not in e.flags
        }
    from qa_pipeline.readers import read_document

    return {seg.id for seg in read_document(path).segments}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pofilter", default=shutil.which("pofilter"), help="the pofilter executable")
    ap.add_argument("--langs", default="de,fr,es", help="target languages (Django catalogs)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cache", type=Path, help="keep the Django wheel here between runs")
    ap.add_argument("--keep", type=Path, help="write the generated files and the injection log here")
    args = ap.parse_args()
    if not args.pofilter or not Path(args.pofilter).exists():
        print(
            "skipped: pofilter not found (python3 -m venv /tmp/tt && /tmp/tt/bin/pip install translate-toolkit)"
        )
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        cache = args.cache or Path(tmp) / "wheel"
        cache.mkdir(parents=True, exist_ok=True)
        root = fetch(None, cache)
        if root is None:
            print("skipped: could not fetch the Django wheel")
            return 0
        work = args.keep or Path(tmp) / "files"
        work.mkdir(parents=True, exist_ok=True)
        rng = random.Random(args.seed)
        # path, lang, key -> injected error, every key, keys of our own units
        files: list[tuple[Path, str, dict[str, str], set[str], set[str]]] = []
        log = []
        for lang in args.langs.split(","):
            units, plurals, plural_forms = django_units(root, lang)
            first_own = len(units)
            if lang == "de":
                units += own_units()
            injected = inject(units, rng)
            po, xlf = work / f"{lang}.po", work / f"{lang}.xlf"
            write_po(po, lang, units, plurals, plural_forms)
            write_xliff(xlf, lang, units)
            po_keys = {po_key(u.context, u.source): injected.get(i, "") for i, u in enumerate(units)}
            po_all = set(po_keys) | {po_key(e.msgctxt, e.msgid) for e in plurals}  # type: ignore[attr-defined]
            xlf_keys = {f"u{i}": injected.get(i, "") for i in range(len(units))}
            own_po = {po_key(u.context, u.source) for u in units[first_own:]}
            own_xlf = {f"u{i}" for i in range(first_own, len(units))}
            files.append((po, lang, {k: v for k, v in po_keys.items() if v}, po_all, own_po))
            files.append((xlf, lang, {k: v for k, v in xlf_keys.items() if v}, set(xlf_keys), own_xlf))
            log += [
                {"lang": lang, "type": t, "source": units[i].source, "target": units[i].target}
                for i, t in injected.items()
            ]
        if args.keep:
            (work / "injected.json").write_text(
                json.dumps(log, ensure_ascii=False, indent=1), encoding="utf-8"
            )
        qa, qa_time = qa_flagged([p for p, *_ in files])
        report(files, qa, qa_time, args.pofilter)
        real_corpora(args.pofilter, work)
    return 0


def report(files: list[tuple[Path, str, dict[str, str], set[str], set[str]]], qa: dict[str, set[str]], qa_time: float,
           pofilter: str) -> None:  # fmt: skip
    tests = [f"--test={t}" for t in TESTS]
    rows: dict[tuple[str, str], list[int]] = defaultdict(
        lambda: [0, 0, 0]
    )  # (format, type) -> n, pofilter, qa
    clean: dict[tuple[str, str], list[int]] = defaultdict(
        lambda: [0, 0, 0]
    )  # (format, origin) -> n, pofilter, qa
    start = time.perf_counter()
    for path, lang, injected, keys, own in files:
        fmt = "PO" if path.suffix == ".po" else "XLIFF"
        pf = pofilter_flagged(pofilter, path, lang, tests) | pofilter_flagged(
            pofilter, path, lang, ["--kde", "--test=accelerators"]
        )
        ours = qa.get(str(path.resolve()), set())
        for key in keys:
            origin = "ours" if key in own else "Django"
            row = rows[(fmt, injected[key])] if key in injected else clean[(fmt, origin)]
            row[0] += 1
            row[1] += key in pf
            row[2] += key in ours
    pf_time = time.perf_counter() - start
    print(f"{'error type':28} {'fmt':5} {'injected':>8} {'pofilter':>9} {'qa-pipeline':>12}")
    for name, _fn, rule in INJECTIONS:
        for fmt in ("PO", "XLIFF"):
            n, p, q = rows[(fmt, name)]
            if n:
                print(f"{name:28} {fmt:5} {n:8} {p:9} {q:12}   ({rule})")
    print()
    for fmt in ("PO", "XLIFF"):
        for origin in ("Django", "ours", "all"):
            if origin == "all":
                parts = [clean[(fmt, o)] for o in ("Django", "ours")]
                n, p, q = (sum(x[k] for x in parts) for k in range(3))
            else:
                n, p, q = clean[(fmt, origin)]
            print(f"clean units {fmt:5} {origin:6} {n:6}: pofilter flags {p:4} ({100 * p / max(n, 1):4.1f} %), "
                  f"qa-pipeline flags {q:4} ({100 * q / max(n, 1):4.1f} %)")  # fmt: skip
    print(
        f"\ntime: qa-pipeline {qa_time:.1f} s (one run, all files), pofilter {pf_time:.1f} s (two runs per file)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
