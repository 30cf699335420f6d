"""Spans that are not prose: URLs, e-mail addresses and (in software strings) placeholders.

Readers mark them as protected so prose checks (repetition, punctuation, untranslated text) skip
them. Placeholders are protected only in software-string formats (PO, XLIFF, Apple strings, TMX,
CSV): in a published document an unrendered ``{{ title }}`` is a defect for the junk rules to find.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from qa_pipeline.model import Span

URL_RE = regex.compile(
    r"""(?:(?:https?|ftp)://|www\.)[^\s<>"'“”«»]+[^\s<>"'“”«».,;:!?)\]}]""",
    regex.IGNORECASE,
)
EMAIL_RE = regex.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?![\w-])")
PLACEHOLDER_RE = regex.compile(
    r"""
    (?(DEFINE)(?P<braces>\{(?:[^{}]++|(?&braces))*\}))
    \{\s*[A-Za-z_$][\w.$-]*\s*,\s*(?:plural|selectordinal|select)\s*,(?:[^{}]++|(?&braces))*\}         # ICU plural/select, whole
    | \$t\((?:[^()]|\([^()]*\))*\)                                                                   # i18next nesting $t(key)
    | %\{[A-Za-z_][\w.-]*\}                                                                          # Ruby/Rails %{name}
    | %<[A-Za-z_]\w*>[-+ 0#]*\d*(?:\.\d+)?[a-zA-Z]                                                     # Ruby %<name>s
    | @(?:\.[a-z]+)?:(?:\([\w.-]+\)|[\w-]+(?:\.[\w-]+)*)                                                # vue-i18n link @:key
    | \$[A-Za-z_][A-Za-z0-9_]*\$                                                                     # Chrome $NAME$
    | %(?:\d+\$)?\#@[A-Za-z_]\w*@ | %arg\b                                                            # Apple %#@var@, %arg
    | %(?:\d+\$)?[-+ 0#']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcsprn@]  # printf (and Python %r)
    | %\([A-Za-z_][\w.]*\)[-+ 0#]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]                                  # python %(name)s
    | \{\{[^{}\n]+\}\}                                                                               # {{ var }}, {{- var, number}}
    | \{[A-Za-z_$][\w.$\[\]-]*(?:,[^{}]*)?\}                                                        # {name} / ICU
    | \{\d+(?:,[^{}]*)?\}                                                                           # {0}
    | \$\{[^}\s]+\}                                                                                 # ${var}
    | %\d+                                                                                          # %1 (Qt)
    | \$\d+                                                                                         # $1
    | &[A-Za-z][A-Za-z0-9]*;                                                                        # entity
    | </?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>                                                            # tag
    """,
    regex.VERBOSE,
)


def _find(pattern: regex.Pattern[str], text: str) -> Iterator[Span]:
    for m in pattern.finditer(text):
        yield Span(m.start(), m.end())


def protected_spans(text: str, placeholders: bool = False) -> list[Span]:
    """Sorted, non-overlapping protected spans of ``text``."""
    found = [*_find(URL_RE, text), *_find(EMAIL_RE, text)]
    if placeholders:
        found.extend(_find(PLACEHOLDER_RE, text))
    return list(merge_spans(found))


def merge_spans(spans: list[Span]) -> tuple[Span, ...]:
    """The spans sorted, overlapping ones joined."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    merged: list[Span] = []
    for span in ordered:
        if merged and span.start < merged[-1].end:
            if span.end > merged[-1].end:
                merged[-1] = Span(merged[-1].start, span.end)
            continue
        merged.append(span)
    return tuple(merged)
