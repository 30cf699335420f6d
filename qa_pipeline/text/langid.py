"""Language identification for spans and segments: scripts first, then lingua restricted to the pair.

Measured on our own labelled spans (``benchmarks/langid/``): restricting the candidate languages to the
ones that can occur (the source and the target) is what makes 2–3-word spans decidable, so the span
detector is lingua built for exactly ``{source, target}``; its models load lazily, per language, the
first time a span needs a decision. A document without text in the source's script never loads a model.
langdetect (seeded, see :mod:`qa_pipeline.languages`) names the language of whole long segments, where
it is accurate.

Scripts carry most of the signal for targets that are not written in Latin script: a Latin run inside
Japanese or Arabic text is foreign whatever its language.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import regex

from qa_pipeline.model import PROTECTED_CHAR, Segment, SegmentKind, Span
from qa_pipeline.text.names import (
    TITLE_JOINERS,
    allow_spans,
    function_words,
    is_capitalised,
    name_like_token,
    title_case_run,
)
from qa_pipeline.text.scripts import dominant_script, script_of

# Scripts a language is normally written in (a text in ``ja`` mixes three). Languages not listed are
# assumed to be written in the document's dominant script.
_SCRIPTS: dict[str, tuple[str, ...]] = {
    "ja": ("Han", "Hiragana", "Katakana"),
    "zh": ("Han",),
    "yue": ("Han",),
    "ko": ("Hangul", "Han"),
    "ar": ("Arabic",),
    "fa": ("Arabic",),
    "ur": ("Arabic",),
    "ps": ("Arabic",),
    "ckb": ("Arabic",),
    "ug": ("Arabic",),
    "sd": ("Arabic",),
    "he": ("Hebrew",),
    "yi": ("Hebrew",),
    "el": ("Greek",),
    "ru": ("Cyrillic",),
    "uk": ("Cyrillic",),
    "be": ("Cyrillic",),
    "bg": ("Cyrillic",),
    "mk": ("Cyrillic",),
    "kk": ("Cyrillic",),
    "ky": ("Cyrillic",),
    "tg": ("Cyrillic",),
    "mn": ("Cyrillic",),
    "sr": ("Cyrillic", "Latin"),
    "th": ("Thai",),
    "lo": ("Lao",),
    "km": ("Khmer",),
    "my": ("Myanmar",),
    "bo": ("Tibetan",),
    "hi": ("Devanagari",),
    "mr": ("Devanagari",),
    "ne": ("Devanagari",),
    "sa": ("Devanagari",),
    "bn": ("Bengali",),
    "as": ("Bengali",),
    "pa": ("Gurmukhi",),
    "gu": ("Gujarati",),
    "or": ("Oriya",),
    "ta": ("Tamil",),
    "te": ("Telugu",),
    "kn": ("Kannada",),
    "ml": ("Malayalam",),
    "si": ("Sinhala",),
    "ka": ("Georgian",),
    "hy": ("Armenian",),
    "am": ("Ethiopic",),
    "ti": ("Ethiopic",),
}

# lingua has Norwegian only as Bokmål and Nynorsk.
_LINGUA_ALIASES = {"no": "nb", "tl": "tl", "fil": "tl"}


def expected_scripts(lang: str, sample: str = "") -> frozenset[str]:
    """The scripts text in ``lang`` is written in; unknown languages: the sample's dominant script."""
    if lang in _SCRIPTS:
        return frozenset(_SCRIPTS[lang])
    if lang in ("", "und"):
        found = dominant_script(sample)
        return frozenset({found}) if found else frozenset()
    return _cldr_scripts(lang)


