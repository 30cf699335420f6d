"""qa-pipeline as a library: check files or text and get the typed report.

>>> from qa_pipeline import check_text
>>> report = check_text("Le  chat dort.", lang="fr", select=["QA104"])
>>> [(f.code, f.column) for f in report.findings]
[('QA104', 3)]

:func:`check_paths` runs exactly what ``qa-pipeline check`` runs (configuration found the same way,
the same gate) and returns the :class:`~qa_pipeline.model.RunReport` every reporter prints;
:func:`check_text` checks one text (or one file's content) in memory. Both raise a
:class:`~qa_pipeline.errors.QaPipelineError` subclass for configuration and usage errors; a file that
cannot be read is reported in its own file report, as on the command line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from qa_pipeline.model import FileReport, RunReport


def _settings(config: str | Path | None, start: Path, overrides: Mapping[str, Any]) -> Any:
    from qa_pipeline.config import find_config, load_settings
    from qa_pipeline.registry import load_registry

    path = Path(config) if config is not None else find_config(start)
    return load_settings(path, Path.cwd(), load_registry, overrides)


def _overrides(select: Sequence[str] | None, ignore: Sequence[str] | None, **more: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "select": list(select) if select else None,
        "ignore": list(ignore) if ignore else None,
    }
    out.update({k.replace("_", "-"): v for k, v in more.items()})
    return out


def check_paths(
    paths: Sequence[str | Path],
    *,
    config: str | Path | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    lang: str | None = None,
    source_lang: str | None = None,
    baseline: str | Path | None = None,
    diff: str | None = None,
    **settings: Any,
) -> RunReport:
    """Check files and folders as ``qa-pipeline check`` does.

    ``config``: a config file (default: found upward from the first path); ``select``/``ignore``: rule
    codes, prefixes or names; ``lang``/``source_lang``: the target and source language of every file;
    ``baseline``: a baseline file for the regression gate; ``diff``: a git revision (only what changed
    since); further keyword arguments are config keys in snake_case (``min_score=95``,
    ``fail_on="major"``, ``layout="content/{lang}/{path}"``).
    """
    from qa_pipeline import pipeline
    from qa_pipeline.baseline import read_baseline

    shown = [str(p) for p in paths] or ["."]
    first = Path(shown[0]).resolve()
    start = first if first.is_dir() else first.parent
    loaded_settings, registry = _settings(config, start, _overrides(select, ignore, **settings))
    options = pipeline.RunOptions(target_language=lang, source_language=source_lang)
    gate_baseline = read_baseline(Path(baseline)) if baseline is not None else None
    return pipeline.check_paths(shown, loaded_settings, registry, options, diff, gate_baseline)


def check_text(
    text: str,
    *,
    lang: str,
    source: str | None = None,
    source_lang: str | None = None,
    format: str = "text",
    path: str = "<text>",
    config: str | Path | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    **settings: Any,
) -> FileReport:
    """Check one text in memory: a translation in ``lang``, read as ``format`` (``text``, ``markdown``,
    ``po``, ``xliff``, ``json``… — see ``qa-pipeline formats``), with its ``source`` text when there is
    one (for a bilingual format the source is in ``text`` itself). Returns its file report."""
    from qa_pipeline.pipeline.check import check_all
    from qa_pipeline.pipeline.gate import gate_run
    from qa_pipeline.pipeline.plan import FilePlan, LanguageHint
    from qa_pipeline.pipeline.read import Loaded, resolve_document_languages
    from qa_pipeline.readers import ReadOptions, reader
    from qa_pipeline.ruleapi import Resources

    loaded_settings, registry = _settings(config, Path.cwd(), _overrides(select, ignore, **settings))
    spec = reader(format)
    doc = spec.read_function()(text, path, ReadOptions())
    if source is not None:
        from qa_pipeline.pairing import attach_source
        from qa_pipeline.readers.formats import KEYED
        from qa_pipeline.readers.keyed import attach_source_by_id

        src = spec.read_function()(source, f"{path} (source)", ReadOptions())
        doc = attach_source_by_id(doc, src) if spec.pairing == KEYED else attach_source(doc, src)
    plan = FilePlan(
        Path(path),
        path,
        path,
        spec.name,
        target=LanguageHint(lang, "cli"),
        source_language=LanguageHint(source_lang, "cli") if source_lang else None,
    )
    loaded = Loaded(plan, resolve_document_languages(plan, doc))
    checked = check_all([loaded], {}, loaded_settings, registry, Resources(loaded_settings))
    return gate_run(checked, loaded_settings).files[0]
