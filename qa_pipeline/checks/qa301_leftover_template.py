"""QA301 leftover-template."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from qa_pipeline.analysis.junk import cms_errors, glued_letters_after, is_document_text
from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule

_TEMPLATE = regex.compile(
    r"""
      (?P<mustache>\{\{\{?[^{}\n]{1,80}\}\}\}?)              # {{ title }} (Mustache, Jinja, Liquid)
    | (?P<block>\{%-?[^%\n]{1,80}-?%\})                      # {% if x %}
    | (?P<percent>%%[A-Za-z_][\w.-]{0,40}%%)                 # %%NAME%%
    | (?P<dollar>\$\{[^}\s]{1,40}\})                         # ${name}
    | (?P<smarty>\{\$[A-Za-z_][\w.\[\]'"-]{0,40}\})          # {$name}
    | (?P<hash>\#\{[A-Za-z_][\w.]{0,40}\})                   # #{name}
    | (?P<dunder>(?<![\w])__[A-Z][A-Z0-9_]{2,30}__(?![\w]))  # __TITLE__
    | (?P<object>\[object\ [A-Z][A-Za-z]{1,30}\])            # [object Object]
    """,
    regex.VERBOSE | regex.V1,
)
_UNDEFINED = regex.compile(r"(?<![\p{L}\p{N}_$.-])(?P<word>undefined|NaN|null)(?![\p{L}\p{N}_(-])", regex.V1)
_NEAR_NUMBER = regex.compile(r"(?:[\p{Sc}%#]\s?$)|(?:^\s?(?:[\p{Sc}%]|\p{N}))", regex.V1)

_WHAT = {
    "mustache": "an unrendered template variable",
    "block": "an unrendered template tag",
    "percent": "an unreplaced %%NAME%% merge field",
    "dollar": "an unrendered ${…} variable",
    "smarty": "an unrendered {$…} template variable",
    "hash": "an unrendered #{…} interpolation",
    "dunder": "an unreplaced __NAME__ placeholder",
    "object": "a JavaScript object printed as text",
}


class LeftoverTemplate(SegmentRule):
    """Unrendered template code or a CMS error string left in published text.

    Finds what a web page's template engine or script printed instead of content: ``$config[code] not
    found``, ``{{ title }}``, ``{% if %}``, ``%%NAME%%``, ``${name}``, ``[object Object]``, and the
    script values ``undefined`` / ``NaN`` / ``null`` where prose (or a price, a percentage) was expected.
    In PO and XLIFF units placeholders are legitimate and are never reported (they are protected); in
    plain-text and Markdown documents they are leftovers. A match that the source has too is not reported.
    Category ``design/leftover-markup`` is a documented extension of MQM (leftover markup from the
    publishing pipeline).

    Why it matters: readers see broken code where content should be; it shows the page was published
    from a broken template or a failed extraction, and machine translation passes it through untouched.

    Example:
        Bad: ``$config[code] not found`` / ``Bonjour {{ first_name }},`` / ``Prix : NaN €``
        Good: ``Bonjour Marie,`` / ``Prix : 25 €``

    Options: none.
    """

    meta = RuleMeta(
        code="QA301",
        name="leftover-template",
        category="design/leftover-markup",
        severity=Severity.MAJOR,
        summary="Unrendered template code or a CMS error string ($config[code] not found, {{ title }}, NaN).",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        text = segment.prose
        source = segment.source or ""
        taken: list[Span] = []
        for m in cms_errors(text):
            if m.group(0) in source:
                continue
            span = Span(m.start(), m.end())
            glued_end = glued_letters_after(text, m.end())
            why = "a CMS variable the page template could not resolve"
            if glued_end > m.end():
                why += f", glued to the following '{text[m.end() : glued_end]}' without a line break"
            taken.append(span)
            yield Violation(f"template leftover '{m.group(0)}': {why}", span=span, data={"match": m.group(0)})
        for m in _TEMPLATE.finditer(text):
            span = Span(m.start(), m.end())
            if m.group(0) in source or any(span.overlaps(t) for t in taken):
                continue
            kind = m.lastgroup or "mustache"
            taken.append(span)
            yield Violation(
                f"template leftover '{m.group(0)}': {_WHAT[kind]} in published text",
                span=span,
                data={"match": m.group(0), "kind": kind},
            )
        if is_document_text(segment):
            yield from self._script_values(text, source, ctx, taken)

    def _script_values(self, text: str, source: str, ctx: Context, taken: list[Span]) -> Iterator[Violation]:
        for m in _UNDEFINED.finditer(text):
            word = m.group("word")
            span = Span(m.start(), m.end())
            if word in source or any(span.overlaps(t) for t in taken):
                continue
            before, after = text[: m.start()], text[m.end() :]
            alone = not before.strip(" \t:–—-") and not after.strip(" \t.:!?")
            by_number = bool(_NEAR_NUMBER.search(before[-3:]) or _NEAR_NUMBER.search(after[:3]))
            labelled = bool(regex.search(r"[:=]\s*$", before)) and not after.strip(" \t.")
            foreign = ctx.lang not in ("en", "und") and word != "null"
            if word == "null" and not (alone or labelled):
                continue
            if not (alone or by_number or labelled or foreign):
                continue
            yield Violation(
                f"script value '{word}' printed where content was expected (a value the page script failed to fill)",
                span=span,
                data={"match": word, "kind": "script-value"},
            )


RULE = LeftoverTemplate
