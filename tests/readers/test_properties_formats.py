"""Property tests for the Apple, TMX, CSV/TSV, Moses and HTML readers: generated files read back with
the values that were written, every character at the place the file spells it, and malformed input
refused only with a one-line ReaderError (see test_properties.py for the position property).
"""

from __future__ import annotations

import csv
import html
import io
import json
from pathlib import Path

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from qa_pipeline.readers import CsvOptions, ReaderError, ReadOptions
from qa_pipeline.readers.apple_catalog import read_xcstrings_documents
from qa_pipeline.readers.apple_strings import read_strings, read_stringsdict
from qa_pipeline.readers.csv_tab import read_csv_documents, read_tsv_documents
from qa_pipeline.readers.html import read_html
from qa_pipeline.readers.moses import read_moses_file
from qa_pipeline.readers.tmx import read_tmx_documents

from .helpers import assert_positions_exact

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ALL = ReadOptions(include_untranslated=True)
chars = st.characters(exclude_categories=["Cs"])
texts = st.text(chars, max_size=30)

# --- .strings -------------------------------------------------------------------------------------

_STRINGS_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _strings_literal(value: str, style: int) -> str:
    out = []
    for c in value:
        if c in _STRINGS_ESCAPES:
            out.append(_STRINGS_ESCAPES[c])
        elif style == 1 and ord(c) > 0x7F:
            code = ord(c)
            if code > 0xFFFF:  # a surrogate pair, as Xcode writes it
                code -= 0x10000
                out.append(f"\\U{0xD800 + (code >> 10):04X}\\U{0xDC00 + (code & 0x3FF):04X}")
            else:
                out.append(f"\\U{code:04X}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


@given(
    entries=st.dictionaries(st.text(chars, min_size=1, max_size=15), texts, max_size=6),
    style=st.integers(0, 1),
    newline=st.sampled_from(["\n", "\r\n"]),
    comments=st.booleans(),
)
@SETTINGS
def test_strings_positions(entries: dict[str, str], style: int, newline: str, comments: bool) -> None:
    lines = []
    for key, value in entries.items():
        if comments:
            lines.append("/* a comment */ // another")
        lines.append(f"{_strings_literal(key, style)} = {_strings_literal(value, style)};")
    doc = read_strings(newline.join(lines), "fr.lproj/Localizable.strings", ALL)
    assert [(s.id, s.target) for s in doc.segments] == list(entries.items())
    assert_positions_exact(doc)


strings_noise = st.text(st.sampled_from(list("\"'=;{}()/*\\Un ab\n\t01é")) | chars, max_size=120)


@given(strings_noise)
@SETTINGS
@example('"a" = "\\U"; "b" = "\\UD83D"; "c" = "\\UDE00\\u";')
def test_strings_fails_only_with_reader_error(text: str) -> None:
    try:
        doc = read_strings(text, "noise.strings", ALL)
    except ReaderError as exc:
        assert "\n" not in str(exc)
        return
    assert_positions_exact(doc)


# --- .stringsdict and TMX (XML) -------------------------------------------------------------------

xml_chars = st.characters(
    exclude_categories=["Cs"], exclude_characters="\ufffe\uffff", min_codepoint=0x09
).filter(lambda c: c in "\t\n\r" or ord(c) >= 0x20)
xml_texts = st.text(xml_chars, max_size=20)


def _xml(value: str, refs: int) -> str:
    named = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
    return "".join(
        named.get(c) or (f"&#{ord(c)};" if refs and c.isalpha() and ord(c) % 3 == 0 else c) for c in value
    )


@given(
    forms=st.dictionaries(
        st.sampled_from(["zero", "one", "two", "few", "many", "other"]), xml_texts, max_size=6
    ),
    fmt=xml_texts,
    refs=st.integers(0, 1),
)
@SETTINGS
def test_stringsdict_positions(forms: dict[str, str], fmt: str, refs: int) -> None:
    body = "".join(f"<key>{k}</key><string>{_xml(v, refs)}</string>\n" for k, v in forms.items())
    text = (
        '<?xml version="1.0"?>\n<plist version="1.0"><dict><key>k</key><dict>\n'
        f"<key>NSStringLocalizedFormatKey</key><string>{_xml(fmt, refs)}</string>\n"
        "<key>n</key><dict><key>NSStringFormatSpecTypeKey</key><string>NSStringPluralRuleType</string>\n"
        f"{body}</dict></dict></dict></plist>\n"
    )
    doc = read_stringsdict(text, "fr.lproj/Localizable.stringsdict", ALL)
    keep = forms if any(forms.values()) else {}
    assert [(s.id, s.target) for s in doc.segments] == [("k", fmt)] + [
        (f"k/n/{c}", v) for c, v in keep.items()
    ]
    assert_positions_exact(doc)


@given(
    units=st.lists(st.tuples(xml_texts, xml_texts, xml_texts), max_size=5),
    refs=st.integers(0, 1),
    newline=st.sampled_from(["\n", "\r\n"]),
)
@SETTINGS
def test_tmx_positions(units: list[tuple[str, str, str]], refs: int, newline: str) -> None:
    lines = ['<?xml version="1.0"?>', '<tmx version="1.4"><header srclang="en"/><body>']
    for n, (en, fr, de) in enumerate(units):
        lines.append(f'<tu tuid="t{n}"><tuv xml:lang="en"><seg>{_xml(en, refs)}</seg></tuv>')
        lines.append(f'<tuv xml:lang="fr"><seg>{_xml(fr, refs)}<ph x="1">&lt;br/&gt;</ph></seg></tuv>')
        lines.append(f'<tuv xml:lang="de"><seg>{_xml(de, refs)}</seg></tuv></tu>')
    lines.append("</body></tmx>")
    docs = read_tmx_documents(newline.join(lines), "gen.tmx", ALL)
    if not units:
        assert docs == []
        return
    assert [d.target_language.code for d in docs] == ["de", "fr"]
    de, fr = docs
    assert [(s.id, s.source, s.target) for s in de.segments] == [
        (f"t{n}", u[0], u[2]) for n, u in enumerate(units)
    ]
    assert [s.target for s in fr.segments] == [u[1] + '<ph x="1">&lt;br/&gt;</ph>' for u in units]
    for doc in docs:
        assert_positions_exact(doc)


# --- .xcstrings (JSON) ----------------------------------------------------------------------------


@given(
    strings=st.dictionaries(
        st.text(chars, min_size=1, max_size=10), st.tuples(texts, st.none() | texts), max_size=5
    ),
    ascii_only=st.booleans(),
)
@SETTINGS
def test_xcstrings_positions(strings: dict[str, tuple[str, str | None]], ascii_only: bool) -> None:
    catalog: dict[str, object] = {"sourceLanguage": "en", "version": "1.0", "strings": {}}
    for key, (fr, plural) in strings.items():
        locs: dict[str, object] = {"fr": {"stringUnit": {"state": "translated", "value": fr}}}
        if plural is not None:
            unit = {"stringUnit": {"state": "translated", "value": plural}}
            locs["de"] = {"variations": {"plural": {"one": unit, "other": unit}}}
        catalog["strings"][key] = {"localizations": locs}  # type: ignore[index]
    text = json.dumps(catalog, ensure_ascii=ascii_only, indent=2)
    docs = {d.target_language.code: d for d in read_xcstrings_documents(text, "gen.xcstrings", ALL)}
    fr = docs["fr"] if strings else None
    if fr is not None:
        assert [(s.id, s.source, s.target) for s in fr.segments] == [(k, k, v[0]) for k, v in strings.items()]
    for doc in docs.values():
        assert_positions_exact(doc)


json_noise = st.text(st.sampled_from(list('{}[]:,"\\u0aé ')) | chars, max_size=80)


@given(json_noise)
@SETTINGS
def test_xcstrings_fails_only_with_reader_error(text: str) -> None:
    try:
        docs = read_xcstrings_documents(text, "noise.xcstrings", ALL)
    except ReaderError as exc:
        assert "\n" not in str(exc)
        return
    for doc in docs:
        assert_positions_exact(doc)


# --- CSV / TSV ------------------------------------------------------------------------------------

cells = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=15)


