"""Run rules on snippets: the engine behind ``tests/rules/<CODE>/cases.yaml`` and rule-file examples.

A case is a mapping::

    name: glued stock-photo credit          # unique within the file
    lang: fi                                # target language
    target: "Getty ImagesHyvä asiakas..."   # the text (one segment, or a whole file with `format`)
    source: "..."                           # optional source text (same segment)
    source_lang: en                         # optional
    kind: paragraph                         # optional segment kind
    flags: [python-format]                  # optional segment flags (PO flags, format flags)
    document_format: markdown               # optional, without `format`: the one-segment document's format
    format: text                            # optional: parse `target` as a whole file (text/markdown/po/xliff)
    source_document: "..."                  # optional, with `format`: the whole source file, paired and aligned
    options: {min-words: 2}                 # optional rule options (kebab-case)
    siblings: [{lang: fr, target: "..."}]   # optional sibling translations (whole texts, text format)
    dnt: ["Acme"]                           # optional do-not-translate terms
    glossary: "source,target\\nfile,fichier"  # optional glossary (CSV text, or TBX text)
    expect: 0 | N | [[start, end], ...]     # no finding / N findings / each finding's span, in report order
    messages: ["...", {regex: "..."}]       # each finding's message, in report order
    excerpts: ["...", ...]                  # optional: the target text under each span, in report order
    note: "..."                             # optional: why the case is there (not checked)

``expect`` counts only findings of the rule under test. A span is ``[start, end]`` in the target text
of the finding's segment (the whole ``target`` for a one-segment case; the paragraph or unit for a case
with ``format``), or ``null`` for a finding about the whole document (no segment, no span). Findings
come in report order: by segment, then start, then message.

A case that fires pins where and what: ``expect`` as the list of spans and ``messages`` as the list of
messages (``tests/test_conventions.py`` requires both for every firing case). A message is written out
exactly; only a message with a volatile part (a model's confidence, a timing) is written as
``{regex: "..."}``, a regular expression the whole message must match (``re.fullmatch``). ``excerpts``
is for spans that are hard to read as offsets (right-to-left text, combining marks, several paragraphs
of a ``format`` case): the exact text each span covers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import fields, is_dataclass, replace
from typing import Any

from qa_pipeline.config import Settings, build_options
from qa_pipeline.engine import Job, locate, run_corpus_rules, run_document_rules
from qa_pipeline.model import Document, Finding, LanguageInfo, OffsetMap, Segment, SegmentKind
from qa_pipeline.registry import Registry, load_registry
from qa_pipeline.ruleapi import Resources, RuleEntry
from qa_pipeline.siblings import make_sibling
from qa_pipeline.text.protect import protected_spans

_RESOURCES = Resources(Settings())


def _document(case: Mapping[str, Any], target: str, lang: str | None, path: str) -> Document:
    fmt = case.get("format")
    if fmt:
        from qa_pipeline.readers import ReadOptions, reader

        doc = reader(fmt).read_function()(target, path, ReadOptions())
        if "source_document" in case:
            from qa_pipeline.pairing import attach_source

            doc = attach_source(
                doc, reader(fmt).read_function()(case["source_document"], "source", ReadOptions())
            )
    else:
        kind = SegmentKind(case.get("kind", "paragraph"))
        source = case.get("source")
        placeholders = kind in (SegmentKind.UNIT, SegmentKind.PLURAL)
        seg = Segment(
            id="s1",
            target=target,
            source=source,
            kind=kind,
            flags=frozenset(case.get("flags", ())),
            offsets=OffsetMap.contiguous(0),
            protected=tuple(protected_spans(target, placeholders)),
            source_protected=tuple(protected_spans(source, placeholders)) if source else (),
        )
        doc = Document(path=path, format=case.get("document_format", "text"), text=target, segments=(seg,))
    src_lang = case.get("source_lang") or doc.source_language.code
    return replace(
        doc,
        target_language=LanguageInfo(lang or doc.target_language.code, "cli"),
        source_language=LanguageInfo(src_lang, "cli" if src_lang else None),
    )


def run_case(case: Mapping[str, Any], entry: RuleEntry, registry: Registry | None = None) -> list[Finding]:
    """Findings of ``entry`` on one case."""
    from qa_pipeline.config import RuleSelection

    lang = case.get("lang")
    doc = _document(case, case["target"], lang, "case.txt")
    own, shared = _split_options(entry, case.get("options", {}))
    selection = RuleSelection(
        enabled=(entry,),
        severities={entry.meta.code: entry.meta.severity},
        options={entry.meta.code: build_options(entry.options_type, own)},
        family_options={entry.family.name: build_options(entry.family.options, shared)}
        if entry.family
        else {},
    )
    sibling_docs = [
        _document({"format": "text", **s}, s["target"], s.get("lang"), f"sibling{i}.txt")
        for i, s in enumerate(case.get("siblings", []))
    ]
    job = Job(
        document=doc,
        selection=selection,
        fingerprint_path="case.txt",
        siblings=tuple(make_sibling(doc, s) for s in sibling_docs),
        dnt=frozenset(case.get("dnt", [])),
    )
    resources = _RESOURCES
    if case.get("glossary"):
        from qa_pipeline.analysis.fidelity.glossary import read_csv, read_tbx

        text = str(case["glossary"])
        terms = (read_tbx if text.lstrip().startswith("<") else read_csv)(text, "glossary")
        resources = Resources(Settings(terms=terms))
    checked = [run_document_rules(job, resources)]
    if entry.scope.value == "corpus":
        jobs = [job] + [Job(document=s, selection=selection, fingerprint_path=s.path) for s in sibling_docs]
        checked += [c for p, c in run_corpus_rules(jobs, resources).items() if p == doc.path]
    for c in checked:
        for err in c.errors:
            raise RuntimeError(f"{err.code} raised on segment {err.segment_id}: {err.message}")
    results = [r for c in checked for r in c.results]
    return [f for f in locate(job, results) if f.code == entry.meta.code]


def _split_options(entry: RuleEntry, raw: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A case's options: those of the rule itself, and those of its family (``[rules.<family>]``)."""
    own_fields = {f.name for f in fields(entry.options_type)} if is_dataclass(entry.options_type) else set()
    own = {k: v for k, v in raw.items() if k.replace("-", "_") in own_fields}
    shared = {k: v for k, v in raw.items() if k not in own}
    if shared and entry.family is None:
        raise ValueError(f"{entry.meta.code} has no option {sorted(shared)}")
    return own, shared


