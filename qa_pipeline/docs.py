"""User documentation generated from the registry: ``qa-pipeline rules`` and ``explain``."""

from __future__ import annotations

import json

from qa_pipeline.registry import Registry, RuleEntry


def rules_listing(registry: Registry, fmt: str = "text") -> str:
    entries = list(registry)
    if fmt == "json":
        data = [
            {
                "code": e.meta.code,
                "name": e.meta.name,
                "category": e.meta.category,
                "severity": e.meta.severity.value,
                "scope": e.scope.value,
                "needs_source": e.meta.needs_source,
                "summary": e.meta.summary,
            }
            for e in entries
        ]
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        lines = ["| code | name | category | severity | summary |", "|---|---|---|---|---|"]
        for e in entries:
            lines.append(
                f"| {e.meta.code} | `{e.meta.name}` | `{e.meta.category}` | {e.meta.severity.value} | {e.meta.summary} |"
            )
        return "\n".join(lines) + "\n"
    width = max((len(e.meta.name) for e in entries), default=10)
    cat_w = max((len(e.meta.category) for e in entries), default=10)
    out = []
    for e in entries:
        out.append(
            f"{e.meta.code}  {e.meta.name:<{width}}  {e.meta.category:<{cat_w}}  {e.meta.severity.value:<8}  {e.meta.summary}"
        )
    return "\n".join(out) + "\n"


def explain(entry: RuleEntry) -> str:
    m = entry.meta
    head = [
        f"{m.code} {m.name}",
        "",
        f"Category: {m.category}",
        f"Default severity: {m.severity.value}",
        f"Scope: {entry.scope.value}" + (" (needs a source)" if m.needs_source else ""),
    ]
    if m.languages:
        head.append(f"Languages: {', '.join(sorted(m.languages))}")
    body = entry.doc.strip()
    parts = ["\n".join(head), body]
    if entry.examples:
        ex_lines = ["Examples from the rule file:"]
        for ex in entry.examples:
            verdict = "flagged" if ex.get("expect", 0) else "not flagged"
            lang = ex.get("lang", "any")
            src = f" (source: {ex['source']!r})" if ex.get("source") else ""
            ex_lines.append(f"  [{lang}] {ex['target']!r}{src} -> {verdict}")
        parts.append("\n".join(ex_lines))
    return "\n\n".join(p for p in parts if p) + "\n"
