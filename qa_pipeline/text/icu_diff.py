"""Compare an ICU MessageFormat translation with its source, parsed (see :mod:`.icu`).

Each difference has a ``kind``:

- ``syntax``: the target does not parse (the source does);
- ``missing``: an argument of the source is nowhere in the target, or not in a plural/select branch
  whose source branch has it (``#`` stands for the plural's own argument);
- ``unknown``: the target has an argument the source does not (renamed, translated, invented);
- ``type``: an argument's type changed (``{n, number}`` → ``{n}``, ``plural`` → ``select``);
- ``category-missing``: a plural lacks a category the target language uses for whole numbers
  (Polish ``few``/``many``), and no ``=N`` branch covers it;
- ``category-invalid``: a plural key the target language never selects (``few`` in German) or that
  is no CLDR category at all;
- ``select-key``: a select key that the source does not have (a translated ``male``): never chosen;
- ``pound``: a plural branch that serves several numbers (Russian ``one``: 1, 21, 31…) lost the
  number (``#``) that the source's branch shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from qa_pipeline.model import Span
from qa_pipeline.text.icu import Argument, Branch, IcuSyntaxError, Message, Pound, Select, Text, parse, walk
from qa_pipeline.text.plurals import (
    CATEGORIES,
    categories,
    category_integers,
    known_language,
    needed_categories,
)


@dataclass(frozen=True)
class IcuIssue:
    kind: str
    message: str
    span: Span | None
    data: Mapping[str, Any] = field(default_factory=dict)


def _types(nodes: Message) -> dict[str, list[tuple[str, Argument | Select]]]:
    out: dict[str, list[tuple[str, Argument | Select]]] = {}
    for node in walk(nodes):
        if isinstance(node, Argument):
            out.setdefault(node.name, []).append((node.type or "none", node))
        elif isinstance(node, Select):
            out.setdefault(node.name, []).append((node.type, node))
    return out


def _names(nodes: Message, number_of: str | None) -> set[str]:
    """Argument names a message shows; ``#`` counts as the enclosing plural's argument."""
    names: set[str] = set()
    for node in walk(nodes):
        if isinstance(node, Argument | Select):
            names.add(node.name)
        elif isinstance(node, Pound) and number_of:
            names.add(number_of)
        elif isinstance(node, Text) and number_of and "#" in node.value:
            names.add(number_of)  # Format.js reads '#' in a select nested in a plural as the number
    return names


@lru_cache(maxsize=4096)
def compare_icu(source: str, target: str, lang: str) -> tuple[IcuIssue, ...]:
    """Every difference (see the module docstring); nothing when the source does not parse."""
    try:
        src = parse(source)
    except IcuSyntaxError:
        return ()
    try:
        tgt = parse(target)
    except IcuSyntaxError as exc:
        at = min(exc.offset, max(len(target) - 1, 0))
        reason = f"the translation is not a valid ICU message: {exc.reason} at offset {exc.offset}"
        return (
            IcuIssue(
                "syntax",
                reason,
                Span(at, min(at + 1, len(target))),
                {"offset": exc.offset, "reason": exc.reason},
            ),
        )
    issues: list[IcuIssue] = []
    s_types, t_types = _types(src), _types(tgt)
    for name, uses in s_types.items():
        if name not in t_types:
            issues.append(_missing(name, uses[0][1], tgt))
    for name, uses in t_types.items():
        if name not in s_types:
            node = uses[0][1]
            known = ", ".join(sorted(s_types)) or "none"
            issues.append(
                IcuIssue("unknown", f"argument '{name}' is not in the source (its arguments: {known})",
                         node.span, {"argument": name, "source_arguments": sorted(s_types)})
            )  # fmt: skip
            continue
        expected = {t for t, _ in s_types[name]}
        for kind, node in uses:
            if kind not in expected:
                issues.append(
                    IcuIssue("type", f"argument '{name}' is {_kind(kind)} where the source has "
                             + " or ".join(_kind(k) for k in sorted(expected)),
                             node.span, {"argument": name, "type": kind, "expected": sorted(expected)})
                )  # fmt: skip
                break
    src_selects: dict[tuple[str, str], list[Select]] = {}
    for s in walk(src):
        if isinstance(s, Select):
            src_selects.setdefault((s.name, s.type), []).append(s)
    seen: dict[tuple[str, str], int] = {}
    for sel in walk(tgt):
        if isinstance(sel, Select):
            # the k-th select of a name in the target goes with the k-th of that name in the source
            same = src_selects.get((sel.name, sel.type), [])
            k = seen[(sel.name, sel.type)] = seen.get((sel.name, sel.type), -1) + 1
            partner = same[min(k, len(same) - 1)] if same else None
            if partner is not None:
                issues += _branches(sel, partner, lang, s_types.keys() & t_types.keys())
    return tuple(sorted(issues, key=lambda i: (i.span.start if i.span else -1, i.kind)))


