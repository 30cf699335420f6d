"""The untranslated analysis shared by QA401–QA404: whole-segment language, foreign runs, copied source.

One pass per segment, linear in its length: words are tokenized once, each word is classified (a
protected or allowed span, a name, a word of another script, or a word lingua must weigh), a Viterbi
pass over the weighed words finds source-language runs, and runs are checked as wholes. Look-ups that
would rescan the segment for every word (allowed spans, the source's words) go through the indexes of
:mod:`qa_pipeline.text.sequences`. Language models: :mod:`qa_pipeline.analysis.langid.detect`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import regex

from qa_pipeline.analysis.langid.detect import (
    PairDetector,
    expected_scripts,
    name_language,
    pair_detector,
    related,
)
from qa_pipeline.analysis.langid.names import (
    TITLE_JOINERS,
    allow_spans,
    function_words,
    is_capitalised,
    name_like_token,
    title_case_run,
)
from qa_pipeline.analysis.langid.tokens import (
    AMBIGUOUS,
    FOREIGN,
    NEUTRAL,
    SOURCE,
    TARGET,
    Token,
    letters,
    source_literals,
    tokenize,
)
from qa_pipeline.language import Language
from qa_pipeline.model import Segment, SegmentKind, Span
from qa_pipeline.text.sequences import SourceMatcher, SpanIndex

__all__ = ["EMPTY", "Analysis", "AnalysisOptions", "ForeignRun", "WholeSegment", "analyze", "tokenize"]

_CASED_SCRIPTS = frozenset({"Latin", "Cyrillic", "Greek", "Armenian", "Georgian"})
_EXTEND_LLR = -0.8  # a neighbour at most this target-leaning may join a source run
_EXTEND_MAX = 8  # a one-word core grows to at most this many words
# "Also in the source" compares text (``"sphinx-build genera"`` is in ``"sphinx-build generates"``) for
# sources up to this many characters, and words in order (linear in any length) for longer ones.
SOURCE_TEXT_LIMIT = 100_000
_ENGLISH_WORD = regex.compile(r"^[A-Za-z][A-Za-z'’-]*$")
_QUOTES = {'"': '"', "'": "'", "“": "”", "„": "“", "«": "»", "‘": "’", "「": "」", "『": "』", "`": "`"}
_REPORT_DIGITS = 4  # confidences in findings


@dataclass(frozen=True)
class AnalysisOptions:
    """Thresholds of the untranslated analysis: the `[rules.untranslated]` family settings of QA401–QA404."""

    assumed_source: str = "en"
    """The source language when a document has none (a monolingual translation)."""
    min_words: int = 2
    """A run needs at least this many words (or ``min-letters`` letters) to be reported."""
    min_letters: int = 12
    """…or at least this many letters (one long word in a foreign script)."""
    clause_words: int = 5
    """A run of this many words or more is a clause (QA403), shorter runs are spans (QA402)."""
    word_threshold: float = 0.75
    """lingua's confidence that one word is in the source language before it counts as such."""
    switch_penalty: float = 1.5
    """How much evidence a run of source-language words needs (a cost of switching language)."""
    span_threshold: float = 0.7
    """lingua's confidence that a run as a whole is in the source language."""
    segment_threshold: float = 0.9
    """lingua's confidence that a whole segment is in the source language (QA401)."""
    segment_min_words: int = 3
    """Segments with fewer words are not judged as a whole (QA401)."""
    copy_min_words: int = 4
    """The shortest run of words copied from the source that QA404 reports."""


@dataclass(frozen=True)
class ForeignRun:
    """A run of words in another language (``by``: ``script`` or ``language``) inside a segment."""

    span: Span
    text: str
    words: int
    letters: int
    language: str | None
    confidence: float | None
    clause: bool
    in_source: bool
    by: str


@dataclass(frozen=True)
class WholeSegment:
    language: str | None
    confidence: float | None
    by: str


@dataclass(frozen=True)
class Analysis:
    whole: WholeSegment | None = None
    runs: tuple[ForeignRun, ...] = ()
    copied: tuple[Span, ...] = ()
    source_language: str | None = None


