"""The shape of the package, enforced: layers, no import cycles, small modules.

Imports are read from the source (module level and inside functions alike: a lazy import is still a
dependency), so these tests see what ``import`` statements say, not what a run happens to load.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "qa_pipeline"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


@cache
def graph() -> dict[str, frozenset[str]]:
    """Module -> the package modules it imports."""
    mods = modules()
    out: dict[str, frozenset[str]] = {}
    for name, path in mods.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    target = node.module or ""
                for alias in node.names:
                    full = f"{target}.{alias.name}"
                    found.add(full if full in mods else target)
        out[name] = frozenset(m for m in found if m in mods and m != name)
    return out


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    g = graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(g[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles() -> None:
    assert _cycles() == []


@pytest.mark.parametrize("name", sorted(modules()))
def test_no_module_over_500_lines(name: str) -> None:
    lines = modules()[name].read_text(encoding="utf-8").count("\n")
    assert lines <= 500, f"{name} has {lines} lines"


FORBIDDEN = {
    # reporters print what the run hands them: nothing from the stages that made it
    "qa_pipeline.reporters": (
        "qa_pipeline.pipeline",
        "qa_pipeline.engine",
        "qa_pipeline.registry",
        "qa_pipeline.config",
        "qa_pipeline.checks",
        "qa_pipeline.run",
    ),
    # readers turn files into documents: no rules, no configuration, no run
    "qa_pipeline.readers": (
        "qa_pipeline.pipeline",
        "qa_pipeline.engine",
        "qa_pipeline.registry",
        "qa_pipeline.config",
        "qa_pipeline.checks",
        "qa_pipeline.reporters",
    ),
    # rules see segments and the rule API, never the run or its output
    "qa_pipeline.checks": (
        "qa_pipeline.pipeline",
        "qa_pipeline.engine",
        "qa_pipeline.registry",
        "qa_pipeline.config",
        "qa_pipeline.reporters",
        "qa_pipeline.cli",
    ),
    # the data model is the bottom layer
    "qa_pipeline.model": ("qa_pipeline.",),
}


VALUES = frozenset({"qa_pipeline.language", "qa_pipeline.selectors"})
"""Value types below every layer (a language tag, a rule selector): anyone may import them."""


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layers(layer: str) -> None:
    bad = []
    for name, deps in graph().items():
        if name != layer and not name.startswith(layer + "."):
            continue
        bad += [
            f"{name} -> {d}"
            for d in sorted(deps)
            if d.startswith(FORBIDDEN[layer]) and d not in VALUES
        ]
    assert bad == []
