"""Keyboard accelerators in UI strings: ``&File`` (KDE, Qt, Windows, Mozilla), ``_File`` (GNOME, GTK),
``~File`` (LibreOffice).

A marker followed by a letter or digit marks the accelerator key; a doubled marker (``&&``) is a
literal character. Which marker a file uses comes from configuration, from a PO header
``X-Accelerator-Marker`` (KDE's convention), or from the file itself: the marker that starts a word in
at least :data:`MIN_SHARE` of its short source strings (menu items and buttons carry one each), which
sets GNOME and KDE catalogs apart from documentation that writes ``snake_case`` or ``Q&A``.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from qa_pipeline.model import PROTECTED_CHAR, Document

MARKERS = "&_~"
MIN_SHARE = 0.03
MIN_UNITS = 3
_HEADER = regex.compile(r"X-Accelerator-Marker:[ \t]*([^\s\\\"]+)", regex.IGNORECASE)
_IDENTIFIER = regex.compile(r"[a-z0-9]+(?:_[a-z0-9]+)+")


@dataclass(frozen=True)
class Accelerator:
    """A marker at ``start`` and the key it marks (``text[start + len(marker)]``)."""

    start: int
    key: str


def find(text: str, marker: str) -> tuple[list[Accelerator], list[int]]:
    """Accelerators of ``text`` (prose: protected characters blanked) and markers that mark something
    other than a letter or digit (``& ``, ``&.``) — not counting doubled, escaped markers. With ``_``,
    a ``snake_case`` identifier is not an accelerator."""
    found: list[Accelerator] = []
    bad: list[int] = []
    n = len(marker)
    i = text.find(marker)
    while i >= 0:
        after = text[i + n : i + n + 1]
        if after == marker[0] and text.startswith(marker, i + n):
            i = text.find(marker, i + 2 * n)  # a doubled marker is a literal character
            continue
        if after and after.isalnum() and after != PROTECTED_CHAR:
            if not (marker == "_" and _in_identifier(text, i)):
                found.append(Accelerator(i, after))
        elif i > 0 and text[i - 1].isalnum() and after and not after.isspace() and marker != "_":
            bad.append(i)
        i = text.find(marker, i + n)
    return found, bad


def _in_identifier(text: str, i: int) -> bool:
    start = i
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    end = i + 1
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1
    return bool(_IDENTIFIER.fullmatch(text[start:end])) or text[start:i].endswith("_")


def document_markers(document: Document) -> tuple[str, ...]:
    """The accelerator markers a document uses: its PO header's, else the ones its strings show."""
    if document.format == "po":
        m = _HEADER.search(document.text, 0, 20000)
        if m is not None:
            return (m.group(1),)
    short = [s for s in document.segments if s.source is not None and len(s.source.split()) <= 6]
    out = []
    for marker in MARKERS:
        pattern = regex.compile(rf"(?<![\w{regex.escape(marker)}]){regex.escape(marker)}[^\W_]")
        count = sum(1 for s in short if len(pattern.findall(s.source_prose or "")) == 1)
        if count >= MIN_UNITS and count >= MIN_SHARE * len(short):
            out.append(marker)
    return tuple(out)
