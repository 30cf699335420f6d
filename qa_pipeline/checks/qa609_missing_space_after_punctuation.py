"""QA609 missing-space-after-punctuation."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from qa_pipeline.analysis.punctuation import SEPARATOR_KIND, value_list_marks
from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule
from qa_pipeline.text.scripts import UNSPACED_LANGUAGES

# ``word.Next``: a full stop, ! or ? between a lowercase word of 2+ letters and a capitalised word.
_SENTENCE = regex.compile(r"(?<=\p{Ll}\p{Ll})([.!?])(?=\p{Lu}\p{Ll})")
# ``word,word``: a comma or semicolon between two words of 2+ letters (not digits: 1,5).
_COMMA = regex.compile(r"(?<=\p{L}\p{L})([,;])(?=\p{L}\p{L})")
_ARABIC = regex.compile(r"(?<=\p{Arabic}\p{Arabic})([،؛؟.,])(?=\p{Arabic}\p{Arabic})")
_TOKEN = regex.compile(r"\S+")
# ``2015,25`` / ``vs.44`` where the source has ``2015, 25`` / ``vs. 44``: a list or sentence glued into a number.
_NUMBER_JOIN = regex.compile(r"((?<![\p{N}.,])\p{N}+|(?<![\p{L}\p{N}])\p{L}{1,4})([.,])(\p{N}+)")


class MissingSpaceAfterPunctuation(SegmentRule):
    """No space after a full stop, comma or semicolon between two words: ``end.Next``, ``one,two``.

    Why it matters: a missing space glues two sentences or list items together; spell checkers and
    screen readers then see one long word. Only scripts that separate words with spaces are checked
    (not Chinese, Japanese, Thai). Tokens that look like identifiers or file names (``index.Html``,
    a dotted name with an ``@``, ``/`` or ``_``), a pattern that the source has as well, text in
    protected spans (URLs, placeholders) and a value list that the source writes unspaced
    (``on,off,auto`` → ``activé,désactivé,auto``: software splits it on the comma) are not reported.
    With a source, a number glued to what follows where the source has a space (``2015,25 patients``
    for ``2015, 25 patients``, ``vs.44`` for ``vs. 44``) is reported in every script: it changes the
    number.

    Example:
        Bad: ``Le fichier est enregistré.Vous pouvez fermer.``
        Good: ``Le fichier est enregistré. Vous pouvez fermer.``

    Options: none.
    """

    meta = RuleMeta(
        code="QA609",
        name="missing-space-after-punctuation",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="Two words joined by punctuation without the space after it.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        text = segment.prose
        source = segment.source_prose or ""
        if source:
            for m in _NUMBER_JOIN.finditer(text):
                left, mark, right = m.groups()
                if f"{left}{mark} {right}" in source and m.group(0) not in source:
                    yield Violation(
                        f"no space after {mark!r}: the source has {left}{mark} {right}",
                        span=Span(m.start(2), m.end(2)),
                        fix=mark + " ",
                    )
        if ctx.lang in UNSPACED_LANGUAGES:
            return
        kept = value_list_marks(segment.source_prose, text)
        seen: set[int] = set()
        for pattern in (_SENTENCE, _COMMA, _ARABIC):
            for m in pattern.finditer(text):
                if m.start() in seen or SEPARATOR_KIND.get(m.group(1)) in kept:
                    continue
                seen.add(m.start())
                token = _token_at(text, m.start())
                if any(c in token for c in "@/_\\=<>{}#") or token.count(".") > 1 or token in source:
                    continue
                mark = m.group(1)
                pair = text[m.start() - 2 : m.end() + 2]
                if pair in source:
                    continue
                yield Violation(f"no space after {mark!r}", span=Span(m.start(), m.end()), fix=mark + " ")


def _token_at(text: str, i: int) -> str:
    for m in _TOKEN.finditer(text):
        if m.start() <= i < m.end():
            return m.group(0).strip(".,;:!?()[]\"'«»“”")
    return ""


RULE = MissingSpaceAfterPunctuation