def check_snippet(target: str, code: str, **case: Any) -> list[Finding]:
    """Convenience for tests: ``check_snippet("the the", "QA701", lang="en")``."""
    registry = load_registry()
    entry = registry.get(code)
    if entry is None:
        raise KeyError(code)
    return run_case({"target": target, **case}, entry, registry)


CASE_KEYS = frozenset(
    {
        "name",
        "lang",
        "target",
        "source",
        "source_lang",
        "kind",
        "format",
        "source_document",
        "options",
        "siblings",
        "dnt",
        "expect",
        "messages",
        "excerpts",
        "note",
    }
)
"""The keys a case may have (a misspelt key would silently check nothing)."""


def _span(f: Finding) -> list[int] | None:
    return list(f.span) if f.span else None


def _message_ok(want: str | Mapping[str, str], got: str) -> bool:
    if isinstance(want, str):
        return want == got
    if set(want) != {"regex"}:
        raise ValueError(f"a message is a string or {{regex: ...}}, not {dict(want)}")
    return re.fullmatch(want["regex"], got) is not None


def case_matches(case: Mapping[str, Any], findings: Sequence[Finding]) -> str | None:
    """None when the findings meet ``expect``, ``messages`` and ``excerpts``; otherwise a description
    of the mismatch."""
    expect = case["expect"]
    got = [_span(f) for f in findings]
    shown = [(g, f.message) for g, f in zip(got, findings, strict=True)]
    if isinstance(expect, bool) or not isinstance(expect, int | list):
        raise ValueError(f"expect must be a count or a list of spans, not {expect!r}")
    if isinstance(expect, int):
        if len(findings) != expect:
            return f"expected {expect} finding(s), got {len(findings)}: {shown}"
    else:
        want = [list(s) if s is not None else None for s in expect]
        if got != want:
            return f"expected spans {want}, got {got}: {shown}"
    messages = case.get("messages")
    if messages is not None and (
        len(messages) != len(findings)
        or not all(_message_ok(m, f.message) for m, f in zip(messages, findings, strict=False))
    ):
        return f"expected messages {messages}, got {[f.message for f in findings]}"
    excerpts = case.get("excerpts")
    if excerpts is not None and excerpts != [f.excerpt for f in findings]:
        return f"expected excerpts {excerpts}, got {[f.excerpt for f in findings]}"
    return None
