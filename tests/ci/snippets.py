"""The fenced ``sh``/``toml``/``yaml`` blocks of README.md and docs/*.md, with their annotations.

An HTML comment right before a block says how it runs (it is invisible on GitHub, visible in the source):
``<!-- snippet: in=project; exit=1 -->``. Keys, separated by ``;``:

* ``in=checkout`` (default) or ``in=project``: where a shell block runs — a copy of this repository
  (with the bundled examples), or a small translation project with ``content/``, a config, a baseline
  and a git history;
* ``exit=N``: the block's expected exit status (default 0);
* ``setup``: the install block; it runs first and its virtualenv serves every other block;
* ``pre-commit-config``: write the document's pre-commit config into the project before the block;
* ``ci=PATH (reason)``: not run here, because the CI script PATH runs exactly this text;
* ``skip (reason)``: not run, with the reason (a visible, deliberate skip).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")))
LANGS = {"sh": "sh", "bash": "sh", "shell": "sh", "toml": "toml", "yaml": "yaml", "yml": "yaml"}
KEYS = {"in", "exit", "setup", "pre-commit-config", "ci", "skip"}
_NOTE = re.compile(r"<!--\s*snippet:(?P<body>.*?)-->\s*", re.S)
_PART = re.compile(r"(?P<key>[\w-]+)(?:=(?P<value>[^\s(;]+))?(?:\s*\((?P<reason>[^)]*)\))?")


@dataclass(frozen=True)
class Snippet:
    doc: str  # path relative to the repository
    line: int  # 1-based line of the opening fence
    lang: str  # sh, toml or yaml
    text: str
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.doc}:{self.line}"

    @property
    def kind(self) -> str:
        """shell, config, rule, pre-commit, github, gitlab, locale (a YAML translation file) — or unknown."""
        if self.lang == "sh":
            return "shell"
        if self.lang == "toml":
            return "config"
        data = self.data()
        if isinstance(data, dict) and "repos" in data:
            return "pre-commit"
        if isinstance(data, dict) and "jobs" in data:
            return "github"
        if isinstance(data, dict) and ("code" in data or "extends" in data):
            return "rule"
        if isinstance(data, dict) and len(data) == 1 and "script" in next(iter(data.values())):
            return "gitlab"
        if isinstance(data, dict) and len(data) == 1:
            from qa_pipeline.languages import is_language

            if is_language(str(next(iter(data)))):
                return "locale"
        return "unknown"

    def data(self) -> Any:
        return yaml.safe_load(self.text)

    @property
    def file_name(self) -> str | None:
        """The file a block says it is, from a first line like ``# qa-rules/x.yaml``."""
        m = re.match(r"#\s*(\S+\.(?:ya?ml|toml))\s*\n", self.text)
        return m.group(1) if m else None


def parse_notes(comment: str) -> dict[str, str]:
    m = _NOTE.fullmatch(comment)
    if m is None:
        return {}
    notes = {}
    for part in filter(None, (p.strip() for p in m.group("body").split(";"))):
        pm = _PART.fullmatch(part)
        if pm is None:
            raise ValueError(f"bad snippet note {part!r} in {comment.strip()!r}")
        notes[pm.group("key")] = pm.group("value") or pm.group("reason") or ""
        if pm.group("reason") is not None:
            notes[f"{pm.group('key')}-reason"] = pm.group("reason")
    return notes


def snippets(path: Path) -> list[Snippet]:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(path.read_text(encoding="utf-8"))
    out = []
    for i, tok in enumerate(tokens):
        lang = tok.info.strip().split(" ")[0] if tok.type == "fence" else ""
        if lang not in LANGS:
            continue
        prev = tokens[i - 1] if i else None
        notes = parse_notes(prev.content) if prev is not None and prev.type == "html_block" else {}
        line = tok.map[0] + 1 if tok.map else 0
        out.append(Snippet(path.relative_to(ROOT).as_posix(), line, LANGS[lang], tok.content, notes))
    return out


def all_snippets() -> list[Snippet]:
    return [s for doc in DOCS for s in snippets(doc)]
