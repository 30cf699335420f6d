"""QA304 stock-photo-credit."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from qa_pipeline.analysis.junk import AMBIGUOUS_AGENCIES, CREDIT_LABELS, STOCK_AGENCIES, glued_letters_after
from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule

_WORD = r"[\p{L}\p{N}][\p{L}\p{N}\p{M}.&'’-]*"
_LEFT_COMPONENT = regex.compile(
    rf"(?:^|(?<=[\s(\[/]))({_WORD}(?:[ \t]+{_WORD}){{0,3}})[ \t]*/[ \t]*$", regex.V1
)
_RIGHT_COMPONENT = regex.compile(
    r"^[ \t]*/[ \t]*\p{Lu}[\p{L}\p{M}.&'’-]*(?:[ \t]\p{Lu}[\p{L}\p{M}.&'’-]*){0,2}", regex.V1
)
_LABEL = regex.compile(
    r"(?:(?:" + "|".join(regex.escape(lbl) for lbl in sorted(CREDIT_LABELS, key=len, reverse=True)) + r")"
    r"[ \t]*[:：][ \t]*|©[ \t]*|\([cC]\)[ \t]*)$",
    regex.IGNORECASE | regex.V1,
)


@dataclass(frozen=True)
class Options:
    agencies: tuple[str, ...] = ()
    """Extra stock-photo agency names to recognise."""


@cache
def _agency_re(extra: tuple[str, ...]) -> regex.Pattern[str]:
    names = sorted({*STOCK_AGENCIES, *extra}, key=len, reverse=True)
    body = "|".join(regex.escape(n).replace(r"\ ", r"[ \t\u00a0]+") for n in names)
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{body})", regex.IGNORECASE | regex.V1)


@cache
def _keys(extra: tuple[str, ...]) -> tuple[str, ...]:
    """The first word of every agency name, casefolded: a cheap test before the full pattern."""
    return tuple(sorted({n.split()[0].casefold() for n in (*STOCK_AGENCIES, *extra)}))


def _written_as_name(found: str, names: tuple[str, ...]) -> bool:
    """The agency name starts as the agency writes it (``Getty``, ``iStock``) or is in capitals: not
    a lowercase word that shares its letters (French ``fuseau``, English ``digital vision``)."""
    flat = " ".join(found.split())
    canonical = next((n for n in names if n.casefold() == flat.casefold()), flat)
    return flat.isupper() or flat[0].isupper() == canonical[0].isupper()


def _chain_start(text: str, start: int) -> int:
    """Extend a credit leftwards over ``Name / Name /`` components."""
    pos = start
    for _ in range(4):
        m = _LEFT_COMPONENT.search(text[:pos])
        if not m:
            break
        words = m.group(1).split()
        # drop leading prose words ("kuvassa John Smith/") when a capitalised name follows
        begin = m.start(1)
        while len(words) > 1 and words[0][0].islower():
            begin = text.index(words[1], begin + len(words[0]))
            words = words[1:]
        pos = begin
    return pos


class StockPhotoCredit(SegmentRule):
    """A stock-photo or image-agency credit copied into the text.

    Finds ``Getty Images``, ``Photodisc``, ``Digital Vision``, ``iStock``, ``Shutterstock``,
    ``Jupiterimages``, ``Creatas`` and other agency names when they form a credit: a
    ``Photographer / Collection / Getty Images`` chain, a credit label (``Photo:``, ``Kuva:``, ``©``), a
    line of its own, or a credit glued straight onto the next sentence (``Getty ImagesHyvä …``), which is
    what page extraction leaves when an image caption loses its line break. The whole credit is one
    finding. A plain mention of the company in a sentence ("Getty Images a annoncé…") is not reported,
    and neither is an ordinary word that merely contains a name: the name must start with the agency's
    own capitalisation (``fuse`` is not ``Fuse``), and letters glued after it count as a lost line
    break only when they start a new sentence, not when they continue the word (``Fuseau horaire``).
    Category ``design/leftover-boilerplate`` (documented extension).

    Why it matters: captions and credits are page furniture, not article text; glued to a paragraph
    they garble its first word and show readers that the text was scraped.

    Example:
        Bad: ``Photodisc/Getty ImagesLe service client…`` / ``Foto: Jupiterimages``
        Good: ``Getty Images a annoncé mardi un nouveau partenariat.``

    Options: ``agencies`` (list of extra agency names to recognise).
    """

    meta = RuleMeta(
        code="QA304",
        name="stock-photo-credit",
        category="design/leftover-boilerplate",
        severity=Severity.MAJOR,
        summary="A stock-photo credit line (… / Getty Images) left in the text, often glued to a paragraph.",
    )
    Options = Options

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        text = segment.prose
        options: Options = ctx.options if isinstance(ctx.options, Options) else Options()
        lowered = text.casefold()
        if not any(k in lowered for k in _keys(options.agencies)):
            return
        source = segment.source or ""
        found: list[tuple[Span, str]] = []
        names = (*STOCK_AGENCIES, *options.agencies)
        for m in _agency_re(options.agencies).finditer(text):
            if not _written_as_name(m.group(0), names):
                continue
            if text[m.end() : m.end() + 3].lstrip(" \t").startswith("/"):
                continue  # a middle component: the chain's last agency reports it
            start = _chain_start(text, m.start())
            right = _RIGHT_COMPONENT.match(text[m.end() :])
            end = m.end() + (right.end() if right else 0)
            chained = start < m.start() or right is not None
            label = _LABEL.search(text[:start])
            if label:
                start = label.start()
            glued_end = glued_letters_after(text, end)
            # a lost line break leaves the next paragraph's capital (``ImagesLe``) or an uncased script;
            # lowercase letters continue the same word (``Fuse`` + ``au``)
            glued = glued_end > end and not text[end].islower()
            alone = not text[:start].strip(" \t([-–—") and not text[end:].strip(" \t.)]")
            name = " ".join(m.group(0).split())
            if name.casefold() in {a.casefold() for a in AMBIGUOUS_AGENCIES} and not (chained or glued):
                continue
            if not (chained or glued or alone or label):
                continue
            if m.group(0) in source:
                continue  # the source credits the agency too: content, not a leftover
            span = Span(start, end)
            if any(span.overlaps(s) for s, _ in found):
                continue
            if glued:
                where = "the paragraph start" if not text[:start].strip() else "the following text"
                why = f"stock-photo credit glued to {where} ('{text[end:glued_end]}') without a line break"
            elif alone:
                why = "stock-photo credit line left in the text (an image caption, not content)"
            else:
                why = "stock-photo credit left in the text (an image caption, not content)"
            found.append((span, f"{why}: '{text[start:end]}'"))
        for span, message in found:
            yield Violation(message, span=span, data={"match": text[span.start : span.end]})


RULE = StockPhotoCredit
