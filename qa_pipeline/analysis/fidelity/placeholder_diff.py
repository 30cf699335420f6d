"""Compare the placeholders of a translation with its source's.

One comparison per (source, target, syntaxes) gives every difference, each of one kind:

- ``missing``: a placeholder of the source is not in the target (by name or index; for placeholders
  filled in order, ``%s``, by count).
- ``extra``: the target has a placeholder the source does not.
- ``renamed``: a missing placeholder that the target has in another spelling (``{nom}`` for ``{name}``,
  ``{ name }``, ``%(name) s``, ``{count}`` for ``{{count}}``).
- ``type``: a printf conversion takes another kind of argument (``%d`` → ``%s``, ``%ld`` → ``%d``).
- ``order``: placeholders filled in order (``%s … %d``) are in another order, so each receives the
  other's argument; positional (``%1$s``) and named ones may move freely.
- ``malformed``: in a string declared ``python-format``/``c-format``… a ``%`` that is no conversion
  (``100%`` must be ``100%%``), a lone ``{`` or ``}`` in a brace-format string, or ordered and
  positional printf placeholders mixed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

import regex

from qa_pipeline.analysis.fidelity.placeholders import Placeholder, find_placeholders, loose_placeholders
from qa_pipeline.model import Span


@dataclass(frozen=True)
class PlaceholderIssue:
    """One difference; ``span`` is in the target (None: the placeholder is nowhere in it)."""

    kind: str
    source: Placeholder | None
    target: Placeholder | None
    span: Span | None
    found: str = ""  # the target's spelling of a renamed placeholder


def compare(
    source: str,
    target: str,
    syntaxes: frozenset[str],
    strict: bool,
    alternatives: Sequence[str] = (),
) -> tuple[PlaceholderIssue, ...]:
    """The differences between ``target``'s placeholders and ``source``'s. ``alternatives`` are other
    sources the target may follow instead (the other forms of a plural message): the closest wins."""
    best = _compare(source, target, syntaxes, strict)
    for other in alternatives:
        if not best:
            break
        if other != source:
            found = _compare(other, target, syntaxes, strict)
            if len(found) < len(best):
                best = found
    return best


@lru_cache(maxsize=8192)
def _compare(
    source: str, target: str, syntaxes: frozenset[str], strict: bool
) -> tuple[PlaceholderIssue, ...]:
    src = find_placeholders(source, syntaxes, strict)
    tgt = find_placeholders(target, syntaxes, strict)
    issues: list[PlaceholderIssue] = []
    if not strict:
        issues += _malformed(source, target, syntaxes, src, tgt)
    families = sorted({p.family for p in (*src, *tgt)})
    for family in families:
        s = [p for p in src if p.family == family]
        t = [p for p in tgt if p.family == family]
        if (family == "printf" and any(p.ordinal for p in s) and all(p.ordinal for p in t) and t) or (
            family == "brace" and (any(p.ordinal for p in s) or any(p.ordinal for p in t))
        ):
            issues += _ordered(s, t)
        else:
            issues += _keyed(s, t)
    issues = _renames(issues, target, tgt)
    taken = [i.span for i in issues if i.kind != "malformed" and i.span is not None]
    issues = [
        i
        for i in issues
        if i.kind != "malformed" or i.span is None or not any(i.span.overlaps(t) for t in taken)
    ]
    return tuple(sorted(issues, key=_order))


def _order(issue: PlaceholderIssue) -> tuple[int, int, str]:
    span = issue.span
    return (span.start if span else -1, span.end if span else -1, issue.kind)


def _ordered(src: list[Placeholder], tgt: list[Placeholder]) -> list[PlaceholderIssue]:
    """Placeholders filled in order: compare the sequences of types."""
    a = [p.type for p in src]
    b = [p.type for p in tgt]
    if a == b:
        return []
    if len(a) == len(b) and Counter(a) == Counter(b):
        first = next(i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y)
        return [PlaceholderIssue("order", src[first], tgt[first], tgt[first].span)]
    out: list[PlaceholderIssue] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(pairs):
            out.append(PlaceholderIssue("type", src[i1 + k], tgt[j1 + k], tgt[j1 + k].span))
        for k in range(i1 + pairs, i2):
            out.append(PlaceholderIssue("missing", src[k], None, None))
        for k in range(j1 + pairs, j2):
            out.append(PlaceholderIssue("extra", None, tgt[k], tgt[k].span))
    return out


def _keyed(src: list[Placeholder], tgt: list[Placeholder]) -> list[PlaceholderIssue]:
    """Named or positional placeholders: each source key must be in the target, with its type."""
    out: list[PlaceholderIssue] = []
    src_keys = {p.key: p for p in reversed(src)}
    tgt_keys = {p.key for p in tgt}
    for key, p in sorted(src_keys.items(), key=lambda kv: kv[1].span.start):
        if key not in tgt_keys:
            out.append(PlaceholderIssue("missing", p, None, None))
    reported: set[str] = set()
    types = {p.key: {q.type for q in src if q.key == p.key} for p in src}
    for p in tgt:
        if p.key not in src_keys:
            out.append(PlaceholderIssue("extra", None, p, p.span))
        elif p.type not in types[p.key] and p.key not in reported:
            reported.add(p.key)
            out.append(PlaceholderIssue("type", src_keys[p.key], p, p.span))
    return out


def _renames(
    issues: list[PlaceholderIssue], target: str, tgt: tuple[Placeholder, ...]
) -> list[PlaceholderIssue]:
    """Pair each missing placeholder with the target's other spelling of it, if there is one."""
    missing = [i for i in issues if i.kind == "missing" and i.source is not None and not i.source.ordinal]
    if not missing:
        return issues
    extra = [i for i in issues if i.kind == "extra" and i.target is not None]
    used: set[int] = set()
    renamed: dict[int, PlaceholderIssue] = {}
    # 1. the same name, spelled differently: {Name}, { name }, {{name}, %(name) s
    loose = [
        (n, s)
        for n, s in loose_placeholders(target)
        if not any(p.span == s for p in tgt if _is_kept(p, issues))
    ]
    for issue in missing:
        assert issue.source is not None
        name = issue.source.key.casefold()
        for idx, (n, span) in enumerate(loose):
            if idx in used or n.casefold() != name:
                continue
            if any(p.span == span and p.key == issue.source.key for p in tgt):
                continue
            used.add(idx)
            renamed[id(issue)] = PlaceholderIssue(
                "renamed", issue.source, None, span, target[span.start : span.end]
            )
            break
    # 2. a translated name: {nom} for {name}, in the same syntax
    taken: set[int] = set()
    for issue in missing:
        if id(issue) in renamed:
            continue
        assert issue.source is not None
        for e in extra:
            assert e.target is not None
            if id(e) in taken or e.target.family != issue.source.family or e.target.ordinal:
                continue
            taken.add(id(e))
            renamed[id(issue)] = PlaceholderIssue("renamed", issue.source, e.target, e.span, e.target.text)
            break
    spans = {r.span for r in renamed.values()}
    out = [
        renamed.get(id(i), i)
        for i in issues
        if not (i.kind == "extra" and (id(i) in taken or i.span in spans))
    ]
    return out