# ISO 15924 codes of CLDR's likely subtags -> the script names of qa_pipeline.text.scripts
_ISO15924 = {
    "Latn": ("Latin",), "Cyrl": ("Cyrillic",), "Arab": ("Arabic",), "Grek": ("Greek",), "Hebr": ("Hebrew",),
    "Deva": ("Devanagari",), "Beng": ("Bengali",), "Jpan": ("Han", "Hiragana", "Katakana"), "Hans": ("Han",),
    "Hant": ("Han",), "Kore": ("Hangul", "Han"), "Thai": ("Thai",), "Armn": ("Armenian",), "Geor": ("Georgian",),
    "Ethi": ("Ethiopic",), "Taml": ("Tamil",), "Telu": ("Telugu",), "Knda": ("Kannada",), "Mlym": ("Malayalam",),
    "Gujr": ("Gujarati",), "Guru": ("Gurmukhi",), "Orya": ("Oriya",), "Sinh": ("Sinhala",), "Khmr": ("Khmer",),
    "Laoo": ("Lao",), "Mymr": ("Myanmar",), "Tibt": ("Tibetan",),
}  # fmt: skip


@cache
def _cldr_scripts(lang: str) -> frozenset[str]:
    """The script CLDR's likely subtags give ``lang`` (Tatar: Cyrillic, Kashmiri: Arabic…); Latin when
    CLDR does not know the language or the script is not one we tell apart."""
    from babel.core import get_global

    likely = get_global("likely_subtags").get(lang.replace("-", "_"), "")
    for part in likely.split("_")[1:]:
        if part in _ISO15924:
            return frozenset(_ISO15924[part])
    return frozenset({"Latin"})


def script_group(ch: str) -> str | None:
    """The script of a letter, with Japanese kana folded into ``Han`` so a Japanese word is one run."""
    found = script_of(ch)
    if found in ("Hiragana", "Katakana"):
        return "Han"
    return found


@cache
def _lingua_codes() -> frozenset[str]:
    from lingua import Language

    return frozenset(lang.iso_code_639_1.name.lower() for lang in Language.all())


def lingua_code(lang: str) -> str | None:
    """The ISO 639-1 code lingua knows ``lang`` by, or None when lingua has no model for it."""
    code = _LINGUA_ALIASES.get(lang, lang)
    return code if code in _lingua_codes() else None


_CURRENT: dict[tuple[str, ...], Any] = {}


def _detector(codes: tuple[str, ...]) -> Any:
    """A lingua detector for exactly these languages; models load lazily on first use. Only one is
    kept: lingua keeps loaded models in memory for good, so the previous pair's are unloaded when a
    run moves to another language pair (a 90-language run stays near 150 MB instead of over 1 GB)."""
    detector = _CURRENT.get(codes)
    if detector is None:
        from lingua import IsoCode639_1, LanguageDetectorBuilder

        for old in _CURRENT.values():
            old.unload_language_models()
        _CURRENT.clear()
        isos = [getattr(IsoCode639_1, code.upper()) for code in codes]
        detector = LanguageDetectorBuilder.from_iso_codes_639_1(*isos).build()
        _CURRENT[codes] = detector
    return detector


class PairDetector:
    """Language confidences restricted to a few languages (usually ``{source, target}``).

    ``confidence(text, lang)`` is lingua's relative confidence that ``text`` is in ``lang`` rather than
    in one of the other candidates; results for short texts (single words) are memoised.
    """

    def __init__(self, langs: Sequence[str]) -> None:
        codes = []
        for lang in langs:
            code = lingua_code(lang)
            if code is None:
                raise ValueError(f"no language model for {lang!r}")
            codes.append(code)
        self.langs = tuple(langs)
        self._codes = tuple(sorted(set(codes)))
        self._by_lang = {lang: lingua_code(lang) for lang in langs}
        self._memo: dict[str, dict[str, float]] = {}

    @staticmethod
    def supports(langs: Sequence[str]) -> bool:
        codes = [lingua_code(lang) for lang in langs]
        return all(codes) and len(set(codes)) == len(codes) >= 2

    def confidences(self, text: str) -> dict[str, float]:
        key = text.casefold()
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        result = self._by_language(_detector(self._codes).compute_language_confidence_values(text))
        if len(key) <= 40:
            self._memo[key] = result
        return result

    def _by_language(self, values: Any) -> dict[str, float]:
        by_code = {v.language.iso_code_639_1.name.lower(): float(v.value) for v in values}
        return {lang: by_code.get(code or "", 0.0) for lang, code in self._by_lang.items()}

    def confidence(self, text: str, lang: str) -> float:
        return self.confidences(text).get(lang, 0.0)

    def prefetch(self, texts: Sequence[str]) -> None:
        """Compute the confidences of many short texts in one call (lingua's parallel batch API),
        so a segment's words cost one round trip instead of one each."""
        todo = sorted({t for t in texts if len(t.casefold()) <= 40 and t.casefold() not in self._memo})
        if len(todo) < 2:
            return
        batch = _detector(self._codes).compute_language_confidence_values_in_parallel(todo)
        for text, values in zip(todo, batch, strict=True):
            self._memo[text.casefold()] = self._by_language(values)


