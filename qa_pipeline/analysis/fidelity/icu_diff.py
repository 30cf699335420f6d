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

from qa_pipeline.analysis.fidelity.icu import (
    Argument,
    Branch,
    IcuSyntaxError,
    Message,
    Pound,
    Select,
    Text,
    parse,
    walk,
)
from qa_pipeline.analysis.fidelity.plurals import (
    CATEGORIES,
    categories,
    category_integers,
    known_language,
    needed_categories,
)
from qa_pipeline.model import Span


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
    s_types, t_types = _types(src), _types(tgt)
    issues = _arguments(s_types, t_types, tgt)
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
                shown = _shown_outside(tgt, sel)
                issues += _branches(sel, partner, lang, s_types.keys() & t_types.keys(), shown)
    return tuple(sorted(issues, key=lambda i: (i.span.start if i.span else -1, i.kind)))


NUMERIC = frozenset({"number", "plural", "selectordinal"})


def _arguments(
    s_types: dict[str, list[tuple[str, Argument | Select]]],
    t_types: dict[str, list[tuple[str, Argument | Select]]],
    tgt: Message,
) -> list[IcuIssue]:
    """Arguments by name: missing, unknown (a pair of both is a rename, reported once as unknown),
    and type changes."""
    issues: list[IcuIssue] = []
    missing = [n for n in s_types if n not in t_types]
    unknown = [n for n in t_types if n not in s_types]
    renamed = dict(zip(unknown, missing, strict=False))
    for name in missing:
        if name not in renamed.values():
            issues.append(_missing(name, tgt))
    for name in unknown:
        node = t_types[name][0][1]
        known = ", ".join(sorted(s_types)) or "none"
        was = f": renamed from '{renamed[name]}'?" if name in renamed else f" (its arguments: {known})"
        issues.append(IcuIssue("unknown", f"argument '{name}' is not in the source{was}", node.span,
                               {"argument": name, "source_arguments": sorted(s_types)}))  # fmt: skip
    for name in s_types.keys() & t_types.keys():
        expected = {_norm_type(t, n) for t, n in s_types[name]}
        found = {_norm_type(t, n) for t, n in t_types[name]}
        # a plain {n} shows a number as {n, number} does, also beside the plural that inflects for it
        extra = {t for t in found - expected if not (t == "none" and expected & NUMERIC)}
        # a styled number (currency, percent) must keep its style; a plural may go where the language
        # does not inflect (Chinese, Hungarian after a numeral) as long as the number is still shown
        lost = {t for t in expected - found if ":" in t and not found & {t.split(":")[0]}}
        if extra or lost:
            node = next((n for t, n in t_types[name] if _norm_type(t, n) in extra), t_types[name][0][1])
            issues.append(IcuIssue("type", f"argument '{name}' is " + " and ".join(_kind(k) for k in sorted(found))
                                   + " where the source has " + " or ".join(_kind(k) for k in sorted(expected)),
                                   node.span, {"argument": name, "type": sorted(found), "expected": sorted(expected)}))  # fmt: skip
    return issues


def _norm_type(kind: str, node: Argument | Select) -> str:
    """``number`` without a style formats as a plain argument does; a number style (currency,
    percent) makes it another type; date and time styles are the locale's choice."""
    if kind == "number" and isinstance(node, Argument) and node.style:
        return f"number:{' '.join(node.style.split())}"
    return "none" if kind == "number" else kind


def _shown_outside(message: Message, sel: Select) -> bool:
    """True when the plural's number is shown outside it (``{count} {count, plural, one {file} …}``)."""
    inside = {id(n) for b in sel.branches for n in walk(b.message)}
    return any(
        isinstance(n, Argument) and n.name == sel.name and id(n) not in inside and not _within(n, sel)
        for n in walk(message)
    )


def _within(node: Argument, sel: Select) -> bool:
    return sel.span.start <= node.span.start and node.span.end <= sel.span.end


def _kind(kind: str) -> str:
    if kind == "none":
        return "a plain argument"
    base, _, style = kind.partition(":")
    return f"'{base}, {style}'" if style else f"'{base}'"


def _missing(name: str, tgt: Message) -> IcuIssue:
    quoted = any(isinstance(t, Text) and "{" + name in t.value.replace(" ", "") for t in walk(tgt))
    why = " (quoted away by an apostrophe: write '' for an apostrophe before {)" if quoted else ""
    return IcuIssue("missing", f"argument '{name}' of the source is missing from the translation{why}",
                    None, {"argument": name, "quoted": quoted})  # fmt: skip


