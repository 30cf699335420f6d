"""What the source-fidelity rules (QA8xx) share: which syntaxes a segment's strings use, the other
forms of a plural message, and one placeholder comparison per segment.

Not a rule module (rule modules are ``qaNNN_*.py``): the glue between the configuration, the document
and the analyses in :mod:`qa_pipeline.analysis.fidelity.placeholders`, :mod:`~qa_pipeline.analysis.fidelity.icu` and
:mod:`~qa_pipeline.analysis.fidelity.markup`.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping
from pathlib import Path

from qa_pipeline.analysis.fidelity.icu_diff import IcuIssue, compare_icu
from qa_pipeline.analysis.fidelity.markup import TRANSLATABLE_ATTRIBUTES
from qa_pipeline.analysis.fidelity.markup_diff import MarkupIssue, compare_code, compare_links, compare_tags
from qa_pipeline.analysis.fidelity.placeholder_diff import PlaceholderIssue, compare
from qa_pipeline.analysis.fidelity.placeholders import PlaceholderOptions, syntaxes_for
from qa_pipeline.analysis.fidelity.plurals import (
    CATEGORIES,
    category_integers,
    po_form_integers,
    po_plural_forms,
)
from qa_pipeline.model import Document, Segment, SegmentKind
from qa_pipeline.ruleapi import Context

SOFTWARE_KINDS = frozenset({SegmentKind.UNIT, SegmentKind.PLURAL})
_PLURAL_ID = re.compile(r"^(.*?)(?:\[[^\[\]]*\]|[_./](?:zero|one|two|few|many|other|plural))$")
_CATEGORY_ID = re.compile(r"(?:\[|[_./])(zero|one|two|few|many|other)\]?$")
_FORMAT_FLAG = re.compile(r"^(?:no-)?[a-z0-9-]+-format$")


def configured_formats(ctx: Context) -> tuple[str, ...] | None:
    """The `placeholder-formats` of the document's path (the first matching glob), if any."""
    settings = getattr(ctx.resources, "settings", None)
    table: Mapping[str, tuple[str, ...]] = getattr(settings, "placeholder_formats", None) or {}
    if not table:
        return None
    path = ctx.document.path
    root = getattr(settings, "root", Path.cwd())
    try:
        rel = Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        rel = Path(path).as_posix()
    for pattern, flags in table.items():
        if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
            return flags
    return None


def has_format_flag(segment: Segment) -> bool:
    return any(_FORMAT_FLAG.match(f) for f in segment.flags)


def segment_syntaxes(segment: Segment, ctx: Context) -> tuple[frozenset[str], bool]:
    """The segment's placeholder syntaxes and whether they were inferred (read strictly): those its
    flags or `placeholder-formats` declare, else those the source or the translation unambiguously use.

    Software strings only (units of PO, XLIFF, JSON… files), or any segment with format flags: in
    documents ``{name}`` and ``50%`` are text.
    """
    configured = configured_formats(ctx)
    if configured is None and segment.kind not in SOFTWARE_KINDS and not has_format_flag(segment):
        return frozenset(), True
    opts = ctx.family_options if isinstance(ctx.family_options, PlaceholderOptions) else PlaceholderOptions()
    source = segment.source or ""
    declared = syntaxes_for(segment.flags, source, configured, infer=False)
    if declared or configured is not None:
        return declared, False
    # inferred from both sides: "Static files" translated "Statische Dateien %s" has a placeholder
    # the program never fills, though the source has none to infer a syntax from
    return syntaxes_for(segment.flags, f"{source}\n{segment.target}", None, infer=opts.infer), True


def plural_group(segment: Segment) -> str | None:
    """The id shared by the forms of a plural message (``msg[0]``/``msg[1]``, ``files_one``…)."""
    if segment.kind is not SegmentKind.PLURAL:
        return None
    m = _PLURAL_ID.match(segment.id)
    return m.group(1) if m else None


def plural_groups(document: Document) -> dict[str, tuple[str, ...]]:
    """The sources of each plural message's forms (PO ``msgid`` and ``msgid_plural``, the source's
    ``one`` and ``other``), by :func:`plural_group`: a form may follow any of them (a Russian ``one``
    form keeps the ``%d`` of the plural source; a French one may drop it like the English singular)."""
    groups: dict[str, list[str]] = {}
    for seg in document.segments:
        group = plural_group(seg)
        if group is None or seg.source is None:
            continue
        found = groups.setdefault(group, [])
        if seg.source not in found:
            found.append(seg.source)
    return {k: tuple(v) for k, v in groups.items()}


