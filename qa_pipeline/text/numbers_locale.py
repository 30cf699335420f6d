"""How a locale writes numbers, from Babel's CLDR data (loaded lazily, cached per locale).

A :class:`Convention` says which characters a reader of that locale takes as the decimal mark and as
group separators. Space-like separators (U+0020, U+00A0, U+202F, U+2009) group digits in every locale
(SI style); ``٫`` is always a decimal mark and ``٬`` always a group separator (they are unambiguous).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

SPACES = frozenset(" \u00a0\u202f\u2009")
APOSTROPHES = frozenset("'’")
ARABIC_DECIMAL = "\u066b"  # ٫
ARABIC_GROUP = "\u066c"  # ٬
ARABIC_COMMA = "\u060c"  # ، (punctuation, never a number separator)


@dataclass(frozen=True)
class Convention:
    """How one locale writes numbers."""

    name: str
    decimal: str
    group: str
    indian: bool = False  # secondary grouping of 2 digits (1,00,000)
    native_digits: bool = False  # CLDR's default numbering system is not Latin
    percent_space: bool = False  # CLDR puts a no-break space before %
    percent_before: bool = False  # CLDR writes %82 (tr)
    currency_after: bool | None = None  # currency symbol after the amount (None: unknown)

    @property
    def decimals(self) -> frozenset[str]:
        return frozenset({self.decimal, ARABIC_DECIMAL})

    @property
    def groups(self) -> frozenset[str]:
        extra = APOSTROPHES if self.group in APOSTROPHES else frozenset()
        return frozenset({self.group, ARABIC_GROUP}) | SPACES | extra | frozenset("’")

    def other(self) -> Convention:
        """The convention with decimal mark and group separator the other way round."""
        return DOT if self.decimal == "," else COMMA


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
        base = code.replace("_", "-").split("-")[0]
        if base != code:
            return babel_locale_name(base)
        return None


@cache
def convention(code: str | None) -> Convention | None:
    """The CLDR convention of a language code, or None when the language is unknown."""
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
    native = (
        loc.default_numbering_system not in ("latn", None)
        if hasattr(loc, "default_numbering_system")
        else False
    )
    return Convention(
        name=name,
        decimal=decimal,
        group=group,
        indian=tuple(pattern.grouping) == (3, 2),
        native_digits=bool(native),
        percent_space="\u00a0%" in percent or " %" in percent,
        percent_before=percent.startswith("%"),
        currency_after=cur_after,
    )