def _is_kept(p: Placeholder, issues: list[PlaceholderIssue]) -> bool:
    """True when ``p`` matches a source placeholder (it is not one of the extra ones)."""
    return not any(i.kind == "extra" and i.target == p for i in issues)


_PERCENT = regex.compile(r"%")
_BRACE = regex.compile(r"[{}]")


def _malformed(
    source: str,
    target: str,
    syntaxes: frozenset[str],
    src: tuple[Placeholder, ...],
    tgt: tuple[Placeholder, ...],
) -> list[PlaceholderIssue]:
    """Declared formats only: characters the formatter would reject (Python, C and msgfmt do)."""
    out = []
    if syntaxes & {"printf", "python"}:
        bad_src = _stray(source, _PERCENT, src, "%%")
        if not bad_src:
            for span in _stray(target, _PERCENT, tgt, "%%"):
                out.append(PlaceholderIssue("malformed", None, None, span, target[span.start : span.end]))
        ordered = [p for p in tgt if p.family == "printf" and p.ordinal]
        positional = [p for p in tgt if p.family == "printf" and not p.ordinal and p.key.isdigit()]
        if ordered and positional and not _mixed(src):
            p = ordered[0]
            out.append(PlaceholderIssue("malformed", None, p, p.span, "mixed"))
    if (
        "brace" in syntaxes
        and not syntaxes & {"i18next", "vue"}
        and not _stray(source, _BRACE, src, "{{", "}}")
    ):
        for span in _stray(target, _BRACE, tgt, "{{", "}}"):
            out.append(PlaceholderIssue("malformed", None, None, span, target[span.start : span.end]))
    return out


def _mixed(phs: tuple[Placeholder, ...]) -> bool:
    printf = [p for p in phs if p.family == "printf"]
    return any(p.ordinal for p in printf) and any(not p.ordinal and p.key.isdigit() for p in printf)


def _stray(text: str, pattern: regex.Pattern[str], phs: tuple[Placeholder, ...], *escapes: str) -> list[Span]:
    covered = [p.span for p in phs]
    out = []
    i = 0
    for m in pattern.finditer(text):
        if m.start() < i:
            continue
        if any(text.startswith(e, m.start()) for e in escapes):
            i = m.start() + 2
            continue
        if any(s.start <= m.start() < s.end for s in covered):
            continue
        out.append(Span(m.start(), m.end()))
    return out