def name_language(text: str) -> tuple[str | None, float | None]:
    """The language of a longer stretch of text by langdetect (seeded), with its probability."""
    from qa_pipeline.languages import detect_language

    info = detect_language(text)
    if info.code is None:
        return None, None
    return info.code, info.confidence


def language_label(code: str | None) -> str:
    """``fr`` -> ``French`` (CLDR English names via Babel); the code itself if unknown."""
    if not code:
        return "unknown language"
    try:
        from babel import Locale

        name = Locale.parse(code.replace("-", "_")).get_display_name("en")
    except Exception:  # babel raises several types for unknown codes
        return code
    return str(name) if name else code


# --- span analysis shared by the untranslated rules (QA401–QA404) -------------------------------------

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+|[-‐‑][\p{L}\p{M}\p{N}]+)*")
_OPENERS = " \t\u00a0\u202f\"'“”‘’«»„‹›([{¿¡-–—•*·"
_SENTENCE_END = ".!?:;…。！？\n"
_CODE_BEFORE = frozenset("$_[{/\\@#=<>%&`")
_CODE_AFTER = frozenset("[({_\\=<>%")
_CASED_SCRIPTS = frozenset({"Latin", "Cyrillic", "Greek", "Armenian", "Georgian"})
# Closely related languages that language identifiers confuse; never "wrong language" for each other.
_RELATED = (
    frozenset({"hr", "sr", "bs", "sh", "me", "sl"}),
    frozenset({"no", "nb", "nn", "da", "sv"}),
    frozenset({"id", "ms"}),
    frozenset({"cs", "sk"}),
    frozenset({"es", "ca", "gl", "pt", "ast"}),
    frozenset({"bg", "mk"}),
    frozenset({"ru", "uk", "be"}),
    frozenset({"hi", "mr", "ne"}),
    frozenset({"fa", "ur", "ar"}),
    frozenset({"zh", "ja"}),
    frozenset({"af", "nl"}),
    frozenset({"et", "fi"}),
)

_EXTEND_LLR = -0.8  # a neighbour at most this target-leaning may join a source run
NEUTRAL, TARGET, SOURCE, AMBIGUOUS, FOREIGN = "neutral", "target", "source", "ambiguous", "foreign"


def related(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in _RELATED)


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
class Token:
    start: int
    end: int
    text: str
    script: str | None
    initial: bool
    kind: str = NEUTRAL
    name: bool = False
    llr: float = 0.0  # log-odds that the word is in the source rather than the target language


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


def _split_scripts(match_start: int, text: str) -> list[tuple[int, int, str | None]]:
    """Split a token where its letters change script (``PayScaleによると`` -> two pieces)."""
    pieces: list[tuple[int, int, str | None]] = []
    start = 0
    current: str | None = None
    for i, ch in enumerate(text):
        if not ch.isalpha():
            continue
        group = script_group(ch)
        if current is None:
            current = group
        elif group != current:
            pieces.append((match_start + start, match_start + i, current))
            start, current = i, group
    pieces.append((match_start + start, match_start + len(text), current))
    return pieces


def _is_initial(prose: str, start: int, script: str | None) -> bool:
    i = start - 1
    while i >= 0 and prose[i] in _OPENERS:
        i -= 1
    if i < 0 or prose[i] in _SENTENCE_END or prose[i] == PROTECTED_CHAR:
        return True
    return prose[i].isalpha() and script_group(prose[i]) != script


