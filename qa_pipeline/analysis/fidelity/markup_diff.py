"""Compare the inline markup of a translation with its source's (see :mod:`.markup`).

Kinds of difference: ``missing`` / ``extra`` tags (by name, open/close/empty, and XLIFF id),
``renamed`` (a missing and an extra tag of the same kind in the same place: ``<b>`` → ``<strong>``,
``<g id="1">`` → ``<g id="3">``; a renamed pair reports its opening tag only), ``nesting`` (every tag
is there but they cross: ``<b><i>…</b></i>``), ``attribute`` (a tag's non-translatable attribute or
native code changed: ``href``, ``src``, ``class``; ``title``, ``alt`` and other text attributes may
change), ``link`` (a Markdown link's destination changed or is missing; its text is translatable) and
``code`` (an inline code span changed, was translated or is missing).

URLs that differ only by the language code (``/en-US/`` → ``/fr/``, ``?lang=en`` → ``?lang=fr``)
are the same: pointing the reader at the localized page is a translator's job.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from qa_pipeline.analysis.fidelity.markup import Tag, find_code_spans, find_links, find_tags, nesting_error
from qa_pipeline.model import Span

TYPOGRAPHY = frozenset({"sup", "sub", "bdi", "bdo", "wbr"})
"""Elements a translation may add for its language's typography: a superscript ordinal suffix
(French ``1<sup>er</sup>``), bidirectional isolation in right-to-left text, a line-break hint."""


@dataclass(frozen=True)
class MarkupIssue:
    kind: str
    message: str
    span: Span | None
    source: str = ""
    found: str = ""


@lru_cache(maxsize=4096)
def compare_tags(
    source: str, target: str, translatable: frozenset[str], langs: tuple[str, ...] = ()
) -> tuple[MarkupIssue, ...]:
    src, tgt = find_tags(source), find_tags(target)
    if not src and not tgt:
        return ()
    out: list[MarkupIssue] = []
    missing = _minus(src, tgt)
    extra = _minus(tgt, src)
    renamed: list[tuple[Tag, Tag]] = []
    for m in list(missing):
        partner = next((e for e in extra if e.kind == m.kind), None)
        if partner is None:
            continue
        renamed.append((m, partner))
        missing.remove(m)
        extra.remove(partner)
    opened = {(a.name, b.name) for a, b in renamed if a.kind == "open"}
    for a, b in renamed:
        if a.kind == "close" and (a.name, b.name) in opened:
            continue
        out.append(
            MarkupIssue("renamed", f"tag {_q(b.text)} is {_q(a.text)} in the source", b.span, a.text, b.text)
        )
    spans = [t.span for t in tgt]
    for tag in _elements(missing):
        broken = _unparsed(target, tag, spans)
        if broken is None:
            message = f"tag {_q(tag.text)} of the source is missing from the translation"
        else:
            spans.append(broken)
            message = f"tag {_q(tag.text)} is not well-formed in the translation: {_q(target[broken.start : broken.end])}"
        out.append(MarkupIssue("missing", message, broken, tag.text))
    for tag in _elements(extra):
        if tag.name in TYPOGRAPHY and not any(t.name == tag.name for t in src):
            continue
        out.append(MarkupIssue("extra", f"tag {_q(tag.text)} is not in the source", tag.span, "", tag.text))
    if not out and nesting_error(src) is None:
        bad = nesting_error(tgt)
        if bad is not None:
            out.append(MarkupIssue("nesting", f"{_q(bad.text)} closes a tag that is not the innermost open one: "
                                   "the tags cross", bad.span, "", bad.text))  # fmt: skip
    out += _attributes(src, tgt, translatable, langs)
    return tuple(sorted(out, key=lambda i: (i.span.start if i.span else -1, i.kind)))


def _unparsed(target: str, tag: Tag, taken: list[Span]) -> Span | None:
    """Where the target spells ``tag`` in a way that is no tag (``<a href=\\"x\\">``), if it does."""
    if tag.kind == "close":
        return None
    for m in regex.finditer(rf"<{regex.escape(tag.name)}(?=[\s/>])[^<>]*>?", target, regex.IGNORECASE):
        span = Span(m.start(), m.end())
        if not any(span.overlaps(t) for t in taken):
            return span
    return None


def _elements(tags: list[Tag]) -> list[Tag]:
    """The tags, without the closing tags of elements whose opening tag is among them."""
    opened = Counter(t.name for t in tags if t.kind == "open")
    out = []
    for tag in tags:
        if tag.kind == "close" and opened[tag.name]:
            opened[tag.name] -= 1
            continue
        out.append(tag)
    return out


def _minus(a: Sequence[Tag], b: Sequence[Tag]) -> list[Tag]:
    """Tags of ``a`` that ``b`` lacks (multiset difference, in ``a``'s order)."""
    left = Counter(t.key for t in b)
    out = []
    for tag in a:
        if left[tag.key]:
            left[tag.key] -= 1
        else:
            out.append(tag)
    return out


def _attributes(
    src: Sequence[Tag], tgt: Sequence[Tag], translatable: frozenset[str], langs: tuple[str, ...]
) -> list[MarkupIssue]:
    out = []
    pending: dict[tuple[str, str, str | None], list[Tag]] = {}
    for tag in src:
        pending.setdefault(tag.key, []).append(tag)
    for tag in tgt:
        queue = pending.get(tag.key)
        if not queue:
            continue
        s = queue.pop(0)
        before = {k: v for k, v in s.attrs if k not in translatable}
        after = {k: v for k, v in tag.attrs if k not in translatable}
        if s.content is not None or tag.content is not None:
            before["(native code)"] = s.content or ""
            after["(native code)"] = tag.content or ""
        for name in sorted(before.keys() | after.keys()):
            a, b = before.get(name), after.get(name)
            if a == b or (a is not None and b is not None and same_url(a, b, langs)):
                continue
            if b is None:
                what = f"lost its attribute {name}={_q(a or '')}"
            elif a is None:
                what = f"has an attribute the source lacks: {name}={_q(b)}"
            else:
                what = f"changed {name} from {_q(a)} to {_q(b)}"
            out.append(MarkupIssue("attribute", f"tag {_q(tag.text)} {what}", tag.span, s.text, tag.text))
            break
    return out


def same_url(a: str, b: str, langs: tuple[str, ...]) -> bool:
    """True when two URLs are the same but for language codes (``/en-US/`` and ``/fr/``), or when
    ``b`` is a page of ``a``'s site in the target language (``https://x.org/`` and
    ``https://x.org/pt_BR/master``). ``langs`` is (source language, target language), ``""`` if unknown."""
    if a == b:
        return True
    source, target = (*langs, "", "")[:2]
    codes = _codes(source) | _codes(target)
    if not codes:
        return False
    if _strip_lang(a, codes) == _strip_lang(b, codes):
        return True
    host_a, host_b = _HOST.match(a), _HOST.match(b)
    if not (host_a and host_b and host_a.group(0).lower() == host_b.group(0).lower()):
        return False
    mine = _codes(target) - _codes(source)
    return _has_lang(b[host_b.end() :], mine) and not _has_lang(a[host_a.end() :], mine)


def _codes(lang: str) -> set[str]:
    if not lang or lang == "und":
        return set()
    low = lang.lower().replace("_", "-")
    return {low, low.split("-")[0]}


def _has_lang(path: str, codes: set[str]) -> bool:
    return bool(codes) and any(_is_lang(m.group(0), codes) for m in _LANG_PART.finditer(path))


_LANG_PART = regex.compile(r"(?<=[/=._-]|^)[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?(?=[/&#?._-]|$)", regex.IGNORECASE)
_HOST = regex.compile(r"[a-z][a-z0-9+.-]*://[^/?#]+", regex.IGNORECASE)


def _strip_lang(url: str, codes: set[str]) -> str:
    return _LANG_PART.sub(lambda m: "{lang}" if _is_lang(m.group(0), codes) else m.group(0), url)


def _is_lang(part: str, codes: set[str]) -> bool:
    low = part.lower().replace("_", "-")
    return low in codes or low.split("-")[0] in codes


@lru_cache(maxsize=4096)
def compare_links(source: str, target: str, langs: tuple[str, ...] = ()) -> tuple[MarkupIssue, ...]:
    src, tgt = find_links(source), find_links(target)
    if not src:
        return ()
    out = []
    left = list(tgt)
    unmatched = []
    for link in src:
        twin = next((t for t in left if same_url(link.destination, t.destination, langs)), None)
        if twin is None:
            unmatched.append(link)
        else:
            left.remove(twin)
    for link in unmatched:
        what = "image" if link.image else "link"
        if left:
            t = left.pop(0)
            if _EXAMPLE.match(link.destination) and _HOST.match(t.destination):
                continue  # an example address (example.com) may be localized like the text around it
            out.append(MarkupIssue("link", f"{what} target {_q(t.destination)} is {_q(link.destination)} in the source",
                                   t.span, link.destination, t.destination))  # fmt: skip
            continue
        broken = regex.search(r"\]\s+\(\s*" + regex.escape(link.destination), target)
        if broken is not None:
            span = Span(broken.start(), broken.end())
            message = f"{what} to {_q(link.destination)} is no longer a link: a space between ']' and '('"
            out.append(MarkupIssue("link", message, span, link.destination))
        else:
            out.append(MarkupIssue("link", f"{what} to {_q(link.destination)} is missing from the translation",
                                   None, link.destination))  # fmt: skip
    return tuple(out)


_EXAMPLE = regex.compile(
    r"(?:[a-z][a-z0-9+.-]*://)?(?:[^/?#]*\.)?(?:example\.(?:com|net|org)|[^/?#]+\.(?:example|test|invalid)|localhost)(?:[:/?#]|$)",
    regex.IGNORECASE,
)


@lru_cache(maxsize=4096)
def compare_code(source: str, target: str) -> tuple[MarkupIssue, ...]:
    src, tgt = find_code_spans(source), find_code_spans(target)
    if not src and not tgt:
        return ()
    left = list(tgt)
    unmatched = []
    for code in src:
        twin = next((t for t in left if t.code == code.code), None)
        if twin is None:
            unmatched.append(code)
        else:
            left.remove(twin)
    out = []
    for code in unmatched:
        if left:
            t = left.pop(0)
            out.append(MarkupIssue("code", f"code {_q(t.code)} is {_q(code.code)} in the source: code is not translated",
                                   t.span, code.code, t.code))  # fmt: skip
        else:
            out.append(MarkupIssue("code", f"code {_q(code.code)} of the source is missing from the translation",
                                   None, code.code))  # fmt: skip
    for t in left:
        if src:
            out.append(MarkupIssue("code", f"code {_q(t.code)} is not in the source", t.span, "", t.code))
    return tuple(out)


def _q(text: str, limit: int = 60) -> str:
    return "'" + (text if len(text) <= limit else text[: limit - 1] + "…") + "'"
