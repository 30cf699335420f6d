"""Snowball stemmers by language code (the ``snowballstemmer`` package): inflection-tolerant matching
of glossary terms and of sources that differ only in inflection.

Languages with a Snowball stemmer: ar, ca, cs, da, de, el, en, es, et, eu, fi, fr, ga, hi, hu, hy, id,
it, lt, ne, nl, no/nb/nn, pl, pt, ro, ru, sr, st, sv, ta, tr, yi, fa, eo. Others have none:
:func:`stemmer` returns None and callers fall back to exact or prefix matching.
"""

from __future__ import annotations

from functools import cache
from typing import Any

_ALGORITHMS = {
    "ar": "arabic",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "eo": "esperanto",
    "es": "spanish",
    "et": "estonian",
    "eu": "basque",
    "fa": "persian",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "ne": "nepali",
    "nl": "dutch",
    "nn": "norwegian",
    "no": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "st": "sesotho",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}


@cache
def stemmer(lang: str) -> Any:
    """A Snowball stemmer for the base language ``lang`` (``stemWord(word) -> stem``), or None."""
    name = _ALGORITHMS.get(lang.replace("_", "-").split("-")[0].lower())
    if name is None:
        return None
    import snowballstemmer

    available = set(snowballstemmer.algorithms())
    return snowballstemmer.stemmer(name) if name in available else None


def has_stemmer(lang: str) -> bool:
    return stemmer(lang) is not None
