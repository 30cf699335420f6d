"""Shared fixtures: the registry, the report schema, and the location of ../shared (may be absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def registry():  # type: ignore[no-untyped-def]
    from qa_pipeline.registry import load_registry

    return load_registry()


@pytest.fixture(scope="session")
def report_schema():  # type: ignore[no-untyped-def]
    from qa_pipeline.schemas import load_schema

    return load_schema("report.schema.json")