def tokenize(prose: str) -> list[Token]:
    """Word tokens of ``prose``, split at script changes; tokens inside code (``$config[code]``) get no script."""
    out = []
    for m in _TOKEN.finditer(prose):
        before = prose[max(m.start() - 2, 0) : m.start()]
        after = prose[m.end() : m.end() + 2]
        code = (
            (before[-1:] in _CODE_BEFORE and before[-1:] != "")
            or (after[:1] in _CODE_AFTER and after[:1] != "")
            or (len(before) == 2 and before[1] == "." and before[0].isalnum())  # file.ext, a.b.c
            or (before[-1:] == ":" and (len(before) < 2 or before[0] in " ("))  # :widths, :ref
            or (len(after) == 2 and after[0] == "." and after[1].isalnum())
            or (before[-1:] == "." and (len(before) < 2 or not before[0].isalnum()))  # .buildinfo, .nojekyll
            or (
                "-" in m.group()
                and m.group().islower()
                and m.group().isascii()
                and prose[m.end() : m.end() + 1] in "»”\"'’"
            )
        )
        for start, end, script in _split_scripts(m.start(), m.group()):
            text = prose[start:end]
            out.append(Token(start, end, text, None if code else script, _is_initial(prose, start, script)))
    return out


@cache
def _pair(source: str, target: str) -> PairDetector:
    return PairDetector((source, target))


def needs_model(source_lang: str, target: str, assumed_source: str) -> bool:
    """True when the analysis of this pair uses lingua's models (source and target share a script)."""
    source = source_lang if source_lang not in ("", "und") else assumed_source
    if target in ("", "und") or source == target:
        return False
    return bool(expected_scripts(target) & expected_scripts(source)) and PairDetector.supports(
        (source, target)
    )


# Loading lingua's high-accuracy models holds the GIL for ~0.5 s, so a thread cannot hide it. On Linux
# a forked worker process analyses a document's segments while the main process runs the other rules.
_BACKGROUND_MIN_SEGMENTS = 8


def _analyze_document(
    segments: Sequence[Segment], target: str, source_lang: str, dnt: frozenset[str], opts: AnalysisOptions
) -> list[Analysis]:
    return [analyze(seg, target, source_lang, dnt, opts) for seg in segments]


def _executor() -> Any:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))


def _document_key(ctx: Any, opts: AnalysisOptions) -> tuple[Any, ...]:
    return (ctx.document.path, ctx.lang, ctx.source_lang, ctx.dnt, opts)


def start_background(ctx: Any, opts: AnalysisOptions) -> bool:
    """Start analysing the whole document in a worker process and return True (the engine then runs
    the untranslated rules after the others); False when there is nothing worth it: no model needed,
    a short document, or a platform without ``fork``. Results are identical either way."""
    if not needs_model(ctx.source_lang, ctx.lang, opts.assumed_source):
        return False
    jobs: dict[tuple[Any, ...], Any] = ctx.resources.get("langid.background", dict)
    key = _document_key(ctx, opts)
    if key in jobs:
        return True
    if sys.platform != "linux" or len(ctx.document.segments) < _BACKGROUND_MIN_SEGMENTS:
        return False
    try:
        executor = ctx.resources.shared("langid.executor", _executor)
        jobs[key] = executor.submit(
            _analyze_document, ctx.document.segments, ctx.lang, ctx.source_lang, ctx.dnt, opts
        )
    except (OSError, RuntimeError, ValueError):
        return False  # no process could be started: analyse in this one
    return True


def _background_results(ctx: Any, opts: AnalysisOptions) -> list[Analysis] | None:
    jobs: dict[tuple[Any, ...], Any] = ctx.resources.get("langid.background", dict)
    future = jobs.pop(_document_key(ctx, opts), None)
    if future is None:
        return None
    try:
        results: list[Analysis] = future.result()
    except Exception:  # a worker that died: the analysis is redone here
        return None
    return results


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


_ENGLISH_WORD = regex.compile(r"^[A-Za-z][A-Za-z'’-]*$")


