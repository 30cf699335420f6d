"""HTML pages: claims for folder scans, suppression, ids, skipped content."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_pipeline.config import Settings
from qa_pipeline.pipeline.collect import collect_files
from qa_pipeline.readers import ReadOptions
from qa_pipeline.readers.html import claims, read_html

from .helpers import assert_positions_exact

PAGE = '<!DOCTYPE html><html lang="fr"><head><title>T</title></head><body><p>Texte</p></body></html>'


@pytest.mark.parametrize(
    ("path", "head", "claimed"),
    [
        ("site/fr/index.html", PAGE, True),
        ("site/index.fr.html", PAGE, True),
        ("site/pt-BR/guide/intro.htm", PAGE, True),
        ("site/index.html", PAGE, False),  # no language in the path: a page, not a translation
        ("site/fr/index.html", "<html><body><p>x</p></body></html>", False),  # no lang attribute
        (
            "reports/fr/report.html",
            '<html lang="en"><head><meta name="generator" content="qa-pipeline 0.2.0">',
            False,
        ),
    ],
)
def test_claims(path: str, head: str, claimed: bool) -> None:
    assert claims(Path(path), head) is claimed


def _read(body: str) -> list[tuple[str, str, list[str]]]:
    doc = read_html(f'<html lang="de"><body>{body}</body></html>', "x.html", ReadOptions())
    assert_positions_exact(doc)
    return [(s.id, s.target, sorted(map(str, s.suppressed))) for s in doc.segments]


def test_suppression_before_and_inside_a_block_and_for_the_file() -> None:
    body = (
        "<!-- qa-ignore: QA201 --><p>Eins</p><p>Zwei <!-- qa-ignore: QA104 --> drei</p>"
        "<ul><!-- qa-ignore --><li>Vier</li><li>Fünf</li></ul>"
    )
    assert _read(body) == [
        ("p1", "Eins", ["QA201"]),
        ("p2", "Zwei drei", ["QA104"]),
        ("li1", "Vier", ["ALL"]),
        ("li2", "Fünf", []),
    ]
    doc = read_html("<p>a</p><!-- qa-ignore-file: QA6 -->", "x.html", ReadOptions())
    assert {str(x) for x in doc.suppressed} == {"QA6"}


def test_ids_from_id_attributes_and_split_blocks() -> None:
    body = '<h2 id="intro">Intro</h2><h2 id="intro">Wieder</h2><div>Vor<p>Mitte</p>Nach</div>'
    assert [i for i, _, _ in _read(body)] == ["intro", "intro~2", "div1", "p1", "div1#2"]


def test_skipped_content() -> None:
    body = (
        "<script>document.write('<p>nein</p>')</script><style>p{}</style><template><p>nein</p></template>"
        "<pre>nein</pre><p class='x notranslate'>nein</p><div translate='no'><p>nein</p></div>"
        "<svg><text>nein</text></svg><textarea>nein</textarea><select><option>nein</option></select><p>ja</p>"
    )
    assert _read(body) == [("p4", "ja", [])]  # the 4th <p> of the page


def test_whitespace_collapses_and_entities_decode() -> None:
    doc = read_html("<p>\n   Un &nbsp; texte\r\n   &amp;\tsuite&#8239;!  </p>", "x.html", ReadOptions())
    (seg,) = doc.segments
    assert seg.target == "Un \xa0 texte\n&\tsuite\u202f!"
    assert doc.line_col(seg.offsets.to_file(seg.target.index("&"))) == (3, 4)


def test_collect_files_reads_only_claimed_files(tmp_path: Path) -> None:
    files = {
        "fr/index.html": PAGE,
        "index.html": PAGE,
        "reports/report.html": '<html lang="en"><meta name="generator" content="qa-pipeline 1">',
        "data/weather.csv": "date,temp\n1,2\n",
        "l10n/strings.csv": "id,source,target\na,b,c\n",
        "maps/level.tmx": '<?xml version="1.0"?><map version="1.10"/>',
        "tm/memory.tmx": '<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body/></tmx>',
        "corpus/news.en": "a\n",
        "corpus/news.de": "b\n",
        "src/Program.cs": "class A {}\n",
        "App/fr.lproj/Localizable.strings": '"a" = "b";\n',
    }
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content, encoding="utf-8")
    found = {
        p.relative_to(tmp_path).as_posix() for p in collect_files([str(tmp_path)], Settings(root=tmp_path))
    }
    assert found == {
        "fr/index.html",
        "l10n/strings.csv",
        "tm/memory.tmx",
        "corpus/news.de",
        "App/fr.lproj/Localizable.strings",
    }
