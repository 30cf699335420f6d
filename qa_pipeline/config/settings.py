"""The settings, declared once: each field carries its config key, JSON Schema and documentation.

The config file's JSON Schema (``qa-pipeline schema config``), its validation and the reference page
``docs/config.md`` are all generated from these dataclasses' field metadata.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa_pipeline.analysis.fidelity.placeholders import FLAG_SYNTAXES
from qa_pipeline.model import Severity
from qa_pipeline.selectors import ALL, RuleSelector

DEFAULT_WEIGHTS: Mapping[str, float] = {"neutral": 0.0, "minor": 1.0, "major": 5.0, "critical": 25.0}
SEVERITY_NAMES = ("neutral", "minor", "major", "critical")


def setting(
    key: str,
    doc: str,
    schema: Mapping[str, Any],
    *,
    default: Any = dataclasses.MISSING,
    factory: Any = dataclasses.MISSING,
    kind: str = "plain",
    example: str | None = None,
) -> Any:
    """A settings field: ``key`` in the config file, its ``doc``, the JSON ``schema`` of its value and
    the ``kind`` of conversion from TOML to the field's type (see :mod:`qa_pipeline.config.load`)."""
    meta = {"key": key, "doc": doc, "schema": dict(schema), "kind": kind, "example": example}
    if factory is not dataclasses.MISSING:
        return field(default_factory=factory, metadata=meta)
    return field(default=default, metadata=meta)


SELECTORS = {
    "type": ["array", "string"],
    "items": {"type": "string"},
    "x-expected": "a list of rule codes, prefixes or names",
}
STRINGS = {"type": "array", "items": {"type": "string"}, "x-expected": "a list of strings"}
SEVERITY = {
    "type": "string",
    "enum": list(SEVERITY_NAMES),
    "x-error": "unknown severity {value!r} (neutral, minor, major, critical)",
}
SCORE = {"type": "number", "minimum": 0, "maximum": 100, "x-error": "expected a number from 0 to 100"}
NON_EMPTY = {"type": "string", "minLength": 1, "x-error": "expected a non-empty string"}


@dataclass(frozen=True)
class LanguageTable:
    """Settings for the files of one target language (`fr`, `fr-CA`): the base language's table
    applies first, then the regional one."""

    select: tuple[RuleSelector, ...] = setting(
        "select", "Rules to select in addition, for this language.", SELECTORS, default=(), kind="selectors"
    )
    ignore: tuple[RuleSelector, ...] = setting(
        "ignore", "Rules to ignore for this language.", SELECTORS, default=(), kind="selectors"
    )
    severity: Mapping[str, Severity] = setting(
        "severity",
        "Rule severities for this language.",
        {"type": "object", "additionalProperties": SEVERITY},
        factory=dict,
        kind="severities",
    )
    rules: Mapping[str, Mapping[str, Any]] = setting(
        "rules", "Rule and family options for this language.", {"type": "object"}, factory=dict, kind="rules"
    )
    dnt: frozenset[str] = setting(
        "dnt", "Do-not-translate terms for this language.", STRINGS, default=frozenset(), kind="frozenset"
    )


