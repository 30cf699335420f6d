"""Property tests: positions are exact and readers fail only with ReaderError.

The position property, for every segment of every generated file: for each index ``i`` of the
target (and of the source), ``offsets.to_file(i)`` strictly increases with ``i`` and points at a place
where the file spells ``target[i]`` — the very character, or (PO) an escape such as ``\\n`` or (XLIFF)
an entity or character reference such as ``&amp;`` / ``&#233;`` that stands for it. Markdown never
decodes, so there the file has the very character. ``Document.line_col`` of that offset is then the
line and column (code points, CRLF = one break) a user sees in an editor.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import example, given
from hypothesis import strategies as st

from qa_pipeline.readers import ReaderError, ReadOptions
from qa_pipeline.readers.markdown import read_markdown
from qa_pipeline.readers.po import read_po
from qa_pipeline.readers.xliff import read_xliff
from tests.hostile.fuzzing import fuzz

from .helpers import assert_positions_exact

SETTINGS = fuzz(150)  # HYPOTHESIS_PROFILE=fuzz: the CI fuzz job's many more examples
OPTIONS = ReadOptions()

# --- PO -------------------------------------------------------------------------------------------

_PO_ESCAPE = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
po_chars = st.characters(exclude_categories=["Cs"])
po_strings = st.text(po_chars, max_size=40)


def _po_literal(value: str, cuts: list[int], newline: str) -> str:
    tokens = [_PO_ESCAPE.get(c, c) for c in value]
    pieces: list[str] = []
    last = 0
    for cut in sorted({c % (len(tokens) + 1) for c in cuts}):
        pieces.append("".join(tokens[last:cut]))
        last = cut
    pieces.append("".join(tokens[last:]))
    return newline.join(f'"{p}"' for p in pieces)


@dataclass
class _PoEntry:
    ctxt: str | None
    msgid: str
    msgstr: str
    plural: tuple[str, str] | None


po_entries = st.builds(
    _PoEntry,
    ctxt=st.none() | po_strings,
    msgid=st.text(po_chars, min_size=1, max_size=30),
    msgstr=po_strings,
    plural=st.none() | st.tuples(st.text(po_chars, min_size=1, max_size=20), po_strings),
)


@given(
    entries=st.lists(po_entries, max_size=6, unique_by=lambda e: (e.ctxt, e.msgid)),
    cuts=st.lists(st.integers(0, 50), max_size=3),
    newline=st.sampled_from(["\n", "\r\n"]),
    language=st.sampled_from([None, "de", "pt_BR", "sr@latin"]),
)
@SETTINGS
def test_po_positions(entries: list[_PoEntry], cuts: list[int], newline: str, language: str | None) -> None:
    lines: list[str] = []
    if language:
        lines += ['msgid ""', f'msgstr "Language: {language}\\n"', ""]
    expected: list[tuple[str, str, str]] = []
    for e in entries:
        if e.ctxt is not None:
            lines.append("msgctxt " + _po_literal(e.ctxt, cuts, newline))
        lines.append("msgid " + _po_literal(e.msgid, cuts, newline))
        base = e.msgid if e.ctxt is None else f"{e.ctxt}\u0004{e.msgid}"
        if e.plural is None:
            lines.append("msgstr " + _po_literal(e.msgstr, cuts, newline))
            if e.msgstr and (e.msgid or e.ctxt is not None):
                expected.append((base, e.msgid, e.msgstr))
        else:
            lines.append("msgid_plural " + _po_literal(e.plural[0], cuts, newline))
            lines.append("msgstr[0] " + _po_literal(e.msgstr, cuts, newline))
            lines.append("msgstr[1] " + _po_literal(e.plural[1], cuts, newline))
            if e.msgstr or e.plural[1]:
                expected.append((f"{base}[0]", e.msgid, e.msgstr))
                expected.append((f"{base}[1]", e.plural[0], e.plural[1]))
        lines.append("")
    text = newline.join(lines)
    doc = read_po(text, "gen.po", OPTIONS)
    assert [(s.id, s.source, s.target) for s in doc.segments] == expected
    assert_positions_exact(doc)
    if language:
        assert doc.target_language.origin == "file"


po_noise = st.text(st.sampled_from(list('msgidtrx_[]01 "\\\n\r#~,.|:é\t')) | po_chars, max_size=200)


@given(po_noise)
@SETTINGS
def test_po_fails_only_with_reader_error(text: str) -> None:
    try:
        doc = read_po(text, "noise.po", OPTIONS)
    except ReaderError as exc:
        assert "\n" not in str(exc)
        return
    assert_positions_exact(doc)


# --- XLIFF ----------------------------------------------------------------------------------------

xml_chars = st.characters(
    exclude_categories=["Cs"],
    exclude_characters="<&>\ufffe\uffff",
    min_codepoint=0x09,
).filter(lambda c: c in "\t\n\r" or ord(c) >= 0x20)
_XML_REFS = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"}


@st.composite
def xliff_content(draw: st.DrawFn, depth: int = 0) -> tuple[str, str]:
    """(markup in the file, text the reader must give)."""
    markup: list[str] = []
    text: list[str] = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["text", "entity", "charref", "x", "g", "ph", "cdata", "comment"]))
        if kind == "text":
            t = draw(st.text(xml_chars, max_size=12))
            markup.append(t)
            text.append(t)
        elif kind == "entity":
            c = draw(st.sampled_from(sorted(_XML_REFS)))
            markup.append(_XML_REFS[c])
            text.append(c)
        elif kind == "charref":
            c = draw(xml_chars)
            markup.append(draw(st.sampled_from([f"&#{ord(c)};", f"&#x{ord(c):X};"])))
            text.append(c)
        elif kind == "x":
            markup.append('<x id="1"/>')
            text.append('<x id="1"/>')
        elif kind == "g" and depth < 2:
            inner_markup, inner_text = draw(xliff_content(depth + 1))
            markup.append(f'<g id="2">{inner_markup}</g>')
            text.append(f'<g id="2">{inner_text}</g>')
        elif kind == "ph":
            markup.append('<ph id="3">&lt;b&gt;</ph>')
            text.append('<ph id="3">&lt;b&gt;</ph>')
        elif kind == "cdata":
            t = draw(st.text(xml_chars, max_size=8)).replace("]]", "")
            markup.append(f"<![CDATA[{t}]]>")
            text.append(t)
        elif kind == "comment":
            markup.append("<!-- note -->")
    return "".join(markup), "".join(text)


@given(
    units=st.lists(st.tuples(xliff_content(), xliff_content()), max_size=5),
    newline=st.sampled_from(["\n", "\r\n"]),
)
@SETTINGS
def test_xliff_positions(units: list[tuple[tuple[str, str], tuple[str, str]]], newline: str) -> None:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">',
        '<file original="g" source-language="en" target-language="uk"><body>',
    ]
    expected = []
    for n, ((src_markup, src_text), (tgt_markup, tgt_text)) in enumerate(units):
        lines.append(f'<trans-unit id="u{n}">{newline}<source>{src_markup}</source>')
        lines.append(f"<target>{tgt_markup}</target>{newline}</trans-unit>")
        if tgt_text.strip():  # a unit with an empty target is untranslated: skipped by default
            expected.append((f"u{n}", src_text, tgt_text))
    lines.append("</body></file></xliff>")
    doc = read_xliff(newline.join(lines), "gen.xliff", OPTIONS)
    assert [(s.id, s.source, s.target) for s in doc.segments] == expected
    assert_positions_exact(doc)
    assert doc.target_language.code == "uk"


xml_noise = st.text(
    st.sampled_from(list('<>/&;#"= \n![]-?xliffiletrans-unitsourcetarget')) | xml_chars, max_size=200
)


@given(xml_noise)
@SETTINGS
def test_xliff_fails_only_with_reader_error(text: str) -> None:
    try:
        doc = read_xliff(text, "noise.xliff", OPTIONS)
    except ReaderError as exc:
        assert "\n" not in str(exc)
        return
    assert_positions_exact(doc)


# --- Markdown -------------------------------------------------------------------------------------

md_prefixes = st.sampled_from(
    [
        "",
        "",
        "",
        "# ",
        "## ",
        "- ",
        "* ",
        "1. ",
        "  ",
        "    ",
        "> ",
        "> > ",
        "| ",
        "|---|---|",
        "```",
        "---",
        "+++",
        "<div>",
        "<!-- qa-ignore: QA104 -->",
        "Title\n===",
        "\t",
    ]
)
md_words = st.sampled_from(
    [
        "word",
        "mot",
        "слово",
        "كلمة",
        "מילה",
        "言葉",
        "词语",
        "`code`",
        "``a`b``",
        "[link](http://e.x/a_(b))",
        "<https://e.x>",
        "<b>",
        "</b>",
        "&amp;",
        "*em*",
        "**strong**",
        "|",
        "\\|",
        "\\",
        "!",
        "www.e.org",
        "  ",
        "<!-- qa-ignore-file: QA1 -->",
        "\x00",
    ]
)
md_lines = st.tuples(md_prefixes, st.lists(md_words, max_size=6)).map(lambda t: t[0] + " ".join(t[1]))


@given(lines=st.lists(md_lines, max_size=25), newline=st.sampled_from(["\n", "\r\n", "\r"]))
@SETTINGS
@example(lines=["---", "---"], newline="\n")  # front matter and nothing after it
def test_markdown_positions(lines: list[str], newline: str) -> None:
    text = newline.join(lines)
    doc = read_markdown(text, "gen.md", OPTIONS)
    assert_positions_exact(doc)
    for seg in doc.segments:
        assert seg.target.strip()
        for span in seg.protected:
            assert 0 <= span.start < span.end <= len(seg.target)


@given(st.text(max_size=300))
@SETTINGS
def test_markdown_never_fails(text: str) -> None:
    doc = read_markdown(text, "noise.md", OPTIONS)
    assert_positions_exact(doc)


# --- PO semantics agree with polib ------------------------------------------------------------------

# polib splits lines with str.splitlines(), so these may not appear raw inside a string
_POLIB_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\r"
polib_chars = st.characters(exclude_categories=["Cs"], exclude_characters=_POLIB_LINE_BREAKS)
polib_strings = st.text(polib_chars, max_size=25)
comment_text = st.text(st.characters(exclude_categories=["Cs", "Cc", "Zl", "Zp"]), max_size=15).map(str.strip)


@dataclass
class _FullEntry:
    entry: _PoEntry
    comment: str
    flags: list[str]
    obsolete: bool


full_entries = st.builds(
    _FullEntry,
    entry=st.builds(
        _PoEntry,
        ctxt=st.none() | polib_strings,
        msgid=st.text(polib_chars, min_size=1, max_size=25),
        msgstr=polib_strings,
        plural=st.none() | st.tuples(st.text(polib_chars, min_size=1, max_size=15), polib_strings),
    ),
    comment=comment_text,
    flags=st.lists(
        st.sampled_from(["fuzzy", "python-format", "c-format", "no-wrap"]), unique=True, max_size=2
    ),
    obsolete=st.booleans(),
)


@given(entries=st.lists(full_entries, max_size=6, unique_by=lambda e: (e.entry.ctxt, e.entry.msgid)))
@SETTINGS
def test_po_semantics_match_polib(entries: list[_FullEntry]) -> None:
    """Entries, strings, contexts, plural forms, flags, obsolete marks and comments read as polib reads them."""
    import polib

    from qa_pipeline.readers.po import _Parser

    lines = ['msgid ""', 'msgstr "Language: fr\\n"', ""]
    for full in entries:
        e = full.entry
        prefix = "#~ " if full.obsolete else ""
        if full.comment:
            lines.append(f"# {full.comment}")
        if full.flags:
            lines.append("#, " + ", ".join(full.flags))
        if e.ctxt is not None:
            lines.append(f"{prefix}msgctxt " + _po_literal(e.ctxt, [], "\n"))
        lines.append(f"{prefix}msgid " + _po_literal(e.msgid, [], "\n"))
        if e.plural is None:
            lines.append(f"{prefix}msgstr " + _po_literal(e.msgstr, [], "\n"))
        else:
            lines.append(f"{prefix}msgid_plural " + _po_literal(e.plural[0], [], "\n"))
            lines.append(f"{prefix}msgstr[0] " + _po_literal(e.msgstr, [], "\n"))
            lines.append(f"{prefix}msgstr[1] " + _po_literal(e.plural[1], [], "\n"))
        lines.append("")
    text = "\n".join(lines)
    ours = [x for x in _Parser(text).parse() if not (x.msgid and x.msgid.value() == "" and x.msgctxt is None)]
    theirs = list(polib.pofile(text))
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs, strict=True):
        assert a.msgid is not None
        assert a.msgid.value() == b.msgid
        assert (a.msgctxt.value() if a.msgctxt else None) == b.msgctxt
        if b.msgid_plural:
            assert a.msgid_plural is not None and a.msgid_plural.value() == b.msgid_plural
            assert {k: v.value() for k, v in a.plurals.items()} == b.msgstr_plural
        else:
            assert a.msgstr is not None and a.msgstr.value() == b.msgstr
        assert a.flags == b.flags
        assert a.obsolete == bool(b.obsolete)
        assert "\n".join(a.tcomments) == b.tcomment
