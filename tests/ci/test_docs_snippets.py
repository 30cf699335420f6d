"""Every ``sh``, ``toml`` and ``yaml`` snippet of README.md and docs/*.md runs as written.

* shell blocks run in bash in a copy of this repository (the bundled examples) or in a small translation
  project (``content/``, a config, a baseline, a git history with ``origin/main``); the README's install
  block runs first, as written, and its virtualenv serves all the others. Every ``qa-pipeline`` call
  must end with 0 or 1 (never an error), every other command must succeed, and the block must end with
  its expected status (see :mod:`tests.ci.snippets` for the annotations);
* TOML blocks are loaded by the config loader (with the rule folders they name, holding the documents'
  rule-file blocks), YAML rule files by the rule loader, and their examples are run;
* pre-commit configs are run by the real ``pre-commit`` against a git clone of this checkout tagged
  with the version the snippet pins (only the repository URL is replaced by the clone's path);
* GitHub workflows: the action's gate step runs with the snippet's ``with:`` inputs; GitLab jobs: the
  ``script`` lines run in the project with GitLab's ``set -e`` semantics and the artifacts must exist.

The one line that cannot run offline, installing qa-pipeline from GitHub, must name this project and the
current version, and is replaced by the install of this checkout. Setting up and running everything
takes a few minutes: the tests that execute are marked slow.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from qa_pipeline import __version__
from tests.ci.snippets import KEYS, ROOT, Snippet, all_snippets

TAG = f"v{__version__}"
REPO_URL = "https://github.com/qa-pipeline/qa-pipeline"
INSTALL = f'pip install --quiet "qa-pipeline @ {REPO_URL}/archive/refs/tags/{TAG}.tar.gz"'
SNIPPETS = all_snippets()
_INSTALL_LINE = re.compile(r"^\s*(?:-\s+)?(?:python3? -m )?pip install\b.*\bqa-pipeline\b.*$", re.M)
_APT_LINE = re.compile(
    r"^\s*apt-get update\b.*apt-get install\b[^\n]*?(?P<pkgs>(?:\s+[a-z][\w.+-]*)+)\s*(?:>\S+)?$", re.M
)
# A gate run may end with 1 (gate failed); anything else that fails is an error.
_GATE = re.compile(r"qa-pipeline|qa_pipeline|__qa_real|pre-commit run")

PRELUDE = r"""
__qa_real="$(command -v qa-pipeline)"
qa-pipeline() { "$__qa_real" "$@"; }
set -E
trap 'echo "$? $BASH_COMMAND" >> "$SNIPPET_LOG"' ERR
"""


def by_kind(*kinds: str) -> list[Any]:
    out = []
    for s in SNIPPETS:
        if s.kind in kinds and "skip" not in s.notes and "ci" not in s.notes and "setup" not in s.notes:
            marks = [pytest.mark.slow] if s.kind not in ("config", "rule", "locale") else []
            out.append(pytest.param(s, id=s.id, marks=marks))
    return out


# --- static checks (fast) -------------------------------------------------------------------------


def test_every_snippet_is_run_or_deliberately_not() -> None:
    assert len(SNIPPETS) >= 15  # README.md and docs/ have snippets: the extraction works
    for s in SNIPPETS:
        assert s.kind != "unknown", f"{s.id}: a {s.lang} block of no known kind: annotate or change it"
        assert set(s.notes) - {f"{k}-reason" for k in KEYS} <= KEYS, f"{s.id}: unknown note {s.notes}"
        if "skip" in s.notes:
            assert s.notes["skip"].strip(), f"{s.id}: a skipped block must say why: skip (reason)"
        if "ci" in s.notes:
            script = (ROOT / s.notes["ci"]).read_text(encoding="utf-8")
            assert s.text.strip() in script, f"{s.id}: not run verbatim by {s.notes['ci']}"
        assert s.notes.get("in", "checkout") in ("checkout", "project"), s.id
    assert sum("setup" in s.notes for s in SNIPPETS) == 1


def test_release_pins_and_install_lines_name_this_project_and_version() -> None:
    """The package is not on PyPI: every install line installs this repository at the current tag, and
    every pinned rev / action ref is the current version."""
    pins = 0
    for s in SNIPPETS:
        for line in _INSTALL_LINE.findall(s.text):
            assert line.strip().removeprefix("- ") == INSTALL, f"{s.id}: {line.strip()}"
            pins += 1
        assert "pip install qa-pipeline" not in s.text and "qa-pipeline==" not in s.text, s.id
        if s.kind == "pre-commit":
            (repo,) = s.data()["repos"]
            assert (repo["repo"], repo["rev"]) == (REPO_URL, TAG), s.id
            pins += 1
        if s.kind == "github":
            uses = [st.get("uses", "") for job in s.data()["jobs"].values() for st in job["steps"]]
            assert f"qa-pipeline/qa-pipeline@{TAG}" in uses, s.id
            assert not [u for u in uses if u.startswith("qa-pipeline/") and not u.endswith(TAG)], s.id
            pins += 1
    assert pins >= 7
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert f"rev: {TAG}" in hooks
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pre-commit install" in readme


@pytest.mark.parametrize("snippet", by_kind("locale"))
def test_locale_file_snippet_reads(snippet: Snippet) -> None:
    from qa_pipeline.readers import ReadOptions
    from qa_pipeline.readers.yaml_i18n import read_yaml

    lang = next(iter(snippet.data()))
    doc = read_yaml(snippet.text, f"{lang}.yml", ReadOptions())
    assert doc.segments, snippet.id


@pytest.mark.parametrize("snippet", by_kind("config"))
def test_config_snippet_loads(snippet: Snippet, tmp_path: Path) -> None:
    from qa_pipeline.config import load_settings
    from qa_pipeline.registry import load_registry

    _rule_folders(snippet, tmp_path)
    path = tmp_path / "qa-pipeline.toml"
    path.write_text(snippet.text, encoding="utf-8")
    settings, registry = load_settings(path, tmp_path, load_registry)
    assert settings.path == path
    for folder in settings.rule_paths:
        assert any(e.origin.startswith(str(folder)) for e in registry), f"{folder}: no rule loaded"


@pytest.mark.parametrize("snippet", by_kind("rule"))
def test_rule_snippet_loads_and_its_examples_hold(snippet: Snippet, tmp_path: Path) -> None:
    from qa_pipeline.registry import load_registry
    from qa_pipeline.testing import case_matches, run_case

    path = tmp_path / (snippet.file_name or "qa-rules/snippet.yaml")
    path.parent.mkdir(parents=True)
    path.write_text(snippet.text, encoding="utf-8")
    registry = load_registry((path.parent,))
    data = snippet.data()
    entry = registry.get(data.get("code") or data["extends"])
    assert entry is not None
    examples = data["examples"]
    assert examples and all(e in entry.examples for e in examples)
    for case in examples:
        assert case_matches(case, run_case(case, entry, registry)) is None, case


def _rule_folders(snippet: Snippet, where: Path) -> None:
    """Create the rule folders a config names, with the same document's rule-file blocks in them."""
    import tomllib

    for folder in tomllib.loads(snippet.text).get("rule-paths", []):
        (where / folder).mkdir(parents=True, exist_ok=True)
    for other in SNIPPETS:
        if other.doc == snippet.doc and other.kind == "rule" and other.file_name:
            target = where / other.file_name
            if target.parent.is_dir():
                target.write_text(other.text, encoding="utf-8")