EMPTY = Analysis()


def _wordlike(text: str) -> bool:
    return bool(letters(text)) or any(c.isdigit() for c in text)


def _reported(value: float | None) -> float | None:
    return None if value is None else round(value, _REPORT_DIGITS)


class _SourceText:
    """Is a run's text also in the segment's source (case-insensitive)? One casefold of the source,
    one search per distinct run; for sources over :data:`SOURCE_TEXT_LIMIT` characters, the run's
    words in order, through the source's suffix automaton, so the cost stays linear."""

    def __init__(self, source: str | None, words: SourceMatcher) -> None:
        self._present = bool(source)
        self._folded = source.casefold() if source and len(source) <= SOURCE_TEXT_LIMIT else None
        self._words = words
        self._memo: dict[str, bool] = {}

    def has(self, text: str, words: list[str]) -> bool:
        if not self._present:
            return False
        if self._folded is None:
            return self._words.contains(words)
        key = text.casefold()
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = key in self._folded
        return found


@dataclass(frozen=True)
class _Pass:
    """What one segment's analysis needs at every step."""

    prose: str
    segment: Segment
    source: str
    target: str
    tgt_scripts: frozenset[str]
    src_scripts: frozenset[str]
    shared: frozenset[str]
    detector: PairDetector | None
    opts: AnalysisOptions
    allowed: SpanIndex
    literals: frozenset[str]
    source_words: SourceMatcher
    source_text: _SourceText


def _classify(tok: Token, ps: _Pass) -> Token:
    text = tok.text
    if letters(text) == 0 or tok.script is None or ps.allowed.overlaps(tok.start, tok.end):
        return tok._replace(kind=NEUTRAL)
    if tok.script in ps.tgt_scripts and tok.script not in _CASED_SCRIPTS and tok.script not in ps.shared:
        return tok._replace(kind=TARGET)  # a kana, Han, Arabic… word of the target
    folded = text.casefold()
    if tok.script in ps.shared and ps.detector is not None and folded in function_words(ps.target):
        return tok._replace(kind=TARGET)
    if name_like_token(text) or folded in ps.literals:
        return tok._replace(kind=NEUTRAL, name=True)
    capital_name = tok.script in _CASED_SCRIPTS and is_capitalised(text) and not tok.initial
    if tok.script not in ps.tgt_scripts:
        return tok._replace(kind=NEUTRAL, name=True) if capital_name else tok._replace(kind=FOREIGN)
    if ps.detector is None or tok.script not in ps.shared or folded in function_words(ps.target):
        return tok._replace(kind=TARGET)
    if ps.source == "en" and not _ENGLISH_WORD.match(text):
        return tok._replace(kind=TARGET)  # letters English does not write (é, ß, ł, ä…): not a leftover
    p = min(max(ps.detector.confidence(text, ps.source), 0.03), 0.97)
    if capital_name and p > 1 - ps.opts.word_threshold:
        return tok._replace(kind=NEUTRAL, name=True)
    return tok._replace(kind=AMBIGUOUS, llr=math.log(p / (1 - p)))


def _label(
    tokens: list[Token], prose: str, penalty: float, conf: Callable[[str], float], threshold: float
) -> list[Token]:
    """Label judged words source or target: a Viterbi path over the words' log-odds in which switching
    into the source language costs ``penalty``, so one English-looking word never makes a run."""
    idx = [i for i, t in enumerate(tokens) if t.kind == AMBIGUOUS]
    if not idx:
        return tokens
    v_t, v_s = 0.0, -math.inf
    back: list[tuple[bool, bool]] = []  # (best predecessor of T is S, best predecessor of S is S)
    prev_end = 0
    for i in idx:
        tok = tokens[i]
        newline = "\n" in prose[prev_end : tok.start]
        t_from_s = v_s > v_t
        if newline:  # a line break ends a run: the next run pays the penalty again
            s_from_s = t_from_s
            new_s = max(v_t, v_s) - penalty + tok.llr
        else:
            s_from_s = v_s >= v_t - penalty
            new_s = (v_s if s_from_s else v_t - penalty) + tok.llr
        back.append((t_from_s, s_from_s))
        v_t, v_s = max(v_t, v_s), new_s
        prev_end = tok.end
    state_s = v_s > v_t
    labels = [False] * len(idx)
    for k in range(len(idx) - 1, -1, -1):
        labels[k] = state_s
        t_from_s, s_from_s = back[k]
        state_s = s_from_s if state_s else t_from_s
    _extend(labels, [tokens[i] for i in idx], prose, conf, threshold)
    out = list(tokens)
    for k, i in enumerate(idx):
        out[i] = tokens[i]._replace(kind=SOURCE if labels[k] else TARGET)
    return out


