"""The config file's JSON Schema and reference page, generated from the settings and the registry.

``qa-pipeline schema config`` prints the schema (editors use it for completion); ``qa-pipeline schema
config --format markdown`` prints ``docs/config.md``. A test fails when the checked-in copies are stale.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import itertools
import textwrap
import types
import typing
from collections.abc import Mapping
from functools import cache
from typing import Any

from qa_pipeline.config.settings import LanguageTable, Settings, user_fields
from qa_pipeline.registry import Registry

SCHEMA_ID = "https://github.com/qa-pipeline/qa-pipeline/blob/main/qa_pipeline/schemas/config.schema.json"


@cache
def attribute_docs(cls: type) -> dict[str, str]:
    """The docstrings written under a dataclass's fields (``x: int = 1`` then ``\"\"\"doc\"\"\"``)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    out: dict[str, str] = {}
    for node, nxt in itertools.pairwise(body):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(nxt, ast.Expr)
            and isinstance(nxt.value, ast.Constant)
            and isinstance(nxt.value.value, str)
        ):
            out[node.target.id] = " ".join(inspect.cleandoc(nxt.value.value).split())
    return out


def _json_type(hint: Any) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return _json_type(args[0]) if len(args) == 1 else {}
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer"}
    if hint is float:
        return {"type": "number"}
    if hint is str:
        return {"type": "string"}
    if origin in (tuple, frozenset, list, set):
        args = [a for a in typing.get_args(hint) if a is not Ellipsis]
        return {"type": "array", "items": _json_type(args[0]) if args else {}}
    return {}


def _plain_default(value: Any) -> Any:
    if isinstance(value, tuple | frozenset | list | set):
        return sorted(value) if isinstance(value, frozenset | set) else list(value)
    return value


def options_schema(options_type: type, owner: str, family: str | None = None) -> dict[str, Any]:
    """The schema of one rule's (or family's) options table; keys are kebab-case. A rule of a family
    says where the family's options go when someone sets one on the rule."""
    props: dict[str, Any] = {}
    if dataclasses.is_dataclass(options_type):
        hints = typing.get_type_hints(options_type)
        docs = attribute_docs(options_type)
        defaults = options_type()
        for f in dataclasses.fields(options_type):
            prop = _json_type(hints[f.name])
            prop["default"] = _plain_default(getattr(defaults, f.name))
            if f.name in docs:
                prop["description"] = docs[f.name]
            props[f.name.replace("_", "-")] = prop
    known = ", ".join(props)
    unknown = f"unknown option for {owner}" + (f" (options: {known})" if known else " (it has none)")
    if family:
        unknown += f"; options shared by the {family} family go in [rules.{family}]"
    return {"type": "object", "properties": props, "additionalProperties": False, "x-unknown": unknown}


def _rules_schema(registry: Registry) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for entry in registry:
        sub = options_schema(entry.options_type, entry.meta.code, entry.family.name if entry.family else None)
        sub["description"] = f"{entry.meta.name}: {entry.meta.summary}"
        if entry.family is not None:
            sub["x-family"] = entry.family.name
        props[entry.meta.code] = sub
        props[entry.meta.name] = {"$ref": f"#/properties/rules/properties/{entry.meta.code}"}
    for family in registry.families():
        sub = options_schema(family.options, f"the {family.name} family")
        sub["description"] = family.summary
        props[family.name] = sub
    return {"type": "object", "properties": props, "additionalProperties": False, "x-unknown": "unknown rule"}


def _table_schema(cls: type, registry: Registry, unknown: str) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for f in user_fields(cls):
        meta = f.metadata
        prop = dict(meta["schema"])
        if meta["kind"] == "rules":
            prop = _rules_schema(registry)
        elif meta["kind"] == "per-language":
            prop = {
                "type": "object",
                "additionalProperties": _table_schema(LanguageTable, registry, "unknown key"),
            }
        prop["description"] = meta["doc"]
        props[meta["key"]] = prop
    known = ", ".join(sorted(props))
    return {
        "type": "object",
        "properties": props,
        "additionalProperties": False,
        "x-unknown": f"{unknown} (known: {known})",
    }


def config_schema(registry: Registry) -> dict[str, Any]:
    """The JSON Schema of a config table (``qa-pipeline.toml`` or ``[tool.qa-pipeline]``)."""
    schema = _table_schema(Settings, registry, "unknown key")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "qa-pipeline configuration",
        "description": "qa-pipeline.toml, or [tool.qa-pipeline] in pyproject.toml.",
        **schema,
    }


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return str(value)


def _options_rows(schema: Mapping[str, Any]) -> list[str]:
    rows = []
    for key, prop in schema.get("properties", {}).items():
        desc = prop.get("description", "").replace("|", "\\|")
        rows.append(f"| `{key}` | `{_toml_value(prop.get('default'))}` | {desc} |")
    return rows


def config_reference(registry: Registry) -> str:
    """``docs/config.md``: every key of the config file, rule family sections and rule options."""
    lines = [
        "# Configuration reference",
        "",
        "Generated by `qa-pipeline schema config --format markdown`; do not edit. The same settings as a",
        "JSON Schema: `qa-pipeline schema config`.",
        "",
        "Configuration lives in `qa-pipeline.toml` (top level) or in `[tool.qa-pipeline]` of",
        "`pyproject.toml`, found upward from the first checked path; `--config FILE` names one. Every key",
        "is validated before anything is checked: each unknown key, rule, option or wrong value is reported",
        "with the file and the key, all at once.",
        "",
        "## Top-level keys",
        "",
        "| key | default | meaning |",
        "|---|---|---|",
    ]
    defaults = Settings()
    for f in user_fields(Settings):
        value = getattr(defaults, f.name)
        shown = _toml_value(_plain_default(value)) if not isinstance(value, Mapping) else "{}"
        if f.metadata["kind"] in ("selectors",):
            shown = _toml_value([str(s) for s in value])
        elif f.metadata["kind"] == "severity":
            shown = f'"{value.value}"'
        elif f.metadata["kind"] == "weights":
            shown = ", ".join(f"{k} = {v:g}" for k, v in value.items())
        elif value is None:
            shown = "—"
        lines.append(f"| `{f.metadata['key']}` | `{shown}` | {f.metadata['doc']} |")
    lines += [
        "",
        "## `[per-language.<code>]`",
        "",
        " ".join(inspect.cleandoc(LanguageTable.__doc__ or "").split()),
        "",
    ]
    lines += ["| key | meaning |", "|---|---|"]
    for f in user_fields(LanguageTable):
        lines.append(f"| `{f.metadata['key']}` | {f.metadata['doc']} |")
    families = registry.families()
    if families:
        lines += ["", "## Rule families", ""]
        lines += [
            "Settings shared by every rule of a family are set once, in the family's section.",
            "",
        ]
        for family in families:
            members = ", ".join(e.meta.code for e in registry.members(family))
            lines += [f"### `[rules.{family.name}]` ({members})", "", family.summary, ""]
            lines += ["| option | default | meaning |", "|---|---|---|"]
            lines += _options_rows(options_schema(family.options, family.name))
            lines.append("")
    lines += ["", "## Rule options", "", "`[rules.CODE]` or `[rules.name]`:", ""]
    for entry in registry:
        rows = _options_rows(options_schema(entry.options_type, entry.meta.code))
        if rows:
            lines += [f"### `[rules.{entry.meta.code}]` {entry.meta.name}", ""]
            lines += ["| option | default | meaning |", "|---|---|---|", *rows, ""]
    return "\n".join(lines).rstrip("\n") + "\n"