def _classify(
    tok: Token,
    target: str,
    tgt_scripts: frozenset[str],
    shared: frozenset[str],
    detector: PairDetector | None,
    source: str,
    opts: AnalysisOptions,
    allowed: list[Span],
    literals: frozenset[str],
) -> Token:
    text = tok.text
    span = Span(tok.start, tok.end)
    if _letters(text) == 0 or tok.script is None or any(a.overlaps(span) for a in allowed):
        return replace(tok, kind=NEUTRAL)
    if tok.script in tgt_scripts and tok.script not in _CASED_SCRIPTS and tok.script not in shared:
        return replace(tok, kind=TARGET)  # a kana, Han, Arabic… word of the target
    if tok.script in shared and detector is not None and text.casefold() in function_words(target):
        return replace(tok, kind=TARGET)
    if name_like_token(text) or text.casefold() in literals:
        return replace(tok, kind=NEUTRAL, name=True)
    capital_name = tok.script in _CASED_SCRIPTS and is_capitalised(text) and not tok.initial
    if tok.script not in tgt_scripts:
        return replace(tok, kind=NEUTRAL, name=True) if capital_name else replace(tok, kind=FOREIGN)
    if detector is None or tok.script not in shared or text.casefold() in function_words(target):
        return replace(tok, kind=TARGET)
    if source == "en" and not _ENGLISH_WORD.match(text):
        return replace(tok, kind=TARGET)  # letters English does not write (é, ß, ł, ä…): not a leftover
    p = min(max(detector.confidence(text, source), 0.03), 0.97)
    if capital_name and p > 1 - opts.word_threshold:
        return replace(tok, kind=NEUTRAL, name=True)
    return replace(tok, kind=AMBIGUOUS, llr=math.log(p / (1 - p)))


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
        out[i] = replace(tokens[i], kind=SOURCE if labels[k] else TARGET)
    return out


def _extend(
    labels: list[bool], words: list[Token], prose: str, conf: Callable[[str], float], threshold: float
) -> None:
    """Grow each source run by weakly-target neighbours (``about`` + ``us``) while the run stays source."""
    k = 0
    while k < len(labels):
        if not labels[k]:
            k += 1
            continue
        lo = hi = k
        while hi + 1 < len(labels) and labels[hi + 1]:
            hi += 1
        grown = hi == lo  # only a one-word core needs a neighbour ("about" + "us")
        while grown:
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


_QUOTES = {'"': '"', "'": "'", "“": "”", "„": "“", "«": "»", "‘": "’", "「": "」", "『": "』", "`": "`"}
_LITERAL = regex.compile(r"``([^`]+)``|`([^`]+)`|\"([^\"]+)\"|'([^'\s][^']*)'|“([^”]+)”")


def source_literals(source: str) -> frozenset[str]:
    """Casefolded words quoted or marked as code in the source (``make html``, :option:`-b`, "path")."""
    out: set[str] = set()
    for m in _LITERAL.finditer(source):
        inner = next(g for g in m.groups() if g is not None)
        out.update(w.casefold() for w in _TOKEN.findall(inner))
    return frozenset(out)


def _in_source(text: str, segment: Segment) -> bool:
    return bool(segment.source) and text.casefold() in (segment.source or "").casefold()


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
    """ids of tokens in title-case sequences of two or more capitalised words (joiners included)."""
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
            members.update(id(t) for t in sub[i : last_cap + 1])
        i = max(j, i + 1)
    return members


def _sentence_end_after(prose: str, end: int) -> bool:
    i = end
    while i < len(prose) and prose[i] in " \"'”’»)]":
        i += 1
    return i >= len(prose) or prose[i] in ".!?…。！？\n"


