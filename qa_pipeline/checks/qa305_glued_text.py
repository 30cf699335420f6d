"""QA305 glued-text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, partial

import regex

from qa_pipeline.analysis.junk import CAMEL_CASE_NAMES, GLUE_PHRASES, STOCK_AGENCIES, is_document_text
from qa_pipeline.model import PROTECTED_CHAR, Document, Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule
from qa_pipeline.text.scripts import script_of

# Words of the cased scripts, split where the script changes ("JavaScript를" -> "JavaScript").
_TOKEN = regex.compile(
    r"(?:\p{Latin}|\p{M})+|(?:\p{Cyrillic}|\p{M})+|(?:\p{Greek}|\p{M})+|(?:\p{Armenian}|\p{M})+", regex.V1
)
_CAMEL = regex.compile(r"\p{L}*\p{Ll}\p{Lu}\p{L}*", regex.V1)
_ANY_JOIN = regex.compile(r"(?<=\p{Ll})\p{Lu}", regex.V1)
_SOURCE_JOIN = regex.compile(r"(?<=\p{Ll}{3})\p{Lu}", regex.V1)
_JOIN = regex.compile(r"(?<=\p{Ll}{3})\p{Lu}(?=\p{Ll})", regex.V1)
_CODEISH = frozenset("0123456789_./\\@#$%&=<>[]{}|~^`" + PROTECTED_CHAR)


@dataclass(frozen=True)
class Options:
    names: tuple[str, ...] = ()
    """Extra camel-case names (``PayScale``) that are not glued text."""


@cache
def _names(extra: tuple[str, ...]) -> frozenset[str]:
    return frozenset(n.casefold() for n in (*CAMEL_CASE_NAMES, *extra))


@cache
def _junk_glue() -> regex.Pattern[str]:
    body = "|".join(
        regex.escape(p).replace(r"\ ", r"[ \t]+") for p in sorted(GLUE_PHRASES, key=len, reverse=True)
    )
    return regex.compile(
        rf"(?<![\p{{L}}\]])(?P<junk>{body})(?P<rest>(?-i:\p{{Lu}})\p{{L}}*)", regex.IGNORECASE | regex.V1
    )


def _is_name(word: str, names: frozenset[str]) -> bool:
    """A known name, or a known name with an inflection ("JavaScriptet", "PowerPointissa")."""
    return word in names or any(word.startswith(n) for n in names if len(n) >= 5)


@cache
def _camel_prefixes(source: str) -> frozenset[str]:
    return frozenset(m.group(0)[:3].casefold() for m in _CAMEL.finditer(source))


@cache
def _has_join_cached(source: str, names: frozenset[str]) -> bool:
    for tok in _TOKEN.finditer(source):
        word = tok.group(0)
        if _SOURCE_JOIN.search(word) and not _is_name(word.casefold(), names):
            return True
    return False


def _has_join(source: str, names: frozenset[str]) -> bool:
    return _has_join_cached(source, names)


@cache
def _source_joins(source: str) -> tuple[tuple[int, int, str], ...]:
    out = []
    for tok in _TOKEN.finditer(source):
        word = tok.group(0)
        for j in _ANY_JOIN.finditer(word):
            out.append((j.start(), len(word) - j.start(), script_of(word[0]) or ""))
    return tuple(out)


def _transliterated(word: str, source: str) -> bool:
    """The source has a camel-case word of about the same shape in another script."""
    j = _ANY_JOIN.search(word)
    if j is None:
        return False
    left, right, script = j.start(), len(word) - j.start(), script_of(word[0]) or ""
    return any(
        s != script and abs(sl - left) <= 1 and abs(sr - right) <= 2 for sl, sr, s in _source_joins(source)
    )


def _token_counts(doc: Document) -> Counter[str]:
    counts: Counter[str] = Counter()
    for seg in doc.segments:
        counts.update(m.group(0) for m in _TOKEN.finditer(seg.prose))
    return counts


class GluedText(SegmentRule):
    """Two pieces of text stuck together without a space or line break.

    Finds a lower-to-upper case join inside one word (``AcmeLukeminen``, ``ventesLes``) and a
    known boilerplate phrase immediately followed by a capitalised word (``Read moreThe``): what page
    extraction leaves when a heading, caption or widget loses the line break before the next paragraph.
    Not reported: brand and product names written in camel case (iPhone, PayScale, McDonald, YouTube,
    JavaScript, WordPress…, also inflected, like ``JavaScriptet``; any name the source has too, even
    misspelt, or that the document repeats), identifiers
    (words touching digits, ``_``, ``.`` or code, or with several case joins), words whose lower-case
    run before the join is shorter than three letters (``eBay``, ``McDonald``), lower-case-initial
    words in software strings (``maxWidth``), scripts without case, and — in bilingual files — every
    case join when the source has no glued word itself (the target's join is then a transliterated
    name such as ``АкваДтрим``; extraction glue reaches the target through the source). Credits glued after an agency
    name are QA304's; CMS errors glued to a word are QA301's.

    Why it matters: the glued word is garbled for readers and for every later process (search,
    spell-check, translation memory), and the heading it swallowed is lost.

    Example:
        Bad: ``Écouter les clientsLes bons agents savent…``
        Good: ``Écouter les clients. Les bons agents savent…`` / ``Il utilise PayScale et JavaScript.``

    Options: ``names`` (list of extra camel-case names that are not glued text).
    """

    meta = RuleMeta(
        code="QA305",
        name="glued-text",
        category="design/layout",
        severity=Severity.MAJOR,
        summary="Text glued together without a space or line break (clientsLes bons agents).",
    )
    Options = Options

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        text = segment.prose
        options: Options = ctx.options if isinstance(ctx.options, Options) else Options()
        names = _names(options.names)
        source = segment.source or ""
        taken: list[Span] = []
        for m in _junk_glue().finditer(text):
            if m.group("junk").casefold() == "not found" and regex.search(r"\]\s*$", text[: m.start()]):
                continue
            span = Span(m.start(), m.end())
            taken.append(span)
            yield Violation(
                f"boilerplate '{m.group('junk')}' glued to '{m.group('rest')}' without a space or line break",
                span=span,
                data={"left": m.group("junk"), "right": m.group("rest")},
                fix=f"{m.group('junk')} {m.group('rest')}",
            )
        if segment.source is not None and not _has_join(segment.source, names):
            return  # the source has no glued words: a case join in the target is a name (АкваДтрим)
        counts: Counter[str] | None = None
        for tok in _TOKEN.finditer(text):
            word = tok.group(0)
            joins = list(_JOIN.finditer(word))
            if (
                len(joins) != 1
                or len(_ANY_JOIN.findall(word)) != 1
                or word in source
                or _is_name(word.casefold(), names)
            ):
                continue
            if source and word[:3].casefold() in _camel_prefixes(source):
                continue  # an inflected or misspelt copy of a camel-case name of the source
            if source and _transliterated(word, source):
                continue  # "АкваДтрим" for the source's "AquaDtrim"
            before = text[tok.start() - 1] if tok.start() else " "
            after = text[tok.end()] if tok.end() < len(text) else " "
            if before in _CODEISH or after in _CODEISH:
                continue
            if word[0].islower() and not is_document_text(segment):
                continue
            span = Span(tok.start(), tok.end())
            if any(span.overlaps(t) for t in taken):
                continue
            left, right = word[: joins[0].start()], word[joins[0].start() :]
            if any(text[: tok.start() + len(left)].casefold().endswith(a.casefold()) for a in STOCK_AGENCIES):
                continue
            if counts is None:
                doc = ctx.document
                counts = ctx.resources.get(f"QA305:{id(doc)}:{doc.path}", partial(_token_counts, doc))
            if counts[word] > 1:
                continue
            yield Violation(
                f"'{left}' and '{right}' glued together without a space or line break "
                "(a heading or line stuck to the next one)",
                span=span,
                data={"left": left, "right": right},
                fix=f"{left} {right}",
            )


RULE = GluedText