def form_integers(segment: Segment, ctx: Context) -> tuple[int, ...] | None:
    """The whole numbers a plural form is used for (None when unknown): by the PO file's
    ``Plural-Forms``, or by the CLDR category in the form's id (``files_one``, ``files[few]``)."""
    if segment.kind is not SegmentKind.PLURAL:
        return None
    if ctx.document.format == "po":
        forms = po_plural_forms(ctx.document.text)
        if forms is None or segment.plural_index is None:
            return None
        return po_form_integers(forms[1], segment.plural_index)
    m = _CATEGORY_ID.search(segment.id)
    if m is not None and m.group(1) == "zero":
        return (0,)  # Rails, i18next and Android use a "zero" form for 0 even where CLDR has none
    if m is None or m.group(1) not in CATEGORIES or ctx.lang == "und":
        return None
    return category_integers(ctx.lang, m.group(1)) or None


class PlaceholderMixin:
    """One comparison per segment for QA801–QA806 (each keeps the issues of its kind)."""

    _groups: tuple[Document, dict[str, tuple[str, ...]]] | None = None

    def alternatives(self, segment: Segment, ctx: Context) -> tuple[str, ...]:
        group = plural_group(segment)
        if group is None:
            return ()
        if self._groups is None or self._groups[0] is not ctx.document:
            self._groups = (ctx.document, plural_groups(ctx.document))
        return self._groups[1].get(group, ())

    def issues(self, segment: Segment, ctx: Context) -> tuple[PlaceholderIssue, ...]:
        if segment.source is None or not segment.target.strip():
            return ()
        syntaxes, strict = segment_syntaxes(segment, ctx)
        syntaxes = syntaxes - {"icu"}
        if not syntaxes:
            return ()
        alternatives = self.alternatives(segment, ctx)
        found = compare(segment.source, segment.target, syntaxes, strict, alternatives)
        if segment.kind is SegmentKind.PLURAL:
            if len(alternatives) < 2:
                # a lone plural form (a language with one form) may follow a source form we cannot see
                found = tuple(i for i in found if i.kind != "extra")
            numbers = form_integers(segment, ctx)
            if numbers is not None and len(numbers) <= 1:
                # a form for one number may say it in words ("a year", "שנתיים"), as msgfmt allows
                found = tuple(i for i in found if i.kind != "missing")
        return found


def quoted(text: str, limit: int = 40) -> str:
    """``'text'`` for a message, shortened."""
    return "'" + (text if len(text) <= limit else text[: limit - 1] + "…") + "'"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class IcuMixin:
    """One ICU comparison per segment for QA811–QA818 (each keeps the issues of its kind)."""

    def icu_issues(self, segment: Segment, ctx: Context) -> tuple[IcuIssue, ...]:
        if segment.source is None or not segment.target.strip():
            return ()
        syntaxes, _ = segment_syntaxes(segment, ctx)
        if "icu" not in syntaxes:
            return ()
        lang = (ctx.target_language or ctx.lang or "und").replace("_", "-")
        return compare_icu(segment.source, segment.target, lang if lang != "und" else "und")


class MarkupMixin:
    """Markup comparisons for QA821–QA827. Plain-text documents are left to QA302 leaked-html: a tag
    there is leaked markup, not markup to keep."""

    def markup_applies(self, segment: Segment, ctx: Context) -> bool:
        plain = ctx.document.format == "text" and segment.kind not in SOFTWARE_KINDS
        return segment.source is not None and bool(segment.target.strip()) and not plain

    def langs(self, ctx: Context) -> tuple[str, ...]:
        return (ctx.source_language or "", ctx.target_language or "")

    def tag_issues(
        self, segment: Segment, ctx: Context, translatable: tuple[str, ...] = TRANSLATABLE_ATTRIBUTES
    ) -> tuple[MarkupIssue, ...]:
        if not self.markup_applies(segment, ctx):
            return ()
        assert segment.source is not None
        return compare_tags(segment.source, segment.target, frozenset(translatable), self.langs(ctx))

    def link_issues(self, segment: Segment, ctx: Context) -> tuple[MarkupIssue, ...]:
        if not self.markup_applies(segment, ctx):
            return ()
        assert segment.source is not None
        return compare_links(segment.source, segment.target, self.langs(ctx))

    def code_issues(self, segment: Segment, ctx: Context) -> tuple[MarkupIssue, ...]:
        """Markdown documents only: elsewhere a backtick is often a quotation mark (```name'``)."""
        if ctx.document.format != "markdown" or not self.markup_applies(segment, ctx):
            return ()
        assert segment.source is not None
        return compare_code(segment.source, segment.target)