@given(
    rows=st.lists(st.tuples(cells, cells, cells), max_size=8),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
    terminator=st.sampled_from(["\r\n", "\n"]),
    fmt=st.sampled_from(["csv", "tsv"]),
)
@SETTINGS
@example(rows=[("", "a\r\nb", '"')], quoting=csv.QUOTE_MINIMAL, terminator="\r\n", fmt="csv")
def test_csv_positions(rows: list[tuple[str, str, str]], quoting: int, terminator: str, fmt: str) -> None:
    """Tables written by ``csv.writer`` read back cell by cell, each character at its place."""
    # csv.writer quotes a field for the characters of its own line terminator only: with "\n" it
    # writes a bare "\r", which every CSV reader takes for a line break
    assume(terminator == "\r\n" or quoting == csv.QUOTE_ALL or not any("\r" in c for r in rows for c in r))
    buf = io.StringIO()
    writer = csv.writer(
        buf, delimiter="," if fmt == "csv" else "\t", quoting=quoting, lineterminator=terminator
    )
    writer.writerow(["id", "source", "target"])
    writer.writerows(rows)
    text = buf.getvalue()
    read = read_csv_documents if fmt == "csv" else read_tsv_documents
    (doc,) = read(text, f"gen.{fmt}", ALL)
    expected = [(i if i.strip() else f"row{n}", s, t) for n, (i, s, t) in enumerate(rows, 2)]
    assert [(s.id, s.source, s.target) for s in doc.segments] == expected
    assert_positions_exact(doc)