def _extend(
    labels: list[bool], words: list[Token], prose: str, conf: Callable[[str], float], threshold: float
) -> None:
    """Grow a one-word source run by weakly-target neighbours (``about`` + ``us``) while the run stays
    source, up to :data:`_EXTEND_MAX` words (so the cost stays bounded on any text)."""
    k = 0
    while k < len(labels):
        if not labels[k]:
            k += 1
            continue
        lo = hi = k
        while hi + 1 < len(labels) and labels[hi + 1]:
            hi += 1
        grown = hi == lo  # only a one-word core needs a neighbour ("about" + "us")
        while grown and hi - lo + 1 < _EXTEND_MAX:
            grown = False
            for cand in (lo - 1, hi + 1):
                if not 0 <= cand < len(labels) or labels[cand] or words[cand].llr < _EXTEND_LLR:
                    continue
                a, b = min(lo, cand), max(hi, cand)
                if "\n" in prose[words[a].start : words[b].end]:
                    continue
                if conf(" ".join(w.text for w in words[a : b + 1])) >= threshold:
                    labels[cand] = True
                    lo, hi, grown = a, b, True
        k = hi + 1


def _enclosed(prose: str, span: Span, pairs: dict[str, str]) -> bool:
    i, j = span.start - 1, span.end
    return i >= 0 and j < len(prose) and prose[i] in pairs and prose[j] == pairs[prose[i]]


def _gloss(prose: str, span: Span) -> bool:
    """The run is the whole content of a bracket pair that follows other text."""
    i, j = span.start - 1, span.end
    while i >= 0 and prose[i] == " ":
        i -= 1
    while j < len(prose) and prose[j] in " .":
        j += 1
    pairs = {"(": ")", "（": "）", "[": "]", "【": "】"}
    return i > 0 and prose[i] in pairs and j < len(prose) and prose[j] == pairs[prose[i]]


def _title_case_members(sub: list[Token]) -> set[int]:
    """Indexes (in ``sub``) of tokens in title-case sequences of two or more capitalised words."""
    members: set[int] = set()
    i = 0
    while i < len(sub):
        if not is_capitalised(sub[i].text) and not sub[i].name:
            i += 1
            continue
        j, caps, last_cap = i, 0, i
        while j < len(sub) and (
            is_capitalised(sub[j].text) or sub[j].name or sub[j].text.casefold() in TITLE_JOINERS
        ):
            if is_capitalised(sub[j].text) or sub[j].name:
                caps += 1
                last_cap = j
            j += 1
        if caps >= 2:
            members.update(range(i, last_cap + 1))
        i = max(j, i + 1)
    return members


def _sentence_end_after(prose: str, end: int) -> bool:
    i = end
    while i < len(prose) and prose[i] in " \"'”’»)]":
        i += 1
    return i >= len(prose) or prose[i] in ".!?…。！？\n"


