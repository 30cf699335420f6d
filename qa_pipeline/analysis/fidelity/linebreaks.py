"""Line breaks and tabs inside a segment, compared between source and target.

Leading and trailing whitespace (line breaks included) is QA103's. Inside the text, a translation may
rewrap lines (help text wrapped at 80 columns is rewrapped for the translation's own line lengths), but
it should keep paragraph breaks (a blank line) and tabs, not add a line break to a one-line source,
and not join lines that the source breaks on purpose (after a sentence or a colon, before a list item).
A source line break inside a sentence (after a letter or comma, before a lower-case word) is wrapping
of the source file, and a target may join it.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

_PARAGRAPH = regex.compile(r"\n[ \t]*\n")
_HARD = regex.compile(
    r"(?<=[.:!?;。：！？)\]}>\uE000])[ \t]*\n|\n(?=[ \t]*(?:[-*•·]\s|\d+[.)]\s|[A-Z\p{Lu}]|\uE000|$))"
)


@dataclass(frozen=True)
class Difference:
    """What differs (``tabs``, ``paragraphs``, ``added``, ``joined``) and the target offsets to point at."""

    what: str
    source_count: int
    target_count: int
    spots: tuple[int, ...] = ()


def inner(text: str) -> tuple[str, int]:
    """The text without leading and trailing whitespace, and the offset where it starts."""
    stripped = text.lstrip()
    start = len(text) - len(stripped)
    return stripped.rstrip(), start


def compare(source: str, target: str) -> list[Difference]:
    src, _ = inner(source)
    tgt, offset = inner(target)
    out = []
    s_tabs, t_tabs = src.count("\t"), tgt.count("\t")
    if s_tabs != t_tabs:
        spots = tuple(offset + i for i, c in enumerate(tgt) if c == "\t") if t_tabs > s_tabs else ()
        out.append(Difference("tabs", s_tabs, t_tabs, spots))
    s_par, t_par = len(_PARAGRAPH.findall(src)), len(_PARAGRAPH.findall(tgt))
    if s_par != t_par:
        spots = tuple(offset + m.start() for m in _PARAGRAPH.finditer(tgt)) if t_par > s_par else ()
        out.append(Difference("paragraphs", s_par, t_par, spots))
        return out
    s_lines, t_lines = src.count("\n"), tgt.count("\n")
    if s_lines == 0 and t_lines:
        out.append(Difference("added", 0, t_lines, tuple(offset + i for i, c in enumerate(tgt) if c == "\n")))
    elif s_lines and t_lines == 0 and _HARD.search(src):
        out.append(Difference("joined", s_lines, 0))
    return out