def _kind(kind: str) -> str:
    return "a plain argument" if kind == "none" else f"'{kind}'"


def _missing(name: str, node: Argument | Select, tgt: Message) -> IcuIssue:
    quoted = any(isinstance(t, Text) and "{" + name in t.value.replace(" ", "") for t in walk(tgt))
    why = " (quoted away by an apostrophe: write '' for an apostrophe before {)" if quoted else ""
    return IcuIssue("missing", f"argument '{name}' of the source is missing from the translation{why}",
                    None, {"argument": name, "quoted": quoted})  # fmt: skip


def _branches(tgt: Select, src: Select, lang: str, shared: set[str]) -> list[IcuIssue]:
    out: list[IcuIssue] = []
    plural = tgt.type != "select"
    ordinal = tgt.type == "selectordinal"
    known = plural and known_language(lang)
    if plural:
        allowed = categories(lang, ordinal) if known else frozenset(CATEGORIES)
        exact = {float(b.key[1:]) for b in tgt.branches if b.key.startswith("=")}
        for b in tgt.branches:
            if not b.key.startswith("=") and b.key not in allowed:
                what = (
                    f"the {lang} plural rules never select it"
                    if b.key in CATEGORIES
                    else "it is no CLDR plural category"
                )
                out.append(IcuIssue("category-invalid", f"plural key '{b.key}' is never used: {what}",
                                    b.key_span, {"key": b.key, "allowed": sorted(allowed)}))  # fmt: skip
        if known:
            keys = {b.key for b in tgt.branches}
            for cat in sorted(needed_categories(lang, ordinal) - keys):
                numbers = category_integers(lang, cat, ordinal)
                if all(float(n) in exact for n in numbers):
                    continue
                sample = ", ".join(str(n) for n in numbers[:4])
                out.append(IcuIssue("category-missing", f"plural '{tgt.name}' has no '{cat}' branch, which {lang} "
                                    f"uses for {sample}…: those numbers get the 'other' text",
                                    tgt.name_span, {"category": cat, "argument": tgt.name}))  # fmt: skip
    else:
        source_keys = {b.key for b in src.branches}
        for b in tgt.branches:
            if b.key not in source_keys:
                out.append(IcuIssue("select-key", f"select key '{b.key}' is not in the source "
                                    f"({', '.join(sorted(source_keys))}): the program never chooses it",
                                    b.key_span, {"key": b.key, "source_keys": sorted(source_keys)}))  # fmt: skip
    for b in tgt.branches:
        sb = src.branch(b.key) or src.branch("other")
        if sb is None:
            continue
        number = tgt.name if plural else None
        have = _names(b.message, number)
        want = _names(sb.message, src.name if plural else None) & shared
        for name in sorted(want - have):
            if plural and name == tgt.name:
                if _needs_number(b, lang, ordinal, known):
                    out.append(IcuIssue("pound", f"the '{b.key}' branch serves several numbers but does not show "
                                        f"the number ('#' or {{{name}}})", b.span, {"key": b.key, "argument": name}))  # fmt: skip
                continue
            out.append(IcuIssue("missing", f"argument '{name}' is missing from the '{b.key}' branch",
                                b.span, {"argument": name, "branch": b.key}))  # fmt: skip
    return out


def _needs_number(branch: Branch, lang: str, ordinal: bool, known: bool) -> bool:
    if branch.key.startswith("="):
        return False
    if branch.key == "other":
        return True
    if not known:
        return False
    numbers = [n for n in category_integers(lang, branch.key, ordinal) if n != 0]
    return len(numbers) > 1
