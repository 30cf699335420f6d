"""Shared machinery of the injected-defect benchmark (issue 16): clean units, injection, scoring.

A *unit* is a source/target pair believed clean: error-free segments of ``../shared/eval-dev`` (the
professional MQM annotations) and translated entries of the real PO/XLIFF files in ``../shared/corpora``
(mostly good translations), plus Django's own catalogs when ``--django`` fetches them (never kept). An
*injector* takes a clean unit and returns it with one defect of its class at a logged span, or None when
the unit does not suit it. The runner writes every unit (clean and injected) into one PO file per
target language, runs qa-pipeline over them in one run, and reports per class:

* recall: the share of injected defects with a finding of the class's rules overlapping the logged span
  (or, for defects without a span such as an omission, any finding of those rules on the unit);
* the clean-unit flag rate: the share of clean units with any finding of the measured rules, and with a
  major or critical one.

Nothing here is committed data: units come from ../shared (skipped when absent) or are fetched.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SEED = 20261204


@dataclass(frozen=True)
class Unit:
    """One translation unit: where it comes from, its languages and texts."""

    id: str
    source_lang: str
    target_lang: str
    source: str
    target: str
    origin: str  # "eval-dev", "corpus:<file>", "django:<file>"


@dataclass(frozen=True)
class Injected:
    """A unit with one defect of ``klass`` at ``span`` of its target (None: the defect has no place,
    e.g. an omission)."""

    unit: Unit
    klass: str
    span: tuple[int, int] | None
    note: str = ""


Injector = Callable[[Unit, random.Random], Injected | None]


@dataclass
class Result:
    klass: str
    injected: int = 0
    found: int = 0
    missed: list[Injected] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.injected if self.injected else 0.0


def eval_dev_units(limit: int | None = None) -> list[Unit]:
    """Error-free bio-MQM segments (no annotated error at all)."""
    path = SHARED / "eval-dev" / "bio_mqm_dev.jsonl"
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["errors"]:
            continue
        src, tgt = row["lp"].split("-")
        out.append(Unit(row["id"], src, tgt, row["source"], row["target"], "eval-dev"))
    return out[:limit] if limit else out


def corpus_units(limit_per_file: int = 200) -> list[Unit]:
    """Translated, non-fuzzy entries of the real PO files (sphinx-po), read with polib."""
    folder = SHARED / "corpora" / "sphinx-po"
    if not folder.is_dir():
        return []
    import polib

    out = []
    for path in sorted(folder.glob("*.po")):
        lang = path.stem
        n = 0
        for entry in polib.pofile(str(path)):
            if not entry.msgstr or entry.fuzzy or entry.obsolete or entry.msgid_plural:
                continue
            out.append(
                Unit(f"{lang}:{entry.msgid}", "en", lang, entry.msgid, entry.msgstr, f"corpus:{path.name}")
            )
            n += 1
            if n >= limit_per_file:
                break
    return out


def _po_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def write_po(units: Iterable[Unit], folder: Path) -> dict[str, str]:
    """One PO file per target language; returns unit id -> the msgctxt that identifies it."""
    by_lang: dict[str, list[Unit]] = {}
    for u in units:
        by_lang.setdefault(u.target_lang, []).append(u)
    ids: dict[str, str] = {}
    for lang, group in by_lang.items():
        lines = ['msgid ""', 'msgstr ""', f'"Language: {lang}\\n"', '"X-Source-Language: en\\n"', ""]
        for k, u in enumerate(group):
            ctx = f"u{k}"
            ids[u.id] = f"{lang}/{ctx}"
            lines += [
                f'msgctxt "{ctx}"',
                f'msgid "{_po_escape(u.source)}"',
                f'msgstr "{_po_escape(u.target)}"',
                "",
            ]
        (folder / f"{lang}.po").write_text("\n".join(lines), encoding="utf-8")
    return ids


def run_tool(folder: Path, select: Sequence[str]) -> dict[str, list[dict[str, object]]]:
    """Findings by ``lang/msgctxt`` (the PO segment id is msgctxt + U+0004 + msgid)."""
    cmd = [sys.executable, "-m", "qa_pipeline", "check", str(folder), "--format", "json"]
    if select:
        cmd += ["--select", ",".join(select)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"qa-pipeline failed: {proc.stderr.strip()[-500:]}")
    out: dict[str, list[dict[str, object]]] = {}
    for rep in json.loads(proc.stdout)["files"]:
        lang = Path(str(rep["file"])).stem
        for f in rep["findings"]:
            seg = str(f.get("segment_id") or "")
            out.setdefault(f"{lang}/{seg.split(chr(4))[0]}", []).append(f)
    return out


def _overlaps(span: tuple[int, int] | None, finding: dict[str, object]) -> bool:
    got = finding.get("span")
    if span is None or not isinstance(got, list):
        return True
    return (got[0] < span[1] and span[0] < got[1]) or got[0] == got[1] == span[0]


def measure(
    units: Sequence[Unit],
    injectors: dict[str, Injector],
    rules: dict[str, Sequence[str]],
    seed: int = SEED,
) -> tuple[list[Result], dict[str, float]]:
    """Inject each class into a copy of the units, run the tool once, score (see the module doc)."""
    rng = random.Random(seed)
    injected: list[Injected] = []
    for klass, inject in sorted(injectors.items()):
        for u in units:
            got = inject(u, rng)
            if got is not None:
                injected.append(replace(got, unit=replace(got.unit, id=f"{klass}#{u.id}")))
    select = sorted({code for codes in rules.values() for code in codes})
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ids = write_po([*units, *(i.unit for i in injected)], folder)
        found = run_tool(folder, select)
    results = {k: Result(k) for k in injectors}
    for item in injected:
        res = results[item.klass]
        res.injected += 1
        hits = [
            f for f in found.get(ids[item.unit.id], []) if str(f["code"]).startswith(tuple(rules[item.klass]))
        ]
        if any(_overlaps(item.span, f) for f in hits):
            res.found += 1
        else:
            res.missed.append(item)
    flagged = [found.get(ids[u.id], []) for u in units]
    rates = {
        "clean_units": float(len(units)),
        "clean_flagged_any": sum(1 for f in flagged if f) / max(1, len(units)),
        "clean_flagged_major": sum(
            1 for f in flagged if any(x["severity"] in ("major", "critical") for x in f)
        )
        / max(1, len(units)),
    }
    return [results[k] for k in sorted(results)], rates


def report(results: Sequence[Result], rates: dict[str, float], show_missed: int = 0) -> Iterator[str]:
    yield f"{'class':<28} {'injected':>8} {'found':>6} {'recall':>7}"
    for r in results:
        yield f"{r.klass:<28} {r.injected:>8} {r.found:>6} {r.recall:>7.1%}"
        for m in r.missed[:show_missed]:
            yield f"    missed {m.unit.origin} {m.note}: {m.unit.target[:120]!r}"
    yield (
        f"clean units: {int(rates['clean_units'])}, flagged (any): {rates['clean_flagged_any']:.2%}, "
        f"flagged (major+): {rates['clean_flagged_major']:.2%}"
    )