def _run(
    sub: list[Token],
    prose: str,
    segment: Segment,
    source: str,
    src_scripts: frozenset[str],
    detector: PairDetector | None,
    opts: AnalysisOptions,
) -> ForeignRun | None:
    counted = [t for t in sub if t.kind in (SOURCE, AMBIGUOUS, FOREIGN)]
    if not any(t.kind in (SOURCE, FOREIGN) for t in counted):
        return None
    words = len(counted)
    letters = sum(_letters(t.text) for t in counted)
    if words < opts.min_words and letters < opts.min_letters:
        return None
    wordlike = [t.text for t in sub if t.kind != NEUTRAL or t.name]
    if any(t.script in _CASED_SCRIPTS for t in counted) and title_case_run(wordlike):
        return None  # "Bureau of Labor Statistics", "Getty Images": a name
    rest = [t for t in counted if id(t) not in _title_case_members(sub)]
    if len(rest) < opts.min_words and sum(_letters(t.text) for t in rest) < opts.min_letters:
        return None  # only a name plus a word: "Bureau of Labor Statistics co"
    span = Span(sub[0].start, sub[-1].end)
    text = prose[span.start : span.end]
    by = "script" if any(t.kind == FOREIGN for t in counted) else "language"
    language: str | None = source if counted[0].script in src_scripts else None
    confidence: float | None = None
    if by == "language" and detector is not None:
        confidence = detector.confidence(" ".join(t.text for t in counted), source)
        # one long word is often a shared Latin/Greek root (``perioperative``): ask for more evidence
        needed = opts.span_threshold if words >= opts.min_words else max(opts.span_threshold, 0.95)
        if confidence < needed:
            return None
    if _gloss(prose, span) or _enclosed(prose, span, _QUOTES):
        return None  # "rapport de cotes (odds ratio)", a quoted label: kept in the source language on purpose
    if words == 1 and by == "language" and "-" in text:
        return None  # "graphviz-utdata": a compound that mixes a kept term with a translated one
    if segment.kind in (SegmentKind.UNIT, SegmentKind.PLURAL) and words <= 3 and _in_source(text, segment):
        return None  # software strings keep technical terms of the source ("make html", "toctree glob")
    in_source = bool(segment.source) and text.casefold() in (segment.source or "").casefold()
    clause = words >= opts.clause_words or (
        words >= 3 and sub[0].initial and _sentence_end_after(prose, span.end)
    )
    return ForeignRun(span, text, words, letters, language, confidence, clause, in_source, by)


def _runs(
    tokens: list[Token],
    prose: str,
    segment: Segment,
    source: str,
    src_scripts: frozenset[str],
    detector: PairDetector | None,
    opts: AnalysisOptions,
) -> list[ForeignRun]:
    groups: list[list[Token]] = []
    cur: list[Token] = []
    for tok in tokens:
        if cur and (tok.kind == TARGET or "\n" in prose[cur[-1].end : tok.start]):
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
        found = _run(group[idx[0] : idx[-1] + 1], prose, segment, source, src_scripts, detector, opts)
        if found is not None:
            out.append(found)
    return out


def _whole(
    tokens: list[Token],
    prose: str,
    source: str,
    target: str,
    src_scripts: frozenset[str],
    detector: PairDetector | None,
    opts: AnalysisOptions,
) -> WholeSegment | None:
    judged = [t for t in tokens if t.kind != NEUTRAL]
    if not judged:
        return None
    total = sum(_letters(t.text) for t in judged)
    foreign = [t for t in judged if t.kind == FOREIGN]
    f_letters = sum(_letters(t.text) for t in foreign)
    if (
        foreign
        and f_letters >= 0.8 * total
        and (len(foreign) >= opts.min_words or f_letters >= opts.min_letters)
    ):
        if any(t.script in _CASED_SCRIPTS for t in foreign) and title_case_run(t.text for t in foreign):
            return None
        if f_letters >= 20:
            code, prob = name_language(" ".join(t.text for t in foreign))
            if code and not related(code.split("-")[0], target):
                return WholeSegment(code, prob, "script")
        return WholeSegment(source if foreign[0].script in src_scripts else None, None, "script")
    if detector is None or len(judged) < opts.segment_min_words:
        return None
    in_target = [t for t in judged if t.kind == TARGET]
    # a clause of the target beside a clause of the source: the source-language run is reported as a
    # span or clause, not the whole segment (a third language is still named below)
    mixed = len(in_target) >= 3 and sum(_letters(t.text) for t in in_target) >= 0.2 * total
    joined = " ".join(t.text for t in judged)
    conf = detector.confidence(joined, source)
    if conf >= opts.segment_threshold and any(t.kind == SOURCE for t in judged) and not mixed:
        return WholeSegment(source, conf, "language")
    if len(judged) >= 9 and 1 - conf < 0.9:
        code, prob = name_language(prose)
        if mixed and code and code.split("-")[0] == source:
            return None
        if code and prob is not None and prob >= 0.95 and not related(code.split("-")[0], target):
            return WholeSegment(code, prob, "langdetect")
    return None


