"""How a locale writes numbers, from Babel's CLDR data (loaded lazily, cached per locale).

A :class:`Convention` says which characters a reader of that locale takes as the decimal mark and as
group separators. Every symbol CLDR gives *any* locale is known (:func:`separators`): the group
symbols that are never a decimal mark anywhere (apostrophe, the spaces, ``٬``, ``⹁``) group digits
in every locale; the decimal symbols that are never a group separator (``٫``) are decimal marks in
every locale; ``.`` and ``,`` (and U+060C, a group separator in ks and a decimal mark in ur) are
read the locale's way. A writer types a CLDR space as any space and an apostrophe as either ``'`` or
``’``: those typographic variants are accepted wherever CLDR's symbol is.
"""

from __future__ import annotations

import contextlib
import json
import unicodedata
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from qa_pipeline.language import Language

SPACES = frozenset(" \u00a0\u202f\u2009\u2007")  # how writers type a CLDR space separator
APOSTROPHES = frozenset("'’")  # how writers type CLDR's apostrophe separator (de-CH 1'000, 1’000)
ARABIC_DECIMAL = "\u066b"  # ٫
ARABIC_GROUP = "\u066c"  # ٬
ARABIC_COMMA = "\u060c"  # ، (punctuation in most locales; a separator only where CLDR says so)
FULLWIDTH_DOT = "．"
_TABLE = Path(__file__).resolve().parent.parent / "data" / "number-separators.json"


def variants(symbol: str) -> frozenset[str]:
    """``symbol`` and the characters writers type for it (any space for a space, ``'`` for ``’``)."""
    if symbol in SPACES or unicodedata.category(symbol) == "Zs":
        return SPACES | {symbol}
    if symbol in APOSTROPHES:
        return APOSTROPHES
    return frozenset({symbol})


@dataclass(frozen=True)
class Separators:
    """Every group and decimal symbol CLDR gives any locale, in any numbering system."""

    groups: frozenset[str]
    decimals: frozenset[str]

    @cached_property
    def all(self) -> frozenset[str]:
        """Every character that may separate digit groups, with typographic variants."""
        return frozenset(v for s in self.groups | self.decimals for v in variants(s)) | {FULLWIDTH_DOT}

    @cached_property
    def joining(self) -> str:
        """The non-space separators, sorted (for a regex character class)."""
        return "".join(sorted(self.all - SPACES))

    @cached_property
    def always_group(self) -> frozenset[str]:
        """Group symbols no locale uses as a decimal mark (with variants): they group everywhere."""
        return frozenset(v for s in self.groups - self.decimals for v in variants(s))

    @cached_property
    def always_decimal(self) -> frozenset[str]:
        """Decimal symbols no locale uses as a group separator: decimal marks everywhere."""
        return self.decimals - self.groups


def scan_babel() -> Separators:
    """Read every locale's number symbols from the installed Babel (about a second: all locales)."""
    from babel import localedata

    groups: set[str] = set()
    decimals: set[str] = set()
    for name in ["root", *localedata.locale_identifiers()]:
        data = localedata.load(name, merge_inherited=False)
        for symbols in data.get("number_symbols", {}).values():
            if symbols.get("group"):
                groups.add(symbols["group"])
            if symbols.get("decimal"):
                decimals.add(symbols["decimal"])
    return Separators(frozenset(groups), frozenset(decimals))


def table_json(seps: Separators) -> str:
    """The checked-in table's text for ``seps`` (see :func:`separators`)."""
    import babel

    doc = {
        "babel": babel.__version__,
        "groups": sorted(seps.groups),
        "decimals": sorted(seps.decimals),
    }
    return json.dumps(doc, ensure_ascii=True, indent=1) + "\n"


@cache
def separators() -> Separators:
    """Every separator CLDR gives any locale, for the installed Babel.

    Scanning all of Babel's locales takes about a second, so the result for one Babel version is kept
    in ``analysis/data/number-separators.json`` (regenerate: ``python -m qa_pipeline.analysis.numbers.locale``);
    with any other Babel version the locales are scanned once per process.
    """
    import babel

    table = json.loads(_TABLE.read_text(encoding="utf-8"))
    if table.get("babel") == babel.__version__:
        return Separators(frozenset(table["groups"]), frozenset(table["decimals"]))
    return scan_babel()


