"""QA330 mojibake."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule

# a word without the ASCII punctuation around it: mojibake is never ASCII (UTF-8's continuation bytes
# read as Windows-1252 or Latin-1 are all non-ASCII), so ``prÃªt.`` is the word ``prÃªt``
_WORD = regex.compile(r"""[^\s!"'(),.:;?\[\]]+(?:[!"'(),.:;?\[\]]+[^\s!"'(),.:;?\[\]]+)*""", regex.V1)


class Mojibake(SegmentRule):
    """Text decoded with the wrong character encoding (mojibake: ``CafÃ©``, ``donâ€™t``).

    Uses ftfy's detector (``ftfy.badness.is_bad``), which recognises the character sequences that
    UTF-8 read as Windows-1252 or Latin-1 (and similar mix-ups) produce, and reports each damaged word
    with ftfy's repair of the encoding as the suggested fix (``ftfy.fix_encoding``: the text as it was
    written, curly quotes and full-width forms kept). Correct text in any script, including accented Latin,
    Cyrillic, Arabic and CJK, is not reported. Words the source has too are skipped.
    Category ``fluency/character-encoding`` (MQM-Core).

    Why it matters: mojibake is unreadable and shows the text went through a broken conversion; the
    same damage is usually elsewhere in the file too.

    Example:
        Bad: ``Le cafÃ© est prÃªt.``
        Good: ``Le café est prêt.``

    Options: none.
    """

    meta = RuleMeta(
        code="QA330",
        name="mojibake",
        category="fluency/character-encoding",
        severity=Severity.MAJOR,
        summary="Mojibake: text decoded with the wrong encoding (CafÃ©, donâ€™t), found with ftfy.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        text = segment.prose
        if text.isascii():
            return
        import ftfy
        from ftfy.badness import is_bad

        if not is_bad(text):
            return
        source = segment.source or ""
        for m in _WORD.finditer(text):
            word = m.group(0)
            if word.isascii() or word in source or not is_bad(word):
                continue
            fixed = ftfy.fix_encoding(word)
            shown = f" (probably '{fixed}')" if fixed != word else ""
            yield Violation(
                f"mojibake '{word}'{shown}: text decoded with the wrong character encoding",
                span=Span(m.start(), m.end()),
                data={"match": word, "repaired": fixed},
                fix=fixed if fixed != word else None,
            )


RULE = Mojibake
