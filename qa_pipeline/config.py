"""Find, load and validate configuration into frozen :class:`Settings`.

Configuration lives in ``qa-pipeline.toml`` (top level) or in ``[tool.qa-pipeline]`` of
``pyproject.toml``, found upward from the working directory; ``--config`` names a file. Every key is
validated up front: an unknown key, rule code or option is a :class:`ConfigError` naming the file and
the key.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa_pipeline.model import Severity
from qa_pipeline.registry import Registry, RuleEntry

CONFIG_NAMES = ("qa-pipeline.toml", ".qa-pipeline.toml", "pyproject.toml")
DEFAULT_WEIGHTS = {"neutral": 0.0, "minor": 1.0, "major": 5.0, "critical": 25.0}

TOP_KEYS = {
    "select",
    "ignore",
    "severity",
    "per-file-ignores",
    "per-language",
    "rules",
    "layout",
    "source",
    "reference",
    "source-language",
    "target-language",
    "rule-paths",
    "dnt",
    "dnt-file",
    "weights",
    "min-score",
    "fail-on",
    "include-fuzzy",
    "include-obsolete",
    "include-untranslated",
    "exclude",
    "score-tolerance",
    "siblings",
    "report-dir",
    "baseline",
    "follow-links",
}
LANG_KEYS = {"select", "ignore", "severity", "rules", "dnt"}


class ConfigError(Exception):
    """Invalid configuration; the message names the file and the key."""


@dataclass(frozen=True)
class RuleSelection:
    """Which rules run and how severe they are, for one file."""

    enabled: tuple[RuleEntry, ...]
    severities: Mapping[str, Severity]
    options: Mapping[str, Any]


@dataclass(frozen=True)
class Settings:
    """Validated configuration (file + command line)."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    per_language: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    layout: str | None = None
    source: str | None = None
    reference: str | None = None
    source_language: str | None = None
    target_language: str | None = None
    rule_paths: tuple[Path, ...] = ()
    dnt: frozenset[str] = frozenset()
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    min_score: float = 90.0
    fail_on: Severity = Severity.CRITICAL
    include_fuzzy: bool = False
    include_obsolete: bool = False
    include_untranslated: bool = False
    exclude: tuple[str, ...] = ()
    score_tolerance: float = 0.0
    siblings: str = "auto"  # "auto", "off", or "layout"
    report_dir: Path | None = None
    baseline: Path | None = None
    follow_links: bool = False  # follow symlinks out of the checked folders
    origin: Mapping[str, str] = field(default_factory=dict)  # setting -> "config"/"cli"

    def weight(self, severity: Severity) -> float:
        return float(self.weights.get(severity.value, DEFAULT_WEIGHTS[severity.value]))


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above ``start``: qa-pipeline.toml, or a pyproject.toml that has
    a ``[tool.qa-pipeline]`` table."""
    for folder in [start, *start.parents]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml":
                return candidate
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
                continue
            if "qa-pipeline" in data.get("tool", {}):
                return candidate
    return None


def read_config_table(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("qa-pipeline", {})
    else:
        table = data.get("tool", {}).get("qa-pipeline", data)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.qa-pipeline] must be a table")
    return table


class _Validator:
    def __init__(self, path: Path, registry: Registry) -> None:
        self.path = path
        self.registry = registry

    def fail(self, key: str, msg: str) -> ConfigError:
        return ConfigError(f"{self.path}: {key}: {msg}")

    def codes(self, key: str, value: Any, allow_all: bool = True) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "expected a list of rule codes, prefixes or names")
        for item in value:
            if not selector_matches_any(item, self.registry, allow_all):
                raise self.fail(key, f"unknown rule or prefix {item!r}")
        return tuple(value)

    def severities(self, key: str, value: Any) -> dict[str, Severity]:
        if not isinstance(value, dict):
            raise self.fail(key, "expected a table of rule = severity")
        out = {}
        for rule, sev in value.items():
            entry = self.registry.get(rule)
            if entry is None:
                raise self.fail(f"{key}.{rule}", "unknown rule")
            try:
                out[entry.meta.code] = Severity.parse(str(sev))
            except ValueError as exc:
                raise self.fail(f"{key}.{rule}", str(exc)) from None
        return out

    def rule_options(self, key: str, value: Any) -> dict[str, dict[str, Any]]:
        if not isinstance(value, dict):
            raise self.fail(key, "expected a table of rule tables")
        out: dict[str, dict[str, Any]] = {}
        for rule, opts in value.items():
            entry = self.registry.get(rule)
            if entry is None:
                raise self.fail(f"{key}.{rule}", "unknown rule")
            if not isinstance(opts, dict):
                raise self.fail(f"{key}.{rule}", "expected a table of options")
            build_options(entry, opts, lambda k, m, r=rule: self.fail(f"{key}.{r}.{k}", m))
            out[entry.meta.code] = dict(opts)
        return out


def selector_matches_any(selector: str, registry: Registry, allow_all: bool = True) -> bool:
    if allow_all and selector.upper() == "ALL":
        return True
    return any(selector_matches(selector, e) for e in registry)


def selector_matches(selector: str, entry: RuleEntry) -> bool:
    """``QA301`` (code), ``QA3``/``QA30`` (prefix), ``leftover-boilerplate`` (name) or ``ALL``."""
    sel = selector.strip()
    if sel.upper() == "ALL":
        return True
    if sel.upper().startswith("QA"):
        return entry.meta.code.startswith(sel.upper())
    return entry.meta.name == sel.lower()


def build_options(entry: RuleEntry, raw: Mapping[str, Any], fail: Any = None) -> Any:
    """The rule's frozen Options from a config table (kebab-case keys), type-checked."""
    opt_type = entry.options_type
    known = {f.name: f for f in dataclasses.fields(opt_type)} if dataclasses.is_dataclass(opt_type) else {}
    kwargs = {}
    defaults = opt_type()
    for key, value in raw.items():
        name = key.replace("-", "_")
        if name not in known:
            msg = f"unknown option for {entry.meta.code}" + (
                f" (options: {', '.join(k.replace('_', '-') for k in known)})" if known else " (it has none)"
            )
            raise (fail(key, msg) if fail else ValueError(msg))
        default = getattr(defaults, name)
        value = _coerce(value, default)
        if value is None:
            msg = f"expected {type(default).__name__}"
            raise (fail(key, msg) if fail else ValueError(msg))
        kwargs[name] = value
    return opt_type(**kwargs)


