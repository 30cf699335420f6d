"""Language identification for spans and segments: scripts first, then lingua restricted to the pair.

Measured on our own labelled spans (``benchmarks/langid/``): restricting the candidate languages to the
ones that can occur (the source and the target) is what makes 2–3-word spans decidable, so the span
detector is lingua built for exactly ``{source, target}``; its models load lazily, per language, the
first time a span needs a decision. A document without text in the source's script never loads a model.
langdetect (seeded, see :mod:`qa_pipeline.languages`) names the language of whole long segments, where
it is accurate.

Scripts carry most of the signal for targets that are not written in Latin script: a Latin run inside
Japanese or Arabic text is foreign whatever its language.

lingua's confidences differ in their last digits from one process to the next (its models are hash
maps whose iteration order, and so the order of a floating-point sum, is random per process): every
confidence is rounded to :data:`DIGITS` places, so decisions and reports are the same in every run.
The span analysis that uses this module is :mod:`qa_pipeline.analysis.langid.untranslated`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from qa_pipeline.text.scripts import dominant_script, script_of

DIGITS = 6  # lingua confidences are rounded to this many decimal places

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


def models_in_process(langs: Sequence[str]) -> bool:
    """True when this process already holds the detector (and so the loaded models) for ``langs``."""
    codes = tuple(sorted({lingua_code(lang) or "" for lang in langs}))
    return codes in _CURRENT


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
        by_code = {v.language.iso_code_639_1.name.lower(): round(float(v.value), DIGITS) for v in values}
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


def related(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in _RELATED)


@cache
def pair_detector(source: str, target: str) -> PairDetector:
    """The run's detector for one language pair (memoised confidences shared by all its documents)."""
    return PairDetector((source, target))


def needs_model(source_lang: str, target: str, assumed_source: str) -> bool:
    """True when the analysis of this pair uses lingua's models (source and target share a script)."""
    source = source_lang if source_lang not in ("", "und") else assumed_source
    if target in ("", "und") or source == target:
        return False
    return bool(expected_scripts(target) & expected_scripts(source)) and PairDetector.supports(
        (source, target)
    )