# --- workspaces -----------------------------------------------------------------------------------


def _env(tmp: Path, checkout: Path | None = None) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GIT_", "GITHUB_", "PRE_COMMIT", "QA_PIPELINE", "VIRTUAL_ENV", "NO_COLOR"))
    }
    path = [str(Path(sys.executable).parent), env.get("PATH", "")]
    if checkout is not None:
        path.insert(0, str(checkout / ".venv" / "bin"))
    env.update(
        {
            "PATH": os.pathsep.join(path),
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Test",
            "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.org",
            "PRE_COMMIT_HOME": str(tmp / "pre-commit-home"),
            "SNIPPET_LOG": str(tmp / "snippet.log"),
        }
    )
    return env


def _sh(cmd: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=1200)


def _ok(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def _git_snapshot(src: Path, dest: Path, env: dict[str, str]) -> None:
    """Copy this checkout's files (tracked and untracked, not ignored) to ``dest``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=src,
        capture_output=True,
        check=True,
        env=env,
    ).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        if (src / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src / name, dest / name)


def run_block(snippet: Snippet, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a shell block as written (the qa-pipeline install line aside) and check every command."""
    text = _INSTALL_LINE.sub(": qa-pipeline is installed: this checkout", snippet.text)
    log = Path(env["SNIPPET_LOG"])
    log.unlink(missing_ok=True)
    proc = _sh(PRELUDE + text, cwd, env)
    detail = f"{snippet.id} in {cwd}:\n{proc.stdout}\n{proc.stderr}"
    for entry in log.read_text(encoding="utf-8").splitlines() if log.exists() else []:
        code, _, command = entry.partition(" ")
        assert _GATE.search(command) and code == "1", f"`{command}` failed with {code}: {detail}"
    assert proc.returncode == int(snippet.notes.get("exit", "0")), detail
    assert "Traceback" not in proc.stderr and "error:" not in proc.stderr, detail
    return proc


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("snippets")


@pytest.fixture(scope="module")
def checkout(tmp: Path) -> Iterator[Path]:
    """A copy of this repository where the README's install block ran, as written."""
    if shutil.which("git") is None or shutil.which("bash") is None:
        pytest.skip("needs git and bash")
    work = tmp / "checkout"
    work.mkdir()
    _git_snapshot(ROOT, work, _env(tmp))
    (setup,) = [s for s in SNIPPETS if "setup" in s.notes]
    run_block(setup, work, _env(tmp))
    assert (work / ".venv" / "bin" / "qa-pipeline").is_file()
    assert (work / "reports" / "index.html").is_file() and (work / "reports" / "summary.json").is_file()
    # a clone to install the pre-commit hook from, at the tag the snippets pin
    env = _env(tmp, work)
    _ok(_sh(f"git init -q && git add -A && git commit -q -m snapshot && git tag {TAG}", work, env))
    yield work


@pytest.fixture(scope="module")
def project_template(tmp: Path, checkout: Path) -> Path:
    """A translation project: content/<lang>/ from the examples, a config, a git history whose
    origin/main is the last commit, an uncommitted edit, and a baseline of the current findings."""
    proj = tmp / "project-template"
    shutil.copytree(checkout / "examples" / "docs", proj / "content")
    (proj / "qa-pipeline.toml").write_text(
        'layout = "content/{lang}/{path}"\nsource = "content/en/{path}"\nexclude = ["content/en/*"]\n',
        encoding="utf-8",
    )
    env = _env(tmp, checkout)
    _ok(
        _sh(
            "git init -q && git add -A && git commit -q -m content && git update-ref refs/remotes/origin/main HEAD",
            proj,
            env,
        )
    )
    with (proj / "content" / "fr" / "getting-started.md").open("a", encoding="utf-8") as fh:
        fh.write("\nLumen Notes enregistre chaque modification.\n")
    _ok(_sh("qa-pipeline baseline content -o qa-baseline.json", proj, env))
    return proj


@pytest.fixture
def project(project_template: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "project"
    shutil.copytree(project_template, dest, symlinks=True)
    return dest


def _pre_commit_config(snippet: Snippet, hook_repo: Path) -> str:
    """The snippet's config with only the repository URL pointing at the local clone."""
    assert REPO_URL in snippet.text
    return snippet.text.replace(REPO_URL, hook_repo.as_uri())


# --- shell ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("snippet", by_kind("shell"))
def test_shell_snippet_runs(snippet: Snippet, checkout: Path, project: Path, tmp: Path) -> None:
    cwd = project if snippet.notes.get("in") == "project" else checkout
    env = _env(tmp, checkout)
    if "pre-commit-config" in snippet.notes:
        config = [
            s for s in SNIPPETS if s.doc == snippet.doc and s.kind == "pre-commit" and s.line < snippet.line
        ]
        assert config, f"{snippet.id}: no pre-commit config block before it"
        (cwd / ".pre-commit-config.yaml").write_text(
            _pre_commit_config(config[-1], checkout), encoding="utf-8"
        )
        _ok(_sh("git add .pre-commit-config.yaml", cwd, env))
    run_block(snippet, cwd, env)


# --- pre-commit -----------------------------------------------------------------------------------


@pytest.mark.parametrize("snippet", by_kind("pre-commit"))
def test_pre_commit_snippet_rejects_a_defect(
    snippet: Snippet, checkout: Path, project: Path, tmp: Path
) -> None:
    if subprocess.run([sys.executable, "-m", "pre_commit", "--version"], capture_output=True).returncode:
        pytest.skip("needs pre-commit (pip install pre-commit)")
    env = _env(tmp, checkout)
    (project / ".pre-commit-config.yaml").write_text(_pre_commit_config(snippet, checkout), encoding="utf-8")
    _ok(
        _sh(
            "pre-commit install && git add .pre-commit-config.yaml && git commit -q -m hook --no-verify",
            project,
            env,
        )
    )
    (project / "content" / "fr" / "note.md").write_text("Une  note.\n", encoding="utf-8")
    proc = _sh("git add content/fr/note.md && git commit -m 'a defect'", project, env)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "qa-pipeline (translation QA)" in out and "Failed" in out
    assert "content/fr/note.md:1:4: QA104 minor 2 consecutive spaces" in out


# --- GitHub Actions -------------------------------------------------------------------------------


def _action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("snippet", by_kind("github"))
def test_github_workflow_snippet_runs(
    snippet: Snippet, checkout: Path, project: Path, tmp_path: Path, tmp: Path
) -> None:
    workflow = snippet.data()
    assert workflow.get("on", workflow.get(True)), "a workflow needs triggers"
    action = _action()
    inputs = action["inputs"]
    steps = {s.get("id") or s.get("name"): s for s in action["runs"]["steps"]}
    for job in workflow["jobs"].values():
        assert job["runs-on"] == "ubuntu-latest"
        if job.get("permissions"):
            assert job["permissions"].get("security-events") == "write"  # the SARIF upload
        for step in job["steps"]:
            uses = step.get("uses", "")
            if uses.startswith("actions/checkout@"):
                continue  # the project is the checkout
            if "run" in step:
                _ok(_sh(step["run"], project, _env(tmp, checkout)))
                continue
            assert uses == f"qa-pipeline/qa-pipeline@{TAG}", f"{snippet.id}: cannot run step {step}"
            given = step.get("with", {})
            assert set(given) <= set(inputs), f"{snippet.id}: unknown inputs {set(given) - set(inputs)}"
            values = {k: str(given.get(k, spec.get("default", ""))) for k, spec in inputs.items()}
            outputs = _run_gate_step(steps["gate"], values, project, tmp_path, _env(tmp, checkout))
            assert outputs["exit-code"] == "0", outputs
            assert Path(outputs["sarif-file"]).is_file()
            assert (project / outputs["report-dir"] / "index.html").is_file()
            env = {**_env(tmp, checkout), "CODE": outputs["exit-code"]}
            _ok(_sh(steps["Apply the gate"]["run"], project, env))


def _run_gate_step(
    step: dict[str, Any], values: dict[str, str], cwd: Path, tmp_path: Path, env: dict[str, str]
) -> dict[str, str]:
    """The composite action's gate step, with a runner simulated by environment variables; the action's
    install step is replaced by the checkout's virtualenv."""
    runner = tmp_path / "runner"
    runner.mkdir()
    venv = Path(env["PATH"].split(os.pathsep)[0]).parent
    (runner / "qa-pipeline-venv").symlink_to(venv, target_is_directory=True)
    output = tmp_path / "github-output"
    env = {
        **env,
        "RUNNER_TEMP": str(runner),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "GITHUB_ACTIONS": "true",
    }
    for key, expr in step["env"].items():
        m = re.fullmatch(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", expr)
        assert m, expr
        env[key] = values[m.group(1)]
    proc = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=cwd, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines())


# --- GitLab CI ------------------------------------------------------------------------------------


@pytest.mark.parametrize("snippet", by_kind("gitlab"))
def test_gitlab_job_snippet_runs(snippet: Snippet, checkout: Path, project: Path, tmp: Path) -> None:
    ((name, job),) = snippet.data().items()
    lines = []
    for line in job["script"]:
        if _INSTALL_LINE.fullmatch(line):
            assert line.strip() == INSTALL, line
            lines.append(": qa-pipeline is installed: this checkout")
        elif (apt := _APT_LINE.fullmatch(line)) is not None:
            # a system package the image lacks: here it must already be there
            lines.append(" && ".join(f"command -v {p}" for p in apt.group("pkgs").split()))
        else:
            lines.append(line)
    env = {**_env(tmp, checkout), **{k: str(v) for k, v in job.get("variables", {}).items()}}
    proc = _sh("set -eo pipefail\n" + "\n".join(lines), project, env)
    assert proc.returncode == 0, f"{snippet.id} ({name}):\n{proc.stdout}\n{proc.stderr}"
    artifacts = job["artifacts"]
    for path in artifacts["paths"]:
        assert (project / path).exists(), path
    for report in artifacts.get("reports", {}).values():
        assert ET.parse(project / report).getroot().tag == "testsuites"
