"""Find, read and validate configuration into frozen :class:`~qa_pipeline.config.settings.Settings`.

Validation is the config schema (generated from the settings and the registry) plus what a schema cannot
say (a selector that names no rule, a pattern without ``{path}``, a folder that does not exist). Every
problem is collected and reported together, each as one line naming the file and the key.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from qa_pipeline.config.schema import config_schema
from qa_pipeline.config.settings import LanguageTable, Settings, user_fields
from qa_pipeline.errors import QaPipelineError
from qa_pipeline.model import Severity
from qa_pipeline.registry import Registry
from qa_pipeline.selectors import RuleSelector, SelectorError

CONFIG_NAMES = ("qa-pipeline.toml", ".qa-pipeline.toml", "pyproject.toml")
COMMAND_LINE = Path("<command line>")


class ConfigError(QaPipelineError):
    """Invalid configuration: one or more problems, each naming the file and the key."""

    def __init__(self, problems: str | Sequence[str]) -> None:
        self.problems = (problems,) if isinstance(problems, str) else tuple(problems)
        super().__init__("\n".join(self.problems))


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


_EXPECTED = {
    "integer": "int",
    "number": "a number",
    "string": "a string",
    "boolean": "true or false",
    "array": "a list",
    "object": "a table",
}


def _key(path: Sequence[Any]) -> str:
    return ".".join(str(p) for p in path) or "(top level)"


def schema_problems(where: Path, table: Mapping[str, Any], schema: Mapping[str, Any]) -> list[str]:
    """Every schema violation of ``table``, as ``FILE: key: message`` lines in key order."""
    import jsonschema

    out: list[tuple[str, str]] = []
    for err in jsonschema.Draft202012Validator(schema).iter_errors(table):
        node = err.schema if isinstance(err.schema, Mapping) else {}
        path = list(err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, Mapping):
            allowed = set(node.get("properties", {}))
            for extra in sorted(k for k in err.instance if k not in allowed):
                out.append((_key([*path, extra]), node.get("x-unknown", "unknown key")))
            continue
        parent = _parent_error(schema, path)
        if "x-error" in node:
            message = str(node["x-error"]).format(value=err.instance)
        elif parent:
            message = parent
        elif err.validator == "type":
            expected = node.get("x-expected") or " or ".join(
                _EXPECTED.get(t, t)
                for t in ([node["type"]] if isinstance(node["type"], str) else node["type"])
            )
            message = f"expected {expected}"
        else:
            message = err.message
        out.append((_key(path), message))
    return [f"{where}: {key}: {msg}" for key, msg in sorted(set(out))]


def _parent_error(schema: Mapping[str, Any], path: Sequence[Any]) -> str | None:
    """An ``x-item-error`` of the table holding the failing value (``weights.major = -1``)."""
    node: Any = schema
    for part in path[:-1]:
        props = node.get("properties", {}) if isinstance(node, Mapping) else {}
        node = props.get(part) if part in props else node.get("additionalProperties")
        if not isinstance(node, Mapping):
            return None
    value = node.get("x-item-error") if isinstance(node, Mapping) else None
    return str(value) if value else None


class _Builder:
    """Turns a schema-valid table into settings values; collects the problems a schema cannot see."""

    def __init__(self, where: Path, root: Path, registry: Registry) -> None:
        self.where = where
        self.root = root
        self.registry = registry
        self.problems: list[str] = []

    def fail(self, key: str, message: str) -> None:
        self.problems.append(f"{self.where}: {key}: {message}")

    def selectors(self, key: str, value: Any) -> tuple[RuleSelector, ...]:
        items = [value] if isinstance(value, str) else value
        out = []
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, str):
                continue
            try:
                sel = self.registry.redirect(RuleSelector.parse(item))
            except SelectorError:
                self.fail(key, f"unknown rule or prefix {item!r}")
                continue
            if not self.registry.known(sel):
                self.fail(key, f"unknown rule or prefix {item!r}")
                continue
            out.append(sel)
        return tuple(out)

    def severities(self, key: str, value: Any) -> dict[str, Severity]:
        out: dict[str, Severity] = {}
        for rule, sev in value.items() if isinstance(value, Mapping) else ():
            entry = self.registry.get(rule)
            if entry is None:
                self.fail(f"{key}.{rule}", "unknown rule")
            elif isinstance(sev, str) and sev in {s.value for s in Severity}:
                out[entry.meta.code] = Severity(sev)
        return out

    def rules(self, key: str, value: Any) -> dict[str, dict[str, Any]]:
        """Options by rule code or family name (names and old codes resolved); the schema checked them."""
        out: dict[str, dict[str, Any]] = {}
        for name, opts in value.items() if isinstance(value, Mapping) else ():
            family = self.registry.family(name)
            entry = None if family else self.registry.get(name)
            target = family.name if family else entry.meta.code if entry else None
            if target is None:
                self.fail(f"{key}.{name}", "unknown rule")
            elif isinstance(opts, Mapping):
                out.setdefault(target, {}).update(opts)
        return out

    def value(self, kind: str, key: str, value: Any) -> Any:
        if kind == "selectors":
            return self.selectors(key, value)
        if kind == "severities":
            return self.severities(key, value)
        if kind == "rules":
            return self.rules(key, value)
        if kind == "severity":
            return Severity.parse(value)
        if kind == "float":
            return float(value)
        if kind in ("tuple", "frozenset"):
            return (tuple if kind == "tuple" else frozenset)(value)
        if kind == "path":
            return Path(value) if self.where == COMMAND_LINE else self.root / value
        if kind == "pattern":
            if "{path}" not in value and "{name}" not in value:
                self.fail(key, "the pattern must contain {path} (or {name})")
            return value
        if kind == "weights":
            return {**Settings().weights, **{k: float(v) for k, v in value.items()}}
        if kind == "per-file-ignores":
            return {glob: self.selectors(f"{key}.{glob}", sel) for glob, sel in value.items()}
        if kind == "globs":
            return {glob: tuple(items) for glob, items in value.items()}
        if kind == "per-language":
            return {
                lang.lower().replace("_", "-"): LanguageTable(
                    **self.table(LanguageTable, table, f"{key}.{lang}.")
                )
                for lang, table in value.items()
            }
        if kind == "formats":
            from qa_pipeline.readers.formats import BY_NAME

            out = {}
            for ext, fmt in value.items():
                if fmt not in BY_NAME:
                    self.fail(f"{key}.{ext}", f"unknown format {fmt!r} (formats: {', '.join(BY_NAME)})")
                else:
                    out[ext.lower()] = fmt
            return out
        if kind == "folders":
            folders = [(self.root / v).resolve() for v in value]
            for folder in folders:
                if not folder.is_dir():
                    self.fail(key, f"{folder} is not a folder")
            return tuple(folders)
        return value

    def table(self, cls: type, table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
        kwargs: dict[str, Any] = {}
        for f in user_fields(cls):
            key = f.metadata["key"]
            if key in table:
                try:
                    kwargs[f.name] = self.value(f.metadata["kind"], prefix + key, table[key])
                except (TypeError, ValueError, AttributeError):
                    continue  # a value of the wrong shape: the schema has reported it
        return kwargs


def _dnt_file(builder: _Builder, path: Path | None) -> frozenset[str]:
    if path is None:
        return frozenset()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        builder.fail("dnt-file", f"cannot read {path}: {exc}")
        return frozenset()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#"))


def _glossary(builder: _Builder, path: Path | None) -> Any:
    if path is None:
        return None
    from qa_pipeline.analysis.fidelity.glossary import GlossaryError, load_glossary

    try:
        return load_glossary(path)
    except GlossaryError as exc:
        builder.fail("glossary", str(exc))
        return None


def load_settings(
    config_path: Path | None,
    cwd: Path,
    registry_loader: Callable[[tuple[Path, ...]], Registry],
    overrides: Mapping[str, Any] | None = None,
) -> tuple[Settings, Registry]:
    """Read the config file (given or found), validate it and apply command-line ``overrides``
    (config keys, ``None`` for not given). All problems are raised together as one :class:`ConfigError`."""
    path = config_path or find_config(cwd)
    table: dict[str, Any] = read_config_table(path) if path else {}
    root = path.parent if path else cwd
    where = path or COMMAND_LINE
    rule_paths: tuple[Path, ...] = ()
    raw_paths = table.get("rule-paths")
    if isinstance(raw_paths, list) and all(isinstance(v, str) for v in raw_paths):
        rule_paths = tuple((root / v).resolve() for v in raw_paths)
    registry = registry_loader(tuple(p for p in rule_paths if p.is_dir()))
    schema = config_schema(registry)
    problems = schema_problems(where, table, schema)
    builder = _Builder(where, root, registry)
    kwargs: dict[str, Any] = {"path": path, "root": root, **builder.table(Settings, table)}
    given = {k: v for k, v in (overrides or {}).items() if v is not None}
    problems += schema_problems(COMMAND_LINE, given, schema)
    cli = _Builder(COMMAND_LINE, root, registry)
    kwargs.update(cli.table(Settings, given))
    kwargs["dnt"] = frozenset(kwargs.get("dnt", frozenset())) | _dnt_file(builder, kwargs.get("dnt_file"))
    kwargs["terms"] = _glossary(builder, kwargs.get("glossary"))
    problems += builder.problems + cli.problems
    if problems:
        raise ConfigError(sorted(set(problems), key=problems.index))
    kwargs["origin"] = {**{k: "config" for k in table}, **{k: "cli" for k in given}}
    return Settings(**kwargs), registry
