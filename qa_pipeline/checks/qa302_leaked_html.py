"""QA302 leaked-html."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule

# Escaped twice: "&amp;nbsp;" is wrong in every format, Markdown included.
_DOUBLE = regex.compile(r"&amp;(?:[A-Za-z][A-Za-z0-9]{1,30}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_ENTITY = regex.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,30}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_TAG_NAMES = (
    "a|abbr|article|aside|b|blockquote|body|br|button|caption|center|cite|code|dd|del|div|dl|dt|em|"
    "figcaption|figure|font|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|ins|label|li|link|"
    "main|mark|meta|nav|noscript|ol|option|p|picture|pre|q|s|script|section|select|small|source|span|"
    "strong|style|sub|sup|svg|table|tbody|td|textarea|tfoot|th|thead|title|tr|u|ul|video|wbr"
)
_TAG = regex.compile(rf"</?(?:{_TAG_NAMES})(?:\s[^<>]{{0,200}})?/?>", regex.IGNORECASE)


class LeakedHtml(SegmentRule):
    """HTML tags or character entities leaked into plain text.

    In a plain-text document ``&nbsp;``, ``&amp;``, ``&#8217;``, ``<br>`` or ``</p>`` are markup that
    page extraction failed to render; readers see the code. In Markdown, inline HTML and entities are
    legitimate and only double-escaped entities (``&amp;nbsp;``) are reported. PO and XLIFF units protect
    their tags and entities, so only a double-escaped entity is reported there. A match the source has
    too is not reported. Category ``design/leftover-markup`` (documented extension).

    Why it matters: raw markup in published text looks broken and is a sure sign of a faulty
    extraction or a double escape in the publishing pipeline.

    Example:
        Bad: ``Prix&nbsp;: 25 €<br>`` in a .txt file; ``Tom &amp;amp; Jerry`` anywhere
        Good: ``Prix : 25 €``; ``Tom & Jerry``

    Options: none.
    """

    meta = RuleMeta(
        code="QA302",
        name="leaked-html",
        category="design/leftover-markup",
        severity=Severity.MAJOR,
        summary="HTML tags or entities (&nbsp;, <br>) leaked into plain text, or entities escaped twice.",
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        text = segment.prose
        source = segment.source or ""
        taken: list[Span] = []
        # readers protect the outer "&amp;" as an entity: look at the target, but not inside code or URLs
        for m in _DOUBLE.finditer(segment.target):
            if m.group(0) in source or any(
                p.start <= m.start() and m.end() <= p.end for p in segment.protected
            ):
                continue
            taken.append(Span(m.start(), m.end()))
            yield Violation(
                f"entity escaped twice '{m.group(0)}': readers see the code instead of the character",
                span=taken[-1],
                data={"match": m.group(0), "kind": "double-escaped"},
            )
        if ctx.document.format != "text":
            return
        for pattern, what in ((_ENTITY, "HTML entity"), (_TAG, "HTML tag")):
            for m in pattern.finditer(text):
                span = Span(m.start(), m.end())
                if m.group(0) in source or any(span.overlaps(t) for t in taken):
                    continue
                taken.append(span)
                yield Violation(
                    f"{what} '{m.group(0)}' leaked into plain text (markup the extraction did not render)",
                    span=span,
                    data={"match": m.group(0), "kind": what.split()[-1].lower()},
                )


RULE = LeakedHtml