@dataclass(frozen=True)
class Settings:
    """Validated configuration (file + command line)."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    select: tuple[RuleSelector, ...] = setting(
        "select",
        "Rules to run: codes (`QA104`), prefixes (`QA2`), names (`double-space`) or `ALL`. The most "
        "specific selector wins; `ignore` wins a tie.",
        SELECTORS,
        default=(ALL,),
        kind="selectors",
        example='select = ["ALL"]',
    )
    ignore: tuple[RuleSelector, ...] = setting(
        "ignore", "Rules not to run (same forms as `select`).", SELECTORS, default=(), kind="selectors",
        example='ignore = ["QA104"]',
    )  # fmt: skip
    severity: Mapping[str, Severity] = setting(
        "severity",
        "A rule's severity instead of its default: `neutral`, `minor`, `major` or `critical`.",
        {"type": "object", "additionalProperties": SEVERITY},
        factory=dict,
        kind="severities",
        example='[severity]\nQA104 = "neutral"',
    )
    per_file_ignores: Mapping[str, tuple[RuleSelector, ...]] = setting(
        "per-file-ignores",
        "Rules to ignore in files matching a glob (relative to the config's folder).",
        {"type": "object", "additionalProperties": SELECTORS},
        factory=dict,
        kind="per-file-ignores",
        example='[per-file-ignores]\n"legacy/**/*.po" = ["QA6"]',
    )
    per_language: Mapping[str, LanguageTable] = setting(
        "per-language",
        "Settings for one target language: `select`, `ignore`, `severity`, `rules`, `dnt`.",
        {"type": "object"},
        factory=dict,
        kind="per-language",
        example='[per-language.ja]\nignore = ["QA104"]',
    )
    rule_options: Mapping[str, Mapping[str, Any]] = setting(
        "rules",
        "Options of a rule (`[rules.QA102]` or `[rules.target-equals-source]`) or of a rule family "
        "(`[rules.untranslated]`); see `qa-pipeline explain CODE`.",
        {"type": "object"},
        factory=dict,
        kind="rules",
        example="[rules.QA102]\nmin-letters = 3",
    )
    placeholder_formats: Mapping[str, tuple[str, ...]] = setting(
        "placeholder-formats",
        "The placeholder syntaxes of the strings of files matching a glob, as format flags "
        "(`c-format`, `python-brace-format`, `icu-format`, `i18next-format`, `ruby-format`…; `[]`: none): "
        "they replace the strings' own flags and what the source suggests. The first matching glob wins.",
        {
            "type": "object",
            "additionalProperties": {
                "type": "array",
                "items": {"type": "string", "enum": sorted(FLAG_SYNTAXES)},
                "x-item-error": "expected a list of format flags: " + ", ".join(sorted(FLAG_SYNTAXES)),
            },
        },
        factory=dict,
        kind="globs",
        example='[placeholder-formats]\n"locales/**/*.json" = ["i18next-format"]',
    )
    layout: str | None = setting(
        "layout", "Where translations live, e.g. `content/{lang}/{path}`.", NON_EMPTY, default=None
    )
    source: str | None = setting(
        "source",
        "Where a translation's source is, e.g. `content/en/{path}` (must contain `{path}` or `{name}`).",
        NON_EMPTY,
        default=None,
        kind="pattern",
    )
    reference: str | None = setting(
        "reference",
        "Where reference translations are, e.g. `refs/{lang}/{path}`: adds sacrebleu chrF, BLEU and TER.",
        NON_EMPTY,
        default=None,
        kind="pattern",
    )
    source_language: str | None = setting(
        "source-language", "The source language of every file (BCP 47, e.g. `en`).", NON_EMPTY, default=None
    )
    target_language: str | None = setting(
        "target-language",
        "The target language of every file (BCP 47, e.g. `fr-CA`).",
        NON_EMPTY,
        default=None,
    )
    rule_paths: tuple[Path, ...] = setting(
        "rule-paths", "Folders of your own rule files (YAML).", STRINGS, default=(), kind="folders"
    )
    dnt: frozenset[str] = setting(
        "dnt", "Do-not-translate terms (names, brands).", STRINGS, default=frozenset(), kind="frozenset"
    )
    dnt_file: Path | None = setting(
        "dnt-file",
        "A text file of do-not-translate terms, one per line (`#` comments).",
        {"type": "string"},
        default=None,
        kind="path",
    )
    glossary: Path | None = setting(
        "glossary",
        "A glossary (term base) for QA850/QA851: a CSV file (columns `source`, `target`, `forbidden`, "
        "`lang`) or a TBX file (deprecated terms are forbidden). See docs/rules-fidelity.md.",
        {"type": "string"},
        default=None,
        kind="path",
        example='glossary = "terms.tbx"',
    )
    weights: Mapping[str, float] = setting(
        "weights",
        "The MQM penalty of each severity.",
        {
            "type": "object",
            "properties": {s: {"type": "number", "minimum": 0} for s in SEVERITY_NAMES},
            "additionalProperties": False,
            "x-unknown": "unknown severity",
            "x-item-error": "expected a non-negative number",
        },
        factory=lambda: dict(DEFAULT_WEIGHTS),
        kind="weights",
    )
    min_score: float = setting(
        "min-score", "The score a file needs to pass (0–100).", SCORE, default=90.0, kind="float"
    )
    fail_on: Severity = setting(
        "fail-on",
        "A file fails when it has a finding this severe or worse.",
        {
            "type": "string",
            "enum": ["critical", "major", "minor", "neutral"],
            "x-error": "expected critical, major, minor or neutral",
        },
        default=Severity.CRITICAL,
        kind="severity",
    )
    include_fuzzy: bool = setting(
        "include-fuzzy", "Check PO entries marked fuzzy.", {"type": "boolean"}, default=False
    )
    include_obsolete: bool = setting(
        "include-obsolete", "Check obsolete (`#~`) PO entries.", {"type": "boolean"}, default=False
    )
    include_untranslated: bool = setting(
        "include-untranslated",
        "Check units nobody has translated yet (QA101 then reports each).",
        {"type": "boolean"},
        default=False,
    )
    follow_links: bool = setting(
        "follow-links",
        "Follow symbolic links in checked folders that point outside them (like `--follow-links`).",
        {"type": "boolean"},
        default=False,
    )
    formats: Mapping[str, str] = setting(
        "formats",
        'Read files of an extension as a format: `[formats] ".lang" = "text"` (see `qa-pipeline formats`).',
        {
            "type": "object",
            "propertyNames": {
                "pattern": "^\\.[^./\\\\]+$",
                "x-error": 'an extension starts with a dot: ".lang"',
            },
            "additionalProperties": {"type": "string"},
            "x-expected": "a table of extension = format",
        },
        factory=dict,
        kind="formats",
        example='[formats]\n".lang" = "text"',
    )
    exclude: tuple[str, ...] = setting(
        "exclude", "Glob patterns of files not to check.", STRINGS, default=(), kind="tuple"
    )
    score_tolerance: float = setting(
        "score-tolerance",
        "How far a file's score may drop below the baseline's before the gate fails (0–100).",
        SCORE,
        default=0.0,
        kind="float",
    )
    siblings: str = setting(
        "siblings",
        "Find sibling translations: `auto` (by layout, else by shared structure), `layout` or `off`.",
        {"type": "string", "enum": ["auto", "off", "layout"], "x-error": "expected auto, off or layout"},
        default="auto",
    )
    report_dir: Path | None = setting(
        "report-dir", "Write JSON and HTML reports to this folder.", {"type": "string"}, default=None,
        kind="path",
    )  # fmt: skip
    baseline: Path | None = setting(
        "baseline", "The baseline file of the regression gate.", {"type": "string"}, default=None, kind="path"
    )
    origin: Mapping[str, str] = field(default_factory=dict)  # setting -> "config"/"cli"
    terms: Any = field(default=None, compare=False, repr=False)  # the glossary, read and validated

    def __post_init__(self) -> None:
        # Library users may write selectors as text: Settings(select=("QA104",))
        for name in ("select", "ignore"):
            value = getattr(self, name)
            if any(isinstance(v, str) for v in value):
                object.__setattr__(self, name, _selectors(value))
        if any(isinstance(v, str) for sel in self.per_file_ignores.values() for v in sel):
            fixed = {glob: _selectors(sel) for glob, sel in self.per_file_ignores.items()}
            object.__setattr__(self, "per_file_ignores", fixed)

    def weight(self, severity: Severity) -> float:
        return float(self.weights.get(severity.value, DEFAULT_WEIGHTS[severity.value]))


def _selectors(values: Any) -> tuple[RuleSelector, ...]:
    return tuple(v if isinstance(v, RuleSelector) else RuleSelector.parse(v) for v in values)


def user_fields(cls: type) -> list[dataclasses.Field[Any]]:
    """The fields of a settings dataclass that a config file sets, in declaration order."""
    return [f for f in dataclasses.fields(cls) if "key" in f.metadata]
