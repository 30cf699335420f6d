"""qa-pipeline's QA83x rules against translate-toolkit's pofilter: URLs, e-mail addresses, escapes,
line breaks, accelerators, brackets, file paths and command-line options.

1. A generated PO file of clean units (templates written for this benchmark) and a copy where one
   error per unit is injected and logged (URL changed or dropped, address changed, a literal escape
   added or dropped, a line break dropped, an accelerator dropped, doubled or put on a space, a
   bracket dropped, a path component or an option translated). Per error type: how many injected
   units each tool reports with the matching check, and how many of the clean units it reports.
2. The real catalogs of ../shared/corpora/sphinx-po (and ``--extra DIR`` folders of PO files, e.g.
   Django's ``django/`` folder from its wheel): how many units each tool reports with these checks.
   These are published translations: nearly every report is noise to a reviewer.

pofilter runs in its own virtual environment (``python3 -m venv /tmp/tt2 && /tmp/tt2/bin/pip install
translate-toolkit``), with ``--nofuzzy`` (qa-pipeline skips fuzzy entries too), its standard checker
for everything but accelerators and ``--kde`` (accelerator ``&``) for those.

    python benchmarks/literals_vs_pofilter.py --pofilter /tmp/tt2/bin/pofilter [--extra /tmp/dj/django]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"

# type -> (pofilter tests, qa-pipeline codes)
CHECKS = {
    "url": (["urls"], ["QA830"]),
    "email": (["emails"], ["QA831"]),
    "escape": (["escapes"], ["QA834"]),
    "newline": (["newlines"], ["QA835"]),
    "accelerator": (["accelerators"], ["QA836"]),
    "bracket": (["brackets"], ["QA604", "QA837"]),
    "path": (["filepaths"], ["QA832"]),
    "option": (["options"], ["QA833"]),
}

HOSTS = ["docs.acme-tools.org", "www.widgetco.net", "help.kitesurf.io", "git.pollen-lab.dev"]
PAGES = ["guide/install.html", "faq", "issues/new", "en/latest/config.html#paths", "download/2.4"]
WORDS = ["archive", "backup", "catalog", "report", "profile", "session", "project", "template"]
MOTS = ["archive", "sauvegarde", "catalogue", "rapport", "profil", "session", "projet", "modèle"]
MENU = [("&File", "&Fichier"), ("&Edit", "É&dition"), ("&View", "&Affichage"), ("&Help", "Ai&de"),
        ("Save &As…", "Enregistrer &sous…"), ("&Open Recent", "Ouvrir un fichier &récent"),
        ("&Quit", "&Quitter"), ("Select &All", "Tout &sélectionner"), ("&Print…", "&Imprimer…"),
        ("Zoom &In", "Zoom &avant")]  # fmt: skip


def units(rng: random.Random) -> list[tuple[str, str, str]]:
    """(type, source, clean target) for every template, several times with other values."""
    out: list[tuple[str, str, str]] = []
    for i in range(40):
        w, m = WORDS[i % len(WORDS)], MOTS[i % len(MOTS)]
        url = f"https://{rng.choice(HOSTS)}/{rng.choice(PAGES)}"
        out.append(("url", f"Read about the {w} at {url} ({i}).", f"Lisez la doc {m} sur {url} ({i})."))
        mail = f"{rng.choice(['support', 'bugs', 'team', 'noreply'])}{i}@{rng.choice(HOSTS)}"
        out.append(
            ("email", f"Questions about the {w}? Write to {mail}.", f"Questions : {m} ? Écrivez à {mail}.")
        )
        out.append(
            (
                "escape",
                f"Use \\d+ to match {i} digits in the {w}.",
                f"Utilisez \\d+ pour {i} chiffres du {m}.",
            )
        )
        out.append(
            (
                "newline",
                f"The {w} {i} was saved.\nRestart to apply it.",
                f"Le {m} {i} est enregistré.\nRedémarrez.",
            )
        )
        src, tgt = MENU[i % len(MENU)]
        out.append(("accelerator", f"{src} {w} {i}", f"{tgt} {m} {i}"))
        out.append(("bracket", f"Size of the {w} ({i} bytes)", f"Taille du {m} ({i} octets)"))
        out.append(("path", f"Edit /etc/{w}/conf{i}.ini first.", f"Modifiez d'abord /etc/{w}/conf{i}.ini."))
        out.append(("option", f"Run with --dry-run-{w} {i} times.", f"Lancez {i} fois avec --dry-run-{w}."))
    return out


def inject(kind: str, source: str, target: str, rng: random.Random) -> tuple[str, str]:
    """The target with one error of ``kind``, and what was done."""
    if kind == "url":
        url = re.search(r"https://\S+?(?=\s|\)|$)", target)
        assert url
        choice = rng.choice(["typo", "drop", "path"])
        if choice == "drop":
            return target.replace(url.group(), "le site"), "url dropped"
        if choice == "typo":
            return target.replace("https://", "https://w"), "url host changed"
        return target.replace(url.group(), url.group().rsplit("/", 1)[0] + "/traduit"), "url path translated"
    if kind == "email":
        if rng.random() < 0.5:
            return re.sub(r"\S+@\S+?(?=\.$)", "l'équipe", target), "address dropped"
        return re.sub(r"(\w+)(\d+)@", r"\1-fr\2@", target), "address changed"
    if kind == "escape":
        if rng.random() < 0.5:
            return target.replace("\\d+", "d+"), "escape dropped"
        return target.replace("Utilisez", 'Utilisez \\"'), "escape added"
    if kind == "newline":
        return target.replace("\n", " "), "line break dropped"
    if kind == "accelerator":
        choice = rng.choice(["drop", "double", "space"])
        if choice == "drop":
            return target.replace("&", "", 1), "accelerator dropped"
        if choice == "double":
            return target.replace(" ", " &", 1), "accelerator doubled"
        return target.replace("&", "& ", 1), "accelerator before a space"
    if kind == "bracket":
        return (
            (target.replace(")", ""), "closing bracket dropped")
            if rng.random() < 0.5
            else (target.replace("(", "").replace(")", ""), "bracket pair dropped")
        )
    if kind == "path":
        return target.replace("/etc/", "/etc/fr-"), "path component translated"
    if kind == "option":
        return target.replace("--dry-run", "--essai"), "option translated"
    raise ValueError(kind)


def _po_string(text: str) -> str:
    return (
        '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'
    )


def write_po(path: Path, rows: list[tuple[str, str, str]]) -> None:
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', '"Language: fr\\n"', ""]
    for ident, source, target in rows:
        lines += [
            f"msgctxt {_po_string(ident)}",
            f"msgid {_po_string(source)}",
            f"msgstr {_po_string(target)}",
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")


def pofilter_units(
    pofilter: str, inputs: list[Path], out_dir: Path, tests: list[str], kde: bool
) -> dict[str, set[str]]:
    """test name -> keys ``file\\x1fmsgctxt\\x1fmsgid`` of the units pofilter reports."""
    found: dict[str, set[str]] = defaultdict(set)
    for n, src in enumerate(inputs):
        dest = out_dir / f"pf{n}{'k' if kde else ''}"
        args = [
            pofilter,
            "--nofuzzy",
            "--progress=none",
            "--errorlevel=none",
            "-i",
            str(src),
            "-o",
            str(dest),
        ]
        args += ["--kde"] if kde else []
        args += [f"--test={t}" for t in tests]
        subprocess.run(args, check=False, capture_output=True)
        files = [dest] if dest.is_file() else sorted(dest.rglob("*.po"))
        for po in files:
            rel = str(po.relative_to(dest)) if dest.is_dir() else src.name
            for entry in _entries(po.read_text(encoding="utf-8")):
                for test in re.findall(r"\(pofilter\) (\w+):", entry["comments"]):
                    found[test].add(f"{src}\x1f{rel}\x1f{entry['ctx']}\x1f{entry['id']}")
    return found


def _entries(text: str) -> list[dict[str, str]]:
    import polib

    out = []
    for e in polib.pofile(text):
        out.append({"comments": e.tcomment or "", "ctx": e.msgctxt or "", "id": e.msgid})
    return out


def qa_units(inputs: list[Path], codes: list[str]) -> tuple[dict[str, set[str]], int]:
    """code -> keys of units reported, and the number of segments checked."""
    cmd = [sys.executable, "-m", "qa_pipeline", "check", "--select", ",".join(codes), "--format", "json"]
    run = subprocess.run([*cmd, *map(str, inputs)], capture_output=True, text=True, check=False)
    data = json.loads(run.stdout)
    found: dict[str, set[str]] = defaultdict(set)
    total = 0
    for f in data["files"]:
        total += f.get("segment_count", 0)
        for x in f["findings"]:
            seg = re.sub(r"\[\d+\]$", "", x["segment_id"] or "")
            found[x["code"]].add(f"{f['file']}\x1f{seg}")
    return found, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pofilter", default="/tmp/tt2/bin/pofilter")
    parser.add_argument("--extra", action="append", default=[], help="more folders of clean PO files")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not Path(args.pofilter).is_file():
        print(f"skipped: pofilter not found at {args.pofilter} (see the module docstring)")
        return 0
    rng = random.Random(args.seed)
    all_tests = sorted({t for tests, _ in CHECKS.values() for t in tests} - {"accelerators"})
    all_codes = sorted({c for _, codes in CHECKS.values() for c in codes})
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        rows = units(rng)
        clean = [(f"u{i}", s, t) for i, (_, s, t) in enumerate(rows)]
        log = []
        broken = []
        for i, (kind, s, t) in enumerate(rows):
            bad, what = inject(kind, s, t, rng)
            broken.append((f"u{i}", s, bad))
            log.append({"unit": f"u{i}", "type": kind, "what": what})
        write_po(work / "clean.po", clean)
        write_po(work / "injected.po", broken)
        kinds = {f"u{i}": kind for i, (kind, _, _) in enumerate(rows)}
        results: dict[str, dict[str, int]] = {}
        for name in ("injected", "clean"):
            po = work / f"{name}.po"
            pf = pofilter_units(args.pofilter, [po], work, all_tests, kde=False)
            pf.update(pofilter_units(args.pofilter, [po], work, ["accelerators"], kde=True))
            qa, _ = qa_units([po], all_codes)
            for kind, (tests, codes) in CHECKS.items():
                pf_hit = {k.split("\x1f")[2] for t in tests for k in pf.get(t, ())}
                qa_hit = {k.split("\x1f")[1].split("\x04")[0] for c in codes for k in qa.get(c, ())}
                pf_any = {k.split("\x1f")[2] for t in pf for k in pf[t]}
                qa_any = {k.split("\x1f")[1].split("\x04")[0] for c in qa for k in qa[c]}
                mine = {u for u, k in kinds.items() if k == kind}
                row = results.setdefault(kind, {"units": len(mine)})
                if name == "injected":
                    row["pofilter_caught"] = len(pf_hit & mine)
                    row["qa_caught"] = len(qa_hit & mine)
                else:
                    row["pofilter_clean_flagged"] = len(pf_any & mine)
                    row["qa_clean_flagged"] = len(qa_any & mine)
        print(
            "| error type | injected | pofilter caught | qa-pipeline caught | clean flagged (pofilter / qa) |"
        )
        print("|---|---|---|---|---|")
        for kind, r in results.items():
            print(f"| {kind} | {r['units']} | {r['pofilter_caught']} | {r['qa_caught']} | "
                  f"{r['pofilter_clean_flagged']} / {r['qa_clean_flagged']} |")  # fmt: skip
        print(f"\ninjections: {dict(sorted(Counter(x['what'] for x in log).items()))}")
        real = [CORPORA / "sphinx-po", *map(Path, args.extra)]
        real = [p for p in real if p.exists()]
        if not real:
            print("\n(no real corpora: ../shared absent and no --extra)")
            return 0
        files = sorted(f for p in real for f in (p.rglob("*.po") if p.is_dir() else [p]))
        pf = pofilter_units(args.pofilter, files, work, all_tests, kde=False)
        qa, segments = qa_units(files, all_codes)
        pf_units = set().union(*pf.values()) if pf else set()
        qa_units_ = set().union(*qa.values()) if qa else set()
        print(f"\nreal catalogs: {len(files)} files, {segments} translated segments")
        print(f"pofilter ({', '.join(all_tests)}): {len(pf_units)} units reported "
              f"({1000 * len(pf_units) / max(segments, 1):.1f} per 1,000)")  # fmt: skip
        for t in all_tests:
            print(f"  {t}: {len(pf.get(t, ()))}")
        print(f"qa-pipeline ({', '.join(all_codes)}): {len(qa_units_)} units reported "
              f"({1000 * len(qa_units_) / max(segments, 1):.1f} per 1,000)")  # fmt: skip
        for c in all_codes:
            print(f"  {c}: {len(qa.get(c, ()))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
