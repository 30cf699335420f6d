"""Every real JSON, YAML and Android file of ../shared/corpora reads without error, with exact
positions, the values their runtimes see, and pairs with its English source by key.

Skipped when ../shared is absent (a user's clone). Oracles: json.loads, yaml.safe_load and
defusedxml's ElementTree.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from qa_pipeline.model import Document, Segment, SegmentKind
from qa_pipeline.readers import ReadOptions, read_document
from qa_pipeline.readers.jsonscan import pointer
from qa_pipeline.readers.keyed import attach_source_by_id, default_source, plural_parts

from .helpers import assert_positions_exact

CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpora"
pytestmark = pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is not present")


def _files(folder: str, pattern: str) -> list[Path]:
    return sorted((CORPORA / folder).glob(pattern)) if CORPORA.is_dir() else []


JSON_FILES = _files("excalidraw-i18n-json", "*.json") + _files("mattermost-mobile-icu-json", "*.json")
YAML_FILES = _files("diaspora-rails-yaml", "*.yml")
ANDROID_FILES = _files("antennapod-android-xml", "values*/strings.xml")
ALL = ReadOptions(include_untranslated=True)


def _ids(path: Path) -> list[str]:
    return [f"{path.parent.name}/{path.name}"]


def _strings(value: Any, parts: list[str]) -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(pointer(parts), value)]
    if isinstance(value, dict):
        return [e for k, v in value.items() for e in _strings(v, [*parts, k])]
    if isinstance(value, list):
        return [e for i, v in enumerate(value) for e in _strings(v, [*parts, str(i)])]
    return []


def _check_source(doc: Document, source: Document) -> None:
    paired = attach_source_by_id(doc, source)
    sources = [
        Segment(id=s.id, target=s.source, offsets=s.source_offsets)
        for s in paired.segments
        if s.source is not None and s.source_offsets is not None
    ]
    assert_positions_exact(replace(source, segments=tuple(sources)))
    source_keys = set(source.meta["keys"])
    for seg in paired.segments:
        parts = plural_parts(doc.format, seg.id) if seg.kind is SegmentKind.PLURAL else None
        key = parts[0] if parts else seg.id
        assert (seg.source is not None) == (key in source_keys), seg.id
    assert set(paired.meta["missing_keys"]) <= source_keys


@pytest.mark.parametrize("path", JSON_FILES, ids=[i for p in JSON_FILES for i in _ids(p)])
def test_json_corpus(path: Path) -> None:
    doc = read_document(path, ALL)
    assert doc.target_language.origin == "path"
    assert_positions_exact(doc)
    expected = _strings(json.loads(path.read_text(encoding="utf-8")), [])
    assert [(s.id, s.target) for s in doc.segments] == expected
    source = default_source(path, "json")
    if path.stem == "en":
        assert source is None
    else:
        assert source is not None and source.name == "en.json"
        _check_source(read_document(path), read_document(source))


def _yaml_strings(value: Any, prefix: str) -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(prefix, value)]
    if isinstance(value, dict):
        return [e for k, v in value.items() for e in _yaml_strings(v, f"{prefix}.{k}" if prefix else str(k))]
    if isinstance(value, list):
        return [e for i, v in enumerate(value) for e in _yaml_strings(v, f"{prefix}[{i}]")]
    return []


@pytest.mark.parametrize("path", YAML_FILES, ids=[i for p in YAML_FILES for i in _ids(p)])
def test_yaml_corpus(path: Path) -> None:
    doc = read_document(path, ALL)
    assert doc.target_language.origin == "file"
    assert doc.target_language.code == path.stem
    assert "approximate_positions" not in doc.meta
    assert_positions_exact(doc)
    (root,) = yaml.safe_load(path.read_text(encoding="utf-8")).values()
    assert [(s.id, s.target) for s in doc.segments] == _yaml_strings(root, "")
    if path.stem != "en":
        source = default_source(path, "yaml")
        assert source is not None and source.name == "en.yml"
        _check_source(read_document(path), read_document(source))


@pytest.mark.parametrize("path", ANDROID_FILES, ids=[i for p in ANDROID_FILES for i in _ids(p)])
def test_android_corpus(path: Path) -> None:
    import defusedxml.ElementTree as SafeET

    doc = read_document(path, ALL)
    assert_positions_exact(doc)
    expected: list[tuple[str, str | None]] = []  # id, text where aapt2 would not change it
    for el in SafeET.parse(path).getroot():
        if el.get("translatable") == "false" or el.tag not in ("string", "plurals", "string-array"):
            continue
        items = (
            [("", el)]
            if el.tag == "string"
            else [(f"[{it.get('quantity') or i}]", it) for i, it in enumerate(el.findall("item"))]
        )
        for suffix, item in items:
            text = item.text or ""
            if len(item) == 0 and re.fullmatch(r"[@?][^\s/]*/\S+", text.strip()):
                continue  # a reference to another resource
            plain = len(item) == 0 and not re.search(r'[\\"]|\s\s|^\s|\s$|[\n\t]', text)
            expected.append((el.get("name", "") + suffix, text if plain else None))
    assert [s.id for s in doc.segments] == [i for i, _ in expected]
    for seg, (_, text) in zip(doc.segments, expected, strict=True):
        assert text is None or seg.target == text, seg.id
    if path.parent.name == "values":
        assert doc.target_language.code is None
    else:
        assert doc.target_language.origin == "path"
        source = default_source(path, "android")
        assert source is not None and source.parent.name == "values"
        _check_source(read_document(path), read_document(source))
