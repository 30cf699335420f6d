"""The four kinds of data rule: ``existence``, ``substitution``, ``conditional`` and ``metric``.

All match on :attr:`Segment.prose` (code, URLs and placeholders blanked), so offsets are the target's.
Per-language lists are keyed by language code; ``any`` applies to every document, and a rule's
``always`` list names further keys applied whatever the document's language (``[any, en]`` finds
English leftovers in every translation).
"""

from __future__ import annotations

import ast
import bisect
import operator
import re
import string
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import regex

from qa_pipeline.declarative.patterns import Clock, compile_pattern
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
    code: str = "QA???"
    origin: str = "<rule file>"  # the rule file
    pattern_files: Mapping[str, str] = field(default_factory=dict)  # pattern -> file (extensions)

    @classmethod
    def from_data(
        cls,
        data: Mapping[str, Any],
        origin: str = "<rule file>",
        pattern_files: Mapping[str, str] | None = None,
    ) -> DeclarativeSpec:
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
            code=data.get("code", "QA???"),
            origin=origin,
            pattern_files=dict(pattern_files or {}),
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
        return compile_pattern(source, flags)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None


# a replacement field may name a value and format it (``{match!r}``, ``{target_chars:.0f}``), but not
# reach into attributes or items, nest fields, or pad to a huge width
_FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\d{0,3}")
_FORMAT_SPEC = re.compile(r"(?:[^{}]?[<>=^])?[-+ ]?z?#?0?\d{0,3}[,_]?(?:\.\d{1,3})?[a-zA-Z%]?")


def check_message(message: str) -> None:
    """Refuse a ``message`` whose replacement fields could do more than show a value."""
    try:
        fields = [f for f in string.Formatter().parse(message) if f[1] is not None]
    except ValueError as exc:
        raise ValueError(f"message: {exc}") from None
    for _, name, spec, _ in fields:
        if not _FIELD_NAME.fullmatch(name or "") or not _FORMAT_SPEC.fullmatch(spec or ""):
            shown = "{" + (name or "") + (":" + spec if spec else "") + "}"
            raise ValueError(
                f"message: unsupported replacement field {shown[:40]!r} (use {{match}} and the like)"
            )


class DeclarativeRule(SegmentRule):
    """A segment rule built from a rule file."""

    def __init__(self, spec: DeclarativeSpec, validate: bool = True) -> None:
        self.spec = spec
        # V0 with simple case folding: compiling long alternations with V1 full folding is ~10x slower
        self.flags = regex.IGNORECASE if spec.ignorecase else 0
        self._cache: dict[str, Any] = {}
        self.clock = Clock(spec.code, spec.pattern_files, spec.origin)
        if validate:
            check_message(spec.message)
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
        except (KeyError, IndexError, ValueError, AttributeError, TypeError):
            return self.spec.message


class ExistenceRule(DeclarativeRule):
    """Reports every occurrence of a listed phrase or pattern."""

    def compile_all(self) -> None:
        for lang in sorted(self.spec.patterns):
            for i, pat in enumerate(self.spec.patterns[lang]):
                _compile(pat, self.flags, f"patterns.{lang}[{i}]")

    def _patterns(self, key: str) -> tuple[re.Pattern[str] | None, list[regex.Pattern[str]]]:
        """The language's phrase list as one literal alternation, and its patterns."""
        if key not in self._cache:
            alts = [_phrase_regex(t, self.spec.boundaries) for t in self.spec.tokens.get(key, ())]
            phrases = None
            if alts:
                # longest first so that a longer phrase wins over its prefix
                alts.sort(key=len, reverse=True)
                phrases = _compile_phrases("(?:" + "|".join(alts) + ")", self.spec.ignorecase)
            patterns = [
                _compile(pat, self.flags, f"patterns.{key}[{i}]")
                for i, pat in enumerate(self.spec.patterns.get(key, ()))
            ]
            self._cache[key] = (phrases, patterns)
        cached: tuple[re.Pattern[str] | None, list[regex.Pattern[str]]] = self._cache[key]
        return cached

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        if not self.applies(segment):
            return
        text = segment.prose
        self.clock.start(getattr(ctx, "document", None), text)
        first, last = _content_bounds(text) if self.spec.match != "contains" else (len(text), 0)
        starts: list[int] = []  # the spans reported so far: disjoint, sorted by start
        ends: list[int] = []
        for key in self.spec.keys_for(ctx.lang):
            phrases, patterns = self._patterns(key)
            runs: list[list[Any]] = [list(phrases.finditer(text))] if phrases is not None else []
            runs.extend(self.clock.finditer(p, text) for p in patterns)
            for matches in runs:
                for m in matches:
                    if m.end() == m.start() or not self._placed(m.start(), m.end(), first, last):
                        continue
                    i = bisect.bisect_right(starts, m.start())
                    if (i > 0 and ends[i - 1] > m.start()) or (i < len(starts) and starts[i] < m.end()):
                        continue  # overlaps a match already reported
                    starts.insert(i, m.start())
                    ends.insert(i, m.end())
                    yield Violation(
                        self.format(match=m.group(0)),
                        span=Span(m.start(), m.end()),
                        data={"match": m.group(0)},
                    )

    def _placed(self, start: int, end: int, first: int, last: int) -> bool:
        """``match: start``: only punctuation and spaces before; ``whole-segment``: and after."""
        if self.spec.match == "contains":
            return True
        if self.spec.match == "start":
            return start <= first
        return start <= first and end >= last


