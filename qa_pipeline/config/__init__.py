"""Configuration: settings declared once (:mod:`.settings`), their schema and reference page
(:mod:`.schema`), loading and validation (:mod:`.load`) and per-file rule selection (:mod:`.selection`)."""

from __future__ import annotations

from qa_pipeline.config.load import ConfigError, find_config, load_settings, read_config_table
from qa_pipeline.config.selection import RuleSelection, build_options, language_dnt, resolve
from qa_pipeline.config.settings import DEFAULT_WEIGHTS, LanguageTable, Settings

__all__ = [
    "DEFAULT_WEIGHTS",
    "ConfigError",
    "LanguageTable",
    "RuleSelection",
    "Settings",
    "build_options",
    "find_config",
    "language_dnt",
    "load_settings",
    "read_config_table",
    "resolve",
]
