"""Is every rule near-linear in segment length? One long line against the same text split into paragraphs.

For each segment or document rule this script builds a realistic French translation of an English
source (our own sentences, generated deterministically: prose, numbers, quotations, brackets, URLs,
names, a few English leftovers and doubled words), then times the rule on

* **split**: the text as ordinary paragraphs of about 400 characters, one segment each, and
* **line**: the very same text as one segment on a single line (paragraphs joined by a space),

and prints ``line / split``. A near-linear rule has a ratio near 1 at every size; the goal is at most
2 for a 1 MB line. A rule whose single-line time passes ``--budget`` seconds is not run at larger
sizes: its row shows the largest size reached and the growth exponent (time ∝ size^k between the last
two sizes; 1 is linear, 2 quadratic).

    python benchmarks/linearity.py                      # 64 KB, 256 KB and 1 MB, every rule
    python benchmarks/linearity.py --sizes 1000 --rules QA40 QA70
    python benchmarks/linearity.py --e2e 8              # also `qa-pipeline check` on an 8 MB file, both ways
    python benchmarks/linearity.py --rules NONE --e2e 60 --ignore QA609   # only the 60 MB run, without a rule

``--e2e MB`` writes a plain-text file of that size as a single line and as paragraphs and times
``qa-pipeline check`` on each (MB/s; the goal for a 60 MB single-line file is a rate within 2× of the
paragraph file's). Corpus rules (QA208, QA209, QA320) compare documents, not segment text: not timed.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa_pipeline.config import RuleSelection, Settings, build_options  # noqa: E402
from qa_pipeline.engine import Job, run_document_rules  # noqa: E402
from qa_pipeline.model import Document, LanguageInfo, OffsetMap, Segment  # noqa: E402
from qa_pipeline.registry import RuleEntry, load_registry  # noqa: E402
from qa_pipeline.ruleapi import Resources, Scope  # noqa: E402
from qa_pipeline.text.protect import protected_spans  # noqa: E402

MIN_TIMED = 0.02  # seconds: shorter times are noise, their ratio is not printed

# (target, English source) pairs written for this benchmark, per target language.
FRENCH = [
    (
        "Le conseil municipal a voté hier soir un budget de 12 450 000 euros pour l'année prochaine.",
        "The city council voted last night for a budget of 12,450,000 euros for next year.",
    ),
    (
        "Selon Marie Dupont, directrice du service, « la rénovation des écoles reste la priorité ».",
        'According to Marie Dupont, head of the department, "renovating schools remains the priority".',
    ),
    (
        "Les travaux commenceront le 3 mars et dureront environ 18 mois (hors intempéries).",
        "Work will begin on March 3 and last about 18 months (weather permitting).",
    ),
    (
        "Le taux de chômage a baissé de 0,4 point pour atteindre 7,1 % au dernier trimestre.",
        "The unemployment rate fell by 0.4 points to 7.1% in the last quarter.",
    ),
    (
        "Pour en savoir plus, consultez le site https://example.org/budget-2025 ou écrivez à info@example.org.",
        "To learn more, visit https://example.org/budget-2025 or write to info@example.org.",
    ),
    (
        "Les habitants pourront donner leur avis lors d'une réunion publique : elle aura lieu à 19 h.",
        "Residents can give their opinion at a public meeting: it will take place at 7 pm.",
    ),
    (
        "Le projet prévoit aussi des pistes cyclables, des arbres et de nouveaux bancs sur la place.",
        "The project also includes cycle lanes, trees and new benches on the square.",
    ),
    (
        "Certains commerçants craignent pourtant une baisse de leur chiffre d'affaires pendant le chantier.",
        "Some shopkeepers nevertheless fear a drop in their turnover during the works.",
    ),
    (
        "Click here to read more about the project and the public consultation.",
        "Click here to read more about the project and the public consultation.",
    ),
    (
        "L'opposition juge le calendrier trop serré et demande un audit indépendant [voir annexe 2].",
        "The opposition finds the timetable too tight and asks for an independent audit [see appendix 2].",
    ),
    (
        "Le maire a répondu que le financement était assuré à 85 % par l'État et la région.",
        "The mayor replied that 85% of the funding was secured from the state and the region.",
    ),
    (
        "Une deuxième phase, estimée à 4,2 millions d'euros, sera étudiée en 2026 — si les fonds le permettent.",
        "A second phase, estimated at 4.2 million euros, will be studied in 2026 - if funds allow.",
    ),
    (
        "Les élèves de l'école Jean-Moulin ont présenté leurs maquettes au public samedi.",
        "Pupils from the Jean-Moulin school presented their models to the public on Saturday.",
    ),
    (
        "Le rapport final sera publié en ligne ; il comptera 240 pages et 35 tableaux.",
        "The final report will be published online; it will have 240 pages and 35 tables.",
    ),
    (
        "Des questions ? Le service communication répond du lundi au vendredi, de 9 h à 17 h.",
        "Questions? The communications department answers Monday to Friday, 9 am to 5 pm.",
    ),
    (
        "Les les associations de quartier saluent une décision « attendue depuis longtemps ».",
        'Neighbourhood associations welcome a decision "long awaited".',
    ),
]


SPANISH = [
    (
        "El ayuntamiento aprobó anoche un presupuesto de 12.450.000 euros para el año que viene.",
        "The city council approved last night a budget of 12,450,000 euros for next year.",
    ),
    (
        "¿Cuándo empezarán las obras? Según la alcaldesa, «en marzo, si el tiempo lo permite».",
        'When will the works start? According to the mayor, "in March, if the weather allows".',
    ),
    (
        "La tasa de paro bajó al 7,1 % en el último trimestre (dato provisional).",
        "The unemployment rate fell to 7.1% in the last quarter (provisional figure).",
    ),
    (
        "Más información en https://example.org/presupuesto o escribiendo a info@example.org.",
        "More information at https://example.org/presupuesto or by writing to info@example.org.",
    ),
    (
        "Los vecinos podrán opinar en una reunión pública: será el jueves a las 19:00.",
        "Residents can give their opinion at a public meeting: it will be on Thursday at 7 pm.",
    ),
    ("Click here to read more about the project.", "Click here to read more about the project."),
    (
        "Desea más información? Llame al 010 o visite la oficina.",
        "Want more information? Call 010 or visit the office.",
    ),
    (
        "Algunos comerciantes temen perder clientes durante las obras, y y piden ayudas.",
        "Some shopkeepers fear losing customers during the works and ask for support.",
    ),
    (
        "¡Qué buena noticia para el barrio! Dijo una vecina de la calle Mayor.",
        "What good news for the neighbourhood! said a resident of Main Street.",
    ),
]
JAPANESE = [
    (
        "市議会は昨夜、来年度の予算として1245万ユーロを承認しました。",
        "The city council approved last night a budget of 12.45 million euros for next year.",
    ),
    (
        "市長によると、「工事は3月に始まり、約18か月続く予定です」とのことです。",
        'According to the mayor, "the works will start in March and last about 18 months".',
    ),
    (
        "詳しくは https://example.org/budget をご覧ください。",
        "For details, see https://example.org/budget.",
    ),
    (
        "工事はいつ始まりますか?市は来月に発表します。",
        "When will the works start? The city will announce it next month.",
    ),
    (
        "住民説明会は木曜日の午後7時から市役所で開かれます。",
        "A public meeting for residents will be held at city hall on Thursday from 7 pm.",
    ),
    ("Click here to read more about the project.", "Click here to read more about the project."),
    (
        "一部の商店主は、工事期間中の売り上げ減少を心配しています心配しています。",
        "Some shopkeepers worry about lower sales during the works.",
    ),
    (
        "失業率は前四半期に7.1%まで下がりました(速報値)。",
        "The unemployment rate fell to 7.1% in the last quarter (preliminary figure).",
    ),
]
ARABIC = [
    (
        "وافق المجلس البلدي مساء أمس على ميزانية العام المقبل بعد نقاش طويل.",
        "The city council approved next year's budget last night after a long debate.",
    ),
    (
        "متى تبدأ الأشغال؟ قال رئيس البلدية إنها ستبدأ في شهر مارس، إذا سمح الطقس.",
        "When will the works start? The mayor said they will start in March, if the weather allows.",
    ),
    ("للمزيد من المعلومات: https://example.org/budget", "For more information: https://example.org/budget"),
    (
        "يخشى بعض التجار تراجع مبيعاتهم خلال فترة الأشغال, ويطالبون بالدعم.",
        "Some shopkeepers fear lower sales during the works, and ask for support.",
    ),
    ("Click here to read more about the project.", "Click here to read more about the project."),
    (
        "سيعقد اجتماع عام للسكان يوم الخميس في مقر البلدية.",
        "A public meeting for residents will be held on Thursday at city hall.",
    ),
]
PAIRS = {"fr": FRENCH, "es": SPANISH, "ja": JAPANESE, "ar": ARABIC}


def paragraphs(size: int, lang: str = "fr", seed: int = 7) -> list[tuple[str, str]]:
    """(target, source) paragraphs of 3–5 sentences, about ``size`` characters of target in all."""
    pairs = PAIRS[lang]
    joiner = "" if lang == "ja" else " "
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    total = 0
    while total < size:
        picked = [pairs[rng.randrange(len(pairs))] for _ in range(rng.randint(3, 5))]
        target = joiner.join(p[0] for p in picked)
        out.append((target, " ".join(p[1] for p in picked)))
        total += len(target) + 1
    return out


def _segment(i: int, target: str, source: str, start: int) -> Segment:
    return Segment(
        id=f"p{i}",
        target=target,
        source=source,
        index=i,
        offsets=OffsetMap.contiguous(start),
        protected=tuple(protected_spans(target)),
        source_protected=tuple(protected_spans(source)),
    )


def documents(size: int, lang: str = "fr") -> tuple[Document, Document]:
    """(split, line): the same text as paragraphs and as one single-line segment."""
    paras = paragraphs(size, lang)
    segs, pos = [], 0
    for i, (target, source) in enumerate(paras):
        segs.append(_segment(i, target, source, pos))
        pos += len(target) + 2
    langs = {"target_language": LanguageInfo(lang, "cli"), "source_language": LanguageInfo("en", "cli")}
    split = Document(
        path=f"split-{size}.{lang}.txt",
        format="text",
        text="\n\n".join(p[0] for p in paras),
        segments=tuple(segs),
    )
    target, source = " ".join(p[0] for p in paras), " ".join(p[1] for p in paras)
    line = Document(
        path=f"line-{size}.{lang}.txt", format="text", text=target, segments=(_segment(0, target, source, 0),)
    )
    return replace(split, **langs), replace(line, **langs)  # type: ignore[arg-type]


def time_rule(entry: RuleEntry, doc: Document) -> tuple[float, int]:
    """Seconds and findings of one rule on one document (fresh per-run caches, warm models)."""
    selection = RuleSelection(
        enabled=(entry,),
        severities={entry.meta.code: entry.meta.severity},
        options={entry.meta.code: build_options(entry, {})},
    )
    job = Job(document=doc, selection=selection, fingerprint_path=doc.path)
    start = time.perf_counter()
    found = run_document_rules(job, Resources(Settings()))
    return time.perf_counter() - start, len(found)


def _rules(prefixes: list[str]) -> list[RuleEntry]:
    registry = load_registry()
    entries = [registry.get(code) for code in registry.codes()]
    return [
        e
        for e in entries
        if e is not None
        and e.scope is not Scope.CORPUS
        and (not prefixes or any(e.meta.code.startswith(p.upper()) for p in prefixes))
    ]


def per_rule(sizes: list[int], prefixes: list[str], budget: float, lang: str) -> None:
    docs = {size: documents(size, lang) for size in sizes}
    warm = documents(2_000, lang)
    print(
        f"{'rule':8} {'lang':4} {'size':>8} {'split s':>9} {'line s':>9} {'line/split':>10} {'growth k':>9}  findings"
    )
    for entry in _rules(prefixes):
        for doc in warm:
            time_rule(entry, doc)  # load models and caches once
        prev: tuple[int, float] | None = None
        row = ""
        for size in sizes:
            split, line = docs[size]
            t_split, n_split = time_rule(entry, split)
            t_line, n_line = time_rule(entry, line)
            growth = (
                f"{math.log(t_line / prev[1]) / math.log(size / prev[0]):9.2f}"
                if prev and prev[1] >= MIN_TIMED and t_line > 0
                else f"{'-':>9}"
            )
            ratio = f"{t_line / t_split:10.2f}" if max(t_line, t_split) >= MIN_TIMED else f"{'-':>10}"
            row = f"{entry.meta.code:8} {lang:4} {size // 1000:>6}KB {t_split:9.3f} {t_line:9.3f} {ratio} {growth}  {n_split}/{n_line}"
            print(row, flush=True)
            prev = (size, t_line)
            if t_line > budget:
                print(f"{entry.meta.code:8} stopped: a {size // 1000} KB line took more than {budget:g} s")
                break


def end_to_end(megabytes: float, ignore: str = "") -> None:
    """``qa-pipeline check`` on a plain-text file as one line and as paragraphs (MB/s)."""
    size = int(megabytes * 1_000_000)
    paras = [t for t, _ in paragraphs(size)]
    exe = [sys.executable, "-m", "qa_pipeline"]
    with tempfile.TemporaryDirectory(prefix="qa-linearity-") as tmp:
        rates = {}
        for name, text in (("split", "\n\n".join(paras) + "\n"), ("line", " ".join(paras) + "\n")):
            path = Path(tmp) / f"{name}.fr.txt"
            path.write_text(text, encoding="utf-8")
            mb = path.stat().st_size / 1_000_000
            start = time.perf_counter()
            proc = subprocess.run(
                [
                    *exe,
                    "check",
                    "--compact",
                    "--no-color",
                    *(["--ignore", ignore] if ignore else []),
                    str(path),
                ],
                capture_output=True,
                text=True,
                check=False,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
            wall = time.perf_counter() - start
            rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1000  # largest child so far, MB
            rates[name] = mb / wall
            status = f"exit {proc.returncode}" + (
                f": {proc.stderr.strip()[-200:]}" if proc.returncode > 1 else ""
            )
            print(
                f"e2e {name:5} {mb:7.2f} MB  {wall:8.2f} s  {rates[name]:7.3f} MB/s  peak RSS so far {rss:.0f} MB  ({status})",
                flush=True,
            )
        print(f"e2e split rate / line rate: {rates['split'] / rates['line']:.2f} (goal ≤ 2)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--sizes", type=int, nargs="+", default=[64, 256, 1000], help="sizes in KB (1000 = 1 MB)")
    ap.add_argument("--rules", nargs="*", default=[], help="code prefixes (QA40 QA7); default every rule")
    ap.add_argument("--budget", type=float, default=30.0, help="stop growing a rule past this many seconds")
    ap.add_argument("--lang", nargs="+", default=["fr"], choices=sorted(PAIRS), help="target languages")
    ap.add_argument("--ignore", default="", help="rules the end-to-end run leaves out (--ignore of check)")
    ap.add_argument("--e2e", type=float, default=0.0, help="also time `qa-pipeline check` on a file of MB")
    args = ap.parse_args(argv)
    print(f"load average {[round(x, 2) for x in os.getloadavg()]} on {os.cpu_count()} CPU(s)")
    for lang in args.lang:
        per_rule([s * 1000 for s in args.sizes], args.rules, args.budget, lang)
    if args.e2e:
        end_to_end(args.e2e, args.ignore)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
