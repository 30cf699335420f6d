"""What readers decide: segments kept or skipped, languages, suppression, and the end-to-end effect."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa_pipeline.cli import main
from qa_pipeline.model import OffsetMap, SegmentKind
from qa_pipeline.readers import ReadOptions
from qa_pipeline.readers.markdown import read_markdown
from qa_pipeline.readers.po import read_po
from qa_pipeline.readers.xliff import read_xliff

from .helpers import assert_positions_exact

OPTIONS = ReadOptions()


def test_position_property_can_fail() -> None:
    """The property the snapshot and hypothesis tests rely on rejects a shifted offset map."""
    from dataclasses import replace

    doc = read_po('msgid "a"\nmsgstr "Bonjour"\n', "x.po", OPTIONS)
    assert_positions_exact(doc)
    seg = replace(doc.segments[0], offsets=OffsetMap.contiguous(doc.segments[0].offsets.to_file(0) + 1))
    with pytest.raises(AssertionError):
        assert_positions_exact(replace(doc, segments=(seg,)))


# --- PO ---


def test_po_source_language_is_not_assumed() -> None:
    doc = read_po('msgid ""\nmsgstr "Language: nl\\n"\n\nmsgid "a"\nmsgstr "b"\n', "x.po", OPTIONS)
    assert doc.target_language.code == "nl"
    assert doc.source_language.code is None


def test_po_fuzzy_and_obsolete_by_option() -> None:
    text = '#, fuzzy\nmsgid "a"\nmsgstr "A"\n\n#~ msgid "b"\n#~ msgstr "B"\n\nmsgid "c"\nmsgstr "C"\n'
    assert [s.id for s in read_po(text, "x.po", OPTIONS).segments] == ["c"]
    assert [s.id for s in read_po(text, "x.po", ReadOptions(include_fuzzy=True)).segments] == ["a", "c"]
    both = read_po(text, "x.po", ReadOptions(include_fuzzy=True, include_obsolete=True))
    assert [s.id for s in both.segments] == ["a", "b", "c"]
    assert_positions_exact(both)


def test_po_plural_forms() -> None:
    text = 'msgid "a day"\nmsgid_plural "%d days"\nmsgstr[0] "un jour"\nmsgstr[1] "%d jours"\nmsgstr[2] ""\n'
    segs = read_po(text, "x.po", OPTIONS).segments
    assert [(s.id, s.kind, s.plural_index, s.source, s.target) for s in segs] == [
        ("a day[0]", SegmentKind.PLURAL, 0, "a day", "un jour"),
        ("a day[1]", SegmentKind.PLURAL, 1, "%d days", "%d jours"),
        ("a day[2]", SegmentKind.PLURAL, 2, "%d days", ""),
    ]


def test_po_suppression_and_notes() -> None:
    text = (
        "# qa-ignore-file: QA7\n"
        'msgid ""\nmsgstr ""\n\n'
        "# Translator note\n# qa-ignore: QA104, double-space\n#. Developer note\n"
        'msgid "a  b"\nmsgstr "c  d"\n\n# qa-ignore\nmsgid "e"\nmsgstr "f"\n'
    )
    doc = read_po(text, "x.po", OPTIONS)
    assert {str(s) for s in doc.suppressed} == {"QA7"}
    first, second = doc.segments
    assert {str(s) for s in first.suppressed} == {"QA104", "double-space"}
    assert first.notes == ("Developer note", "Translator note")
    assert {str(s) for s in second.suppressed} == {"ALL"}


def test_po_protects_placeholders() -> None:
    seg = read_po(
        'msgid "%(n)s files in {dir}"\nmsgstr "%(n)s fichiers dans {dir}"\n', "x.po", OPTIONS
    ).segments[0]
    assert [seg.target[s.start : s.end] for s in seg.protected] == ["%(n)s", "{dir}"]
    assert [seg.source[s.start : s.end] for s in seg.source_protected] == ["%(n)s", "{dir}"]  # type: ignore[index]


# --- XLIFF ---


def test_xliff_suppression_note() -> None:
    text = (
        '<xliff version="1.2"><file source-language="en" target-language="fr"><body>'
        '<trans-unit id="a"><source>x</source><target>y</target><note>qa-ignore: QA102</note></trans-unit>'
        "</body></file></xliff>"
    )
    seg = read_xliff(text, "x.xliff", OPTIONS).segments[0]
    assert {str(s) for s in seg.suppressed} == {"QA102"}
    assert seg.notes == ()


def test_xliff_prefixed_namespace() -> None:
    text = (
        '<x:xliff xmlns:x="urn:oasis:names:tc:xliff:document:1.2" version="1.2">'
        '<x:file source-language="en" target-language="fi"><x:body>'
        '<x:trans-unit id="a"><x:source>Hi</x:source><x:target>Moi</x:target></x:trans-unit>'
        "</x:body></x:file></x:xliff>"
    )
    doc = read_xliff(text, "x.xliff", OPTIONS)
    assert [(s.id, s.target) for s in doc.segments] == [("a", "Moi")]
    assert doc.target_language.code == "fi"


# --- Markdown ---


def test_markdown_suppression_applies_to_next_block_only() -> None:
    text = "<!-- qa-ignore: QA104 -->\n- one  a\n- two  b\n\nthree  c\n"
    doc = read_markdown(text, "x.md", OPTIONS)
    assert [(s.target, sorted(map(str, s.suppressed))) for s in doc.segments] == [
        ("one  a", ["QA104"]),
        ("two  b", ["QA104"]),
        ("three  c", []),
    ]


def test_markdown_comment_in_code_is_not_a_suppression() -> None:
    text = "```\n<!-- qa-ignore-file: QA104 -->\n```\n\nUse `<!-- qa-ignore -->` like  this.\n"
    doc = read_markdown(text, "x.md", OPTIONS)
    assert not doc.suppressed
    assert doc.segments[0].suppressed == frozenset()


def test_markdown_excludes_code_html_and_front_matter() -> None:
    text = "---\na: b\n---\n```\nx  y\n```\n\n    indented\n\n<div>\nhtml\n</div>\n\nProse.\n"
    doc = read_markdown(text, "x.md", OPTIONS)
    assert [s.target for s in doc.segments] == ["Prose."]
    assert doc.line_col(doc.segments[0].offsets.to_file(0)) == (14, 1)


def test_unclosed_front_matter_is_a_thematic_break() -> None:
    doc = read_markdown("---\nNot front matter.\n", "x.md", OPTIONS)
    assert [s.target for s in doc.segments] == ["Not front matter."]


# --- end to end ---


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.md", "<!-- qa-ignore: QA104 -->\nDeux  espaces ici.\n\nEt  là.\n"),
        (
            "a.po",
            '# qa-ignore: QA104\nmsgid "Two  spaces"\nmsgstr "Deux  espaces"\n\nmsgid "x"\nmsgstr "Et  là"\n',
        ),
        (
            "a.xliff",
            '<xliff version="1.2"><file source-language="en" target-language="fr"><body>\n'
            '<trans-unit id="s"><source>Two  spaces</source><target>Deux  espaces</target>'
            "<note>qa-ignore: QA104</note></trans-unit>\n"
            '<trans-unit id="t"><source>x</source><target>Et  là</target></trans-unit>\n'
            "</body></file></xliff>\n",
        ),
    ],
)
def test_inline_suppression_end_to_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    main(["check", str(path), "--select", "QA104", "--format", "json", "--target-language", "fr"])
    report = json.loads(capsys.readouterr().out)
    findings = report["files"][0]["findings"]
    assert len(findings) == 1
    found = findings[0]
    line = content.split("\n")[found["line"] - 1]
    assert line[found["column"] - 1 : found["end_column"] - 1] == "  "


def test_po_escape_positions() -> None:
    """Each decoded character points at its escape: octal, hex, quote and question-mark escapes too."""
    doc = read_po('msgid "a"\nmsgstr "x\\101\\x41\\"\\?"\n', "x.po", OPTIONS)
    seg = doc.segments[0]
    assert seg.target == 'xAA"?'
    assert [doc.line_col(seg.offsets.to_file(i)) for i in range(len(seg.target))] == [
        (2, 9),
        (2, 10),
        (2, 14),
        (2, 18),
        (2, 20),
    ]
    assert_positions_exact(doc)
