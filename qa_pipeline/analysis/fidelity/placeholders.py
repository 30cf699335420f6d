"""Placeholders of software strings, by syntax: which syntaxes a string uses and where they are.

A *syntax* is one family of placeholders with one meaning of "the same placeholder":

=========== ================================================= =========================================
syntax      placeholders                                      identity
=========== ================================================= =========================================
``printf``  ``%s %5.2f %lld %@ %1$s %#@var@`` (``%%`` is text)  position (``%1$s``) or order, and type
``python``  ``%s %(name)s %r`` (Python's ``%`` operator)        name, or order and type
``brace``   ``{0} {name} {0:N2} {}`` (``{{``/``}}`` are text)   name or index (``{}``: order)
``qt``      ``%1 %L2`` (``%n`` with qt-plural-format)           index
``ruby``    ``%{name} %<name>s``                               name
``i18next`` ``{{name}} {{- name}} {{name, format}} $t(key)``   name (``$t``: key)
``vue``     ``{name} {0} @:key @.lower:key``                   name or index, link key
``template````${name}`` (``$name`` with sh-format)              name
``chrome``  ``$NAME$ $1``                                     name (case-insensitive) or index
``icu``     ICU MessageFormat: parsed by :mod:`.icu`, not here
=========== ================================================= =========================================

Which syntaxes a string uses comes, in this order, from the configuration (``placeholder-formats``),
the string's format flags (gettext's ``c-format``, ``python-format``…; readers of other formats set the
same flags) or, when no flag names a syntax, the source text: a syntax is inferred only when the
source contains a placeholder of it that cannot be ordinary text (``%s`` and ``%1$@`` yes, ``50% off``
no). Inferred printf placeholders are read strictly (no space flag, a short list of conversions);
declared ones by the full grammar, so that ``100% sure`` in a ``c-format`` string is the conversion
``% s`` it is at run time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import regex

from qa_pipeline.model import Span

SYNTAXES = ("printf", "python", "brace", "qt", "ruby", "i18next", "vue", "template", "chrome", "icu")

FLAG_SYNTAXES: Mapping[str, tuple[str, ...]] = {
    "c-format": ("printf",),
    "objc-format": ("printf",),
    "php-format": ("printf",),
    "perl-format": ("printf",),
    "java-printf-format": ("printf",),
    "javascript-format": ("printf",),
    "lua-format": ("printf",),
    "gcc-internal-format": ("printf",),
    "gfc-internal-format": ("printf",),
    "object-pascal-format": ("printf",),
    "awk-format": ("printf",),
    "tcl-format": ("printf",),
    "python-format": ("python",),
    "python-brace-format": ("brace",),
    "csharp-format": ("brace",),
    "java-format": ("brace",),
    "qt-format": ("qt",),
    "qt-plural-format": ("qt",),
    "kde-format": ("qt",),
    "ruby-format": ("ruby",),
    "i18next-format": ("i18next",),
    "vue-format": ("vue",),
    "sh-format": ("template",),
    "chrome-format": ("chrome",),
    "icu-format": ("icu",),
}
"""Format flags (gettext's names, also set by the JSON, YAML, Android and Apple readers) and the
syntaxes they declare. ``no-<name>-format`` declares that a string is *not* in that syntax."""

# printf conversions and what kind of argument each takes: a change of kind is a type change
_KINDS = {
    **dict.fromkeys("diouxXDOU", "integer"),
    **dict.fromkeys("eEfFgGaA", "float"),
    **dict.fromkeys("sS", "string"),
    "@": "object",
    "c": "character",
    "C": "character",
    "p": "pointer",
    "n": "count",
    "r": "string",  # Python repr
}
_LENGTHS = {"hh": "char", "h": "short", "l": "long", "ll": "long long", "q": "long long", "L": "long double"}

_PRINTF_FULL = r"""
    %(?:(?P<pos>[1-9][0-9]*)\$)?
    (?P<flags>[-+\ 0\#',]*)
    (?:[1-9][0-9]*|\*(?:[1-9][0-9]*\$)?)?
    (?:\.(?:[0-9]*|\*(?:[1-9][0-9]*\$)?))?
    (?P<len>hh|h|ll|l|q|L|j|z|t|I64|I32)?
    (?P<conv>[diouxXDOUeEfFgGaAcCsSpn@])
"""
# inferred printf: no space flag, common conversions only ("50% off" is not "% o")
_PRINTF_STRICT = r"""
    %(?:(?P<pos>[1-9][0-9]*)\$)?
    (?P<flags>[-+0\#]?)
    (?:[1-9][0-9]*)?
    (?:\.[0-9]+)?
    (?P<len>hh|h|ll|l|q|z|j|t)?
    (?P<conv>[sdiufxXeEgGc@])
"""
_PYTHON = r"""
    %(?:\((?P<name>[^()]*)\))?
    (?P<flags>[-+\ 0\#]*)
    (?:[0-9]+|\*)?
    (?:\.(?:[0-9]+|\*))?
    (?P<len>[hlL])?
    (?P<conv>[diouxXeEfFgGcrsa])
"""
_PYTHON_STRICT = r"""
    %(?:\((?P<name>[A-Za-z_][\w.]*)\)(?P<flags>[-+\ 0\#]*)[0-9]*(?:\.[0-9]+)?(?P<conv>[diouxXeEfFgGcrsa])
      |(?P<flags2>[-+0\#]?)(?:[1-9][0-9]*)?(?:\.[0-9]+)?(?P<conv2>[sdirfx]))
"""
_BRACE = r"""
    \{(?P<key>[0-9]+|[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*|\[[^\]{}]*\])*)?
      (?:![rsa])?(?:,\s*-?[0-9]+)?(?::[^{}]*(?:\{[^{}]*\}[^{}]*)*)?\}
"""
_BRACE_STRICT = r"""
    (?<![{$%])\{(?P<key>[0-9]+|[A-Za-z_][\w.]*)(?:[,:!][^{}]*)?\}(?!\})
"""
_PATTERNS: Mapping[str, str] = {
    "escape-percent": r"%%",
    "escape-brace": r"\{\{|\}\}",
    "printf": r"%\#@(?P<var>[A-Za-z_]\w*)@|" + _PRINTF_FULL,
    "printf-strict": r"%\#@(?P<var>[A-Za-z_]\w*)@|" + _PRINTF_STRICT,
    "python": _PYTHON,
    "python-strict": _PYTHON_STRICT,
    "brace": _BRACE,
    "brace-strict": _BRACE_STRICT,
    "qt": r"%L?(?P<key>[1-9][0-9]?)(?![0-9])|%n",
    "qt-strict": r"(?<![\w%])%L?(?P<key>[1-9][0-9]?)(?![\w$%])",
    "ruby": r"%\{(?P<key>[A-Za-z_][\w.-]*)\}|%<(?P<key2>[A-Za-z_]\w*)>[-+\ 0\#]*[0-9]*(?:\.[0-9]+)?[A-Za-z]",
    "i18next": r"\{\{-?\s*(?P<key>[^{},\s]+)\s*(?:,[^{}]*)?\}\}|\$t\((?P<key2>[^,()\s]+)(?:,[^()]*(?:\([^()]*\)[^()]*)*)?\)",
    "vue": r"\{\s*(?P<key>[0-9]+|[A-Za-z_][\w.]*)\s*\}|@(?:\.[a-z]+)?:(?:\((?P<key2>[\w.-]+)\)|(?P<key3>[\w-]+(?:\.[\w-]+)*))",
    "template": r"\$\{(?P<key>[^{}\s]+)\}",
    "template-sh": r"\$\{(?P<key>[^{}\s]+)\}|\$(?P<key2>[A-Za-z_]\w*)",
    "chrome": r"\$(?P<key>[A-Za-z_][A-Za-z0-9_@]*)\$|\$(?P<key2>[1-9])(?![0-9])",
}
_INFER = regex.compile(
    r"(?P<printf>%%|%\#@[A-Za-z_]\w*@|" + _PRINTF_STRICT + r"(?:(?<=@)|(?![A-Za-z])))"
    r"|(?P<python>%\([A-Za-z_][\w.]*\)[-+\ 0\#]*[0-9]*(?:\.[0-9]+)?[diouxXeEfFgGcrsa])"
    r"|(?P<ruby>%\{[A-Za-z_][\w.-]*\})"
    r"|(?P<template>\$\{[A-Za-z_][\w.]*\})"
    r"|(?P<i18next>\{\{-?\s*[A-Za-z_$][\w.$-]*\s*(?:,[^{}]*)?\}\}|\$t\([\w.:-]+[,)])"
    r"|(?P<icu>\{\s*[^\s{},]+\s*,\s*(?:plural|select|selectordinal|number|date|time|spellout|ordinal|duration)\s*[,}])"
    r"|(?P<brace>" + _BRACE_STRICT + r")"
    r"|(?P<qt>(?<![\w%])%L?[1-9][0-9]?(?![\w$%]))",
    regex.VERBOSE,
)


@dataclass(frozen=True)
class Placeholder:
    """One placeholder: its ``syntax``, where it is, and what identifies it.

    ``key`` is the name or the index the program fills it by; ``ordinal`` placeholders (``%s``, ``{}``)
    have no key and are filled in order (their ``key`` is their 1-based rank). ``type`` is the kind of
    argument a printf conversion takes (``integer``, ``string``, ``object``…, with a length modifier
    such as ``long integer``), empty for other syntaxes.
    """

    syntax: str
    text: str
    span: Span
    key: str
    ordinal: bool = False
    type: str = ""

    @property
    def identity(self) -> tuple[str, str]:
        return (self.family, self.key)

    @property
    def family(self) -> str:
        """Syntaxes whose placeholders fill from the same arguments (printf ``%1$s`` and ``%s``)."""
        return "printf" if self.syntax in ("printf", "python") else self.syntax


def syntaxes_for(
    flags: Iterable[str], source: str, configured: tuple[str, ...] | None = None, infer: bool = True
) -> frozenset[str]:
    """The syntaxes of a string: the configured format flags, else its own flags, else (when ``infer``)
    those its source unambiguously uses. ``no-X-format`` flags remove X."""
    declared, refused = _from_flags(configured if configured is not None else flags)
    if configured is not None:
        return declared
    if declared:
        return declared
    if not infer:
        return frozenset()
    return infer_syntaxes(source) - refused


def _from_flags(flags: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    declared: set[str] = set()
    refused: set[str] = set()
    for flag in flags:
        if flag.startswith("no-") and flag[3:] in FLAG_SYNTAXES:
            refused.update(FLAG_SYNTAXES[flag[3:]])
        elif flag in FLAG_SYNTAXES:
            declared.update(FLAG_SYNTAXES[flag])
    if refused & {"printf", "python"}:
        refused |= {"printf", "python"}  # one family: "no-python-format" is no printf string either
    return frozenset(declared), frozenset(refused)


@lru_cache(maxsize=8192)
def infer_syntaxes(source: str) -> frozenset[str]:
    """Syntaxes of which ``source`` contains a placeholder that cannot be ordinary text."""
    found: set[str] = set()
    for m in _INFER.finditer(source):
        kind = m.lastgroup
        if kind and m.group(0) != "%%":
            found.add(kind)
    if "icu" in found:
        found.discard("brace")  # {name} is an ICU argument there
    return frozenset(found)


def _flags_of(syntaxes: frozenset[str], strict: bool, sh: bool) -> list[str]:
    order = []
    if "printf" in syntaxes or "python" in syntaxes:
        order.append("escape-percent")
    for name in ("ruby", "i18next", "template", "chrome"):
        if name in syntaxes:
            order.append("template-sh" if name == "template" and sh else name)
    if "python" in syntaxes:
        order.append("python-strict" if strict else "python")
    if "printf" in syntaxes:
        order.append("printf-strict" if strict else "printf")
    if "qt" in syntaxes:
        order.append("qt-strict" if strict else "qt")
    if "brace" in syntaxes:
        if not strict and "i18next" not in syntaxes:
            order.append("escape-brace")
        order.append("brace-strict" if strict else "brace")
    if "vue" in syntaxes:
        order.append("vue")
    return order


def find_placeholders(
    text: str, syntaxes: frozenset[str], strict: bool = True, sh: bool = False
) -> tuple[Placeholder, ...]:
    """The placeholders of ``text`` in ``syntaxes`` (``icu`` is left to :mod:`.icu`), left to right.
    ``strict`` reads printf and braces conservatively (for inferred syntaxes)."""
    return _find(text, syntaxes, strict, sh)


@lru_cache(maxsize=16384)
def _find(text: str, syntaxes: frozenset[str], strict: bool, sh: bool) -> tuple[Placeholder, ...]:
    parts = tuple(_flags_of(syntaxes, strict, sh))
    if not parts or not any(c in text for c in "%{$@"):
        return ()
    out: list[Placeholder] = []
    ordinal = {"printf": 0, "brace": 0}
    for m in _scan_parts(parts).finditer(text):
        part = m.lastgroup or ""
        name = part.split("__", 1)[0]
        if name.startswith("escape"):
            continue
        prefix = name + "__"
        g = {k[len(prefix) :]: v for k, v in m.groupdict().items() if v is not None and k.startswith(prefix)}
        syntax = name.replace("_", "-").removesuffix("-strict")
        ph = _placeholder(syntax, m.group(0), Span(m.start(), m.end()), g, ordinal)
        if ph is not None:
            out.append(ph)
    return tuple(out)


@lru_cache(maxsize=512)
def _scan_parts(parts: tuple[str, ...]) -> regex.Pattern[str]:
    pieces = []
    for p in parts:
        prefix = p.replace("-", "_")
        body = regex.sub(r"\(\?P<(\w+)>", lambda m, pre=prefix: f"(?P<{pre}__{m.group(1)}>", _PATTERNS[p])  # type: ignore[misc]
        pieces.append(f"(?P<{prefix}>{body})")
    return regex.compile("|".join(pieces), regex.VERBOSE)


def _placeholder(
    syntax: str, text: str, span: Span, g: Mapping[str, str], ordinal: dict[str, int]
) -> Placeholder | None:
    if syntax in ("printf", "python"):
        if g.get("var"):
            return Placeholder("printf", text, span, g["var"])
        conv = g.get("conv") or g.get("conv2") or ""
        kind = _KINDS.get(conv, conv)
        if syntax == "python" and conv == "a":
            kind = "string"
        length = _LENGTHS.get(g.get("len") or "")
        type_ = f"{length} {kind}" if length and kind in ("integer", "float") else kind
        if g.get("name") is not None:
            return Placeholder(syntax, text, span, g["name"], type=type_)
        if g.get("pos"):
            return Placeholder(syntax, text, span, g["pos"], type=type_)
        ordinal["printf"] += 1
        return Placeholder(syntax, text, span, str(ordinal["printf"]), ordinal=True, type=type_)
    if syntax == "qt" and text == "%n":
        return Placeholder("qt", text, span, "n")
    key = g.get("key") or g.get("key2") or g.get("key3")
    if syntax == "template-sh":
        syntax = "template"
    if syntax == "brace" and key is None:
        ordinal["brace"] += 1
        return Placeholder(syntax, text, span, str(ordinal["brace"] - 1), ordinal=True)
    if key is None:
        return None
    if syntax == "chrome":
        key = key.lower()
    if syntax == "i18next" and text.startswith("$t("):
        return Placeholder(syntax, text, span, "$t:" + key)
    if syntax == "vue" and text.startswith("@"):
        return Placeholder(syntax, text, span, "@:" + key)
    return Placeholder(syntax, text, span, key)


_LOOSE = regex.compile(
    r"""
    [%$]?\{{1,2}\s*-?\s*(?P<a>[\w.\-]+)\s*(?:[,:!][^{}]{0,40})?\}{0,2}   # {name} {{ name }} %{name} ${ name
    | %\s*\(\s*(?P<b>\w+)\s*\)(?:\s*[A-Za-z])?                          # % (name) s
    | %\s*<\s*(?P<c>\w+)\s*>                                           # % <name>
    | \$\s*(?P<d>[A-Za-z_]\w*)\s*\$                                    # $ NAME $
    """,
    regex.VERBOSE,
)


def loose_placeholders(text: str) -> list[tuple[str, Span]]:
    """Placeholder-like shapes that a translator may have damaged (``{ name }``, ``%(name) s``,
    ``{{name}``): their name and span. Used to tell a damaged placeholder from a missing one."""
    out = []
    for m in _LOOSE.finditer(text):
        name = m.group("a") or m.group("b") or m.group("c") or m.group("d")
        if name:
            out.append((name, Span(m.start(), m.end())))
    return out


@dataclass(frozen=True)
class PlaceholderOptions:
    """How QA801–QA818 decide which placeholder syntaxes a string uses: the `[rules.placeholders]`
    family settings."""

    infer: bool = True
    """Infer the syntaxes of a string without format flags from placeholders its source
    unambiguously uses (``%s``, ``{name}``, ``{{name}}``, ``%{name}``, ``${name}``, ``{n, plural, …}``).
    Off: only format flags and `placeholder-formats` say."""
