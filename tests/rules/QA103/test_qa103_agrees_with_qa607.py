"""QA103 (edge whitespace) and QA607 (French spacing) must never ask for opposite things at a unit's edge."""

from __future__ import annotations

import pytest

from qa_pipeline.analysis.punctuation import french_spacing
from qa_pipeline.testing import check_snippet

LOCALES = ("fr", "fr-CA", "fr-CH", "fr-BE")
SPACES = ("\u00a0", "\u202f", " ")


def _codes(source: str, target: str, lang: str) -> dict[str, int]:
    case = {"source": source, "lang": lang, "source_lang": "en", "kind": "unit"}
    return {code: len(check_snippet(target, code, **case)) for code in ("QA103", "QA607")}


@pytest.mark.parametrize("lang", LOCALES)
@pytest.mark.parametrize("space", SPACES)
@pytest.mark.parametrize("mark", "?!:;")
def test_spaced_leading_mark(lang: str, space: str, mark: str) -> None:
    """The French form of a unit that starts with a mark: a space the locale asks for is no edge
    mismatch, and QA607 has nothing to say either."""
    conv = french_spacing(lang)
    assert conv is not None
    got = _codes(f"{mark} %(count)s items", f"{space}{mark} %(count)s éléments", lang)
    assert got["QA607"] == 0
    assert got["QA103"] == (0 if mark in conv.before else 1)


@pytest.mark.parametrize("lang", LOCALES)
@pytest.mark.parametrize("mark", "?!:;")
def test_unspaced_leading_mark(lang: str, mark: str) -> None:
    """Without the space, neither rule reports: what comes before the unit is not known."""
    assert _codes(f"{mark} %(count)s items", f"{mark} %(count)s éléments", lang) == {"QA103": 0, "QA607": 0}


@pytest.mark.parametrize("lang", LOCALES)
def test_glued_mark_inside_the_unit(lang: str) -> None:
    """Inside the unit QA607 asks for the space and QA103 has nothing to say."""
    assert _codes("Name:", "Nom:", lang) == {"QA103": 0, "QA607": 1}
    assert _codes("Name:", "Nom\u202f:", lang) == {"QA103": 0, "QA607": 0}