def _branches(tgt: Select, src: Select, lang: str, shared: set[str], shown: bool) -> list[IcuIssue]:
    plural = tgt.type != "select"
    out = _categories(tgt, src, lang, shown) if plural else _select_keys(tgt, src)
    ordinal, known = tgt.type == "selectordinal", plural and known_language(lang)
    for b in tgt.branches:
        sb = src.branch(b.key) or src.branch("other")
        if sb is None:
            continue
        have = _names(b.message, tgt.name if plural else None)
        want = _names(sb.message, src.name if plural else None) & shared
        for name in sorted(want - have):
            if plural and name == tgt.name:
                if not shown and _needs_number(b, lang, ordinal, known):
                    out.append(IcuIssue("pound", f"the '{b.key}' branch serves several numbers but does not show "
                                        f"the number ('#' or {{{name}}})", b.span, {"key": b.key, "argument": name}))  # fmt: skip
                continue
            out.append(IcuIssue("missing", f"argument '{name}' is missing from the '{b.key}' branch",
                                b.span, {"argument": name, "branch": b.key}))  # fmt: skip
    return out


def _categories(tgt: Select, src: Select, lang: str, shown: bool) -> list[IcuIssue]:
    """Plural keys the language never selects (unless kept from the source's structure, which is
    harmless), and categories it needs that the translation lacks (when the source inflects): in a
    language whose ``other`` serves no whole number (Russian, Polish), ``other`` may hold one missing
    category's form (``one few other`` works for Russian: ``other`` is the ``many`` form). Only when
    the number is shown, in the branches or beside the plural: without it the forms agree anyway."""
    out: list[IcuIssue] = []
    ordinal = tgt.type == "selectordinal"
    known = known_language(lang)
    allowed = categories(lang, ordinal) if known else frozenset(CATEGORIES)
    source_keys = {b.key for b in src.branches}
    for b in tgt.branches:
        if b.key.startswith("=") or b.key in allowed or (b.key in source_keys and b.key in CATEGORIES):
            continue
        what = (
            f"the {lang} plural rules never select it"
            if b.key in CATEGORIES
            else "it is no CLDR plural category"
        )
        out.append(IcuIssue("category-invalid", f"plural key '{b.key}' is never used: {what}",
                            b.key_span, {"key": b.key, "allowed": sorted(allowed)}))  # fmt: skip
    inflects = any(k not in ("other", "=0") for k in source_keys)
    other = tgt.branch("other")
    counted = shown or (other is not None and tgt.name in _names(other.message, tgt.name))
    if not known or not inflects or not counted:
        return out  # without a number beside it ("Invitations were not sent") the forms agree anyway
    keys = {b.key for b in tgt.branches}
    exact = {float(b.key[1:]) for b in tgt.branches if b.key.startswith("=")}
    lacking = []
    for cat in sorted(needed_categories(lang, ordinal) - keys, key=CATEGORIES.index):
        numbers = category_integers(lang, cat, ordinal)
        if not all(float(n) in exact for n in numbers):
            lacking.append((cat, numbers))
    # where 'other' serves no whole number (Slavic languages), it may stand in for one category
    slack = 0 if "other" in needed_categories(lang, ordinal) or "other" not in keys else 1
    if len(lacking) > slack:
        which = "; ".join(f"'{c}' ({', '.join(str(n) for n in nums[:4])}…)" for c, nums in lacking)
        out.append(IcuIssue("category-missing", f"plural '{tgt.name}' lacks the {lang} categories {which}: "
                            "those numbers get the 'other' text", tgt.name_span,
                            {"categories": [c for c, _ in lacking], "argument": tgt.name}))  # fmt: skip
    return out


def _select_keys(tgt: Select, src: Select) -> list[IcuIssue]:
    source_keys = {b.key for b in src.branches}
    return [
        IcuIssue("select-key", f"select key '{b.key}' is not in the source ({', '.join(sorted(source_keys))}): "
                 "the program never chooses it", b.key_span, {"key": b.key, "source_keys": sorted(source_keys)})
        for b in tgt.branches
        if b.key not in source_keys
    ]  # fmt: skip


def _needs_number(branch: Branch, lang: str, ordinal: bool, known: bool) -> bool:
    if branch.key.startswith("="):
        return False
    if branch.key == "other":
        return True
    if not known:
        return False
    numbers = [n for n in category_integers(lang, branch.key, ordinal) if n != 0]
    return len(numbers) > 1