def _coerce(value: Any, default: Any) -> Any:
    if isinstance(default, bool):
        return value if isinstance(value, bool) else None
    if isinstance(default, float) and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(default, int) and isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(default, str) and isinstance(value, str):
        return value
    if isinstance(default, tuple | frozenset) and isinstance(value, list):
        return type(default)(value)
    if default is None:
        return value
    return None


def load_settings(
    config_path: Path | None,
    cwd: Path,
    registry_loader: Any,
    overrides: Mapping[str, Any] | None = None,
) -> tuple[Settings, Registry]:
    """Read the config file (given or found), validate it and apply command-line ``overrides``."""
    path = config_path or find_config(cwd)
    table: dict[str, Any] = read_config_table(path) if path else {}
    root = path.parent if path else cwd
    rule_paths: list[Path] = []
    if "rule-paths" in table:
        value = table["rule-paths"]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: rule-paths: expected a list of folders")
        rule_paths = [(root / v).resolve() for v in value]
        for folder in rule_paths:
            if not folder.is_dir():
                raise ConfigError(f"{path}: rule-paths: {folder} is not a folder")
    registry = registry_loader(tuple(rule_paths))
    where = path or Path("<command line>")
    v = _Validator(where, registry)
    for key in table:
        if key not in TOP_KEYS:
            raise v.fail(key, f"unknown key (known: {', '.join(sorted(TOP_KEYS))})")
    kwargs: dict[str, Any] = {"path": path, "root": root, "rule_paths": tuple(rule_paths)}
    _read_common(v, table, kwargs)
    merged = dict(table)
    for key, value in (overrides or {}).items():
        if value is not None:
            merged[key] = value
    cli = _Validator(Path("<command line>"), registry)
    _read_common(cli, {k: v for k, v in (overrides or {}).items() if v is not None}, kwargs)
    kwargs["dnt"] = frozenset(kwargs.get("dnt", frozenset())) | _read_dnt_file(v, merged, root)
    return Settings(**kwargs), registry


def _read_common(v: _Validator, table: Mapping[str, Any], kwargs: dict[str, Any]) -> None:
    for key, value in table.items():
        if key in ("select", "ignore"):
            kwargs[key] = v.codes(key, value)
        elif key == "severity":
            kwargs["severity"] = v.severities(key, value)
        elif key == "rules":
            kwargs["rule_options"] = v.rule_options(key, value)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise v.fail(key, "expected a table of glob = [codes]")
            kwargs["per_file_ignores"] = {g: v.codes(f"{key}.{g}", c) for g, c in value.items()}
        elif key == "per-language":
            kwargs["per_language"] = _per_language(v, value)
        elif key in ("layout", "source", "reference", "source-language", "target-language"):
            if not isinstance(value, str) or not value:
                raise v.fail(key, "expected a non-empty string")
            if key in ("source", "reference") and "{path}" not in value and "{name}" not in value:
                raise v.fail(key, "the pattern must contain {path} (or {name})")
            kwargs[key.replace("-", "_")] = value
        elif key == "dnt":
            if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
                raise v.fail(key, "expected a list of terms")
            kwargs["dnt"] = frozenset(value)
        elif key == "weights":
            kwargs["weights"] = _weights(v, value)
        elif key in ("min-score", "score-tolerance"):
            if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 100:
                raise v.fail(key, "expected a number from 0 to 100")
            kwargs[key.replace("-", "_")] = float(value)
        elif key == "fail-on":
            if value not in ("critical", "major", "minor", "neutral"):
                raise v.fail(key, "expected critical, major, minor or neutral")
            kwargs["fail_on"] = Severity.parse(value)
        elif key in ("include-fuzzy", "include-obsolete", "include-untranslated", "follow-links"):
            if not isinstance(value, bool):
                raise v.fail(key, "expected true or false")
            kwargs[key.replace("-", "_")] = value
        elif key == "exclude":
            if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
                raise v.fail(key, "expected a list of glob patterns")
            kwargs["exclude"] = tuple(value)
        elif key == "siblings":
            if value not in ("auto", "off", "layout"):
                raise v.fail(key, "expected auto, off or layout")
            kwargs["siblings"] = value
        elif key in ("report-dir", "baseline"):
            if not isinstance(value, str):
                raise v.fail(key, "expected a path")
            root = kwargs.get("root", Path.cwd())
            kwargs[key.replace("-", "_")] = Path(value) if v.path.name == "<command line>" else root / value


