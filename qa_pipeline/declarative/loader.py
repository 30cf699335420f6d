"""Load ``rules/*.yaml``: validate each file against the rule-file schema and build registry entries.

An invalid file is a :class:`RuleFileError` naming the file, the JSON path inside it and the reason.
A file with ``extends: QA3NN`` adds phrases, patterns or swaps to a data rule defined elsewhere, so a
user can add a language or a phrase without touching the built-in files.

User rule files may come from a pull request: they are read with YAML's safe loader, refused over
:data:`~qa_pipeline.readers.decode.MAX_BYTES` or when YAML aliases make them larger than their text
(a "billion laughs" file), and every pattern is checked before it is compiled
(:mod:`qa_pipeline.declarative.patterns`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from qa_pipeline.declarative.kinds import KINDS, DeclarativeSpec
from qa_pipeline.declarative.patterns import compile_pattern
from qa_pipeline.errors import QaPipelineError
from qa_pipeline.model import Severity
from qa_pipeline.ruleapi import NoOptions, RuleEntry, RuleMeta, Scope
from qa_pipeline.text.yamldata import load_yaml


class RuleFileError(QaPipelineError):
    """A rule file that cannot be used."""


@cache
def rule_file_schema() -> dict[str, Any]:
    path = Path(__file__).with_name("rule-file.schema.json")
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def read_rule_file(path: Path, validate: bool = True) -> dict[str, Any]:
    """Parse and validate one rule file. The built-in files are validated by the test suite (and by
    ``qa-pipeline rules --validate``), so a normal run skips their validation: it starts faster."""
    from qa_pipeline.readers.decode import MAX_BYTES

    try:
        if path.stat().st_size > MAX_BYTES:
            raise RuleFileError(
                f"{path}: rule file too large (the limit is {MAX_BYTES // (1024 * 1024)} MiB)"
            )
        text = path.read_text(encoding="utf-8")
        data = load_yaml(text)
    except UnicodeDecodeError as exc:
        raise RuleFileError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RuleFileError(f"{path}:{where}: invalid YAML: {problem}") from None
    except OSError as exc:
        raise RuleFileError(f"{path}: cannot read: {exc.strerror}") from None
    if not isinstance(data, dict):
        raise RuleFileError(f"{path}: a rule file must be a YAML mapping")
    if not validate:
        return data
    if not _bounded(data, len(text) + 100):
        raise RuleFileError(f"{path}: YAML aliases make it larger than its own text (an alias bomb?)")
    errors = sorted(
        _validator("extends" in data).iter_errors(data),
        key=lambda e: (len(e.absolute_path), str(list(e.absolute_path))),
    )
    if errors:
        err = errors[0]
        json_path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err.absolute_path)
        raise RuleFileError(f"{path}: {json_path}: {_short(err.message)}")
    for json_path, source in _patterns(data):
        try:
            compile_pattern(source, 0)
        except ValueError as exc:
            raise RuleFileError(f"{path}: {json_path}: {exc}") from None
    return data


def _short(message: str, limit: int = 300) -> str:
    """A validation message quotes the value; a huge value must not make a huge error line."""
    message = " ".join(message.split())
    return message if len(message) <= limit else message[: limit - 1] + "…"


def _bounded(data: Any, limit: int) -> bool:
    """Whether ``data`` has at most ``limit`` values counted as a tree: without aliases a YAML text has
    fewer values than characters; aliases can make a small file a huge (or endless) tree."""
    stack = [data]
    count = 0
    while stack:
        item = stack.pop()
        count += 1
        if count > limit:
            return False
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True


def _patterns(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(JSON path, pattern) of every regular expression in a validated rule file."""
    found = [
        (f"$.patterns.{lang}[{i}]", pat)
        for lang, pats in sorted(data.get("patterns", {}).items())
        for i, pat in enumerate(pats)
    ]
    if isinstance(data.get("first"), str):
        found.append(("$.first", data["first"]))
    if isinstance(data.get("second"), str):
        found.append(("$.second", data["second"].replace("{match}", "x")))
    return found


