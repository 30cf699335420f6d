"""How much the HTML report adds to a run's wall time (target: under 20%).

Runs ``qa-pipeline check`` on the bundled ``examples/`` (or on generated sample files when there are none)
with and without ``--html``, interleaved, and compares median wall and CPU times (the verdict uses CPU
time, which other load on the machine does not inflate). Also times the two halves in
process: checking (``check_paths``) and writing the HTML (``write_html_report``), and the HTML for a
20,000-segment bilingual document.

    python benchmarks/html_overhead.py [--repeat 7] [--paths examples]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sample_files(folder: Path) -> Path:
    """A few translated files for when the checkout has no examples."""
    texts = {
        "fr/guide.txt": "Ouvrez le le fichier  de configuration.\n\nLe serveur écoute sur le port 8080.\n",
        "de/guide.txt": "Öffnen Sie die Datei  config.yaml.\n\nDer Server hört auf Port 8080 !!\n",
        "es/guide.txt": "Abra el archivo de configuración.\n\nEl servidor escucha en el puerto 8080.\n",
    }
    for name, text in texts.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text * 40, encoding="utf-8")
    return folder


def cli_times(
    cmd: list[str], cwd: Path, repeat: int, html_dir: Path
) -> dict[str, tuple[list[float], list[float]]]:
    """Wall and CPU seconds (user + system of the child) of each run, without and with ``--html``."""
    out: dict[str, tuple[list[float], list[float]]] = {"plain": ([], []), "html": ([], [])}
    for _ in range(repeat):
        for key, extra in (("plain", []), ("html", ["--html", str(html_dir)])):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(
                [*cmd, *extra], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
            )
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            out[key][0].append(wall)
            out[key][1].append(cpu)
    return out


def in_process(
    paths: list[str], cwd: Path, html_dir: Path, repeat: int
) -> tuple[list[float], list[float], int]:
    from qa_pipeline.config import load_settings
    from qa_pipeline.pipeline import check_paths
    from qa_pipeline.registry import load_registry
    from qa_pipeline.reporters.html import write_html_report

    os.chdir(cwd)
    settings, registry = load_settings(None, cwd, load_registry, {})
    checks, htmls = [], []
    run = None
    for _ in range(repeat):
        started = time.perf_counter()
        run = check_paths(paths, settings, registry)
        checks.append(time.perf_counter() - started)
        started = time.perf_counter()
        write_html_report(run, html_dir)
        htmls.append(time.perf_counter() - started)
    segments = sum(len(f.document.segments) for f in run.files if f.document is not None) if run else 0
    return checks, htmls, segments


def large_document() -> tuple[float, int]:
    sys.path.insert(0, str(ROOT))
    from qa_pipeline.reporters.html import render_pages
    from tests.reporters.html.fixture_report import RULE_DOCS, large_run

    run = large_run(20_000)
    started = time.perf_counter()
    pages = render_pages(run, RULE_DOCS)
    return time.perf_counter() - started, max(len(t.encode()) for t in pages.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--paths", default=None, help="folder to check (default: examples/, else a generated sample)"
    )
    args = parser.parse_args()
    exe = Path(sys.executable).parent / "qa-pipeline"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "qa_pipeline"]
    with tempfile.TemporaryDirectory() as tmp:
        if args.paths:
            cwd, paths = Path(args.paths).resolve(), ["."]
        elif (ROOT / "examples").is_dir() and any((ROOT / "examples").rglob("*.*")):
            cwd, paths = ROOT / "examples", ["."]
        else:
            cwd, paths = sample_files(Path(tmp) / "sample"), ["."]
        html_dir = Path(tmp) / "html"
        times = cli_times([*cmd, "check", *paths], cwd, args.repeat, html_dir)
        pages = sorted(p.name for p in html_dir.glob("*.html"))
        checks, htmls, segments = in_process(paths, cwd, Path(tmp) / "html2", args.repeat)
    print(f"checked: {cwd} ({segments} segments), {len(pages)} HTML pages")
    med = {k: (statistics.median(w), statistics.median(c)) for k, (w, c) in times.items()}
    (pw, pc), (hw, hc) = med["plain"], med["html"]
    print(
        f"CLI, median of {args.repeat}: wall {pw:.3f}s -> {hw:.3f}s with --html ({100 * (hw - pw) / pw:+.1f}%); "
        f"CPU {pc:.3f}s -> {hc:.3f}s ({100 * (hc - pc) / pc:+.1f}%)"
    )
    print(
        f"in process, first run (cold: models, templates): check {checks[0] * 1000:.0f} ms, "
        f"HTML {htmls[0] * 1000:.0f} ms -> +{100 * htmls[0] / checks[0]:.1f}%"
    )
    check_s, html_s = statistics.median(checks[1:] or checks), statistics.median(htmls[1:] or htmls)
    print(
        f"in process, later runs (warm), median: check {check_s * 1000:.0f} ms, HTML {html_s * 1000:.0f} ms "
        f"-> +{100 * html_s / check_s:.1f}% (writing = one fsync per page)"
    )
    big_s, big_bytes = large_document()
    print(f"20,000-segment document: HTML rendered in {big_s:.2f}s, largest page {big_bytes / 1e6:.1f} MB")
    # Wall time on a shared machine swings with other load; CPU time of the child process does not, and
    # for this single-threaded tool it is the wall time of a quiet machine (plus the fsync waits, which
    # the in-process figures include).
    overhead = 100 * (hc - pc) / pc
    print(
        f"HTML overhead (CPU): {overhead:+.1f}% -> "
        + ("OK: under 20%" if overhead < 20 else "OVER the 20% budget")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
