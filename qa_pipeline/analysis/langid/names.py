"""Names, acronyms, codes and allowed words: text that stays in the source language on purpose.

A translation keeps brand, product, institution and person names (PayScale, Harris Poll, iPhone),
acronyms (BLS, GED), identifiers and file names, units and a few international words. The untranslated
rules (QA4xx) use these heuristics to tell a name from a leftover:

* a token written in mixed case (``iPhone``, ``PayScale``), in capitals (``BLS``) or with digits
  (``COVID-19``) is a name or code;
* a capitalised word that does not start a sentence is a name (``la société Harris``);
* a run whose content words are all capitalised is a title-case name (``Bureau of Labor Statistics``);
* terms of the user's do-not-translate list (``dnt`` / ``dnt-file`` in config) and of the per-language
  allow-list ``qa_pipeline/analysis/data/untranslated-allow.yaml`` (units, Latin phrases, common loanwords).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

import regex

from qa_pipeline.model import Span
from qa_pipeline.text.yamldata import load_yaml

# Words written in lower case inside title-case names ("Bureau of Labor Statistics", "Banco de España").
TITLE_JOINERS = frozenset(
    [
        "of",
        "the",
        "and",
        "for",
        "in",
        "on",
        "at",
        "to",
        "a",
        "an",
        "by",
        "with",
        "&",
        "de",
        "del",
        "della",
        "dei",
        "delle",
        "des",
        "du",
        "la",
        "le",
        "les",
        "van",
        "von",
        "der",
        "den",
        "di",
        "da",
        "do",
        "das",
        "dos",
        "y",
        "e",
        "et",
        "und",
        "für",
        "voor",
        "pour",
        "para",
        "per",
        "och",
        "og",
        "i",
    ]
)
_CODE_TOKEN = regex.compile(r"[_./\\@#$=<>\[\]{}]|^\p{Ll}+\p{Lu}|\d")
_ACRONYM = regex.compile(r"^\p{Lu}[\p{Lu}\d&.-]*\p{Lu}s?$")
_INNER_CAPITAL = regex.compile(r"^\p{L}+\p{Lu}")


def is_acronym(token: str) -> bool:
    """``BLS``, ``GED``, ``URLs``, ``R&D``."""
    return bool(_ACRONYM.match(token))


def is_mixed_case(token: str) -> bool:
    """``iPhone``, ``PayScale``, ``McDonald``, ``YouTube``: a capital after the first letter."""
    return bool(_INNER_CAPITAL.match(token)) and not token.isupper()


def is_code_like(token: str) -> bool:
    """Identifiers, paths and numbers: ``snake_case``, ``file.txt``, ``COVID-19``, ``camelCase``."""
    return bool(_CODE_TOKEN.search(token))


def is_capitalised(token: str) -> bool:
    return token[:1].isupper()


def name_like_token(token: str) -> bool:
    """A token that is a name or code whatever its position."""
    letters = sum(1 for c in token if c.isalpha())
    return letters < 2 or is_acronym(token) or is_mixed_case(token) or is_code_like(token)


def title_case_run(words: Iterable[str]) -> bool:
    """True when every content word is capitalised (joiners such as ``of``/``de`` may be lower case)."""
    content = [w for w in words if w.casefold() not in TITLE_JOINERS]
    return bool(content) and all(is_capitalised(w) or name_like_token(w) for w in content)


@cache
def _data(section: str) -> dict[str, tuple[str, ...]]:

    text = resources.files("qa_pipeline.analysis").joinpath("data/untranslated-allow.yaml").read_text("utf-8")
    raw = load_yaml(text) or {}
    # only strings: an unquoted YAML ``no``/``on`` would be a boolean, never a word
    return {
        str(k): tuple(t for t in (v or ()) if isinstance(t, str)) for k, v in raw.get(section, {}).items()
    }


def _allow_data() -> dict[str, tuple[str, ...]]:
    return _data("languages")


@cache
def function_words(lang: str) -> frozenset[str]:
    """Casefolded, very frequent words of ``lang`` that are not English words (``et``, ``und``)."""
    return frozenset(t.casefold() for t in _data("function-words").get(lang, ()))


@cache
def allowed_terms(lang: str) -> frozenset[str]:
    """Casefolded terms allowed to stay untranslated in ``lang`` (plus those allowed in every language)."""
    data = _allow_data()
    return frozenset(t.casefold() for t in (*data.get("any", ()), *data.get(lang, ())))


@cache
def _term_pattern(terms: frozenset[str]) -> regex.Pattern[str] | None:
    if not terms:
        return None
    alts = "|".join(regex.escape(t) for t in sorted(terms, key=lambda t: (-len(t), t)))
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{alts})(?![\p{{L}}\p{{N}}])", regex.IGNORECASE)


def term_spans(text: str, terms: frozenset[str]) -> list[Span]:
    """Where any of ``terms`` (case-insensitive, whole words) occurs in ``text``."""
    pattern = _term_pattern(frozenset(t.casefold() for t in terms if t.strip()))
    if pattern is None:
        return []
    return [Span(m.start(), m.end()) for m in pattern.finditer(text)]


def allow_spans(text: str, lang: str, dnt: frozenset[str]) -> list[Span]:
    """Spans of ``text`` covered by the allow-list of ``lang`` or the do-not-translate list."""
    return sorted(term_spans(text, allowed_terms(lang)) + term_spans(text, dnt))
