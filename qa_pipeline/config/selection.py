"""Which rules run on one file, how severe they are and with which options.

Selection follows ruff: the most specific matching selector wins, ``ignore`` wins a tie. The file's
target language adds its ``[per-language]`` tables (the base language's first, then the regional one)
and the file's path its ``per-file-ignores``.
"""

from __future__ import annotations

import dataclasses
import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qa_pipeline.config.settings import LanguageTable, Settings
from qa_pipeline.language import Language
from qa_pipeline.model import Severity
from qa_pipeline.registry import Registry
from qa_pipeline.ruleapi import RuleEntry
from qa_pipeline.selectors import RuleSelector, selected


@dataclass(frozen=True)
class RuleSelection:
    """Which rules run and how severe they are, for one file; options per rule and per family."""

    enabled: tuple[RuleEntry, ...]
    severities: Mapping[str, Severity]
    options: Mapping[str, Any]
    family_options: Mapping[str, Any] = dataclasses.field(default_factory=dict)


def build_options(options_type: type, raw: Mapping[str, Any]) -> Any:
    """A frozen options dataclass from a validated table (kebab-case keys); lists become the field's
    tuple or frozenset, integers a float where the field is a float."""
    if not raw:
        return options_type()
    defaults = options_type()
    known = (
        {f.name for f in dataclasses.fields(options_type)}
        if dataclasses.is_dataclass(options_type)
        else set()
    )
    kwargs = {}
    for key, value in raw.items():
        name = key.replace("-", "_")
        if name not in known:
            raise ValueError(f"unknown option {key!r}")
        default = getattr(defaults, name)
        if isinstance(default, tuple | frozenset) and isinstance(value, list):
            value = type(default)(value)
        elif isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        kwargs[name] = value
    return options_type(**kwargs)


def _language_tables(settings: Settings, lang: str | None) -> list[LanguageTable]:
    language = Language.parse(lang)
    code = language.tag.lower()
    keys = [language.base] + ([code] if code != language.base else [])
    return [settings.per_language[k] for k in keys if k in settings.per_language]


def language_dnt(settings: Settings, lang: str | None) -> frozenset[str]:
    """Do-not-translate terms for a file in ``lang``: the global ones and its language tables'."""
    out = frozenset(settings.dnt)
    for table in _language_tables(settings, lang):
        out |= table.dnt
    return out


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def resolve(settings: Settings, registry: Registry, path: str, lang: str | None) -> RuleSelection:
    """The rules, severities and options for one file in one language."""
    tables = _language_tables(settings, lang)
    select: list[RuleSelector] = list(settings.select)
    ignore: list[RuleSelector] = list(settings.ignore)
    severities = dict(settings.severity)
    options: dict[str, dict[str, Any]] = {k: dict(v) for k, v in settings.rule_options.items()}
    for table in tables:
        select += table.select
        ignore += table.ignore
        severities.update(table.severity)
        for key, opts in table.rules.items():
            options.setdefault(key, {}).update(opts)
    rel = _relative(path, settings.root)
    for pattern, selectors in settings.per_file_ignores.items():
        if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
            ignore += selectors
    base = Language.parse(lang).base
    enabled = []
    built: dict[str, Any] = {}
    families: dict[str, Any] = {}
    sel_t, ign_t = tuple(select), tuple(ignore)
    for entry in registry:
        if not selected(entry.meta.code, entry.meta.name, sel_t, ign_t):
            continue
        if entry.meta.languages and base not in entry.meta.languages:
            continue
        enabled.append(entry)
        built[entry.meta.code] = build_options(entry.options_type, options.get(entry.meta.code, {}))
        family = entry.family
        if family is not None and family.name not in families:
            families[family.name] = build_options(family.options, options.get(family.name, {}))
    sev = {e.meta.code: severities.get(e.meta.code, e.meta.severity) for e in enabled}
    return RuleSelection(enabled=tuple(enabled), severities=sev, options=built, family_options=families)
