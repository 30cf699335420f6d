"""MQM scoring: findings and an evaluation word count in, a score and a pass/fail out.

``APT`` (absolute penalty total) is the sum of the severity weights of the findings (neutral 0,
minor 1, major 5, critical 25 by default). ``EWC`` (evaluation word count) is the source's word count
when the document has a source (all of it, also the paragraphs the translation omits), else the
target's (see :mod:`qa_pipeline.text.wordcount` for Chinese, Japanese and Thai).
``score = max(0, 100 × (1 − APT / EWC))``. Whether a file passes is the gate's decision
(:mod:`qa_pipeline.pipeline.gate`), not scoring's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from qa_pipeline.analysis.structure.outliers import source_words
from qa_pipeline.config import Settings
from qa_pipeline.model import Document, Finding
from qa_pipeline.text.wordcount import count_words

SEVERITIES = ("neutral", "minor", "major", "critical")


def evaluation_word_count(doc: Document) -> tuple[int, str]:
    """(EWC, basis) where basis is ``source`` or ``target``.

    With a source, every source word counts, including the paragraphs the translation left out
    (``Document.source_gaps``): an empty or gutted translation is scored against all it should hold.
    """
    if doc.has_source:
        return source_words(doc, doc.source_language.code), "source"
    lang = doc.target_language.code
    return sum(count_words(s.prose, lang) for s in doc.segments), "target"


def penalty(findings: Sequence[Finding], settings: Settings) -> float:
    return float(sum(settings.weight(f.severity) for f in findings))


def score(apt: float, ewc: int) -> float:
    if ewc <= 0:
        return 100.0 if apt == 0 else 0.0
    return round(max(0.0, 100.0 * (1.0 - apt / ewc)), 2)


def counts(findings: Sequence[Finding]) -> dict[str, int]:
    c = Counter(f.severity.value for f in findings)
    return {s: c.get(s, 0) for s in SEVERITIES}


def total(counts_list: Sequence[Mapping[str, int]]) -> dict[str, int]:
    out = dict.fromkeys(SEVERITIES, 0)
    for c in counts_list:
        for k, v in c.items():
            out[k] = out.get(k, 0) + v
    return out
