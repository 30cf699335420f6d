"""Inline markup of a string: HTML/XML tags, XLIFF inline elements, Markdown links and code spans.

:func:`find_tags` reads tags as a translator sees them in the text. A ``<word>`` counts as a tag
when its name is an HTML element or an XLIFF inline element (``g x bx ex ph bpt ept it mrk sub pc sc
ec sm em cp``), or when it is plainly markup: it has attributes with values, closes itself
(``<br/>``), is a closing tag, or is closed later in the same string (Format.js ``<link>…</link>``).
A lone ``<file>`` or ``<original entry>`` in a command's help text is a metavariable, not a tag.

Names may be in any script (``<코드>`` is a translated ``<code>``), attribute names must be names
(``<a rel="x" …>`` in prose is a mention, not a tag).

XLIFF inline elements are identified by their ``id`` (``rid``, ``startRef``, ``mid``); the native
code inside ``<ph>``, ``<bpt>``, ``<ept>``, ``<it>`` is their content and must not change.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from qa_pipeline.model import Span

XLIFF_INLINE = frozenset(
    {"g", "x", "bx", "ex", "ph", "bpt", "ept", "it", "mrk", "sub", "pc", "sc", "ec", "sm", "em", "cp"}
)
NATIVE_CODE = frozenset({"ph", "bpt", "ept", "it"})
HTML_ELEMENTS = frozenset(
    [
        "a",
        "abbr",
        "acronym",
        "address",
        "area",
        "article",
        "aside",
        "audio",
        "b",
        "bdi",
        "bdo",
        "big",
        "blockquote",
        "body",
        "br",
        "button",
        "canvas",
        "caption",
        "center",
        "cite",
        "code",
        "col",
        "colgroup",
        "data",
        "datalist",
        "dd",
        "del",
        "details",
        "dfn",
        "dialog",
        "div",
        "dl",
        "dt",
        "em",
        "embed",
        "fieldset",
        "figcaption",
        "figure",
        "font",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "i",
        "iframe",
        "img",
        "input",
        "ins",
        "kbd",
        "label",
        "legend",
        "li",
        "link",
        "main",
        "map",
        "mark",
        "menu",
        "meta",
        "meter",
        "nav",
        "noscript",
        "object",
        "ol",
        "optgroup",
        "option",
        "output",
        "p",
        "param",
        "picture",
        "pre",
        "progress",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "samp",
        "script",
        "section",
        "select",
        "small",
        "source",
        "span",
        "strike",
        "strong",
        "style",
        "sub",
        "summary",
        "sup",
        "svg",
        "table",
        "tbody",
        "td",
        "template",
        "textarea",
        "tfoot",
        "th",
        "thead",
        "time",
        "title",
        "tr",
        "track",
        "tt",
        "u",
        "ul",
        "var",
        "video",
        "wbr",
    ]
)
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
TRANSLATABLE_ATTRIBUTES = (
    "title",
    "alt",
    "aria-label",
    "aria-description",
    "aria-placeholder",
    "aria-roledescription",
    "aria-valuetext",
    "placeholder",
    "label",
    "summary",
    "abbr",
    "value",
    "content",
    "equiv-text",
    "disp",
    "dispStart",
    "dispEnd",
    "equivStart",
    "equivEnd",
)
"""Attributes whose value is text for the reader (W3C ITS defaults for HTML, XLIFF display hints)."""

_TAG = regex.compile(
    r"""<(?P<close>/?)(?P<name>\p{L}[\w.:-]*)
    (?P<attrs>(?:\s+[\p{L}_:@][\w:.@-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)
    \s*(?P<empty>/?)>""",
    regex.VERBOSE,
)
_ATTR = regex.compile(r"""([\p{L}_:@][\w:.@-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_VALUED = regex.compile(r"=")
_IDS = ("id", "rid", "startRef", "mid")


@dataclass(frozen=True)
class Tag:
    """One tag: ``kind`` is ``open``, ``close`` or ``empty`` (self-closing or void)."""

    name: str
    kind: str
    attrs: tuple[tuple[str, str], ...]
    span: Span
    text: str
    ident: str | None = None
    content: str | None = None  # native code inside <ph>, <bpt>, <ept>, <it>

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.name, self.kind, self.ident)

    @property
    def local(self) -> str:
        return self.name.rsplit(":", 1)[-1]


_SAME = {"strong": "b", "em": "i"}  # they render alike: a translation may use either


def _norm_name(name: str) -> str:
    low = name.lower()
    return _SAME.get(low, low) if low in HTML_ELEMENTS else name


def find_tags(text: str) -> tuple[Tag, ...]:
    """The tags of ``text``, left to right (see the module docstring for what counts)."""
    if "<" not in text:
        return ()
    raw = list(_TAG.finditer(text))
    closers = {m.group("name").lower() for m in raw if m.group("close")}
    out: list[Tag] = []
    skip_until = -1
    for m in raw:
        if m.start() < skip_until:
            continue
        name, attrs_text = m.group("name"), m.group("attrs")
        closing, empty = bool(m.group("close")), bool(m.group("empty"))
        local = name.rsplit(":", 1)[-1]
        known = name.lower() in HTML_ELEMENTS or local in XLIFF_INLINE
        # <original entry>, <file name>: words in angle brackets, unless the markup is plain
        if not (known or _VALUED.search(attrs_text) or empty or closing or name.lower() in closers):
            continue
        attrs = tuple((a.group(1), _value(a)) for a in _ATTR.finditer(attrs_text))
        void = (
            name.lower() in VOID and name.lower() not in closers
        )  # Format.js <link>…</link> is no HTML link
        kind = "close" if closing else "empty" if empty or void else "open"
        ident = (
            next((v for k, v in attrs if k in _IDS), None) if local in XLIFF_INLINE or ":" in name else None
        )
        content = None
        if local in NATIVE_CODE and kind == "open":
            end = text.find(f"</{name}>", m.end())
            if end >= 0:
                content = text[m.end() : end]
                skip_until = end
        norm = name if ident is not None else _norm_name(name)
        out.append(Tag(norm, kind, attrs, Span(m.start(), m.end()), m.group(0), ident, content))
    return tuple(out)


def _value(m: regex.Match[str]) -> str:
    for g in (2, 3, 4):
        if m.group(g) is not None:
            return str(m.group(g))
    return ""


def nesting_error(tags: tuple[Tag, ...]) -> Tag | None:
    """The first closing tag that does not close the innermost open tag (``<b><i></b></i>``)."""
    stack: list[str] = []
    for tag in tags:
        if tag.kind == "open":
            stack.append(tag.name)
        elif tag.kind == "close":
            if not stack:
                return tag
            if stack[-1] != tag.name:
                return tag if tag.name in stack else None
            stack.pop()
    return None


@dataclass(frozen=True)
class Link:
    """A Markdown link or image: ``[text](destination "title")``."""

    text: str
    destination: str
    span: Span  # the destination's span
    image: bool


_LINK = regex.compile(
    r"""(?P<bang>!?)\[(?P<text>(?:[^\[\]\\\n]|\\.|\[[^\[\]\n]*\])*)\]
    \(\s*(?P<dest><[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+)(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)""",
    regex.VERBOSE,
)
_CODE = regex.compile(r"(?<!`)(?P<ticks>`+)(?!`)(?P<code>.+?)(?<!`)(?P=ticks)(?!`)", regex.DOTALL)


def find_links(text: str) -> tuple[Link, ...]:
    if "](" not in text:
        return ()
    out = []
    for m in _LINK.finditer(text):
        dest = m.group("dest")
        start = m.start("dest")
        if dest.startswith("<") and dest.endswith(">"):
            dest, start = dest[1:-1], start + 1
        out.append(Link(m.group("text"), dest, Span(start, start + len(dest)), bool(m.group("bang"))))
    return tuple(out)


@dataclass(frozen=True)
class CodeSpan:
    code: str  # the content, one leading and trailing space stripped as CommonMark does
    span: Span


def find_code_spans(text: str) -> tuple[CodeSpan, ...]:
    if "`" not in text:
        return ()
    out = []
    for m in _CODE.finditer(text):
        code = m.group("code")
        if len(code) > 2 and code[0] == " " and code[-1] == " " and code.strip():
            code = code[1:-1]
        out.append(CodeSpan(code, Span(m.start(), m.end())))
    return tuple(out)
