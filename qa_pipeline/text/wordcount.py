"""Evaluation word count (EWC) for MQM scoring.

Spaced scripts: whitespace-separated tokens containing a letter or digit. Chinese, Japanese, Thai,
Lao, Khmer and Myanmar: ICU dictionary-based word segmentation (each segmented word counts once), so
a Japanese text is counted in words comparable with an English one rather than in characters.
"""

from __future__ import annotations

from qa_pipeline.language import Language
from qa_pipeline.text.scripts import UNSPACED_LANGUAGES, is_unspaced_char
from qa_pipeline.text.segmentation import words


def count_words(text: str, lang: str | None) -> int:
    base = Language.parse(lang).base
    unspaced = sum(1 for c in text if is_unspaced_char(c))
    if base in UNSPACED_LANGUAGES or (base in ("", "und") and unspaced > len(text) / 4):
        return len(words(text, base or None))
    return sum(1 for tok in text.split() if any(c.isalnum() for c in tok))
