"""The HTML report in headless Chromium: highlights in place, filters, keyboard, no script injection.

Needs Debian's ``chromium`` (``apt-get install chromium``) and the ``playwright`` Python package; it never
downloads a browser. Skipped when either is missing, unless ``QA_REQUIRE_BROWSER=1`` (CI), where a missing
browser fails. Screenshots go to ``tests/artifacts/`` (git-ignored).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from qa_pipeline.reporters.html import render_pages

from .fixture_report import RULE_DOCS, large_run, sample_run

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path(os.environ.get("QA_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


def _unavailable(reason: str) -> None:
    if os.environ.get("QA_REQUIRE_BROWSER") == "1":
        pytest.fail(f"QA_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is absent (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install playwright)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html-report")
    for name, text in render_pages(sample_run(), RULE_DOCS).items():
        (out / name).write_text(text, encoding="utf-8")
    return out


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = ctx.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    ctx.close()


def _open(pg: Any, report: Path, name: str) -> None:
    pg.goto((report / name).as_uri())
    pg.wait_for_load_state("load")


# The highlighted text of every finding: all marks covering finding n, in document order.
HIGHLIGHTS = """() => Array.from(document.querySelectorAll('li.finding')).map(li => {
  const n = li.id.slice(1);
  const marks = Array.from(document.querySelectorAll('mark.hl')).filter(m => m.dataset.f.split(' ').includes(n));
  return [li.dataset.code, marks.map(m => m.textContent).join(''), marks.length ? marks[0].closest('.tgt').dir : null];
})"""


def _expected(name: str) -> list[list[Any]]:
    rep = next(r for r in sample_run().files if r.path == name)
    assert rep.document is not None
    out = []
    for f in rep.findings:
        seg = rep.document.segment(f.segment_id) if f.segment_id else None
        if seg is None or f.span is None:
            out.append([f.code, "", None])
        else:
            out.append([f.code, seg.target[f.span[0] : f.span[1]], None])
    return out


@pytest.mark.parametrize(
    ("name", "path", "direction"),
    [
        ("docs__fr__guide.md.html", "docs/fr/guide.md", "ltr"),
        ("l10n__ar__app.xliff.html", "l10n/ar/app.xliff", "rtl"),
        ("l10n__ja__app.po.html", "l10n/ja/app.po", "ltr"),
        ("evil___b_x_.txt.html", 'evil/<b>"x".txt', "auto"),
    ],
)
def test_highlights_cover_exactly_each_finding_span(
    page: Any, report: Path, name: str, path: str, direction: str
) -> None:
    _open(page, report, name)
    got = page.evaluate(HIGHLIGHTS)
    expected = _expected(path)
    assert [g[:2] for g in got] == [e[:2] for e in expected]
    assert {g[2] for g in got if g[2] is not None} == {direction}
    assert page.errors == []


def test_expected_excerpts_include_rtl_cjk_and_astral_cases(page: Any, report: Path) -> None:
    _open(page, report, "l10n__ar__app.xliff.html")
    texts = [g[1] for g in page.evaluate(HIGHLIGHTS)]
    assert "مرحبا" in texts and "Acme Cloud" in texts
    # in a right-to-left line the first word is on the right
    box = page.locator("#s1 mark.hl").bounding_box()
    cell = page.locator("#s1 .tgt").bounding_box()
    assert box["x"] + box["width"] > cell["x"] + cell["width"] * 0.75
    _open(page, report, "l10n__ja__app.po.html")
    texts = [g[1] for g in page.evaluate(HIGHLIGHTS)]
    assert texts == ["野家", "１２３", "。。", "👍✅"]  # after the astral 𠮷, offsets do not drift


def test_filters_hide_and_show_findings(page: Any, report: Path) -> None:
    _open(page, report, "docs__fr__guide.md.html")
    assert page.locator("#filters").is_visible()
    visible = "() => Array.from(document.querySelectorAll('li.finding')).filter(li => !li.hidden).map(li => li.dataset.code)"
    everything = page.evaluate(visible)
    assert len(everything) == 10
    page.locator("input[name=sev][value=minor]").uncheck()
    shown = page.evaluate(visible)
    assert "QA104" not in shown and "QA999" not in shown and len(shown) == 6
    # the double space is covered by a minor QA104 and a major QA401: still highlighted, as major only
    overlap = page.evaluate(
        "() => { const m = Array.from(document.querySelectorAll('mark.hl')).find(m => m.dataset.f.split(' ').length === 2"
        " && m.textContent === '  '); return [m.className, m.dataset.tip]; }"
    )
    assert "s-major" in overlap[0] and "off" not in overlap[0]
    assert "QA401" in overlap[1] and "QA104" not in overlap[1]
    # a mark covered only by minor findings is switched off
    assert page.locator("mark.hl.off", has_text="!!").count() == 1
    assert page.locator("#fcount").inner_text() == "Showing 6 of 10 findings"
    page.locator("input[name=code][value=QA201]").uncheck()
    page.locator("input[name=only]").check()
    hidden_segments = page.evaluate(
        "() => Array.from(document.querySelectorAll('.seg')).filter(s => s.hidden).map(s => s.id)"
    )
    assert hidden_segments == ["s1", "s3"]
    page.locator("[data-action=reset]").click()
    assert len(page.evaluate(visible)) == 10
    assert page.locator("mark.hl.off").count() == 0
    assert (
        page.evaluate("() => Array.from(document.querySelectorAll('.seg')).filter(s => s.hidden).length") == 0
    )


def test_without_javascript_all_findings_show_and_filters_are_hidden(browser: Any, report: Path) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    pg = ctx.new_page()
    pg.goto((report / "docs__fr__guide.md.html").as_uri())
    assert not pg.locator("#filters").is_visible()
    assert pg.locator("li.finding:visible").count() == 10
    assert pg.locator("mark.hl:visible").count() == pg.locator("mark.hl").count() > 0
    ctx.close()


def test_tooltip_on_keyboard_focus_and_next_finding_key(page: Any, report: Path) -> None:
    _open(page, report, "docs__fr__guide.md.html")
    page.keyboard.press("n")
    focused = page.evaluate("() => document.activeElement.tagName + ' ' + document.activeElement.textContent")
    assert focused == "MARK le le"
    tip = page.evaluate("() => getComputedStyle(document.activeElement, '::after').content")
    assert "QA701 doubled-word" in tip and "word 'le' written twice" in tip
    page.keyboard.press("n")
    assert page.evaluate("() => document.activeElement.textContent") == "  "
    assert page.locator("li.finding.current").count() == 2
    page.keyboard.press("Tab")  # marks are in the tab order
    assert page.evaluate("() => document.activeElement.tagName") == "MARK"
    # a finding's link in the side list moves focus to its highlight
    page.locator("#f5 a.goto").click()
    assert page.evaluate("() => document.activeElement.textContent") == "8080"


def test_injected_script_does_not_execute(page: Any, report: Path) -> None:
    for name in sorted(p.name for p in report.glob("*.html")):
        _open(page, report, name)
        assert page.evaluate("() => window.__pwned") is None, name
        assert page.evaluate("() => document.scripts.length") == 1, name
        assert page.locator("img, textarea, iframe").count() == 0, name
    assert page.dialogs == []
    _open(page, report, "evil___b_x_.txt.html")
    assert "<script>window.__pwned = 1; alert(1)</script>" in page.locator("#s1 .tgt").inner_text()


def test_index_table_sorts(page: Any, report: Path) -> None:
    _open(page, report, "index.html")
    files = "() => Array.from(document.querySelectorAll('table.files tbody th')).map(th => th.dataset.v)"
    assert page.evaluate(files)[0] == "docs/de/broken.po"  # worst first: errors, then failures
    page.locator("th button", has_text="Score").click()
    scores = page.evaluate(
        "() => Array.from(document.querySelectorAll('table.files tbody td.score-cell')).map(td => +td.dataset.v)"
    )
    assert scores == sorted(scores)
    page.locator("th button", has_text="Score").click()
    assert page.locator("th[aria-sort=descending]").count() == 1
    page.locator("th button", has_text="File").click()
    assert page.evaluate(files) == sorted(page.evaluate(files), key=str.lower)


def test_rule_links_reach_rule_help(page: Any, report: Path) -> None:
    _open(page, report, "docs__fr__guide.md.html")
    page.locator("li.finding[data-code=QA104] a.code").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("rules.html#QA104")
    assert page.locator("#QA104").is_visible()
    assert "Why it matters" in page.locator("#QA104").inner_text()


def test_screenshots(page: Any, report: Path) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shots = {
        "report-index.png": ("index.html", None),
        "report-file-ltr.png": ("docs__fr__guide.md.html", "#s2 mark.hl"),
        "report-file-rtl.png": ("l10n__ar__app.xliff.html", "#s4 mark.hl"),
    }
    for target, (name, focus) in shots.items():
        page.set_viewport_size({"width": 1280, "height": 820})
        _open(page, report, name)
        if focus:
            page.locator(focus).first.focus()
        page.screenshot(path=str(ARTIFACTS / target))
        assert (ARTIFACTS / target).stat().st_size > 10_000
    page.emulate_media(media="print")
    _open(page, report, "docs__fr__guide.md.html")
    assert not page.locator("#filters").is_visible()
    page.screenshot(path=str(ARTIFACTS / "report-file-print.png"), full_page=True)
    assert page.errors == []


def test_twenty_thousand_segments_open_in_a_few_seconds(browser: Any, tmp_path: Path) -> None:
    started = time.perf_counter()
    pages = render_pages(large_run(20_000), RULE_DOCS)
    rendered = time.perf_counter() - started
    for name, text in pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    ctx = browser.new_context(viewport={"width": 1280, "height": 820})
    pg = ctx.new_page()
    started = time.perf_counter()
    pg.goto((tmp_path / "big__fr.xliff.html").as_uri(), wait_until="load")
    pg.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    opened = time.perf_counter() - started
    assert pg.locator(".parts").first.locator("a").count() == 10
    filter_ms = pg.evaluate(
        "() => new Promise(r => { const t = performance.now();"
        " document.querySelector('input[name=code][value=QA104]').click();"
        " requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now() - t))); })"
    )
    ctx.close()
    biggest = max(len(t.encode()) for t in pages.values())
    print(
        f"\n20,000 segments: rendered in {rendered:.2f}s, largest page {biggest / 1e6:.1f} MB, "
        f"opened in {opened:.2f}s, filter applied in {filter_ms:.0f} ms"
    )
    assert opened < 8.0
    assert filter_ms < 2000


EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def test_bundled_examples_highlight_every_finding(page: Any, tmp_path: Path) -> None:
    """The real readers' offsets: on the examples' pages each finding's highlight is its excerpt."""
    if not (EXAMPLES / "qa-pipeline.toml").is_file():
        pytest.skip("no bundled examples in this checkout")
    import json

    from qa_pipeline.cli import main

    cwd = Path.cwd()
    try:
        os.chdir(EXAMPLES)
        main(
            [
                "check",
                ".",
                "--report-dir",
                str(tmp_path),
                "--format",
                "json",
                "-o",
                str(tmp_path / "out.json"),
            ]
        )
    finally:
        os.chdir(cwd)
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    checked = 0
    for entry in summary["files"]:
        from qa_pipeline.reporters.names import report_name

        name = report_name(entry["file"]) + ".html"
        _open(page, tmp_path, name)
        got = page.evaluate(HIGHLIGHTS)
        assert [g[0] for g in got] == [f["code"] for f in entry["findings"]], name
        for (code, text, _), f in zip(got, entry["findings"], strict=True):
            if f["span"] is None:
                continue
            excerpt = f["excerpt"]
            if excerpt.endswith("…") and len(excerpt) == 200:
                assert text.startswith(excerpt[:-1]), (name, code)
            else:
                assert text == excerpt, (name, code)
            checked += 1
    assert checked > 0
    assert page.errors == []
    page.set_viewport_size({"width": 1280, "height": 860})
    for shot, name in (
        ("examples-index.png", "index.html"),
        ("examples-file-ltr.png", "articles__es-consejos.txt.html"),
        ("examples-file-rtl.png", "docs__ar__getting-started.md.html"),
    ):
        if (tmp_path / name).exists():
            _open(page, tmp_path, name)
            page.screenshot(path=str(ARTIFACTS / shot))


def test_folded_clean_segments_open_on_click_and_print_without_javascript(
    browser: Any, tmp_path: Path
) -> None:
    for name, text in render_pages(large_run(600, 50), RULE_DOCS).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    ctx = browser.new_context(java_script_enabled=False)
    pg = ctx.new_page()
    pg.goto((tmp_path / "big__fr.xliff.html").as_uri())
    assert pg.locator("details.fold").count() > 5
    assert pg.locator("#s1 mark.hl").is_visible()  # flagged segments are shown
    assert not pg.locator("details.fold #s10").is_visible()  # clean stretches folded
    pg.locator("details.fold summary").first.click()
    assert pg.locator("details.fold #s10").is_visible()
    pg.emulate_media(media="print")
    assert pg.locator("details.fold #s30").is_visible()
    ctx.close()
