"""Sentence and word segmentation with ICU (icu4py), loaded lazily, offsets in code points."""

from __future__ import annotations

from functools import cache
from typing import Any

from qa_pipeline.model import Span


@cache
def _breakers() -> Any:
    from icu4py import breakers

    return breakers


def _locale(lang: str | None) -> str:
    return (lang or "en").replace("-", "_")


def sentences(text: str, lang: str | None) -> list[Span]:
    """Sentence spans of ``text`` by ICU's rules for ``lang`` (trailing spaces belong to the sentence)."""
    if not text:
        return []
    spans = []
    pos = 0
    for piece in _breakers().SentenceBreaker(text, _locale(lang)):
        spans.append(Span(pos, pos + len(piece)))
        pos += len(piece)
    return spans


def words(text: str, lang: str | None) -> list[Span]:
    """Word spans (letters or digits) by ICU's dictionary-based word breaking (ja, zh, th…)."""
    if not text:
        return []
    out = []
    pos = 0
    for piece in _breakers().WordBreaker(text, _locale(lang)):
        if any(ch.isalnum() for ch in piece):
            out.append(Span(pos, pos + len(piece)))
        pos += len(piece)
    return out
