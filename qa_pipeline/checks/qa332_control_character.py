"""QA332 control-character."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule

# C0 and C1 controls except tab, line feed and carriage return; DEL; BOM inside text; noncharacters.
_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "BACKSPACE",
    0x0B: "VERTICAL TAB",
    0x0C: "FORM FEED",
    0x1B: "ESC",
    0x7F: "DEL",
    0x85: "NEXT LINE",
    0xFEFF: "BYTE ORDER MARK",
    0xFFFE: "NONCHARACTER",
    0xFFFF: "NONCHARACTER",
}
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]+")


def _name(char: str) -> str:
    """A name for the message; Unicode gives control characters none (only aliases)."""
    code = ord(char)
    return _NAMES.get(code) or ("C1 CONTROL" if 0x80 <= code <= 0x9F else "C0 CONTROL")


class ControlCharacter(SegmentRule):
    """Stray control characters in the text (NUL, ESC, form feed, C1 controls, a BOM inside text).

    Tabs and line breaks are fine; every other C0/C1 control character, DEL, a byte-order mark in the
    middle of the text and the noncharacters U+FFFE/U+FFFF are invisible debris of a conversion or a
    copy from a terminal or PDF. Each run is one finding, naming the characters (C0 and C1 controls
    without a common name are named by their block). Not reported when the
    source has the same characters. Category ``fluency/character-encoding``.

    Why it matters: control characters are invisible to translators but break XML files, search,
    rendering and downstream tools; some are invalid in XLIFF altogether.

    Example:
        Bad: ``Ouvrir\\x1b le fichier`` (an ESC character), ``Seite\\x0c2``
        Good: ``Ouvrir le fichier``

    Options: none.
    """

    meta = RuleMeta(
        code="QA332",
        name="control-character",
        category="fluency/character-encoding",
        severity=Severity.MINOR,
        summary="Stray control characters (NUL, ESC, C1 controls, a BOM inside the text).",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        source = segment.source or ""
        for m in _CONTROL.finditer(segment.target):
            if m.group(0) in source:
                continue
            names = sorted({f"U+{ord(c):04X} {_name(c)}" for c in m.group(0)})
            yield Violation(
                f"stray control character{'s' if len(m.group(0)) > 1 else ''} {', '.join(names)}",
                span=Span(m.start(), m.end()),
                data={"characters": [f"U+{ord(c):04X}" for c in m.group(0)]},
                fix="",
            )


RULE = ControlCharacter
