"""ICU MessageFormat parser: random well-formed messages round-trip, compare equal to themselves, and
ICU4C (through icu4py) agrees with what the parser accepts."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from icu4py.messageformat import MessageFormat

from qa_pipeline.analysis.fidelity.icu import (
    Argument,
    Branch,
    IcuSyntaxError,
    Node,
    Pound,
    Select,
    Text,
    parse,
    print_message,
    walk,
)
from qa_pipeline.analysis.fidelity.icu_diff import compare_icu

NAMES = st.text("abcdefgxyz_", min_size=1, max_size=6).filter(lambda s: not s[0].isdigit())
TEXT = st.text(st.sampled_from(list("ab Z.,'{}#|<>\u00e9\u4e2d\n")), min_size=1, max_size=12)
SIMPLE = st.one_of(
    st.builds(lambda n: Argument(n), NAMES),
    st.builds(lambda n: Argument(n, "number"), NAMES),
    st.builds(
        lambda n, s: Argument(n, "number", s),
        NAMES,
        st.sampled_from(["integer", "percent", "::currency/EUR"]),
    ),
    st.builds(lambda n, s: Argument(n, "date", s), NAMES, st.sampled_from(["short", "long", "::yMMMd"])),
    st.builds(lambda n: Argument(n, "time"), NAMES),
)
PLURAL_KEYS = ["zero", "one", "two", "few", "many", "=0", "=1", "=2"]
SELECT_KEYS = ["male", "female", "admin", "guest", "a1"]


def _merge(nodes: list[Node]) -> tuple[Node, ...]:
    """Adjacent text joined, as the parser returns it."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].value + node.value)
        else:
            out.append(node)
    return tuple(out)


def messages(depth: int, in_plural: bool) -> st.SearchStrategy[tuple[Node, ...]]:
    atoms: list[st.SearchStrategy[Any]] = [st.builds(Text, TEXT), SIMPLE]
    if in_plural:
        atoms.append(st.just(Pound()))
    if depth > 0:
        atoms.append(selects(depth - 1))
    return st.lists(st.one_of(*atoms), max_size=4).map(_merge)


def selects(depth: int) -> st.SearchStrategy[Select]:
    def build(draw: Any) -> Select:
        kind = draw(st.sampled_from(["plural", "select", "selectordinal"]))
        pool = SELECT_KEYS if kind == "select" else PLURAL_KEYS
        keys = [*draw(st.lists(st.sampled_from(pool), unique=True, max_size=3)), "other"]

        branches = tuple(Branch(k, draw(messages(depth, kind != "select"))) for k in keys)
        offset = draw(st.sampled_from([0, 0, 1])) if kind == "plural" else 0
        return Select(draw(NAMES), kind, branches, offset)

    return st.composite(lambda draw: build(draw))()


MESSAGES = messages(2, False)


@settings(max_examples=300, deadline=None)
@given(MESSAGES)
def test_round_trip(ast: tuple[Node, ...]) -> None:
    text = print_message(ast)
    assert parse(text) == ast


@settings(max_examples=200, deadline=None)
@given(MESSAGES, st.sampled_from(["en", "ru", "ja", "ar", "und"]))
def test_a_message_equals_itself(ast: tuple[Node, ...], lang: str) -> None:
    text = print_message(ast)
    issues = compare_icu(text, text, lang)
    # a random message may lack (or have) categories the language uses: that is about the language
    allowed = ("category-missing", "category-invalid") if lang != "und" else ()
    assert not [i for i in issues if i.kind not in allowed]


@settings(max_examples=200, deadline=None)
@given(MESSAGES)
def test_icu4c_accepts_what_we_print(ast: tuple[Node, ...]) -> None:
    MessageFormat(print_message(ast), "en")


@settings(max_examples=200, deadline=None)
@given(MESSAGES)
def test_offsets_point_at_the_source_text(ast: tuple[Node, ...]) -> None:
    text = print_message(ast)
    for node in walk(parse(text)):
        if isinstance(node, Argument | Select):
            assert text[node.span.start] == "{" and text[node.span.end - 1] == "}"
            assert text[node.name_span.start : node.name_span.end] == node.name
        if isinstance(node, Select):
            for branch in node.branches:
                assert text[branch.key_span.start : branch.key_span.end] == branch.key
                assert text[branch.span.start] == "{" and text[branch.span.end - 1] == "}"


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"{}, a#'=1", "plural", "select", "other", "one", "number", " "]), max_size=25
    ).map("".join)
)
def test_random_text_parses_or_fails_cleanly_and_agrees_with_icu4c(text: str) -> None:
    try:
        parse(text)
        ours = True
    except IcuSyntaxError as exc:
        assert 0 <= exc.offset <= len(text)
        ours = False
    try:
        MessageFormat(text, "en")
        theirs = True
    except ValueError:
        theirs = False
    # we may refuse more (a select key given twice, which Format.js refuses too), never less
    assert not ours or theirs, text