def _read_dnt_file(v: _Validator, table: Mapping[str, Any], root: Path) -> frozenset[str]:
    name = table.get("dnt-file")
    if name is None:
        return frozenset()
    if not isinstance(name, str):
        raise v.fail("dnt-file", "expected a path")
    path = root / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise v.fail("dnt-file", f"cannot read {path}: {exc}") from None
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#"))


def _weights(v: _Validator, value: Any) -> dict[str, float]:
    if not isinstance(value, dict):
        raise v.fail("weights", "expected a table of severity = weight")
    out = dict(DEFAULT_WEIGHTS)
    for sev, w in value.items():
        if sev not in DEFAULT_WEIGHTS:
            raise v.fail(f"weights.{sev}", "unknown severity")
        if not isinstance(w, int | float) or isinstance(w, bool) or w < 0:
            raise v.fail(f"weights.{sev}", "expected a non-negative number")
        out[sev] = float(w)
    return out


def _per_language(v: _Validator, value: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict):
        raise v.fail("per-language", "expected a table of language tables")
    out: dict[str, dict[str, Any]] = {}
    for lang, table in value.items():
        if not isinstance(table, dict):
            raise v.fail(f"per-language.{lang}", "expected a table")
        parsed: dict[str, Any] = {}
        for key, item in table.items():
            full = f"per-language.{lang}.{key}"
            if key not in LANG_KEYS:
                raise v.fail(full, f"unknown key (known: {', '.join(sorted(LANG_KEYS))})")
            if key in ("select", "ignore"):
                parsed[key] = v.codes(full, item)
            elif key == "severity":
                parsed[key] = v.severities(full, item)
            elif key == "rules":
                parsed[key] = v.rule_options(full, item)
            elif key == "dnt":
                if not isinstance(item, list):
                    raise v.fail(full, "expected a list of terms")
                parsed[key] = frozenset(item)
        out[lang.lower().replace("_", "-")] = parsed
    return out


def _selected(entry: RuleEntry, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """ruff's rule: the most specific matching selector wins; ignore wins a tie."""

    def best(selectors: Sequence[str]) -> int:
        scores = [_specificity(s) for s in selectors if selector_matches(s, entry)]
        return max(scores, default=-1)

    sel, ign = best(select), best(ignore)
    return sel >= 0 and sel > ign


def _specificity(selector: str) -> int:
    if selector.upper() == "ALL":
        return 0
    if selector.upper().startswith("QA"):
        return len(selector)
    return 10


def resolve(settings: Settings, registry: Registry, path: str, lang: str | None) -> RuleSelection:
    """The rules, severities and options for one file in one language."""
    base = (lang or "").lower().replace("_", "-")
    # the base language's table first (fr), then the regional one (fr-CA) so that it wins
    keys = [base.split("-")[0]] + ([base] if "-" in base else [])
    lang_tables = [settings.per_language[k] for k in keys if k in settings.per_language]
    select = list(settings.select)
    ignore = list(settings.ignore)
    severities = dict(settings.severity)
    options = {code: dict(o) for code, o in settings.rule_options.items()}
    for table in lang_tables:
        select += list(table.get("select", ()))
        ignore += list(table.get("ignore", ()))
        severities.update(table.get("severity", {}))
        for code, opts in table.get("rules", {}).items():
            options.setdefault(code, {}).update(opts)
    rel = _relative(path, settings.root)
    for pattern, codes in settings.per_file_ignores.items():
        if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
            ignore += list(codes)
    enabled = []
    built: dict[str, Any] = {}
    for entry in registry:
        if not _selected(entry, select, ignore):
            continue
        if entry.meta.languages and base.split("-")[0] not in entry.meta.languages:
            continue
        enabled.append(entry)
        built[entry.meta.code] = build_options(entry, options.get(entry.meta.code, {}))
    sev = {e.meta.code: severities.get(e.meta.code, e.meta.severity) for e in enabled}
    return RuleSelection(enabled=tuple(enabled), severities=sev, options=built)


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()
