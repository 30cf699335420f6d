"""Reference-based metrics with sacrebleu: chrF, BLEU and TER, per file and per segment.

Scores are sacrebleu's own (``corpus_score`` on the aligned hypothesis and reference paragraphs,
``sentence_score`` per segment), with its signature, so they can be reproduced with the ``sacrebleu``
command on the same text. BLEU uses sacrebleu's default tokenizer for the target language
(``zh`` for Chinese, ``char`` for Japanese and Thai because ``ja-mecab`` needs MeCab, ``13a`` otherwise).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qa_pipeline.model import Document, Metrics
from qa_pipeline.pairing import align
from qa_pipeline.readers import ReaderError, ReadOptions, read_document


def _bleu_tokenizer(lang: str) -> str:
    return {"zh": "zh", "ja": "char", "th": "char", "ko": "13a"}.get(lang, "13a")


def reference_metrics(doc: Document, ref_path: Path, settings: Any) -> Metrics | None:
    from sacrebleu.metrics.bleu import BLEU
    from sacrebleu.metrics.chrf import CHRF
    from sacrebleu.metrics.ter import TER

    try:
        ref = read_document(ref_path, ReadOptions())
    except ReaderError:
        return None
    pairs = align([s.target for s in doc.segments], [s.target for s in ref.segments])
    hyps: list[str] = []
    refs: list[str] = []
    ids: list[str] = []
    for i, j in pairs:
        if i is None:
            continue
        hyps.append(doc.segments[i].target)
        refs.append(ref.segments[j].target if j is not None else "")
        ids.append(doc.segments[i].id)
    if not hyps:
        return None
    lang = doc.target_language.language.base
    bleu = BLEU(tokenize=_bleu_tokenizer(lang))
    chrf = CHRF()
    ter = TER()
    seg_scores = []
    sent_bleu = BLEU(tokenize=_bleu_tokenizer(lang), effective_order=True)
    for seg_id, h, r in zip(ids, hyps, refs, strict=True):
        seg_scores.append(
            {
                "segment_id": seg_id,
                "chrf": round(chrf.sentence_score(h, [r]).score, 2),
                "bleu": round(sent_bleu.sentence_score(h, [r]).score, 2),
                "ter": round(ter.sentence_score(h, [r]).score, 2),
            }
        )
    return Metrics(
        chrf=round(chrf.corpus_score(hyps, [refs]).score, 2),
        bleu=round(bleu.corpus_score(hyps, [refs]).score, 2),
        ter=round(ter.corpus_score(hyps, [refs]).score, 2),
        signatures={
            "chrf": str(chrf.get_signature()),
            "bleu": str(bleu.get_signature()),
            "ter": str(ter.get_signature()),
        },
        segments=tuple(seg_scores),
    )
