"""Placeholder grammar, comparison, markup and plural-form helpers of the QA8xx rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa_pipeline.analysis.fidelity.markup import find_code_spans, find_links, find_tags, nesting_error
from qa_pipeline.analysis.fidelity.markup_diff import compare_tags, same_url
from qa_pipeline.analysis.fidelity.placeholder_diff import compare
from qa_pipeline.analysis.fidelity.placeholders import find_placeholders, infer_syntaxes, syntaxes_for
from qa_pipeline.analysis.fidelity.plurals import needed_categories, po_form_integers, po_plural_forms


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("%@ wants to open %1$@", {"printf"}),
        ("Hello %(name)s", {"python"}),
        ("Page {0} of {1}", {"brace"}),
        ("{{count}} items", {"i18next"}),
        ("Hi %{name}", {"ruby"}),
        ("Hi ${name}", {"template"}),
        ("{n, plural, one {# file} other {# files}} for {user}", {"icu"}),
        ("Downloading %1 of %2", {"qt"}),
        ("Save 50% on everything, 5% discount, 100%", set()),
        ("A set {} and a dict {:}", set()),
        ("50%off", set()),
    ],
)
def test_infer_syntaxes(source: str, expected: set[str]) -> None:
    assert infer_syntaxes(source) == expected


def test_flags_win_over_inference_and_no_flags_refuse() -> None:
    assert syntaxes_for({"python-brace-format"}, "%s and {0}") == {"brace"}
    assert syntaxes_for({"no-c-format"}, "%s and {0}") == {"brace"}
    assert syntaxes_for(set(), "%s", configured=()) == frozenset()
    assert syntaxes_for({"c-format"}, "{0}", configured=("icu-format",)) == {"icu"}


def test_printf_types_and_positions() -> None:
    found = find_placeholders("%1$@ %2$ld %s %.2f %% %#@files@", frozenset({"printf"}))
    assert [(p.text, p.key, p.ordinal, p.type) for p in found] == [
        ("%1$@", "1", False, "object"),
        ("%2$ld", "2", False, "long integer"),
        ("%s", "1", True, "string"),
        ("%.2f", "2", True, "float"),
        ("%#@files@", "files", False, ""),
    ]


def test_declared_printf_reads_a_spaced_percent_as_a_conversion() -> None:
    assert [p.text for p in find_placeholders("100% sure", frozenset({"printf"}), strict=False)] == ["% s"]
    assert find_placeholders("100% sure", frozenset({"printf"}), strict=True) == ()


def test_plural_alternatives_choose_the_closest_source() -> None:
    assert compare("One file", "%d файл", frozenset({"printf"}), True, ("One file", "%d files")) == ()
    assert [i.kind for i in compare("One file", "%d файл", frozenset({"printf"}), True)] == ["extra"]


PIECES = st.sampled_from(
    ["%s", "%d", "%1$@", "%(name)s", "{0}", "{name}", "{{count}}", "%{user}", "${x}", "%%", "%1"]
)
WORDS = st.sampled_from(["a", " ", "word", "50 %", "{", "}", "é", "{{", "%"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(PIECES, WORDS), max_size=10).map("".join))
def test_a_string_equals_itself_and_spans_slice_to_the_text(text: str) -> None:
    for syntaxes in ({"printf"}, {"python"}, {"brace"}, {"i18next"}, {"ruby"}, {"qt"}, {"template"}):
        frozen = frozenset(syntaxes)
        for strict in (True, False):
            assert compare(text, text, frozen, strict) == ()
            for p in find_placeholders(text, frozen, strict):
                assert text[p.span.start : p.span.end] == p.text
    frozen = infer_syntaxes(text) - {"icu"}
    assert compare(text, text, frozen, True) == ()


@settings(max_examples=200, deadline=None)
@given(st.permutations(["%(a)s", "%(b)d", "{c}", "%{d}", "{{e}}"]))
def test_named_placeholders_may_move(order: list[str]) -> None:
    syntaxes = frozenset({"python", "brace", "ruby", "i18next"})
    source = "x %(a)s y %(b)d z {c} w %{d} v {{e}}"
    assert compare(source, " — ".join(order), syntaxes, False) == ()


def test_tags_metavariables_and_native_code() -> None:
    tags = find_tags('Use <file> with <b>bold</b>, <br/>, <x id="1"/> and <ph id="2">&lt;i&gt;</ph>')
    assert [(t.name, t.kind, t.ident) for t in tags] == [
        ("b", "open", None),
        ("b", "close", None),
        ("br", "empty", None),
        ("x", "empty", "1"),
        ("ph", "open", "2"),
        ("ph", "close", None),
    ]
    assert tags[4].content == "&lt;i&gt;"
    assert nesting_error(find_tags("<b><i>x</b></i>")) is not None
    assert nesting_error(find_tags("<b><i>x</i></b><br>")) is None


def test_missing_element_is_one_finding() -> None:
    issues = compare_tags('Read <a href="/t">terms</a>', "Lisez", frozenset())
    assert [i.kind for i in issues] == ["missing"]


def test_same_url_ignores_language_codes_only() -> None:
    assert same_url("https://x.org/en-US/kb", "https://x.org/fr/kb", ("en", "fr"))
    assert same_url("/docs?lang=en", "/docs?lang=fr", ("en", "fr"))
    assert not same_url("https://x.org/help", "https://x.org/aide", ("en", "fr"))
    assert not same_url("https://x.org/en/kb", "https://x.org/de/kb", ("en", "fr"))


def test_links_and_code_spans() -> None:
    links = find_links('See [the *guide*](<https://x.org/a b>) and ![logo](img.png "Logo")')
    assert [(link.destination, link.image) for link in links] == [
        ("https://x.org/a b", False),
        ("img.png", True),
    ]
    assert [c.code for c in find_code_spans("Run `make` or `` a`b `` now")] == ["make", "a`b"]


def test_po_plural_forms_across_continuation_lines() -> None:
    text = (
        'msgid ""\nmsgstr ""\n"Language: he\\n"\n"Plural-Forms: nplurals=3; plural=(n == 1) ? 0 : "\n'
        '"(n == 2) ? 1 : 2;\\n"\n\nmsgid "x"\nmsgstr "y"\n'
    )
    forms = po_plural_forms(text)
    assert forms == (3, "(n == 1) ? 0 : (n == 2) ? 1 : 2")
    assert po_form_integers(forms[1], 1) == (2,)
    assert po_form_integers("n ? (", 0) is None


def test_needed_categories() -> None:
    assert needed_categories("pl") == {"one", "few", "many"}
    assert needed_categories("fr") == {"one", "other"}
    assert needed_categories("ja") == {"other"}
    assert needed_categories("und") == frozenset()