def _run(sub: list[Token], ps: _Pass) -> ForeignRun | None:
    opts, prose = ps.opts, ps.prose
    counted = [t for t in sub if t.kind in (SOURCE, AMBIGUOUS, FOREIGN)]
    if not any(t.kind in (SOURCE, FOREIGN) for t in counted):
        return None
    words = len(counted)
    n_letters = sum(letters(t.text) for t in counted)
    if words < opts.min_words and n_letters < opts.min_letters:
        return None
    wordlike = [t.text for t in sub if t.kind != NEUTRAL or t.name]
    if any(t.script in _CASED_SCRIPTS for t in counted) and title_case_run(wordlike):
        return None  # "Bureau of Labor Statistics", "Getty Images": a name
    titled = _title_case_members(sub)
    rest = [t for k, t in enumerate(sub) if k not in titled and t.kind in (SOURCE, AMBIGUOUS, FOREIGN)]
    if len(rest) < opts.min_words and sum(letters(t.text) for t in rest) < opts.min_letters:
        return None  # only a name plus a word: "Bureau of Labor Statistics co"
    span = Span(sub[0].start, sub[-1].end)
    text = prose[span.start : span.end]
    by = "script" if any(t.kind == FOREIGN for t in counted) else "language"
    language: str | None = ps.source if counted[0].script in ps.src_scripts else None
    confidence: float | None = None
    if by == "language" and ps.detector is not None:
        confidence = ps.detector.confidence(" ".join(t.text for t in counted), ps.source)
        # one long word is often a shared Latin/Greek root (``perioperative``): ask for more evidence
        needed = opts.span_threshold if words >= opts.min_words else max(opts.span_threshold, 0.95)
        if confidence < needed:
            return None
    if _gloss(prose, span) or _enclosed(prose, span, _QUOTES):
        return None  # "rapport de cotes (odds ratio)", a quoted label: kept in the source language on purpose
    if words == 1 and by == "language" and "-" in text:
        return None  # "graphviz-utdata": a compound that mixes a kept term with a translated one
    in_source = ps.source_text.has(text, [t.text for t in sub if _wordlike(t.text)])
    if ps.segment.kind in (SegmentKind.UNIT, SegmentKind.PLURAL) and words <= 3 and in_source:
        return None  # software strings keep technical terms of the source ("make html", "toctree glob")
    clause = words >= opts.clause_words or (
        words >= 3 and sub[0].initial and _sentence_end_after(prose, span.end)
    )
    return ForeignRun(span, text, words, n_letters, language, _reported(confidence), clause, in_source, by)


def _runs(tokens: list[Token], ps: _Pass) -> list[ForeignRun]:
    groups: list[list[Token]] = []
    cur: list[Token] = []
    for tok in tokens:
        if cur and (tok.kind == TARGET or "\n" in ps.prose[cur[-1].end : tok.start]):
            groups.append(cur)
            cur = []
        if tok.kind != TARGET:
            cur.append(tok)
    if cur:
        groups.append(cur)
    out = []
    for group in groups:
        idx = [i for i, t in enumerate(group) if t.kind in (SOURCE, AMBIGUOUS, FOREIGN)]
        if not idx:
            continue
        found = _run(group[idx[0] : idx[-1] + 1], ps)
        if found is not None:
            out.append(found)
    return out


def _whole(tokens: list[Token], ps: _Pass) -> WholeSegment | None:
    opts = ps.opts
    judged = [t for t in tokens if t.kind != NEUTRAL]
    if not judged:
        return None
    total = sum(letters(t.text) for t in judged)
    foreign = [t for t in judged if t.kind == FOREIGN]
    f_letters = sum(letters(t.text) for t in foreign)
    if (
        foreign
        and f_letters >= 0.8 * total
        and (len(foreign) >= opts.min_words or f_letters >= opts.min_letters)
    ):
        if any(t.script in _CASED_SCRIPTS for t in foreign) and title_case_run(t.text for t in foreign):
            return None
        if f_letters >= 20:
            code, prob = name_language(" ".join(t.text for t in foreign))
            if code and not related(Language.parse(code).base, ps.target):
                return WholeSegment(code, _reported(prob), "script")
        return WholeSegment(ps.source if foreign[0].script in ps.src_scripts else None, None, "script")
    if ps.detector is None or len(judged) < opts.segment_min_words:
        return None
    in_target = [t for t in judged if t.kind == TARGET]
    # a clause of the target beside a clause of the source: the source-language run is reported as a
    # span or clause, not the whole segment (a third language is still named below)
    mixed = len(in_target) >= 3 and sum(letters(t.text) for t in in_target) >= 0.2 * total
    conf = ps.detector.confidence(" ".join(t.text for t in judged), ps.source)
    if conf >= opts.segment_threshold and any(t.kind == SOURCE for t in judged) and not mixed:
        return WholeSegment(ps.source, _reported(conf), "language")
    if len(judged) >= 9 and 1 - conf < 0.9:
        code, prob = name_language(ps.prose)
        if mixed and code and Language.parse(code).base == ps.source:
            return None
        if code and prob is not None and prob >= 0.95 and not related(Language.parse(code).base, ps.target):
            return WholeSegment(code, _reported(prob), "langdetect")
    return None


