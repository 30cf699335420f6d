"""YAML for data files: libyaml's C loader when PyYAML has it (several times faster), safe either way."""

from __future__ import annotations

from typing import Any


def load_yaml(text: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)