@dataclass(frozen=True)
class Convention:
    """How one locale writes numbers."""

    name: str
    decimal: str
    group: str
    indian: bool = False  # secondary grouping of 2 digits (1,00,000)
    grouping: tuple[int, int] = (3, 3)  # CLDR's primary and secondary group sizes (tok: 2, 2)
    native_digits: bool = False  # CLDR's default numbering system is not Latin
    percent_space: bool = False  # CLDR puts a no-break space before %
    percent_before: bool = False  # CLDR writes %82 (tr)
    currency_after: bool | None = None  # currency symbol after the amount (None: unknown)
    native: tuple[str, str] | None = field(default=None, compare=False)  # (decimal, group) of native digits

    @cached_property
    def decimals(self) -> frozenset[str]:
        out = {self.decimal} | separators().always_decimal
        if self.native and self.native[0] not in variants(self.group):
            out.add(self.native[0])
        return frozenset(out)

    @cached_property
    def groups(self) -> frozenset[str]:
        out = set(variants(self.group) | separators().always_group)
        if self.native and self.native[1] != self.decimal:
            out |= variants(self.native[1])
        return frozenset(out - {self.decimal})

    def other(self) -> Convention:
        """The convention with decimal mark and group separator the other way round."""
        return DOT if self.decimal != "." else COMMA


DOT = Convention("dot", ".", ",")
COMMA = Convention("comma", ",", ".")


def babel_locale_name(code: str) -> str | None:
    """``pt-BR`` -> ``pt_BR`` if Babel knows it (or its language), else None."""
    from babel import Locale, UnknownLocaleError

    if not code or code == "und":
        return None
    try:
        return str(Locale.parse(code.replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        base = Language.parse(code).base
        if base != code:
            return babel_locale_name(base)
        return None


def _native_symbols(name: str, latn: tuple[str, str]) -> tuple[str, str] | None:
    """(decimal, group) of the locale's default or native numbering system, when not Latin digits."""
    from babel import Locale, numbers

    loc = Locale.parse(name)
    systems = []
    with contextlib.suppress(KeyError):
        systems.append(loc.default_numbering_system)
    systems.append(loc.other_numbering_systems.get("native", "latn"))
    for system in systems:
        if system in (None, "latn"):
            continue
        try:
            pair = (
                numbers.get_decimal_symbol(name, numbering_system=system),
                numbers.get_group_symbol(name, numbering_system=system),
            )
        except numbers.UnsupportedNumberingSystemError:
            continue
        if pair != latn:
            return pair
    return None


@cache
def convention(code: str | None) -> Convention | None:
    """The CLDR convention of a language or locale code (``hr``, ``de-CH``), or None when unknown."""
    if not code:
        return None
    name = babel_locale_name(code)
    if name is None:
        return None
    from babel import Locale, numbers

    loc = Locale.parse(name)
    decimal = numbers.get_decimal_symbol(name)
    group = numbers.get_group_symbol(name)
    pattern = loc.decimal_formats[None]
    percent = loc.percent_formats[None].pattern.split(";")[0]
    cur = loc.currency_formats["standard"].pattern.split(";")[0].strip("\u200e\u200f\u061c")
    cur_after = cur.index("¤") > cur.index("#") if "¤" in cur and "#" in cur else None
    try:
        native = loc.default_numbering_system not in ("latn", None)
    except KeyError:
        native = False
    return Convention(
        name=name,
        decimal=decimal,
        group=group,
        indian=tuple(pattern.grouping) == (3, 2),
        grouping=(pattern.grouping[0], pattern.grouping[1]) if max(pattern.grouping) < 10 else (3, 3),
        native_digits=bool(native),
        percent_space="\u00a0%" in percent or " %" in percent,
        percent_before=percent.startswith("%"),
        currency_after=cur_after,
        native=_native_symbols(name, (decimal, group)),
    )


if __name__ == "__main__":
    _TABLE.write_text(table_json(scan_babel()), encoding="utf-8")
    print(f"wrote {_TABLE}")