def _copied(tokens: list[Token], src: list[Token], covered: SpanIndex, ps: _Pass) -> list[Span]:
    """Runs of at least ``copy-min-words`` ordinary words copied from the source, longest match first."""
    if len(src) < ps.opts.copy_min_words:
        return []
    lengths = ps.source_words.match_lengths([t.text for t in tokens])
    out: list[Span] = []
    i = 0
    while i < len(tokens):
        best = lengths[i]
        if not best:
            i += 1
            continue
        sub = tokens[i : i + best]
        ordinary = [
            t
            for t in sub
            if t.script is not None
            and letters(t.text) >= 2
            and not name_like_token(t.text)
            and not ps.allowed.overlaps(t.start, t.end)
        ]
        span = Span(sub[0].start, sub[-1].end)
        if (
            len(ordinary) >= ps.opts.copy_min_words
            and not title_case_run(t.text for t in ordinary)
            and not covered.overlaps(span.start, span.end)
        ):
            out.append(span)
        i += best
    return out


def analyze(
    segment: Segment, target: str, source_lang: str, dnt: frozenset[str], opts: AnalysisOptions
) -> Analysis:
    """Whole-segment language, foreign runs and copied source runs of one segment."""
    if target in ("", "und"):
        return EMPTY
    source = source_lang if source_lang not in ("", "und") else opts.assumed_source
    if source == target or (segment.source is not None and segment.source.strip() == segment.target.strip()):
        return EMPTY  # same language, or a copied segment (QA102 reports it)
    prose = segment.prose
    tgt_scripts = expected_scripts(target)
    src_scripts = expected_scripts(source)
    shared = tgt_scripts & src_scripts
    detector = pair_detector(source, target) if shared and PairDetector.supports((source, target)) else None
    src = [t for t in tokenize(segment.source_prose or "") if _wordlike(t.text)]
    matcher = SourceMatcher([t.text for t in src])
    ps = _Pass(
        prose=prose,
        segment=segment,
        source=source,
        target=target,
        tgt_scripts=tgt_scripts,
        src_scripts=src_scripts,
        shared=shared,
        detector=detector,
        opts=opts,
        allowed=SpanIndex(allow_spans(prose, target, dnt)),
        literals=source_literals(segment.source_prose or ""),
        source_words=matcher,
        source_text=_SourceText(segment.source, matcher),
    )
    raw_tokens = tokenize(prose)
    if detector is not None:
        detector.prefetch([t.text for t in raw_tokens if t.script in shared])
    tokens = [_classify(t, ps) for t in raw_tokens]
    if detector is not None:
        tokens = _label(
            tokens, prose, opts.switch_penalty, lambda t: detector.confidence(t, source), opts.span_threshold
        )
    whole = _whole(tokens, ps)
    if whole is not None:
        return Analysis(whole=whole, source_language=source)
    runs = _runs(tokens, ps)
    copied: list[Span] = []
    if segment.source_prose and shared:
        copied = _copied(tokens, src, SpanIndex(r.span for r in runs), ps)
    return Analysis(runs=tuple(runs), copied=tuple(copied), source_language=source)
