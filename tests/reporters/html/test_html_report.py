"""HTML report: highlight runs, snapshots of a fixed report, escaping, CSP and large documents."""

from __future__ import annotations

import base64
import hashlib
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa_pipeline.reporters import html as report_html
from qa_pipeline.reporters.html import (
    PAGE_SEGMENTS,
    build_file_pages,
    page_names,
    render_pages,
    split_runs,
    visible_whitespace,
)

from .fixture_report import RULE_DOCS, XSS_IMG, XSS_SCRIPT, XSS_TEXTAREA, hostile, large_run, sample_run

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("QA_UPDATE_SNAPSHOTS") == "1"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_pages(sample_run(), RULE_DOCS)


class Page(HTMLParser):
    """Elements, attributes and text of a page, as a browser's parser sees them."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.raw[self._in].append(data)
        else:
            self.text.append(data)


# --- highlight runs ------------------------------------------------------------------------------


def test_runs_split_overlapping_and_nested_findings() -> None:
    text = "Click here to continue"
    runs = split_runs(text, [(0, 22, 0), (6, 10, 1), (8, 14, 2)])
    assert [(r.text, r.findings) for r in runs] == [
        ("Click ", (0,)),
        ("he", (0, 1)),
        ("re", (0, 1, 2)),
        (" to ", (0, 2)),
        ("continue", (0,)),
    ]
    # each finding is anchored once, at its first run
    assert [r.starts for r in runs] == [(0,), (1,), (2,), (), ()]


def test_runs_zero_length_and_out_of_range_spans() -> None:
    runs = split_runs("abc.", [(4, 4, 0), (1, 99, 1), (-3, 1, 2)])
    assert [(r.text, r.findings) for r in runs] == [("a", (2,)), ("bc.", (1,)), ("", (0,))]
    assert split_runs("", [(0, 0, 0)])[0].findings == (0,)
    assert split_runs("", []) == []


def test_runs_take_the_highest_severity_and_join_tips() -> None:
    runs = split_runs(
        "ab", [(0, 2, 0), (1, 2, 1)], ranks={0: 1, 1: 3}, tips={0: "minor one", 1: "critical one"}
    )
    assert [(r.severity, r.tip) for r in runs] == [
        ("minor", "minor one"),
        ("critical", "minor one\ncritical one"),
    ]


def test_runs_count_code_points_not_utf16_units() -> None:
    text = "𠮷野家👍の"
    runs = split_runs(text, [(1, 3, 0), (3, 4, 1)])
    assert [r.text for r in runs if r.findings] == ["野家", "👍"]


@given(
    st.text(max_size=30),
    st.lists(st.tuples(st.integers(-2, 35), st.integers(-2, 35)), max_size=6),
)
def test_runs_cover_the_text_and_exactly_the_covering_findings(text: str, raw: list[tuple[int, int]]) -> None:
    spans = [(min(a, b), max(a, b), i) for i, (a, b) in enumerate(raw)]
    runs = split_runs(text, spans)
    assert "".join(r.text for r in runs) == text
    pos = 0
    for run in runs:
        if run.text:
            n = len(text)
            expected = tuple(
                i
                for s, e, i in spans
                if min(max(s, 0), n) <= pos
                and min(max(e, s, 0), n) >= pos + len(run.text)
                and min(max(s, 0), n) < min(max(e, s, 0), n)
            )
            assert run.findings == tuple(sorted(expected))
        pos += len(run.text)
    # the text of each finding's runs is exactly its span
    for s, e, i in spans:
        lo = min(max(s, 0), len(text))
        hi = min(max(e, lo), len(text))
        assert "".join(r.text for r in runs if i in r.findings) == text[lo:hi]


def test_visible_whitespace_marks_only_suspicious_whitespace() -> None:
    assert visible_whitespace("a b") == "a b"
    assert visible_whitespace("a  b") == "a··b"
    assert visible_whitespace(" a\tb\u00a0") == "·a⇥b⍽"


# --- page names, parts, determinism --------------------------------------------------------------


def test_page_names_avoid_reserved_names_and_duplicates() -> None:
    run = sample_run()
    reps = [
        r.__class__(**{**r.__dict__, "path": p})
        for r, p in zip(run.files[:4], ["index", "rules", "a/b.md", "a_b.md"], strict=True)
    ]
    names = page_names(reps)
    assert names == {"index": "index_", "rules": "rules_", "a/b.md": "a__b.md", "a_b.md": "a_b.md"}


def test_long_documents_are_split_into_parts_and_clean_stretches_folded() -> None:
    run = large_run(segments=4500, every=50)
    rep = run.files[0]
    pages = build_file_pages(rep, "big")
    assert [p.name for p in pages] == ["big", "big~2", "big~3"]
    assert [(link.first, link.last) for link in pages[0].parts] == [(1, 2000), (2001, 4000), (4001, 4500)]
    assert sum(len(p.findings) for p in pages) == len(rep.findings)
    for page in pages:
        numbers = [s.number for b in page.blocks for s in getattr(b, "segments", (b,))]
        assert len(numbers) <= PAGE_SEGMENTS
        assert numbers == list(range(page.parts[page.part - 1].first, page.parts[page.part - 1].last + 1))
        assert any(hasattr(b, "segments") for b in page.blocks)  # folds
    html = render_pages(run, RULE_DOCS)
    assert {"big__fr.xliff.html", "big__fr.xliff~2.html", "big__fr.xliff~3.html"} <= set(html)
    assert 'href="big__fr.xliff~3.html"' in html["big__fr.xliff.html"]


# --- snapshots -----------------------------------------------------------------------------------


def _normalize(text: str) -> str:
    """Snapshots leave out the inline assets (their own files) and the hashes that follow from them."""
    text = re.sub(r"<style>.*?</style>", "<style>/* assets/report.css */</style>", text, flags=re.S)
    text = re.sub(
        r"<script>.*?</script>\n</body>", "<script>/* assets/report.js */</script>\n</body>", text, flags=re.S
    )
    return re.sub(r"sha256-[A-Za-z0-9+/=]+", "sha256-…", text)


@pytest.mark.parametrize(
    "name",
    [
        "index.html",
        "rules.html",
        "docs__fr__guide.md.html",
        "l10n__ar__app.xliff.html",
        "l10n__ja__app.po.html",
        "evil___b_x_.txt.html",
        "docs__de__broken.po.html",
        "docs__de__clean.md.html",
    ],
)
def test_snapshot(pages: dict[str, str], name: str) -> None:
    path = SNAPSHOTS / name
    got = _normalize(pages[name])
    if UPDATE or not path.exists():
        if not UPDATE and os.environ.get("CI"):
            pytest.fail(f"missing snapshot {path}; run with QA_UPDATE_SNAPSHOTS=1")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8"), (
        f"{name} changed; review and refresh with QA_UPDATE_SNAPSHOTS=1"
    )


def test_every_page_is_in_the_snapshot_list(pages: dict[str, str]) -> None:
    assert sorted(pages) == sorted(p.name for p in SNAPSHOTS.glob("*.html"))


# --- safety --------------------------------------------------------------------------------------


def test_user_text_is_escaped_everywhere(pages: dict[str, str]) -> None:
    for name, text in pages.items():
        page = Page(text)
        tags = [t for t, _ in page.tags]
        assert tags.count("script") == 1, name
        assert "img" not in tags and "textarea" not in tags and "i" not in tags and "b" not in tags, name
        assert tags.count("style") == 1, name
        for tag, attrs in page.tags:
            for key, value in attrs.items():
                assert not key.startswith("on"), (name, tag, key)
                assert not (value or "").lower().lstrip().startswith("javascript:"), (name, tag, key)
            if tag == "svg":
                assert set(attrs) <= {
                    "class",
                    "viewbox",
                    "preserveaspectratio",
                    "role",
                    "aria-label",
                    "aria-hidden",
                    "focusable",
                }
        for payload in (XSS_SCRIPT, XSS_IMG, XSS_TEXTAREA):
            assert payload not in text, name
    evil = Page(pages["evil___b_x_.txt.html"])
    shown = "".join(evil.text)
    for payload in (XSS_SCRIPT, XSS_IMG, XSS_TEXTAREA, "<!-- comment --> & &amp; {{ jinja }} ${x} `code`"):
        assert payload in shown  # displayed as text
    assert 'evil/<b>"x".txt' in shown
    marks = [a for t, a in evil.tags if t == "mark"]
    assert any(XSS_SCRIPT in (a.get("data-tip") or "") for a in marks)  # attribute values decode to the text
    assert 'lang="fr' not in pages["evil___b_x_.txt.html"]  # an invalid language code is not used as lang
    broken = "".join(Page(pages["docs__de__broken.po.html"]).text)
    assert f"cannot decode file: {XSS_SCRIPT}" in broken


def test_strict_content_security_policy(pages: dict[str, str]) -> None:
    for name, text in pages.items():
        page = Page(text)
        metas = [a for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
        assert len(metas) == 1, name
        csp = metas[0]["content"] or ""
        assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
        css, js = page.raw["style"][0], page.raw["script"][0]
        for content, directive in ((css, "style-src"), (js, "script-src")):
            digest = base64.b64encode(hashlib.sha256(content.encode()).digest()).decode()
            assert f"{directive} 'sha256-{digest}'" in csp, (name, directive)
        # the policy comes before anything it governs
        assert text.index("Content-Security-Policy") < text.index("<style>")
        # no network: no external URLs, no src attributes, no style attributes
        for tag, attrs in page.tags:
            assert "src" not in attrs and "style" not in attrs, (name, tag)
            href = attrs.get("href") or ""
            assert not re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I), (name, href)


def test_autoescape_is_on_and_no_template_marks_user_data_safe() -> None:
    assert report_html._environment().autoescape is True
    templates = Path(report_html.__file__).parent / "templates"
    for path in templates.glob("*.j2"):
        assert "|safe" not in path.read_text().replace(" ", ""), path


def test_without_javascript_everything_is_shown(pages: dict[str, str]) -> None:
    for name, text in pages.items():
        hidden = [(t, a) for t, a in Page(text).tags if "hidden" in a]
        assert all(t == "form" and a.get("id") == "filters" for t, a in hidden), name


def test_rtl_and_cjk_targets_get_direction_and_language(pages: dict[str, str]) -> None:
    ar = Page(pages["l10n__ar__app.xliff.html"])
    cells = [a for t, a in ar.tags if t == "div" and a.get("class", "").startswith("tgt")]
    assert cells and all(a.get("dir") == "rtl" and a.get("lang") == "ar" for a in cells)
    src = [a for t, a in ar.tags if t == "div" and a.get("class") == "src"]
    assert src and all(a.get("dir") == "ltr" and a.get("lang") == "en" for a in src)
    ja = Page(pages["l10n__ja__app.po.html"])
    cells = [a for t, a in ja.tags if t == "div" and a.get("class", "").startswith("tgt")]
    assert cells and all(a.get("lang") == "ja-JP" for a in cells)


def test_hostile_report_renders_with_escaped_segment_ids() -> None:
    rep = hostile()
    page = build_file_pages(rep, "evil")[0]
    assert [v.placed for v in page.findings] == [True] * 4


# --- the CLI writes the report -------------------------------------------------------------------


def test_cli_writes_index_rules_and_one_page_per_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qa_pipeline.cli import main

    monkeypatch.chdir(tmp_path)  # no project config

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Le fichier  est ouvert.\n", encoding="utf-8")
    (src / "b.txt").write_text("Tout va bien.\n", encoding="utf-8")
    out = tmp_path / "report"
    main(["check", str(src), "--lang", "fr", "--html", str(out)])
    names = sorted(p.name for p in out.iterdir())
    assert "index.html" in names and "rules.html" in names and ".qa-pipeline-report" in names
    pages = [n for n in names if n not in ("index.html", "rules.html", ".qa-pipeline-report")]
    assert len(pages) == 2 and all(n.endswith(".html") for n in pages)
    page_a = next(n for n in pages if "a.txt" in n)
    text = (out / page_a).read_text(encoding="utf-8")
    assert '<mark class="hl s-minor"' in text and "QA104" in text
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f'href="{page_a}"' in index
    rules = (out / "rules.html").read_text(encoding="utf-8")
    assert 'id="QA104"' in rules and "Why it matters" in rules


def test_an_empty_run_renders() -> None:
    from qa_pipeline.model import RunReport

    run = RunReport(
        (), 0, 0.0, 100.0, True, 90.0, dict.fromkeys(("neutral", "minor", "major", "critical"), 0), "1"
    )
    pages = render_pages(run, RULE_DOCS)
    assert sorted(pages) == ["index.html", "rules.html"]
    assert "No files were checked." in pages["index.html"] and "No findings." in pages["index.html"]


def test_rule_help_reflows_wrapped_prose_and_keeps_examples() -> None:
    from qa_pipeline.reporters.html import doc_paragraphs

    text = (
        "Category: x\nScope: segment\n\nWhy it matters: a double space is a typing slip; it shows as a gap in\n"
        "justified text.\n\nExample:\n    Bad: ``a  b``"
    )
    assert doc_paragraphs(text) == [
        [(False, "Category: x\nScope: segment")],
        [(False, "Why it matters: a double space is a typing slip; it shows as a gap in justified text.")],
        [(False, "Example:\n    Bad: "), (True, "a  b")],
    ]


def test_no_break_spaces_are_told_apart() -> None:
    assert visible_whitespace("15\u202f%") == "15⸱%"
    assert visible_whitespace("15\u00a0%") == "15⍽%"
