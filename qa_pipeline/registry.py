"""The rule registry: every rule a run can select, by code.

Three sources, in this order: the code rules listed in :data:`qa_pipeline.checks.RULES`, the data rules
of the built-in rule folder (``rules/*.yaml``, shipped in the wheel) and of the user's ``rule-paths``,
and third-party rules installed as packages that declare an entry point in the ``qa_pipeline.rules``
group (``boom = "my_rules:Boom"``, a class built on :mod:`qa_pipeline.ruleapi`). Codes are unique; a
code that was renamed keeps a redirect in :data:`REDIRECTS`, so old configs and suppressions still work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from importlib import metadata
from pathlib import Path

from qa_pipeline.declarative.loader import load_rule_dirs
from qa_pipeline.errors import QaPipelineError
from qa_pipeline.ruleapi import Rule, RuleEntry, RuleFamily
from qa_pipeline.selectors import RuleSelector

CODE_RE = re.compile(r"^QA\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
ENTRY_POINT_GROUP = "qa_pipeline.rules"

REDIRECTS: Mapping[str, str] = {}
"""Renamed rule codes: old code -> new code. A code is never reused."""


class RegistryError(QaPipelineError):
    """A rule that cannot be registered (duplicate code, bad metadata, a broken plugin)."""


class Registry:
    """Rules by code, in code order; families by name."""

    def __init__(self, entries: Iterable[RuleEntry]) -> None:
        self._by_code: dict[str, RuleEntry] = {}
        self._by_name: dict[str, RuleEntry] = {}
        self._families: dict[str, RuleFamily] = {}
        for entry in entries:
            self.add(entry)

    def add(self, entry: RuleEntry) -> None:
        meta = entry.meta
        if not CODE_RE.match(meta.code):
            raise RegistryError(f"{entry.origin}: rule code {meta.code!r} is not QA + 3 digits")
        if not NAME_RE.match(meta.name):
            raise RegistryError(f"{entry.origin}: rule name {meta.name!r} is not kebab-case")
        if meta.code in self._by_code or meta.code in REDIRECTS:
            other = self._by_code[meta.code].origin if meta.code in self._by_code else "a redirect"
            raise RegistryError(f"{entry.origin}: rule code {meta.code} is already used by {other}")
        if meta.name in self._by_name:
            other = self._by_name[meta.name].origin
            raise RegistryError(f"{entry.origin}: rule name {meta.name} is already used by {other}")
        if entry.family is not None:
            known = self._families.setdefault(entry.family.name, entry.family)
            if known is not entry.family:
                raise RegistryError(f"{entry.origin}: another family is already named {entry.family.name!r}")
            if entry.family.name in self._by_name:
                raise RegistryError(f"{entry.origin}: family {entry.family.name!r} has a rule's name")
        if meta.name in self._families:
            raise RegistryError(f"{entry.origin}: rule name {meta.name} is a family's name")
        self._by_code[meta.code] = entry
        self._by_name[meta.name] = entry

    def __iter__(self) -> Iterator[RuleEntry]:
        return iter(sorted(self._by_code.values(), key=lambda e: e.meta.code))

    def __len__(self) -> int:
        return len(self._by_code)

    def get(self, key: str) -> RuleEntry | None:
        """Look a rule up by code (``QA301``, or a redirected old code) or name (``leftover-boilerplate``)."""
        code = key.upper()
        return self._by_code.get(REDIRECTS.get(code, code)) or self._by_name.get(key.lower())

    def family(self, name: str) -> RuleFamily | None:
        return self._families.get(name)

    def families(self) -> list[RuleFamily]:
        return [self._families[k] for k in sorted(self._families)]

    def members(self, family: RuleFamily) -> list[RuleEntry]:
        return [e for e in self if e.family is family]

    def codes(self) -> list[str]:
        return sorted(self._by_code)

    def names(self) -> list[str]:
        return sorted(self._by_name)

    def redirect(self, selector: RuleSelector) -> RuleSelector:
        """``selector`` with a renamed code replaced by its new code."""
        if selector.kind == "prefix" and selector.value in REDIRECTS:
            return RuleSelector("prefix", REDIRECTS[selector.value])
        return selector

    def known(self, selector: RuleSelector) -> bool:
        """True when ``selector`` names at least one rule."""
        sel = self.redirect(selector)
        return any(sel.matches(e.meta.code, e.meta.name) for e in self._by_code.values())


def entry_for(rule_cls: type[Rule], origin: str) -> RuleEntry:
    """The registry entry of a code rule class (built-in or a plugin's)."""
    if not (isinstance(rule_cls, type) and issubclass(rule_cls, Rule)) or not hasattr(rule_cls, "meta"):
        raise RegistryError(f"{origin}: not a qa-pipeline rule class (subclass qa_pipeline.ruleapi rules)")
    return RuleEntry(
        meta=rule_cls.meta,
        scope=rule_cls.scope,
        options_type=rule_cls.Options,
        doc=rule_cls.doc(),
        examples=rule_cls.examples(),
        origin=origin,
        factory=rule_cls,
        family=rule_cls.family,
    )


def code_rule_entries() -> list[RuleEntry]:
    """The built-in code rules, from the explicit table."""
    from qa_pipeline.checks import RULES

    return [entry_for(cls, cls.__module__) for cls in RULES]


def plugin_entries() -> list[RuleEntry]:
    """Rules of installed packages that declare a ``qa_pipeline.rules`` entry point."""
    out = []
    for ep in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (e.name, e.value)):
        origin = f"plugin {ep.name} = {ep.value!r}" + (f" ({ep.dist.name})" if ep.dist else "")
        try:
            rule_cls = ep.load()
        except Exception as exc:  # a broken plugin is the user's problem to see, in one line
            raise RegistryError(f"{origin}: cannot be loaded: {type(exc).__name__}: {exc}") from None
        out.append(entry_for(rule_cls, origin))
    return out


def builtin_rules_dir() -> Path:
    """The folder of built-in rule files: inside the installed package, or ``rules/`` in a checkout."""
    packaged = Path(__file__).resolve().parent / "builtin_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


_CACHE: dict[tuple[str, ...], Registry] = {}


def load_registry(extra_dirs: Sequence[Path] = (), validate_builtin: bool = False) -> Registry:
    """Code rules, built-in rule files, the rule files of ``extra_dirs`` and plugins (cached per folder set).
    User rule files are always validated against the rule-file schema; the built-in ones only when
    ``validate_builtin`` is set (the test suite does; they ship validated)."""
    key = (*(str(d) for d in extra_dirs), str(validate_builtin))
    if key not in _CACHE:
        registry = Registry(code_rule_entries())
        trusted = () if validate_builtin else (builtin_rules_dir(),)
        taken = frozenset(registry.codes())
        for entry in load_rule_dirs([builtin_rules_dir(), *extra_dirs], taken, trusted):
            registry.add(entry)
        for entry in plugin_entries():
            registry.add(entry)
        _CACHE[key] = registry
    return _CACHE[key]