def _copied(
    tokens: list[Token], segment: Segment, covered: list[Span], allowed: list[Span], opts: AnalysisOptions
) -> list[Span]:
    src = [
        t
        for t in tokenize(segment.source_prose or "")
        if _letters(t.text) or any(c.isdigit() for c in t.text)
    ]
    if len(src) < opts.copy_min_words:
        return []
    starts: dict[str, list[int]] = {}
    for j, t in enumerate(src):
        starts.setdefault(t.text.casefold(), []).append(j)
    out: list[Span] = []
    i = 0
    while i < len(tokens):
        best = 0
        for j in starts.get(tokens[i].text.casefold(), ()):
            k = 0
            while (
                i + k < len(tokens)
                and j + k < len(src)
                and tokens[i + k].text.casefold() == src[j + k].text.casefold()
            ):
                k += 1
            best = max(best, k)
        if best:
            sub = tokens[i : i + best]
            ordinary = [
                t
                for t in sub
                if t.script is not None
                and _letters(t.text) >= 2
                and not name_like_token(t.text)
                and not any(a.overlaps(Span(t.start, t.end)) for a in allowed)
            ]
            span = Span(sub[0].start, sub[-1].end)
            if (
                len(ordinary) >= opts.copy_min_words
                and not title_case_run(t.text for t in ordinary)
                and not any(c.overlaps(span) for c in covered)
            ):
                out.append(span)
            i += best
        else:
            i += 1
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
    detector = _pair(source, target) if shared and PairDetector.supports((source, target)) else None
    allowed = allow_spans(prose, target, dnt)
    literals = source_literals(segment.source_prose or "")
    raw_tokens = tokenize(prose)
    if detector is not None:
        detector.prefetch([t.text for t in raw_tokens if t.script in shared])
    tokens = [
        _classify(t, target, tgt_scripts, shared, detector, source, opts, allowed, literals)
        for t in raw_tokens
    ]
    if detector is not None:
        tokens = _label(
            tokens, prose, opts.switch_penalty, lambda t: detector.confidence(t, source), opts.span_threshold
        )
    whole = _whole(tokens, prose, source, target, src_scripts, detector, opts)
    if whole is not None:
        return Analysis(whole=whole, source_language=source)
    runs = _runs(tokens, prose, segment, source, src_scripts, detector, opts)
    copied: list[Span] = []
    if segment.source_prose and shared:
        copied = _copied(tokens, segment, [r.span for r in runs], allowed, opts)
    return Analysis(runs=tuple(runs), copied=tuple(copied), source_language=source)


def analysis_for(segment: Segment, ctx: Any, opts: AnalysisOptions) -> Analysis:
    """:func:`analyze` memoised for the run, so the four rules share one analysis per segment."""
    cache_: dict[tuple[Any, ...], Analysis] = ctx.resources.get("langid.analysis", dict)
    key = (
        ctx.document.path,
        segment.index,
        segment.id,
        segment.target,
        segment.source,
        ctx.lang,
        ctx.source_lang,
        ctx.dnt,
        opts,
    )
    hit = cache_.get(key)
    if hit is None:
        done = _background_results(ctx, opts)
        if done is not None and len(done) == len(ctx.document.segments):
            for seg, result in zip(ctx.document.segments, done, strict=True):
                cache_[(*key[:1], seg.index, seg.id, seg.target, seg.source, *key[5:])] = result
            hit = cache_.get(key)
    if hit is None:
        hit = analyze(segment, ctx.lang, ctx.source_lang, ctx.dnt, opts)
        cache_[key] = hit
    return hit