@given(st.text(st.sampled_from(list('"\r\n,;\tab ')) | chars, max_size=100))
@SETTINGS
def test_csv_fails_only_with_reader_error(text: str) -> None:
    try:
        docs = read_csv_documents(
            "source,target\n" + text, "noise.csv", ReadOptions(include_untranslated=True, csv=CsvOptions())
        )
    except ReaderError as exc:
        assert "\n" not in str(exc)
        return
    for doc in docs:
        assert_positions_exact(doc)


# --- Moses ----------------------------------------------------------------------------------------

line_chars = st.characters(exclude_categories=["Cs"], exclude_characters="\n\r\x00")  # NUL: binary


@given(
    pairs=st.lists(st.tuples(st.text(line_chars, max_size=20), st.text(line_chars, max_size=20)), max_size=8),
    newline=st.sampled_from(["\n", "\r\n"]),
)
@SETTINGS
def test_moses_positions(pairs: list[tuple[str, str]], newline: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        src, tgt = Path(folder) / "c.en", Path(folder) / "c.de"
        src.write_bytes("".join(s + "\n" for s, _ in pairs).encode())
        tgt.write_bytes("".join(t + newline for _, t in pairs).encode())
        doc = read_moses_file(tgt, ALL)
    expected = [(f"L{n}", s, t) for n, (s, t) in enumerate(pairs, 1) if s.strip() or t.strip()]
    assert [(s.id, s.source, s.target) for s in doc.segments] == expected
    assert_positions_exact(doc)


# --- HTML -----------------------------------------------------------------------------------------

html_words = st.sampled_from(
    [
        "mot", "слово", "言葉", "&amp;", "&eacute;", "&#233;", "&#xE9;", "&nbsp;", "&copy2024", "&notit;", "&",
        "AT&T", "<b>", "</b>", "<br>", "<em>x</em>", "<code>a &lt; b</code>", '<a href="/x?a=1&amp;b=2">lien</a>',
        '<img alt="caf&eacute;" src="x.png">', '<abbr title="t">a</abbr>', "<!-- qa-ignore: QA104 -->", "  ",
        "\n", "\r\n", "<", ">", "a < b", "<p>", "</p>", "<li>", "<div>", "</div>", "<script>x<y</script>",
        "<pre>pre</pre>", '<span translate="no">no</span>', "<h2>", "</h2>", "<td>", "&#0;", "&#128;",
        "&NotEqualTilde;", "&fjlig;",
    ]
)  # fmt: skip


@given(st.lists(html_words, max_size=30))
@SETTINGS
def test_html_positions(words: list[str]) -> None:
    doc = read_html('<html lang="fr"><body>' + " ".join(words) + "</body></html>", "gen.html", ALL)
    assert_positions_exact(doc)
    for seg in doc.segments:
        assert seg.target.strip() and seg.target == seg.target.strip()
        for span in seg.protected:
            assert 0 <= span.start < span.end <= len(seg.target)


@given(st.text(max_size=200))
@SETTINGS
def test_html_never_fails(text: str) -> None:
    doc = read_html(text, "noise.html", ALL)
    assert_positions_exact(doc)


def test_html_text_matches_what_html_unescape_gives() -> None:
    doc = read_html("<p>caf&eacute; &amp; cr&egrave;me &copy2024 &#x1F600;</p>", "x.html", ALL)
    assert doc.segments[0].target == html.unescape("caf&eacute; &amp; cr&egrave;me &copy2024 &#x1F600;")
