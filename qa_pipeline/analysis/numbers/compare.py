"""Compare the numbers of two texts (source and target, or sibling translations) as normalized values.

Matching is by value, not by spelling: ``2 000``, ``2,000``, ``2.000`` (de) and ``٢٬٠٠٠`` are equal;
order and repetition do not matter (a value mentioned twice in the source and once in the target is
not "missing"); a number spelled out as a word on one side excuses the same value in digits on the
other; dates match dates by day, month and year.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import regex

from qa_pipeline.analysis.numbers.extract import Item, NumberToken, extract, key
from qa_pipeline.analysis.numbers.locale import convention
from qa_pipeline.analysis.numbers.units import converts
from qa_pipeline.model import Segment, SegmentKind
from qa_pipeline.ruleapi import Context, Sibling

_DOT_ZERO = regex.compile(r"\d+\.0")


@dataclass(frozen=True)
class Diff:
    """What differs between the numbers of a source and a target segment."""

    missing: tuple[tuple[NumberToken, Item], ...]  # in the source, not in the target
    extra: tuple[tuple[NumberToken, Item], ...]  # in the target, not in the source
    changed: tuple[tuple[tuple[NumberToken, Item], tuple[NumberToken, Item]], ...]  # (source, target)


def matches(a: Item, b: Item) -> bool:
    """True when two items can stand for the same value."""
    if a.kind == "date" and b.kind == "date" and a.hard and b.hard:
        return bool({k for k in a.keys if k.startswith("d")} & {k for k in b.keys if k.startswith("d")})
    return bool(a.keys & b.keys)


def _unmatched(side: Sequence[NumberToken], other: Sequence[NumberToken]) -> list[tuple[NumberToken, Item]]:
    """Hard items of ``side`` that no item of ``other`` :func:`matches` (by key sets: linear time)."""
    plain: set[str] = set()  # keys of the other side's items that are not hard dates
    dates: set[str] = set()  # every key of its hard dates
    days: set[str] = set()  # the day keys (d2020-12-24) of its hard dates
    for tok in other:
        for o in tok.items:
            if o.kind == "date" and o.hard:
                dates |= o.keys
                days |= {k for k in o.keys if k.startswith("d")}
            else:
                plain |= o.keys
    out: list[tuple[NumberToken, Item]] = []
    seen: set[str] = set()
    for tok in side:
        for item in tok.items:
            if not item.hard or item.primary in seen:
                continue
            if item.kind == "date":
                found = bool(item.keys & plain) or any(k in days for k in item.keys if k.startswith("d"))
            else:
                found = bool(item.keys & plain) or bool(item.keys & dates)
            if not found:
                seen.add(item.primary)
                out.append((tok, item))
    return out


def _converted(missing: list[tuple[NumberToken, Item]], extra: list[tuple[NumberToken, Item]]) -> None:
    """Drop pairs that are one measurement in two units (``5 miles`` / ``8 km``), in place."""
    for m in list(missing):
        mtok = m[0]
        if mtok.unit is None or mtok.value is None:
            continue
        for e in extra:
            etok = e[0]
            if (
                etok.unit is not None
                and etok.value is not None
                and converts(mtok.value, mtok.unit, etok.value, etok.unit)
            ):
                missing.remove(m)
                extra.remove(e)
                break


def compare(source: Sequence[NumberToken], target: Sequence[NumberToken], conversions: bool = False) -> Diff:
    """Missing, extra and changed values; a missing and an extra value in one segment pair up as changed.

    With ``conversions``, a value converted to another unit of the same dimension is not a difference.
    """
    missing = _unmatched(source, target)
    extra = _unmatched(target, source)
    if conversions:
        _converted(missing, extra)
    n = min(len(missing), len(extra))
    changed = tuple(zip(missing[:n], extra[:n], strict=True))
    return Diff(tuple(missing[n:]), tuple(extra[n:]), changed)


def locale_code(code: str | None) -> str:
    """A language or locale code as numbers read it (``de-CH``, ``sr-Latn``), ``und`` when unknown: the
    region decides the separators (de-CH writes ``1'000.50``, de ``1.000,50``)."""
    return code.replace("_", "-") if code else "und"


def target_locale(ctx: Context) -> str:
    return locale_code(ctx.target_language)


def source_locale(ctx: Context) -> str:
    """The source's locale; English when unknown (the common case for a source that says nothing)."""
    return locale_code(ctx.source_language) if ctx.source_lang != "und" else "en"


def segment_diff(segment: Segment, ctx: Context, conversions: bool = False) -> Diff | None:
    """The number diff of a segment with its source (None when there is no source text)."""
    if not segment.source or segment.source_prose is None or not segment.target.strip():
        return None  # no source to compare with, or an empty target (QA101's business)
    src, tgt = source_locale(ctx), target_locale(ctx)
    key = ("numbers-diff", segment.source_prose, segment.prose, src, tgt, conversions)
    diff: Diff = ctx.resources.get(
        repr(key),
        lambda: compare(extract(segment.source_prose or "", src), extract(segment.prose, tgt), conversions),
    )
    return diff


@dataclass(frozen=True)
class SiblingView:
    """The numbers of one sibling's aligned segment."""

    name: str  # the sibling's language code
    tokens: tuple[NumberToken, ...]
    kind: SegmentKind = SegmentKind.PARAGRAPH

    @cached_property
    def keys(self) -> frozenset[str]:
        """Every value the sibling's numbers may stand for (lenient: words and other readings too)."""
        return frozenset(k for tok in self.tokens for item in tok.items for k in item.keys)

    @cached_property
    def written(self) -> frozenset[str]:
        """Values the sibling writes in digits, read in its own locale (strict: what it asserts)."""
        return frozenset(i.primary for tok in self.tokens for i in tok.items if i.hard and i.kind == "number")


def sibling_views(segment: Segment, siblings: Iterable[Sibling]) -> list[SiblingView]:
    """The aligned segment of each sibling, with its numbers read in the sibling's language."""
    out = []
    for sib in siblings:
        other_id = sib.alignment.get(segment.id)
        if other_id is None:
            continue
        other = sib.document.segment(other_id)
        if other is None:
            continue
        lang = locale_code(sib.document.target_language.code)
        out.append(SiblingView(lang, extract(other.prose, lang), other.kind))
    return sorted(out, key=lambda v: v.name)


@dataclass(frozen=True)
class Consensus:
    """A value most siblings have in the aligned paragraph."""

    key: str
    text: str  # how the first supporting sibling writes it
    supporters: tuple[str, ...]
    dissenters: tuple[str, ...]


def consensus(views: Sequence[SiblingView], min_support: int = 2) -> list[Consensus]:
    """Values (from digits, not words) that a strict majority of the siblings, and at least two, have."""
    if len(views) < min_support:
        return []
    candidates: dict[str, str] = {}
    for view in views:
        for tok in view.tokens:
            for item in tok.items:
                if item.hard and item.kind == "number":
                    candidates.setdefault(item.primary, tok.whole or tok.text)
    out = []
    for value in sorted(candidates):
        supporters = tuple(v.name for v in views if value in v.written)
        if len(supporters) >= min_support and 2 * len(supporters) > len(views):
            dissenters = tuple(v.name for v in views if value not in v.keys)
            out.append(Consensus(value, candidates[value], supporters, dissenters))
    return out


def _asserted(item: Item) -> frozenset[str]:
    """The values an item asserts: a number its own reading (and a time it may be), others all keys."""
    if item.kind != "number":
        return item.keys
    return frozenset({item.primary} | {k for k in item.keys if k.startswith("t")})


def reference_keys(segment: Segment, ctx: Context) -> tuple[dict[str, str], str] | None:
    """Values the segment should contain, each with who says so, and the kind of reference.

    The kind is ``"source"`` (the segment's source text) or ``"siblings"`` (values most sibling
    translations agree on); None when there is neither.
    """
    if segment.source and segment.source_prose is not None:
        toks = extract(segment.source_prose, source_locale(ctx))
        return {k: "source" for t in toks for i in t.items for k in _asserted(i)}, "source"
    if segment.source is None and ctx.siblings:
        views = [v for v in sibling_views(segment, ctx.siblings) if _compatible(v.kind, segment.kind)]
        if views:
            agreed = consensus(views)
            return {c.key: "siblings " + ", ".join(c.supporters) for c in agreed}, "siblings"
    return None


def names(values: Mapping[str, object] | Iterable[str]) -> str:
    return ", ".join(sorted(values))


def _compatible(a: SegmentKind, b: SegmentKind) -> bool:
    """A heading is only compared with a heading (titles are often shortened or reworded)."""
    return (a is SegmentKind.HEADING) == (b is SegmentKind.HEADING)


@dataclass(frozen=True)
class SiblingDiff:
    """Values most siblings have in the aligned paragraph that this translation lacks or changes."""

    missing: tuple[Consensus, ...]
    changed: tuple[tuple[Consensus, NumberToken], ...]
    siblings: int


def sibling_diff(segment: Segment, ctx: Context, min_support: int = 2) -> SiblingDiff | None:
    """Compare a segment's numbers with the consensus of its siblings (only when there is no source)."""
    if segment.source is not None or not ctx.siblings:
        return None

    def build() -> SiblingDiff | None:
        views = [v for v in sibling_views(segment, ctx.siblings) if _compatible(v.kind, segment.kind)]
        agreed = consensus(views, min_support)
        if not agreed:
            return None
        toks = extract(segment.prose, target_locale(ctx))
        own = frozenset(k for t in toks for i in t.items for k in i.keys)
        missing = [c for c in agreed if c.key not in own]
        if not missing:
            return None
        everywhere = frozenset(k for v in views for k in v.keys)
        extras = [
            t
            for t in toks
            if t.kind == "number"
            and not t.identifier
            and not any(k in everywhere for i in t.items for k in i.keys)
        ]
        n = min(len(missing), len(extras))
        changed = tuple(zip(missing[:n], extras[:n], strict=True))
        return SiblingDiff(tuple(missing[n:]), changed, len(views))

    return build()


@dataclass(frozen=True)
class FormatProblem:
    """A number written against the target locale's convention."""

    token: NumberToken
    resolved: bool  # False: an ambiguity no source or sibling could settle
    message: str


def format_problems(segment: Segment, ctx: Context) -> list[FormatProblem]:
    """Numbers of the segment that the target locale reads differently from what is meant."""
    lang = target_locale(ctx)
    if convention(lang) is None:
        return []

    def build() -> list[FormatProblem]:
        out: list[FormatProblem] = []
        ref: tuple[dict[str, str], str] | None = None
        ref_done = False
        for tok in extract(segment.prose, lang):
            if tok.kind != "number" or tok.issue is None:
                continue
            fix = tok.suggestion or ""
            if tok.issue == "arabic-comma":
                msg = f"'{tok.text}' has U+060C ARABIC COMMA between digits (a punctuation mark); write {fix}"
                out.append(FormatProblem(tok, True, msg))
                continue
            if tok.issue == "mixed-digits":
                out.append(FormatProblem(tok, True, f"'{tok.text}' mixes digits of two scripts; write {fix}"))
                continue
            if not ref_done:
                ref, ref_done = reference_keys(segment, ctx), True
            keys = ref[0] if ref else {}
            tok_keys = frozenset(k for i in tok.items for k in i.keys)
            if tok.issue == "wrong-convention":
                if tok.identifier or any(k.startswith("t") and k in keys for k in tok_keys):
                    continue
                if (
                    _DOT_ZERO.fullmatch(tok.text)
                    and segment.source_prose
                    and tok.text in segment.source_prose
                ):
                    continue  # "pre-2.0" / "antes de la 2.0": N.0 copied from the source is a version
                alt = key(tok.alt) if tok.alt is not None else tok.text
                msg = f"'{tok.text}' is written another locale's way (it means {alt}); {lang} writes {fix}"
                out.append(FormatProblem(tok, True, msg))
                continue
            if tok.value is None or tok.alt is None:
                continue
            own, alt = key(tok.value), key(tok.alt)
            if own in keys:
                continue
            if alt in keys:
                msg = f"{keys[alt]} {'have' if keys[alt].startswith('siblings') else 'has'} {alt}; "
                msg += f"'{tok.text}' reads as {own} in {lang} — write {fix}"
                out.append(FormatProblem(tok, True, msg))
            elif tok.issue == "ambiguous" and not (ref and ref[1] == "source"):
                msg = f"'{tok.text}' reads as {own} in {lang}; if {alt} is meant, write {fix}"
                out.append(FormatProblem(tok, False, msg))
        return out

    return build()
