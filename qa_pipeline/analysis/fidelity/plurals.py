"""Plural forms: which numbers each form of a language covers (CLDR rules from Babel, gettext's
``Plural-Forms`` expressions).

A form that covers one number only (English ``one``, Arabic ``zero``/``two``, Hebrew ``two``) may leave
the number out ("a year", "שנתיים"); one that covers several (Russian ``one``: 1, 21, 31…) must show it.
Numbers are tried from 0 to :data:`UPTO`, which is enough for every rule in CLDR and gettext's
catalogs to show its pattern.
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

CATEGORIES = ("zero", "one", "two", "few", "many", "other")
UPTO = 1000

_HEADER = re.compile(
    r'^msgid ""[ \t]*\r?\nmsgstr[ \t]*((?:"(?:[^"\\\n]|\\.)*"[ \t]*(?:\r?\n|$))+)', re.MULTILINE
)
_PIECE = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_FORMS = re.compile(
    r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^\n]*?)\s*;?\s*$", re.IGNORECASE | re.MULTILINE
)


@lru_cache(maxsize=256)
def _rule(lang: str, ordinal: bool) -> object | None:
    from babel import Locale, UnknownLocaleError

    if lang in ("", "und"):
        return None
    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    return locale.ordinal_form if ordinal else locale.plural_form


def known_language(lang: str) -> bool:
    return lang not in ("", "und") and _rule(lang, False) is not None


@lru_cache(maxsize=1024)
def category_integers(lang: str, category: str, ordinal: bool = False) -> tuple[int, ...]:
    """The integers 0…UPTO that ``category`` covers in ``lang`` (empty when the language is unknown)."""
    rule = _rule(lang, ordinal)
    if rule is None:
        return ()
    return tuple(n for n in range(UPTO + 1) if rule(n) == category)  # type: ignore[operator]


@lru_cache(maxsize=256)
def categories(lang: str, ordinal: bool = False) -> frozenset[str]:
    """Every category ``lang`` defines (``other`` included; empty when the language is unknown)."""
    rule = _rule(lang, ordinal)
    if rule is None:
        return frozenset()
    return frozenset({*rule.tags, "other"})  # type: ignore[attr-defined]


@lru_cache(maxsize=256)
def needed_categories(lang: str, ordinal: bool = False) -> frozenset[str]:
    """The categories some whole number selects (French ``many`` only serves millions in compact
    notation, so a French message does not need it)."""
    return frozenset(c for c in categories(lang, ordinal) if category_integers(lang, c, ordinal))


def po_plural_forms(text: str) -> tuple[int, str] | None:
    """``nplurals`` and the ``plural`` expression of a PO file's header, if it has them."""
    m = _HEADER.search(text[:50000])
    if m is None:
        return None
    header = "".join(_PIECE.findall(m.group(1))).replace("\\n", "\n")
    for line in header.split("\n"):
        if line.lower().startswith("plural-forms:"):
            forms = _FORMS.search(line.split(":", 1)[1])
            if forms:
                return int(forms.group(1)), forms.group(2).strip().rstrip(";")
    return None


@lru_cache(maxsize=256)
def po_form_integers(expression: str, index: int) -> tuple[int, ...] | None:
    """The integers 0…UPTO that form ``index`` of a gettext plural expression covers (None when the
    expression is not valid)."""
    try:
        formula = gettext.c2py(expression)
        return tuple(n for n in range(UPTO + 1) if formula(n) == index)
    except (ValueError, SyntaxError, RecursionError, ZeroDivisionError, TypeError):
        return None
