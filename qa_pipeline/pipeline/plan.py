"""Stage 2, plan: what the run knows about each file from its path and the configuration, before reading.

A :class:`FilePlan` names the file, how reports show it, its path relative to the config folder (the key
of fingerprints, baselines and per-file ignores), its format, the source and reference files paired with
it by the ``layout``/``source``/``reference`` patterns, and the languages the command line, config and
path give it. Reading (stage 3) adds what only the content can say: the file's own language header,
detection, and translations found to be siblings by their structure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from qa_pipeline.config import Settings
from qa_pipeline.languages import language_from_path, normalize
from qa_pipeline.pairing import counterpart, match_layout
from qa_pipeline.pipeline.collect import relpath
from qa_pipeline.readers.formats import BILINGUAL, FormatSpec, spec_for


@dataclass(frozen=True)
class RunOptions:
    """Command-line choices that are not configuration."""

    target_language: str | None = None
    source_language: str | None = None
    language_origin: str = "cli"


@dataclass(frozen=True)
class LanguageHint:
    """A language given from outside the file: ``origin`` is ``cli``, ``config`` or ``path``."""

    code: str
    origin: str


@dataclass(frozen=True)
class FilePlan:
    """One file to check, as far as paths and configuration tell."""

    path: Path
    display: str
    relpath: str
    format: str | None
    source: Path | None = None  # the paired source file (it exists)
    source_missing: Path | None = None  # the layout names a source that does not exist
    reference: Path | None = None  # a reference translation (it exists): chrF, BLEU, TER
    target: LanguageHint | None = None  # from the command line or config (which wins over the file)
    source_language: LanguageHint | None = None
    target_from_path: str | None = None  # the layout's {lang}, used when the file does not say
    source_from_path: str | None = None  # the paired source file's path language
    changed_lines: frozenset[int] | None = None  # --diff: only findings on these lines (None: all)


def _layout_language(rel: str, settings: Settings) -> str | None:
    fields = match_layout(settings.layout, rel) if settings.layout else None
    return normalize(fields["lang"]) if fields and "lang" in fields else None


def _format_language(path: Path, spec: FormatSpec | None) -> str | None:
    """The language a file's path names by its format's convention (``values-pt-rBR``, ``fr.lproj``)."""
    found = spec.path_language(path) if spec is not None else None
    return normalize(found) if found else None


def _hint(cli: str | None, config: str | None, origin: str) -> LanguageHint | None:
    if cli:
        return LanguageHint(normalize(cli), origin)
    if config:
        return LanguageHint(normalize(config), "config")
    return None


def _source_file(path: Path, rel: str, spec: FormatSpec | None, settings: Settings) -> Path | None:
    """Where the source of ``path`` is: the ``source`` pattern, else the format's convention (keyed
    files: ``values-fr/`` -> ``values/``). A bilingual file carries its source: never paired."""
    if spec is not None and spec.pairing == BILINGUAL:
        return None
    src = counterpart(settings.source, settings.layout, rel, settings.root)
    if src is None and settings.source is None and spec is not None:
        return spec.convention_source(path)
    return src


def plan_file(
    path: Path,
    settings: Settings,
    options: RunOptions,
    changed: Mapping[Path, frozenset[int] | None] | None = None,
) -> FilePlan:
    rel = relpath(path, settings.root)
    spec = spec_for(path, settings.formats)
    src = _source_file(path, rel, spec, settings)
    ref = counterpart(settings.reference, settings.layout, rel, settings.root)
    source = src if src is not None and src.is_file() else None
    source_rel = relpath(source, settings.root) if source is not None else None
    return FilePlan(
        path=path,
        display=str(path),
        relpath=rel,
        format=spec.name if spec else None,
        source=source,
        source_missing=src if src is not None and source is None else None,
        reference=ref if ref is not None and ref.is_file() else None,
        target=_hint(options.target_language, settings.target_language, options.language_origin),
        source_language=_hint(options.source_language, settings.source_language, options.language_origin),
        target_from_path=_layout_language(rel, settings) or _format_language(path, spec),
        source_from_path=(
            (_layout_language(source_rel, settings) or language_from_path(source_rel)) if source_rel else None
        ),
        changed_lines=changed.get(path.resolve()) if changed is not None else None,
    )


def plan_files(
    files: Sequence[Path],
    settings: Settings,
    options: RunOptions,
    changed: Mapping[Path, frozenset[int] | None] | None = None,
) -> tuple[FilePlan, ...]:
    """The plan of every collected file, in collection order."""
    return tuple(plan_file(path, settings, options, changed) for path in files)
