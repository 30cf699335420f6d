"""Length limits of a unit: the ones its file declares, measured the way the file means them.

XLIFF 1.2 declares ``maxwidth`` in a ``size-unit`` (``char``, ``byte``; the default, ``pixel``, and
the other display units need the font and are not measured) and ``maxbytes``; XLIFF 2.0 declares
``slr:sizeRestriction`` (code points, the module's default profile) and ``slr:storageRestriction``
(bytes of UTF-8). Readers pass them as segment flags (``maxwidth:40``). Android ``strings.xml`` and
Apple ``.strings``/``.stringsdict`` carry no length limit (``NSStringVariableWidthRuleType`` chooses
among variants, it does not cap them): use the configured limit of QA861 for those.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    """A limit of ``value`` ``unit`` (``chars`` or ``bytes``), declared as ``name``."""

    name: str
    value: int
    unit: str


def measure(text: str, unit: str) -> int:
    return len(text.encode("utf-8")) if unit == "bytes" else len(text)


def declared(flags: Iterable[str]) -> list[Limit]:
    """The measurable limits among a segment's flags."""
    table = dict(f.split(":", 1) for f in flags if ":" in f)
    out = []

    def number(name: str) -> int | None:
        raw = table.get(name, "").strip()
        return int(raw) if raw.isdigit() and int(raw) > 0 else None

    width = number("maxwidth")
    unit = table.get("size-unit", "pixel").strip().lower()
    if width is not None and unit in ("char", "byte"):
        out.append(Limit("maxwidth", width, "chars" if unit == "char" else "bytes"))
    for name, unit_name in (
        ("maxbytes", "bytes"),
        ("sizeRestriction", "chars"),
        ("storageRestriction", "bytes"),
    ):
        value = number(name)
        if value is not None:
            out.append(Limit(name, value, unit_name))
    return out


def cut_at(text: str, limit: int, unit: str) -> int:
    """The offset of the first character past the limit."""
    if unit != "bytes":
        return min(limit, len(text))
    used = 0
    for i, ch in enumerate(text):
        used += len(ch.encode("utf-8"))
        if used > limit:
            return i
    return len(text)
