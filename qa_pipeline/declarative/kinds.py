"""The four kinds of data rule: ``existence``, ``substitution``, ``conditional`` and ``metric``.

All match on :attr:`Segment.prose` (code, URLs and placeholders blanked), so offsets are the target's.
Per-language lists are keyed by language code; ``any`` applies to every document, and a rule's
``always`` list names further keys applied whatever the document's language (``[any, en]`` finds
English leftovers in every translation).
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import regex

from qa_pipeline.model import Segment, SegmentKind, Span, Violation
from qa_pipeline.ruleapi import Context, SegmentRule
from qa_pipeline.text.scripts import is_spaced_word_char


@dataclass(frozen=True)
class DeclarativeSpec:
    """A validated rule file, as the matcher needs it."""

    kind: str
    message: str
    ignorecase: bool
    always: tuple[str, ...]
    segment_kinds: frozenset[SegmentKind]
    match: str
    boundaries: str
    tokens: Mapping[str, tuple[str, ...]]
    patterns: Mapping[str, tuple[str, ...]]
    swap: Mapping[str, Mapping[str, str]]
    first: str | None
    second: str | None
    expression: str | None
    min_source_words: int
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> DeclarativeSpec:
        return cls(
            kind=data["kind"],
            message=data.get("message", data["summary"]),
            ignorecase=bool(data.get("ignorecase", True)),
            always=tuple(data.get("always", ["any"])),
            segment_kinds=frozenset(SegmentKind(k) for k in data.get("segment-kinds", [])),
            match=data.get("match", "contains"),
            boundaries=data.get("boundaries", "both"),
            tokens={k: tuple(v) for k, v in data.get("tokens", {}).items()},
            patterns={k: tuple(v) for k, v in data.get("patterns", {}).items()},
            swap={k: dict(v) for k, v in data.get("swap", {}).items()},
            first=data.get("first"),
            second=data.get("second"),
            expression=data.get("expression"),
            min_source_words=int(data.get("min-source-words", 0)),
        )

    def keys_for(self, lang: str) -> list[str]:
        keys = list(self.always)
        if lang not in keys:
            keys.append(lang)
        return keys


def _phrase_regex(phrase: str, boundaries: str) -> str:
    """A stdlib ``re`` pattern for a literal phrase: flexible whitespace, word boundaries in spaced
    scripts (``re`` compiles long alternations many times faster than ``regex``; phrases need no
    more than ``re`` offers — ``\\w`` is Unicode letters, digits and underscore)."""
    words = [re.escape(w) for w in phrase.split()]
    body = r"[\s\u00a0\u202f]+".join(words)
    start = ""
    end = ""
    if boundaries in ("both", "start") and is_spaced_word_char(phrase[0]):
        start = r"(?<!\w)"
    if boundaries == "both" and is_spaced_word_char(phrase[-1]):
        end = r"(?!\w)"
    return start + body + end


def _compile_phrases(source: str, ignorecase: bool) -> re.Pattern[str]:
    return re.compile(source, re.IGNORECASE if ignorecase else 0)


def _compile(source: str, flags: int, where: str) -> regex.Pattern[str]:
    try:
        return regex.compile(source, flags)
    except regex.error as exc:
        raise ValueError(f"{where}: invalid regular expression {source!r}: {exc}") from None


class DeclarativeRule(SegmentRule):
    """A segment rule built from a rule file."""

    def __init__(self, spec: DeclarativeSpec, validate: bool = True) -> None:
        self.spec = spec
        # V0 with simple case folding: compiling long alternations with V1 full folding is ~10x slower
        self.flags = regex.IGNORECASE if spec.ignorecase else 0
        self._cache: dict[str, list[Any]] = {}
        if validate:
            self.compile_all()

    def compile_all(self) -> None:
        """Validate what the rule file wrote (at load time, so bad rule files fail early). Phrase
        lists are escaped and always valid: they are compiled per language, lazily, when a document
        of that language is checked."""

    def applies(self, segment: Segment) -> bool:
        return not self.spec.segment_kinds or segment.kind in self.spec.segment_kinds

    def format(self, **values: Any) -> str:
        try:
            return self.spec.message.format(**values)
        except (KeyError, IndexError, ValueError):
            return self.spec.message


class ExistenceRule(DeclarativeRule):
    """Reports every occurrence of a listed phrase or pattern."""

    def compile_all(self) -> None:
        for lang in sorted(self.spec.patterns):
            for i, pat in enumerate(self.spec.patterns[lang]):
                _compile(pat, self.flags, f"patterns.{lang}[{i}]")

    def _patterns(self, key: str) -> list[Any]:
        if key not in self._cache:
            alts = [_phrase_regex(t, self.spec.boundaries) for t in self.spec.tokens.get(key, ())]
            compiled: list[Any] = []
            if alts:
                # longest first so that a longer phrase wins over its prefix
                alts.sort(key=len, reverse=True)
                compiled.append(_compile_phrases("(?:" + "|".join(alts) + ")", self.spec.ignorecase))
            for i, pat in enumerate(self.spec.patterns.get(key, ())):
                compiled.append(_compile(pat, self.flags, f"patterns.{key}[{i}]"))
            self._cache[key] = compiled
        return self._cache[key]

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        if not self.applies(segment):
            return
        text = segment.prose
        seen: list[Span] = []
        for key in self.spec.keys_for(ctx.lang):
            for pattern in self._patterns(key):
                for m in pattern.finditer(text):
                    if m.end() == m.start():
                        continue
                    span = Span(m.start(), m.end())
                    if not self._placed(text, span) or any(span.overlaps(s) for s in seen):
                        continue
                    seen.append(span)
                    yield Violation(self.format(match=m.group(0)), span=span, data={"match": m.group(0)})

    def _placed(self, text: str, span: Span) -> bool:
        if self.spec.match == "contains":
            return True
        strip = " \t\r\n\u00a0\u202f.:;,!?·•-–—*#>|()[]\"'“”«»„「」…：。！？→›"
        before = text[: span.start].strip(strip)
        if self.spec.match == "start":
            return before == ""
        after = text[span.end :].strip(strip)
        return before == "" and after == ""


class SubstitutionRule(DeclarativeRule):
    """Reports a wrong term and suggests the preferred one."""

    def compile_all(self) -> None:
        """Swaps are escaped phrases: nothing to validate before use."""

    def _pattern(self, key: str) -> list[regex.Pattern[str]]:
        if key not in self._cache:
            pairs = self.spec.swap.get(key, {})
            compiled = [
                _compile_phrases(_phrase_regex(w, "both"), self.spec.ignorecase) for w in sorted(pairs)
            ]
            self._cache[key] = compiled
        return self._cache[key]

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        if not self.applies(segment):
            return
        for key in self.spec.keys_for(ctx.lang):
            pairs = self.spec.swap.get(key, {})
            for wrong, pattern in zip(sorted(pairs), self._pattern(key), strict=True):
                for m in pattern.finditer(segment.prose):
                    right = pairs[wrong]
                    yield Violation(
                        self.format(match=m.group(0), replacement=right),
                        span=Span(m.start(), m.end()),
                        data={"match": m.group(0), "replacement": right},
                        fix=right,
                    )


class ConditionalRule(DeclarativeRule):
    """If the source matches ``first``, the target must match ``second`` as many times. With
    ``{match}`` in ``second``, each distinct source match is counted (and searched for) separately."""

    def compile_all(self) -> None:
        self._patterns_now()

    def _patterns_now(self) -> tuple[regex.Pattern[str], regex.Pattern[str] | None]:
        if "first" not in self._cache:
            second = self.spec.second or ""
            fixed = None if "{match}" in second else _compile(second, self.flags, "second")
            self._cache["first"] = [_compile(self.spec.first or "", self.flags, "first"), fixed]
        first, fixed = self._cache["first"]
        return first, fixed

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        if not self.applies(segment) or segment.source_prose is None:
            return
        first, fixed = self._patterns_now()
        found = [m.group(0) for m in first.finditer(segment.source_prose)]
        if not found:
            return
        if fixed is not None:
            needs = {found[0]: (fixed, len(found))}
        else:
            second = self.spec.second or ""
            needs = {
                text: (
                    _compile(second.replace("{match}", regex.escape(text)), self.flags, "second"),
                    found.count(text),
                )
                for text in dict.fromkeys(found)
            }
        for text, (pattern, needed) in needs.items():
            if len(pattern.findall(segment.prose)) < needed:
                yield Violation(self.format(match=text), data={"match": text})
                return


_OPS: Mapping[type, Callable[..., Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: lambda a, b: a / b if b else float("inf"),
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}
METRIC_NAMES = (
    "target_chars",
    "source_chars",
    "target_words",
    "source_words",
    "target_letters",
    "source_letters",
)


def _eval(node: ast.AST, values: Mapping[str, float]) -> Any:
    if isinstance(node, ast.Expression):
        return _eval(node.body, values)
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return node.value
    if isinstance(node, ast.Name) and node.id in values:
        return values[node.id]
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_eval(node.left, values), _eval(node.right, values))
    if isinstance(node, ast.BoolOp):
        results = [_eval(v, values) for v in node.values]
        return all(results) if isinstance(node.op, ast.And) else any(results)
    if isinstance(node, ast.Compare):
        left = _eval(node.left, values)
        for op, comp in zip(node.ops, node.comparators, strict=True):
            right = _eval(comp, values)
            if type(op) not in _OPS or not _OPS[type(op)](left, right):
                return False
            left = right
        return True
    raise ValueError(f"unsupported expression element {ast.dump(node)[:60]}")


class MetricRule(DeclarativeRule):
    """Reports a segment whose measured values meet ``expression``."""

    def compile_all(self) -> None:
        try:
            self.tree = ast.parse(self.spec.expression or "", mode="eval")
        except SyntaxError as exc:
            raise ValueError(f"expression: {exc.msg}") from None
        names = {n.id for n in ast.walk(self.tree) if isinstance(n, ast.Name)}
        unknown = names - set(METRIC_NAMES)
        if unknown:
            raise ValueError(f"expression: unknown name(s) {sorted(unknown)}; use {', '.join(METRIC_NAMES)}")
        _eval(self.tree, dict.fromkeys(METRIC_NAMES, 1.0))

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        if not self.applies(segment):
            return
        values = measure(segment.prose, "target") | measure(segment.source_prose, "source")
        if segment.source is not None and values["source_words"] < self.spec.min_source_words:
            return
        if segment.source is None and any(
            n.id.startswith("source_") for n in ast.walk(self.tree) if isinstance(n, ast.Name)
        ):
            return
        if _eval(self.tree, values):
            shown = {k: round(v, 2) for k, v in values.items()}
            yield Violation(self.format(**shown), data=shown)


def measure(text: str | None, prefix: str) -> dict[str, float]:
    text = text or ""
    return {
        f"{prefix}_chars": float(len(text)),
        f"{prefix}_words": float(len(text.split())),
        f"{prefix}_letters": float(sum(1 for c in text if c.isalpha())),
    }


KINDS: Mapping[str, type[DeclarativeRule]] = {
    "existence": ExistenceRule,
    "substitution": SubstitutionRule,
    "conditional": ConditionalRule,
    "metric": MetricRule,
}
