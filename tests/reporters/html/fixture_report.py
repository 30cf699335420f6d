"""A fixed RunReport for the HTML reporter's snapshot, escaping and browser tests (no rules are run).

Findings are built by hand from ``(segment id, start, end)`` code-point spans, so the expected highlighted
text of every finding is known: it is ``target[start:end]``.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_pipeline.model import (
    BaselineInfo,
    Document,
    FileReport,
    Finding,
    GateResult,
    LanguageInfo,
    OffsetMap,
    RuleDoc,
    RunReport,
    Segment,
    SegmentKind,
    Severity,
)
from qa_pipeline.scoring import counts, score

WEIGHTS = {Severity.NEUTRAL: 0, Severity.MINOR: 1, Severity.MAJOR: 5, Severity.CRITICAL: 25}

# code -> (name, category, severity)
RULES = {
    "QA104": ("double-space", "fluency/punctuation", Severity.MINOR),
    "QA201": ("number-mismatch", "accuracy/mistranslation", Severity.MAJOR),
    "QA301": ("leftover-template", "design/leftover-boilerplate", Severity.CRITICAL),
    "QA401": ("untranslated-span", "accuracy/untranslated", Severity.MAJOR),
    "QA601": ("doubled-punctuation", "fluency/punctuation", Severity.MINOR),
    "QA701": ("doubled-word", "fluency/grammar", Severity.NEUTRAL),
    "QA999": ("user-rule", "style/company", Severity.MINOR),  # a user rule: the run documents it too
}

RULE_DOCS = {
    code: RuleDoc(
        code,
        name,
        cat,
        sev.value,
        f"Summary of {name}.",
        f"Summary of {name}.\n\nWhy it matters: an example paragraph.",
        f"Category: {cat}\nDefault severity: {sev.value}\nScope: segment\n\nWhy it matters: "
        f"an example paragraph.\n\nExample:\n    Bad: ``a  b``\n    Good: ``a b``",
    )
    for code, (name, cat, sev) in RULES.items()
}

XSS_SCRIPT = "<script>window.__pwned = 1; alert(1)</script>"
XSS_IMG = '"><img src=x onerror="window.__pwned = 2">'
XSS_TEXTAREA = '</textarea><svg onload="window.__pwned = 3"></svg>'


def _doc(
    path: str, fmt: str, segs: Sequence[tuple[str, str, str | None]], tgt: str | None, src: str | None
) -> Document:
    """Segments laid out one per line in the document text, so line numbers are the segment number."""
    segments = []
    pos = 0
    lines = []
    for i, (sid, target, source) in enumerate(segs):
        kind = SegmentKind.UNIT if source is not None else SegmentKind.PARAGRAPH
        segments.append(Segment(sid, target, source, kind, OffsetMap.contiguous(pos), index=i))
        lines.append(target)
        pos += len(target) + 1
    text = "\n".join(lines) + "\n"
    return Document(
        path, fmt, text, tuple(segments), LanguageInfo(tgt, "cli"), LanguageInfo(src, "file" if src else None)
    )


def _finding(
    doc: Document,
    code: str,
    sid: str | None,
    start: int,
    end: int,
    message: str,
    status: str | None = None,
    fix: str | None = None,
) -> Finding:
    name, cat, sev = RULES[code]
    seg = doc.segment(sid) if sid else None
    if seg is not None:
        line, col = doc.line_col(seg.offsets.to_file(start))
        end_line, end_col = doc.line_col(seg.offsets.to_file(end))
        excerpt = seg.target[start:end]
        span: tuple[int, int] | None = (start, end)
    else:
        line, col, end_line, end_col, excerpt, span = 1, 1, 1, 1, "", None
    return Finding(
        code,
        name,
        cat,
        sev,
        message,
        doc.path,
        line,
        col,
        end_line,
        end_col,
        sid,
        span,
        excerpt,
        f"{code}-{sid}-{start}-{end}",
        {},
        fix,
        status,
    )


def _at(doc: Document, sid: str, needle: str) -> tuple[int, int]:
    seg = doc.segment(sid)
    assert seg is not None and needle in seg.target, (sid, needle)
    start = seg.target.index(needle)
    return start, start + len(needle)


def _report(
    doc: Document | None, findings: Sequence[Finding], words: int, path: str = "", error: str | None = None
) -> FileReport:
    findings = sorted(findings, key=lambda f: f.sort_key())
    apt = float(sum(WEIGHTS[f.severity] for f in findings))
    value = score(apt, words)
    blocking = any(f.severity is Severity.CRITICAL for f in findings)
    return FileReport(
        path=doc.path if doc else path,
        format=doc.format if doc else "text",
        source_file=None,
        source_language=doc.source_language if doc else LanguageInfo(None),
        target_language=doc.target_language if doc else LanguageInfo(None),
        word_count=words,
        word_count_basis="source" if doc and doc.has_source else "target",
        segment_count=len(doc.segments) if doc else 0,
        penalty=apt,
        score=value,
        passed=error is None and value >= 90 and not blocking,
        min_score=90.0,
        findings=tuple(findings),
        counts=counts(findings),
        error=error,
        document=doc,
    )


def french() -> FileReport:
    doc = _doc(
        "docs/fr/guide.md",
        "markdown",
        [
            ("p1", "Guide de démarrage", None),
            ("p2", "Ouvrez le le fichier  config.yaml avant de commencer !!", None),
            ("p3", "Le serveur écoute sur le port 8080.", None),
            ("p4", "Click here to continue lire la suite.", None),
            ("p5", "", None),
        ],
        "fr",
        None,
    )
    f = [
        _finding(doc, "QA701", "p2", 7, 12, "word 'le' written twice", fix="le"),
        _finding(doc, "QA104", "p2", 20, 22, "2 consecutive spaces"),
        # overlapping: a span covering the double space and the file name
        _finding(doc, "QA401", "p2", 20, 33, "'config.yaml' looks untranslated", status="new"),
        _finding(doc, "QA601", "p2", *_at(doc, "p2", "!!"), "'!!' doubled punctuation", status="known"),
        _finding(doc, "QA201", "p3", *_at(doc, "p3", "8080"), "number 8080 is 8000 in the source"),
        _finding(
            doc,
            "QA401",
            "p4",
            *_at(doc, "p4", "Click here to continue"),
            "English text 'Click here to continue'",
        ),
        # nested inside the previous one
        _finding(doc, "QA999", "p4", 6, 10, "company style: avoid 'here'"),
        # zero-length: an insertion point
        _finding(doc, "QA601", "p3", 35, 35, "missing final punctuation"),
        _finding(doc, "QA301", "p5", 0, 0, "empty paragraph left by a template"),
        # a finding about the whole file
        _finding(doc, "QA301", None, 0, 0, "the file ends with a template footer"),
    ]
    return _report(doc, f, 24)


def arabic() -> FileReport:
    doc = _doc(
        "l10n/ar/app.xliff",
        "xliff",
        [
            ("welcome", "مرحبا بكم في التطبيق", "Welcome to the app"),
            ("files", "لديك 12 ملفات جديدة  اليوم", "You have 12 new files today"),
            ("save", "احفظ التغييرات", "Save changes"),
            ("brand", "استخدم Acme Cloud للمزامنة", "Use Acme Cloud to sync"),
        ],
        "ar",
        "en",
    )
    f = [
        _finding(doc, "QA104", "files", *_at(doc, "files", "  "), "2 consecutive spaces"),
        _finding(doc, "QA201", "files", 5, 7, "number 12 differs from the source's 21"),
        _finding(
            doc, "QA401", "brand", *_at(doc, "brand", "Acme Cloud"), "'Acme Cloud' left in Latin script"
        ),
        _finding(doc, "QA701", "welcome", 0, 5, "greeting repeated"),
    ]
    return _report(doc, f, 18)


def japanese() -> FileReport:
    # 𠮷 is outside the BMP: one code point, two UTF-16 units. The finding after it must stay in place.
    doc = _doc(
        "l10n/ja/app.po",
        "po",
        [
            ("menu.open", "𠮷野家のファイルを開く", "Open the Yoshinoya file"),
            ("menu.count", "合計１２３件の結果があります。。", "There are 123 results in total."),
            ("menu.emoji", "保存しました👍✅完了", "Saved 👍✅ done"),
        ],
        "ja-JP",
        "en",
    )
    f = [
        _finding(doc, "QA401", "menu.open", 1, 3, "'野家' should be a katakana brand name"),
        _finding(doc, "QA201", "menu.count", *_at(doc, "menu.count", "１２３"), "full-width digits １２３"),
        _finding(doc, "QA601", "menu.count", *_at(doc, "menu.count", "。。"), "'。。' doubled punctuation"),
        _finding(doc, "QA104", "menu.emoji", *_at(doc, "menu.emoji", "👍✅"), "emoji in a UI string"),
    ]
    return _report(doc, f, 17)


def hostile() -> FileReport:
    doc = _doc(
        'evil/<b>"x".txt',
        "text",
        [
            ("p1", f"Avant {XSS_SCRIPT} après", None),
            ('p"2><i>', f"Attribut {XSS_IMG} fin", None),
            ("p3", f"Zone {XSS_TEXTAREA} fin", None),
            ("p4", "<!-- comment --> & &amp; {{ jinja }} ${x} `code`", None),
        ],
        'fr"><script>window.__pwned=4</script>',
        None,
    )
    p1 = doc.segments[0].target
    f = [
        _finding(doc, "QA301", "p1", 6, 6 + len(XSS_SCRIPT), f"leftover markup {XSS_SCRIPT}"),
        _finding(doc, "QA301", 'p"2><i>', 9, 9 + len(XSS_IMG), f"leftover markup {XSS_IMG}"),
        _finding(doc, "QA301", "p3", 5, 5 + len(XSS_TEXTAREA), XSS_TEXTAREA, fix=XSS_SCRIPT),
        _finding(doc, "QA601", "p4", 0, 16, "</style><style>body{display:none}</style>"),
    ]
    assert p1[6 : 6 + len(XSS_SCRIPT)] == XSS_SCRIPT
    return _report(doc, f, 20)


def broken() -> FileReport:
    return _report(None, [], 0, path="docs/de/broken.po", error=f"cannot decode file: {XSS_SCRIPT}")


def clean() -> FileReport:
    doc = _doc("docs/de/clean.md", "markdown", [("p1", "Alles in Ordnung.", None)], "de", None)
    return _report(doc, [], 3)


def sample_run() -> RunReport:
    files = (french(), arabic(), japanese(), hostile(), broken(), clean())
    words = sum(f.word_count for f in files)
    apt = sum(f.penalty for f in files)
    total = {s: sum(f.counts[s] for f in files) for s in ("neutral", "minor", "major", "critical")}
    return RunReport(
        files,
        words,
        apt,
        score(apt, words),
        False,
        90.0,
        total,
        "0.0.0-test",
        GateResult(False, baseline=BaselineInfo("qa-baseline.json", new=1, known=1)),
        RULE_DOCS,
    )


def large_run(segments: int = 20_000, every: int = 9) -> RunReport:
    """A bilingual document of ``segments`` units, one finding on every ``every``-th unit."""
    segs = [
        (
            f"unit-{i}",
            f"Ceci est la phrase traduite numéro {i}, avec un peu de texte.",
            f"This is source sentence number {i}, with a little text.",
        )
        for i in range(segments)
    ]
    doc = _doc("big/fr.xliff", "xliff", segs, "fr", "en")
    f = [
        _finding(doc, "QA104" if i % 2 else "QA201", f"unit-{i}", 0, 4, f"finding {i}")
        for i in range(0, segments, every)
    ]
    rep = _report(doc, f, segments * 10)
    return RunReport(
        (rep,),
        rep.word_count,
        rep.penalty,
        rep.score,
        rep.passed,
        90.0,
        rep.counts,
        "0.0.0-test",
        rules=RULE_DOCS,
    )
