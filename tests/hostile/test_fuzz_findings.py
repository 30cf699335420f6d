"""Fuzzing number parsing and the whole rule set: no exception, every span where it belongs.

- ``numbers.extract`` on any text, in any language: only tokens whose span is inside the text and
  whose text is the text at that span.
- Every rule over documents read from mutated files: no rule raises (the engine would record an
  error for the file), every violation names an existing segment and a span inside its target, and every
  finding's position is inside the file.

``HYPOTHESIS_PROFILE=fuzz`` (the CI fuzz job) runs many more examples.
"""

from __future__ import annotations

from dataclasses import replace
from unittest import mock

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from qa_pipeline.analysis.langid import detect as langid
from qa_pipeline.analysis.numbers.extract import extract
from qa_pipeline.config import Settings, resolve
from qa_pipeline.engine import Job, locate, run_document_rules
from qa_pipeline.model import Document, LanguageInfo
from qa_pipeline.readers import ReaderError, ReadOptions
from qa_pipeline.registry import Registry, load_registry
from qa_pipeline.ruleapi import Resources
from tests.readers.test_fuzz import file_bytes, read_bytes_as

from .fuzzing import fuzz

LANGS = [
    "en",
    "fr",
    "de",
    "de-CH",
    "es",
    "pt-BR",
    "ru",
    "pl",
    "ar",
    "fa",
    "hi",
    "ja",
    "zh",
    "ko",
    "tr",
    "und",
]
NUMBERISH = [
    *"0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९〇一二三四五六七八九十百千万億",
    *".,'’  \u202f\u066b\u066c-–—/:%‰€$£¥₹ +−×x",
    "million",
    "Mio.",
    "thousand",
    "mille",
    "tausend",
    "XIV",
    "twenty-one",
    "vingt et un",
    "1e5",
    "v1.2.3",
    "Figure 2.1",
    "24/7",
    "10–20",
    "12:30",
    "3 km",
    "½",
    "²",
]


@given(
    st.lists(st.sampled_from(NUMBERISH) | st.text(max_size=3), max_size=30).map("".join),
    st.sampled_from(LANGS),
    st.booleans(),
)
@fuzz(200)
@example("1'000'000.50 CHF", "de", True)
@example("٣٦٬٦١٢٫٥", "ar", True)
@example("1" * 5000, "en", True)
def test_number_extraction_any_text(text: str, lang: str, words: bool) -> None:
    tokens = extract(text, lang.split("-")[0], words)
    for tok in tokens:
        assert 0 <= tok.span.start < tok.span.end <= len(text), tok
        assert text[tok.span.start : tok.span.end] == tok.text, tok
    assert [t.span.start for t in tokens] == sorted(t.span.start for t in tokens)


@pytest.fixture(scope="module")
def everything() -> tuple[Registry, Settings, Resources]:
    settings = Settings()
    return load_registry(), settings, Resources(settings)


def _check_all_rules(doc: Document, lang: str, everything: tuple[Registry, Settings, Resources]) -> None:
    registry, settings, resources = everything
    doc = replace(doc, target_language=LanguageInfo(lang, "cli"), source_language=LanguageInfo("en", "cli"))
    job = Job(document=doc, selection=resolve(settings, registry, doc.path, lang), fingerprint_path=doc.path)
    # language analysis in this process: forking a worker after lingua started its threads can hang
    # (issue 11, item 1); the results are the same either way
    with mock.patch.object(langid, "_BACKGROUND_MIN_SEGMENTS", 10**9, create=True):
        checked = run_document_rules(job, resources)
    assert not checked.errors, checked.errors  # no rule raised
    results = list(checked.results)
    by_id = {s.id: s for s in doc.segments}
    for entry, v in results:
        seg = by_id.get(v.segment_id or "")
        assert seg is not None, (entry.meta.code, v)
        if v.span is not None:
            assert 0 <= v.span.start <= v.span.end <= len(seg.target), (
                entry.meta.code,
                v.span,
                len(seg.target),
            )
    lines = doc.text.count("\n") + 1
    for f in locate(job, results):
        assert 1 <= f.line <= f.end_line <= lines, f
        if f.span is not None:
            seg = by_id[f.segment_id or ""]
            start, end = f.span
            text = seg.target[start:end]
            assert f.excerpt == text or (f.excerpt.endswith("…") and text.startswith(f.excerpt[:-1]))
            assert 0 <= seg.offsets.to_file(start) <= len(doc.text)


@pytest.mark.parametrize("ext", ["txt", "md", "po", "xliff"])
@given(data=st.data(), lang=st.sampled_from(LANGS))
@fuzz(10)
def test_every_rule_on_mutated_files(
    ext: str,
    data: st.DataObject,
    lang: str,
    everything: tuple[Registry, Settings, Resources],
) -> None:
    try:
        doc = read_bytes_as(data.draw(file_bytes(ext)), ext, ReadOptions(include_untranslated=True))
    except ReaderError:
        return
    _check_all_rules(doc, lang, everything)


VOCABULARY = [
    *NUMBERISH,
    *"«»“”„\"'‹›()[]{}.,;:!?¿¡…·-–—/\\%&*#@",
    "le chat",
    "the cat",
    "die Katze",
    "кошка",
    "قطة",
    "猫が",
    "고양이",
    "Hello world",
    "Bonjour le monde",
    "Getty Images",
    "Photo: AP",
    "Lire la suite",
    "%s",
    "%(name)s",
    "{0}",
    "{{ x }}",
    "<b>",
    "</b>",
    "<br/>",
    "&amp;",
    "https://example.org/a_(b)",
    "a@b.example",
    "`code`",
    "  ",
    " ",
    "\t",
    "\u00a0",
    "\u202f",
    "\u200b",
    "\ufffd",
    "Ã©",
    "\x07",
]
phrases = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=25).map(" ".join)


def _po_string(text: str) -> str:
    return (
        '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'
    )


@given(
    pairs=st.lists(st.tuples(phrases, phrases), min_size=1, max_size=6, unique_by=lambda p: p[0]),
    lang=st.sampled_from(LANGS),
)
@fuzz(10)
def test_every_rule_on_generated_translations(
    pairs: list[tuple[str, str]], lang: str, everything: tuple[Registry, Settings, Resources]
) -> None:
    """PO entries built from words, numbers, punctuation and markup in many scripts: the rules that
    compare source and target (numbers, untranslated spans, structure) see all of it."""
    entries = "\n\n".join(f"msgid {_po_string(s)}\nmsgstr {_po_string(t)}" for s, t in pairs)
    doc = read_bytes_as(
        f'msgid ""\nmsgstr "Language: {lang}\\n"\n\n{entries}\n'.encode(), "po", ReadOptions()
    )
    _check_all_rules(doc, lang, everything)


@given(paragraphs=st.lists(phrases, min_size=1, max_size=8), lang=st.sampled_from(LANGS))
@fuzz(10)
def test_every_rule_on_generated_text(
    paragraphs: list[str], lang: str, everything: tuple[Registry, Settings, Resources]
) -> None:
    doc = read_bytes_as("\n\n".join(paragraphs).encode(), "txt", ReadOptions())
    _check_all_rules(doc, lang, everything)
