"""QA607 french-punctuation-spacing."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from qa_pipeline.analysis.punctuation import french_spacing
from qa_pipeline.model import PROTECTED_CHAR, Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule

_SPACES = " \u00a0\u202f\u2009\u2007"
# A mark glued to the word before it, followed by a space, the end, a quote or a bracket.
_GLUED = regex.compile(r"(?<=[\p{L}\p{N}»”\"')\]%])([?!:;])(?=[\s\"'”»)\]]|$)")
_OPEN_GUILLEMET = regex.compile(r"«(?=[\p{L}\p{N}])")
_CLOSE_GUILLEMET = regex.compile(r"(?<=[\p{L}\p{N}.!?…])»")
# Text between quotation marks (any pair, straight or typographic, and backquotes).
_QUOTED = regex.compile(
    r"«([^«»\n]+)»|“([^“”\n]+)”|„([^„“”\n]+)[“”]|\"([^\"\n]+)\"|‘([^‘’\n]+)’|`+([^`\n]+)`+"
)
# What makes a token code rather than prose: punctuation inside it, a digit, a capital after a letter.
_CODE_CHAR = regex.compile(r"[-_./:=@#<>\[\]{}()\\%+]|\p{N}|\p{Ll}\p{Lu}")


class FrenchPunctuationSpacing(SegmentRule):
    """French spacing: a (narrow) no-break space is missing before ``? ! : ;`` or inside ``« »``.

    Why it matters: French typography puts a space before the two-part marks and inside guillemets;
    a glued ``aider?`` or ``«Bonjour»`` is a visible defect of machine translation and of copy-paste
    from English. The convention follows the target locale: ``fr`` (France, Belgium), ``fr-CH``: before
    ``? ! : ;``; ``fr-CA``: before ``:`` only (Quebec writes ``?``, ``!`` and ``;`` without one); all:
    inside guillemets. Times and ratios (``10:30``), emoticons, marks the source glues the same way
    inside a code-like token (``[[HH:]MM:]ss``), and quoted literals copied from the source that look
    like code, a header or a value (``«X-Frame-Options»``, ``« Cache-Control: no-store »``) are
    not reported.

    Example:
        Bad: ``Comment puis-je vous aider?``
        Good: ``Comment puis-je vous aider ?`` (with U+202F NARROW NO-BREAK SPACE)

    Options: none (the convention comes from the target locale).
    """

    meta = RuleMeta(
        code="QA607",
        name="french-punctuation-spacing",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="Missing space before ? ! : ; or inside « » in French.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        conv = french_spacing(ctx.target_language)
        if conv is None:
            return
        text = segment.prose
        source = segment.source_prose
        literals = _literals(text, source)
        for m in _GLUED.finditer(text):
            mark = m.group(1)
            if mark not in conv.before:
                continue
            before = text[m.start() - 1]
            after = text[m.end()] if m.end() < len(text) else ""
            if before == PROTECTED_CHAR or (mark == ":" and after.isdigit()):
                continue
            if mark == ";" and regex.search(r"&#?\w+$", text[: m.start()]):
                continue  # an HTML entity
            if any(a <= m.start() < b for a, b in literals):
                continue  # inside a quoted literal copied from the source (« Cache-Control: no-store »)
            token = _token(text, m.start()).rstrip(".,…")
            if source is not None and token.strip("'\"«»“”‘’`") in source and _code_like(token):
                continue  # a code-like token copied from the source (``:members:``, ``[[HH:]MM:]ss``)
            yield Violation(
                f"no space before {mark!r} ({ctx.target_language} puts a narrow no-break space there)",
                span=Span(m.start() - 1, m.end()),
                fix=before + "\u202f" + mark,
            )
        if conv.guillemets:
            for m in _OPEN_GUILLEMET.finditer(text):
                if any(a == m.end() for a, _ in literals):
                    continue
                yield Violation(
                    "no space after '«'", span=Span(m.start(), m.end() + 1), fix="«\u202f" + text[m.end()]
                )
            for m in _CLOSE_GUILLEMET.finditer(text):
                if any(b == m.start() for _, b in literals):
                    continue
                yield Violation(
                    "no space before '»'",
                    span=Span(m.start() - 1, m.end()),
                    fix=text[m.start() - 1] + "\u202f»",
                )


def _token(text: str, i: int) -> str:
    start = i
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = i
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end]


def _code_like(token: str) -> bool:
    return token[:1] in ":'\"`" or any(c in token for c in "_=/[]{}<>")


def _literals(text: str, source: str | None) -> list[tuple[int, int]]:
    """Spans of quoted text that is copied verbatim from the source and looks like code, a header or a
    value (``«X-Frame-Options»``, ``“Cache-Control: no-store”``), not like prose."""
    if not source:
        return []
    out = []
    for m in _QUOTED.finditer(text):
        group = next(g for g in range(1, 7) if m.group(g) is not None)
        inner = m.group(group).strip(_SPACES)
        if inner and inner in source and _CODE_CHAR.search(inner):
            start = m.start(group) + (len(m.group(group)) - len(m.group(group).lstrip(_SPACES)))
            out.append((start, start + len(inner)))
    return out


RULE = FrenchPunctuationSpacing
