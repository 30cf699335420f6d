"""How long the pre-commit hook takes on a one-file commit: ``qa-pipeline check --compact`` on a 15 KB article.

The hook runs ``qa-pipeline check --compact FILE`` once per commit (``require_serial``), so its cost is
one process start plus the check of the staged files. This benchmark writes a 15 KB Markdown article
(our own text, generated deterministically) into a temporary folder, runs that command several times and
reports the median wall time, the median CPU time (user + system of the child) and the machine's load
average, because wall time on a busy machine measures the other processes too.

    python benchmarks/precommit_hook.py                # 9 runs, Markdown article
    python benchmarks/precommit_hook.py --runs 15 --format txt
    python benchmarks/precommit_hook.py --pre-commit   # also time `pre-commit run --files` end to end
    python benchmarks/precommit_hook.py --importtime   # the slowest imports of one run

Target (issue 8): under one second wall time for a one-file commit.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 1.0

TITLE = "# Comprendre la migration des données vers le nouveau service\n"
SECTIONS = [
    (
        "Pourquoi migrer maintenant",
        "Depuis trois ans, l'ancien service de stockage répond aux besoins de l'équipe, mais il montre ses "
        "limites dès que le volume dépasse quelques millions d'enregistrements. Les sauvegardes prennent "
        "plus de six heures, les restaurations échouent une fois sur dix et la facture mensuelle a doublé "
        "depuis le printemps. Le nouveau service promet des sauvegardes incrémentales, une réplication dans "
        "deux régions et un coût prévisible, calculé au gigaoctet réellement utilisé.",
    ),
    (
        "Préparer l'inventaire",
        "Avant de déplacer la moindre table, dressez la liste complète des bases, des schémas et des tâches "
        "planifiées qui les alimentent. Notez pour chacune le responsable, la taille, la fréquence des "
        "écritures et la tolérance à une interruption. Cet inventaire servira de référence pendant toute "
        "la migration : il évite d'oublier un traitement nocturne que personne ne surveille plus.",
    ),
    (
        "Choisir une stratégie",
        "Deux approches s'affrontent. La bascule complète arrête les écritures pendant une fenêtre de "
        "maintenance, copie tout puis redirige les applications ; elle est simple mais impose une coupure. "
        "La réplication continue copie d'abord l'historique, puis rejoue les modifications en temps réel "
        "jusqu'au moment choisi pour la bascule ; elle réduit la coupure à quelques minutes, au prix d'une "
        "surveillance plus attentive.",
    ),
    (
        "Tester sur une copie",
        "Créez une copie anonymisée de la base de production et répétez la migration au moins deux fois. "
        "Mesurez la durée de chaque étape, vérifiez le nombre de lignes table par table et comparez des "
        "sommes de contrôle sur les colonnes sensibles. Une répétition qui se passe mal coûte une journée ; "
        "une migration réelle qui échoue peut coûter une semaine et la confiance des utilisateurs.",
    ),
    (
        "Le jour de la bascule",
        "Prévenez les équipes concernées une semaine à l'avance, puis la veille. Gelez les déploiements, "
        "vérifiez que la réplication est à jour et suivez la liste de contrôle ligne par ligne. Après la "
        "bascule, gardez l'ancien service en lecture seule pendant quinze jours : si un rapport mensuel "
        "révèle une différence, vous pourrez encore comparer les deux versions.",
    ),
]
ITEMS = [
    "vérifier les droits d'accès de chaque compte de service ;",
    "mettre à jour les chaînes de connexion dans le coffre de secrets ;",
    "relancer les tâches planifiées une par une et lire leurs journaux ;",
    "comparer les temps de réponse des dix requêtes les plus fréquentes ;",
    "documenter les écarts et les décisions prises pendant la nuit.",
]


def article(size: int = 15_000) -> str:
    """A Markdown article of about ``size`` bytes: headings, paragraphs, a list, a link and inline code."""
    parts = [TITLE, "\n"]
    n = 0
    while len("".join(parts).encode("utf-8")) < size:
        title, body = SECTIONS[n % len(SECTIONS)]
        part = n // len(SECTIONS) + 1
        parts.append(f"## {title} ({part})\n\n{body}\n\n")
        if n % 2 == 0:
            parts.append("Points à contrôler :\n\n" + "".join(f"- {item}\n" for item in ITEMS) + "\n")
        if n % 3 == 0:
            parts.append(
                "La commande `migrate --dry-run` affiche le plan sans rien modifier ; la documentation "
                "complète est sur [la page du projet](https://example.org/migration).\n\n"
            )
        n += 1
    return "".join(parts)


def _cmd() -> list[str]:
    exe = shutil.which("qa-pipeline", path=str(Path(sys.executable).parent)) or shutil.which("qa-pipeline")
    return [exe] if exe else [sys.executable, "-m", "qa_pipeline"]


def _time(cmd: list[str], cwd: Path) -> tuple[float, float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        sys.exit(
            f"benchmark: {' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode(errors='replace')}"
        )
    return wall, cpu, proc.returncode


def _importtime(cmd: list[str], cwd: Path, top: int = 15) -> list[tuple[int, str]]:
    py = (
        [sys.executable, "-X", "importtime", "-m", "qa_pipeline", *cmd[1:]]
        if cmd[0] != sys.executable
        else [sys.executable, "-X", "importtime", *cmd[1:]]
    )
    proc = subprocess.run(py, cwd=cwd, capture_output=True, text=True, check=False)
    rows = []
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            _, cumulative, name = line[len("import time:") :].split("|")
            rows.append((int(cumulative), name.rstrip()))
    return sorted(rows, reverse=True)[:top]


def _empty_gitconfig() -> Path:
    """An empty global git config (not /dev/null: a git command that writes it would replace the device)."""
    import tempfile

    path = Path(tempfile.gettempdir()) / "qa-pipeline-bench.gitconfig"
    path.touch()
    return path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=9)
    p.add_argument("--format", choices=("md", "txt"), default="md")
    p.add_argument(
        "--pre-commit", action="store_true", help="also time `pre-commit run --files` (builds a hook env)"
    )
    p.add_argument("--importtime", action="store_true", help="print the slowest imports of one run")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    args = p.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="qa-bench-") as tmp:
        root = Path(tmp)
        (root / "qa-pipeline.toml").write_text("", encoding="utf-8")
        rel = Path("content") / "fr" / f"article.{args.format}"
        (root / rel).parent.mkdir(parents=True)
        text = article()
        (root / rel).write_text(text, encoding="utf-8")
        cmd = [*_cmd(), "check", "--compact", "--no-color", rel.as_posix()]
        _time(cmd, root)  # warm the file cache and .pyc files
        walls, cpus = [], []
        exit_code = 0
        for _ in range(args.runs):
            wall, cpu, exit_code = _time(cmd, root)
            walls.append(wall)
            cpus.append(cpu)
        result = {
            "file_bytes": len(text.encode("utf-8")),
            "runs": args.runs,
            "median_wall_s": round(statistics.median(walls), 3),
            "min_wall_s": round(min(walls), 3),
            "median_cpu_s": round(statistics.median(cpus), 3),
            "exit_code": exit_code,
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "cpus": os.cpu_count(),
            "target_s": TARGET_SECONDS,
            "command": " ".join(["qa-pipeline", *cmd[-4:]]),
        }
        if args.pre_commit:
            result["pre_commit_median_wall_s"] = _pre_commit(root, rel, args.runs)
        imports = _importtime(cmd, root) if args.importtime else []

    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"hook command: {result['command']} ({result['file_bytes']} bytes, {args.runs} runs)")
        print(
            f"median wall {result['median_wall_s']:.3f} s (min {result['min_wall_s']:.3f} s), "
            f"median CPU {result['median_cpu_s']:.3f} s; load average {result['load_average']} on {result['cpus']} CPU(s)"
        )
        if "pre_commit_median_wall_s" in result:
            print(f"pre-commit run --files: median wall {result['pre_commit_median_wall_s']:.3f} s")
        verdict = "under" if result["median_wall_s"] < TARGET_SECONDS else "OVER"
        print(f"{verdict} the {TARGET_SECONDS:g} s target")
        for cumulative, name in imports:
            print(f"  import {cumulative / 1000:8.1f} ms  {name}")
    return 0


def _pre_commit(root: Path, rel: Path, runs: int) -> float | None:
    """Median wall time of `pre-commit run --files FILE` with this checkout's hook (`repo:` its path,
    `rev:` its HEAD), in a private PRE_COMMIT_HOME; None when pre-commit is not installed."""
    checkout = Path(__file__).resolve().parent.parent
    if subprocess.run([sys.executable, "-m", "pre_commit", "--version"], capture_output=True).returncode != 0:
        return None
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(root / ".pre-commit-home"),
        "GIT_CONFIG_GLOBAL": str(_empty_gitconfig()),
        "GIT_AUTHOR_NAME": "b",
        "GIT_AUTHOR_EMAIL": "b@example.org",
        "GIT_COMMITTER_NAME": "b",
        "GIT_COMMITTER_EMAIL": "b@example.org",
    }
    git = ["git", "rev-parse", "HEAD"]
    rev = subprocess.run(
        git, cwd=checkout, capture_output=True, text=True, env=env, check=True
    ).stdout.strip()
    subprocess.run(["git", "init", "-q"], cwd=root, check=True, env=env)
    (root / ".gitignore").write_text(".pre-commit-home/\n", encoding="utf-8")
    (root / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {checkout.as_uri()}\n    rev: {rev}\n    hooks:\n      - id: qa-pipeline\n",
        encoding="utf-8",
    )
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    install = [sys.executable, "-m", "pre_commit", "install-hooks"]
    subprocess.run(install, cwd=root, env=env, capture_output=True, check=True)
    cmd = [sys.executable, "-m", "pre_commit", "run", "--files", rel.as_posix()]
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, check=False)
        walls.append(time.perf_counter() - start)
        if "qa-pipeline (translation QA)" not in proc.stdout:
            sys.exit(f"benchmark: the hook did not run:\n{proc.stdout}{proc.stderr}")
    return round(statistics.median(walls), 3)


if __name__ == "__main__":
    raise SystemExit(main())
