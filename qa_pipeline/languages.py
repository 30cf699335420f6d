"""Where a file's languages come from, in order: command line/config, the file itself, the path, and
finally detection of the whole document's language (langdetect, seeded, so the answer is stable).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import PurePath
from typing import Any

from qa_pipeline.language import Language
from qa_pipeline.model import Document, LanguageInfo

_CODE = r"[a-z]{2,3}(?:[-_](?:[A-Z][a-z]{3}|[A-Z]{2}|[a-z]{4}|\d{3}))?(?:@[a-z]+)?"
_PATH_PATTERNS = (
    re.compile(rf"(?:^|[/\\])({_CODE})[/\\]"),  # fr/…, pt_BR/…
    re.compile(rf"[._-]({_CODE})\.[A-Za-z0-9]+$"),  # name.fr.md, name_fr.txt, messages-de.po
    re.compile(rf"(?:^|[/\\])({_CODE})\.(?:po|xliff|xlf|txt|md|markdown)$"),  # fr.po, pt-BR.xliff
)
_NOT_LANGS = frozenset(
    {"src", "doc", "docs", "www", "tmp", "lib", "bin", "app", "out", "msg", "new", "old", "img", "api"}
)


@cache
def is_language(code: str) -> bool:
    """True when Babel's CLDR data knows the language part of ``code``."""
    from babel import localedata

    base = Language.parse(code).base
    if base in _NOT_LANGS:
        return False
    return bool(localedata.exists(base))


def normalize(code: str) -> str:
    """``pt_BR`` -> ``pt-BR``, ``FR`` -> ``fr`` (see :class:`~qa_pipeline.language.Language`)."""
    return Language.parse(code).tag


def language_from_path(path: str) -> str | None:
    posix = PurePath(path).as_posix()
    for pattern in _PATH_PATTERNS:
        for m in pattern.finditer(posix):
            code = m.group(1)
            if is_language(code):
                return normalize(code)
    return None


# Scripts written by one language among those langdetect knows: no statistics needed.
_UNIQUE_SCRIPT = {
    "Hiragana": "ja", "Katakana": "ja", "Hangul": "ko", "Thai": "th", "Greek": "el", "Hebrew": "he",
    "Bengali": "bn", "Gujarati": "gu", "Gurmukhi": "pa", "Kannada": "kn", "Malayalam": "ml", "Tamil": "ta",
    "Telugu": "te",
}  # fmt: skip
# langdetect profiles worth loading for a script (loading all 55 costs ~0.4 s; a group, a fraction).
_SCRIPT_PROFILES = {
    "Latin": (
        "af", "ca", "cs", "cy", "da", "de", "en", "es", "et", "fi", "fr", "hr", "hu", "id", "it", "lt", "lv",
        "nl", "no", "pl", "pt", "ro", "sk", "sl", "so", "sq", "sv", "sw", "tl", "tr", "vi",
    ),
    "Cyrillic": ("bg", "mk", "ru", "uk"),
    "Arabic": ("ar", "fa", "ur"),
    "Han": ("zh-cn", "zh-tw", "ja"),
    "Devanagari": ("hi", "mr", "ne"),
}  # fmt: skip


@cache
def _factory(group: str) -> Any:
    """A langdetect factory with only the profiles of one script group, seeded for stable answers."""
    import importlib.resources

    from langdetect.detector_factory import DetectorFactory

    DetectorFactory.seed = 0
    factory = DetectorFactory()
    folder = importlib.resources.files("langdetect") / "profiles"
    factory.load_json_profile(
        [(folder / code).read_text(encoding="utf-8") for code in _SCRIPT_PROFILES[group]]
    )
    return factory


def _script_shares(text: str) -> dict[str, float]:
    from qa_pipeline.text.scripts import script_of

    counts: dict[str, int] = {}
    total = 0
    for ch in text:
        if ch.isalpha():
            total += 1
            name = script_of(ch)
            if name:
                counts[name] = counts.get(name, 0) + 1
    return {k: v / total for k, v in counts.items()} if total else {}


def detect_language(text: str) -> LanguageInfo:
    """The document's language: by script when only one language writes it, else by langdetect
    restricted to the languages of the text's script (seeded); ``None`` when the text is too short."""
    sample = text[:20000]
    if sum(1 for c in sample if c.isalpha()) < 20:
        return LanguageInfo(None)
    shares = _script_shares(sample)
    if not shares:
        return LanguageInfo(None)
    kana = shares.get("Hiragana", 0.0) + shares.get("Katakana", 0.0)
    if kana >= 0.05:
        return LanguageInfo("ja", "detected", round(min(1.0, kana + shares.get("Han", 0.0)), 3))
    script = max(sorted(shares), key=lambda k: shares[k])
    if script in _UNIQUE_SCRIPT:
        return LanguageInfo(_UNIQUE_SCRIPT[script], "detected", round(shares[script], 3))
    if script not in _SCRIPT_PROFILES:
        return LanguageInfo(None)
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory(script).create()
    detector.append(sample)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return LanguageInfo(None)
    code = {"zh-cn": "zh", "zh-tw": "zh-Hant"}.get(best.lang, best.lang)
    return LanguageInfo(normalize(code), "detected", round(best.prob, 3))


def resolve_languages(
    doc: Document,
    cli_target: str | None,
    cli_source: str | None,
    origin: str = "cli",
    path_lang: str | None = None,
    source_origin: str | None = None,
    source_path_lang: str | None = None,
) -> tuple[LanguageInfo, LanguageInfo]:
    """Target and source language of ``doc`` with their origins: command line or config (``origin``,
    ``source_origin``), the file, the path (``path_lang``: the ``{lang}`` of the layout; for the source,
    the paired source file's path), then detection."""
    if cli_target:
        target = LanguageInfo(normalize(cli_target), origin)
    elif doc.target_language.code:
        target = doc.target_language
    elif path_lang or language_from_path(doc.path):
        target = LanguageInfo(path_lang or language_from_path(doc.path), "path")
    else:
        target = detect_language("\n".join(s.prose for s in doc.segments))
    if cli_source:
        source = LanguageInfo(normalize(cli_source), source_origin or origin)
    elif doc.source_language.code:
        source = doc.source_language
    elif source_path_lang:
        source = LanguageInfo(source_path_lang, "path")
    elif doc.has_source:
        sources = "\n".join(s.source_prose or "" for s in doc.segments)
        source = detect_language(sources)
    else:
        source = LanguageInfo(None)
    return target, source