_AROUND = frozenset(" \t\r\n\u00a0\u202f.:;,!?·•-–—*#>|()[]\"'“”«»„「」…：。！？→›")


def _content_bounds(text: str) -> tuple[int, int]:
    """Where the text starts and ends once the spaces and punctuation around it are left out."""
    first = next((i for i, c in enumerate(text) if c not in _AROUND), len(text))
    last = next((i + 1 for i in range(len(text) - 1, -1, -1) if text[i] not in _AROUND), 0)
    return first, last


class SubstitutionRule(DeclarativeRule):
    """Reports a wrong term and suggests the preferred one."""

    def compile_all(self) -> None:
        """Swaps are escaped phrases: nothing to validate before use."""

    def _pattern(self, key: str) -> list[re.Pattern[str]]:
        if key not in self._cache:
            pairs = self.spec.swap.get(key, {})
            self._cache[key] = [
                _compile_phrases(_phrase_regex(w, "both"), self.spec.ignorecase) for w in sorted(pairs)
            ]
        compiled: list[re.Pattern[str]] = self._cache[key]
        return compiled

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
        second = self.spec.second or ""
        if "{match}" in second:
            _compile(second.replace("{match}", "x"), self.flags, "second")

    def _patterns_now(self) -> tuple[regex.Pattern[str], regex.Pattern[str] | None]:
        if "first" not in self._cache:
            second = self.spec.second or ""
            fixed = None if "{match}" in second else _compile(second, self.flags, "second")
            self._cache["first"] = [_compile(self.spec.first or "", self.flags, "first"), fixed]
        first, fixed = self._cache["first"]
        return first, fixed

    def _second(self, text: str) -> regex.Pattern[str]:
        """``second`` for one source match: its ``{match}`` is the escaped text (checked at load)."""
        source = (self.spec.second or "").replace("{match}", regex.escape(text))
        try:
            return regex.compile(source, self.flags)
        except regex.error as exc:
            raise ValueError(f"second: cannot use {text[:40]!r} as {{match}}: {exc}") from None

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        if not self.applies(segment) or segment.source_prose is None:
            return
        first, fixed = self._patterns_now()
        self.clock.start(getattr(ctx, "document", None), segment.source_prose)
        found = Counter(m.group(0) for m in self.clock.finditer(first, segment.source_prose, self.spec.first))
        if not found:
            return
        second = self.spec.second or ""
        if fixed is not None:
            needs = {next(iter(found)): (fixed, found.total())}
        else:
            needs = {text: (self._second(text), count) for text, count in found.items()}
        for text, (pattern, needed) in needs.items():
            if len(self.clock.finditer(pattern, segment.prose, second)) < needed:
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
        self.tree = self._parse()

    def _parse(self) -> ast.Expression:
        expression = self.spec.expression or ""
        if len(expression) > _MAX_EXPRESSION:
            raise ValueError(f"expression: longer than {_MAX_EXPRESSION} characters")
        try:
            tree = ast.parse(expression, mode="eval")
        except SyntaxError as exc:
            raise ValueError(f"expression: {exc.msg}") from None
        except (RecursionError, MemoryError):
            raise ValueError("expression: too deeply nested") from None
        if _depth(tree) > _MAX_DEPTH:
            raise ValueError(f"expression: nested deeper than {_MAX_DEPTH} levels")
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        unknown = names - set(METRIC_NAMES)
        if unknown:
            raise ValueError(f"expression: unknown name(s) {sorted(unknown)}; use {', '.join(METRIC_NAMES)}")
        try:
            for value in (0.0, 1.0):
                _eval(tree, dict.fromkeys(METRIC_NAMES, value))
        except ArithmeticError as exc:
            raise ValueError(f"expression: {exc}") from None
        return tree

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        if not self.applies(segment):
            return
        if not hasattr(self, "tree"):  # a rule loaded without validation (built-in)
            self.tree = self._parse()
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


_MAX_EXPRESSION = 1000
_MAX_DEPTH = 50


def _depth(tree: ast.AST) -> int:
    deepest = 0
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest


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