@cache
def _validator(extension: bool) -> Any:
    """The schema's extension or full-rule branch, so errors point at the field that is wrong."""
    schema = rule_file_schema()
    branch = schema["oneOf"][0 if extension else 1]
    sub = {"$schema": schema["$schema"], "definitions": schema["definitions"], "type": "object", **branch}
    import jsonschema  # imported only when a user's rule file is validated

    return jsonschema.Draft202012Validator(sub)


def _merge(base: dict[str, Any], ext: Mapping[str, Any], origins: dict[str, str], path: Path) -> None:
    for key in ("tokens", "patterns"):
        for lang, items in ext.get(key, {}).items():
            base.setdefault(key, {}).setdefault(lang, [])
            base[key][lang] = [*base[key][lang], *items]
            if key == "patterns":
                origins.update((pat, str(path)) for pat in items if pat not in origins)
    for lang, pairs in ext.get("swap", {}).items():
        base.setdefault("swap", {}).setdefault(lang, {})
        base["swap"][lang] = {**base["swap"][lang], **pairs}
    base["examples"] = [*base.get("examples", []), *ext.get("examples", [])]


def load_rule_dirs(
    dirs: Iterable[Path], taken: frozenset[str] = frozenset(), trusted: Iterable[Path] = ()
) -> list[RuleEntry]:
    """Every rule file of ``dirs`` (sorted by name), extensions merged into their base rules. ``taken``:
    the codes of the code rules (a data rule may not reuse one). Files in ``trusted`` folders (the
    built-in rules, checked by the tests) are not schema-validated."""
    trusted_dirs = {d.resolve() for d in trusted}
    untrusted: set[str] = set()  # rules with a definition or an extension from a user folder
    definitions: dict[str, tuple[Path, dict[str, Any]]] = {}
    extensions: list[tuple[Path, dict[str, Any]]] = []
    for folder in dirs:
        if not folder.is_dir():
            raise RuleFileError(f"{folder}: rule folder does not exist")
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            trusted_file = folder.resolve() in trusted_dirs
            data = read_rule_file(path, validate=not trusted_file)
            if not trusted_file:
                untrusted.add(data.get("extends") or data["code"])
            if "extends" in data:
                extensions.append((path, data))
                continue
            code = data["code"]
            if code in definitions:
                raise RuleFileError(f"{path}: rule code {code} is already defined in {definitions[code][0]}")
            if code in taken:
                raise RuleFileError(f"{path}: rule code {code} is already used by a built-in code rule")
            definitions[code] = (path, data)
    origins: dict[str, dict[str, str]] = {}  # code -> pattern -> the extension file that added it
    for path, ext in extensions:
        target = definitions.get(ext["extends"])
        if target is None:
            raise RuleFileError(f"{path}: $.extends: no data rule {ext['extends']} to extend")
        _merge(target[1], ext, origins.setdefault(ext["extends"], {}), path)
    return [
        _entry(path, data, code not in untrusted, origins.get(code, {}))
        for code, (path, data) in definitions.items()
    ]


def _entry(
    path: Path, data: dict[str, Any], trusted: bool = False, origins: Mapping[str, str] | None = None
) -> RuleEntry:
    meta = RuleMeta(
        code=data["code"],
        name=data["name"],
        category=data["category"],
        severity=Severity.parse(data["severity"]),
        summary=data["summary"],
        needs_source=data["kind"] == "conditional" or "source_" in data.get("expression", ""),
    )
    try:
        spec = DeclarativeSpec.from_data(data, str(path), origins)
        # a user's patterns are compiled now: a bad regex is a rule-file error, not a crash later
        rule = KINDS[data["kind"]](spec, validate=not trusted)
    except ValueError as exc:
        raise RuleFileError(f"{path}: {exc}") from None
    doc = data["summary"] + "\n\n" + data.get("description", "").strip()
    return RuleEntry(
        meta=meta,
        scope=Scope.SEGMENT,
        options_type=NoOptions,
        doc=doc.strip(),
        examples=tuple(data["examples"]),
        origin=str(path),
        factory=lambda: rule,  # one instance per run: it caches its compiled per-language patterns
    )
