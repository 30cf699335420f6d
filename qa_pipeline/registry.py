"""The rule registry: code rules from :mod:`qa_pipeline.checks` and data rules from ``rules/*.yaml``.

Code rules are discovered by module name (``qaNNN_*.py``, each setting ``RULE``), in sorted order, so
the registry is the same on every run. Declarative rules come from the built-in rule folder shipped in
the wheel plus any user folders named in config.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qa_pipeline import checks
from qa_pipeline.ruleapi import Rule, RuleMeta, Scope

CODE_RE = re.compile(r"^QA\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class RegistryError(Exception):
    """A rule that cannot be registered (duplicate code, bad metadata, invalid rule file)."""


@dataclass(frozen=True)
class RuleEntry:
    """One registered rule."""

    meta: RuleMeta
    scope: Scope
    options_type: type
    doc: str
    examples: Sequence[Mapping[str, Any]]
    origin: str  # module name or rule-file path
    factory: Callable[[], Rule]


class Registry:
    """Rules by code, in code order."""

    def __init__(self, entries: Iterable[RuleEntry]) -> None:
        self._by_code: dict[str, RuleEntry] = {}
        self._by_name: dict[str, RuleEntry] = {}
        for entry in entries:
            self.add(entry)

    def add(self, entry: RuleEntry) -> None:
        meta = entry.meta
        if not CODE_RE.match(meta.code):
            raise RegistryError(f"{entry.origin}: rule code {meta.code!r} is not QA + 3 digits")
        if not NAME_RE.match(meta.name):
            raise RegistryError(f"{entry.origin}: rule name {meta.name!r} is not kebab-case")
        if meta.code in self._by_code:
            other = self._by_code[meta.code].origin
            raise RegistryError(f"{entry.origin}: rule code {meta.code} is already used by {other}")
        if meta.name in self._by_name:
            other = self._by_name[meta.name].origin
            raise RegistryError(f"{entry.origin}: rule name {meta.name} is already used by {other}")
        self._by_code[meta.code] = entry
        self._by_name[meta.name] = entry

    def __iter__(self) -> Iterator[RuleEntry]:
        return iter(sorted(self._by_code.values(), key=lambda e: e.meta.code))

    def __len__(self) -> int:
        return len(self._by_code)

    def get(self, key: str) -> RuleEntry | None:
        """Look a rule up by code (``QA301``) or name (``leftover-boilerplate``)."""
        return self._by_code.get(key.upper()) or self._by_name.get(key.lower())

    def codes(self) -> list[str]:
        return sorted(self._by_code)

    def names(self) -> list[str]:
        return sorted(self._by_name)


def code_rule_entries() -> list[RuleEntry]:
    """Import every ``qa_pipeline.checks.qaNNN_*`` module and return its rule."""
    entries: list[RuleEntry] = []
    for info in sorted(pkgutil.iter_modules(checks.__path__), key=lambda m: m.name):
        if not re.match(r"^qa\d{3}_", info.name):
            continue
        module = importlib.import_module(f"{checks.__name__}.{info.name}")
        rule_cls = getattr(module, "RULE", None)
        if not (isinstance(rule_cls, type) and issubclass(rule_cls, Rule)):
            raise RegistryError(f"{module.__name__}: module does not set RULE to a Rule subclass")
        expected = info.name[:5].upper()
        if rule_cls.meta.code != expected:
            raise RegistryError(
                f"{module.__name__}: module name says {expected}, rule says {rule_cls.meta.code}"
            )
        entries.append(
            RuleEntry(
                meta=rule_cls.meta,
                scope=rule_cls.scope,
                options_type=rule_cls.Options,
                doc=rule_cls.doc(),
                examples=rule_cls.examples(),
                origin=module.__name__,
                factory=rule_cls,
            )
        )
    return entries


def builtin_rules_dir() -> Path:
    """The folder of built-in rule files: inside the installed package, or ``rules/`` in a checkout."""
    packaged = Path(__file__).resolve().parent / "builtin_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


_CACHE: dict[tuple[str, ...], Registry] = {}


def load_registry(extra_dirs: Sequence[Path] = (), validate_builtin: bool = False) -> Registry:
    """Code rules, built-in rule files and the rule files of ``extra_dirs`` (cached per folder set).
    User rule files are always validated against the rule-file schema; the built-in ones only when
    ``validate_builtin`` is set (the test suite does; they ship validated)."""
    from qa_pipeline.declarative.loader import load_rule_dirs

    key = (*(str(d) for d in extra_dirs), str(validate_builtin))
    if key not in _CACHE:
        entries = code_rule_entries()
        registry = Registry(entries)
        trusted = () if validate_builtin else (builtin_rules_dir(),)
        for entry in load_rule_dirs([builtin_rules_dir(), *extra_dirs], registry, trusted):
            registry.add(entry)
        _CACHE[key] = registry
    return _CACHE[key]
