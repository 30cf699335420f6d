"""``--format junit``: JUnit XML for CI test views (GitLab, Jenkins, Azure DevOps, test-report actions).

One ``<testsuite>`` per checked file (named by its path). Each file has a ``score`` test case that fails
when the file fails on its score (below ``min-score``, or under ``--baseline`` a score drop), and one
test case per finding, named ``CODE name line:col``: a finding that blocks the gate (at or above
``fail-on``, and new under ``--baseline``) is a ``<failure>``; the others are ``<skipped>`` with the
reason, so CI views list them without turning the build red. A file that could not be read is an
``<error>``, and so is each rule that raised on a file (its findings there are incomplete).
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree as ET

from qa_pipeline.model import FileReport, Finding, RunReport
from qa_pipeline.reporters import RenderOptions, rule_error_lines, score_failure

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(text: str) -> str:
    """XML 1.0 cannot carry most control characters (which encoding rules report): show them escaped."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


def _text(f: Finding) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.code} {f.severity.value} {f.message}"]
    if f.excerpt:
        lines.append(f"excerpt: {f.excerpt!r}")
    lines.append(f"category: {f.category}; fingerprint: {f.fingerprint}")
    return _xml_safe("\n".join(lines))


def _suite(rep: FileReport, run: RunReport, suite_id: int) -> ET.Element:
    suite = ET.Element("testsuite", name=rep.path, id=str(suite_id))
    props = ET.SubElement(suite, "properties")
    for name, value in (
        ("format", rep.format),
        ("target_language", rep.target_language.code or ""),
        ("word_count", str(rep.word_count)),
        ("score", f"{rep.score:.2f}"),
        ("min_score", f"{rep.min_score:g}"),
    ):
        ET.SubElement(props, "property", name=name, value=value)
    tests = failures = errors = skipped = 0
    score_case = ET.SubElement(suite, "testcase", name="score", classname=rep.path, time="0")
    score_case.set("file", rep.file_path)
    tests += 1
    if rep.error is not None:
        error = _xml_safe(rep.error)
        ET.SubElement(score_case, "error", message=error, type="ReadError").text = error
        errors += 1
    else:
        reason = score_failure(rep, run)
        if reason is not None:
            ET.SubElement(score_case, "failure", message=reason, type="score").text = reason
            failures += 1
    for f in rep.findings:
        case = ET.SubElement(
            suite, "testcase", name=f"{f.code} {f.name} {f.line}:{f.column}", classname=rep.path, time="0"
        )
        case.set("file", rep.file_path)
        case.set("line", str(f.line))
        tests += 1
        message = _xml_safe(f"{f.code} {f.severity.value}: {f.message}")
        if run.gate.blocks(f):
            ET.SubElement(case, "failure", message=message, type=f.severity.value).text = _text(f)
            failures += 1
        else:
            why = (
                "known in the baseline"
                if f.status == "known"
                else f"below the gate (fail-on {run.fail_on.value})"
            )
            ET.SubElement(case, "skipped", message=f"{message} — {why}")
            ET.SubElement(case, "system-out").text = _text(f)
            skipped += 1
    for line in rule_error_lines(rep):  # a rule that raised: the file's findings are incomplete
        case = ET.SubElement(suite, "testcase", name=line.split(":")[0], classname=rep.path, time="0")
        case.set("file", rep.file_path)
        ET.SubElement(case, "error", message=_xml_safe(line), type="RuleError").text = _xml_safe(line)
        tests += 1
        errors += 1
    for key, count in (("tests", tests), ("failures", failures), ("errors", errors), ("skipped", skipped)):
        suite.set(key, str(count))
    suite.set("time", "0")
    return suite


def _totals(suites: list[ET.Element]) -> dict[str, Any]:
    return {k: sum(int(s.get(k, "0")) for s in suites) for k in ("tests", "failures", "errors", "skipped")}


def render(run: RunReport, options: RenderOptions | None = None) -> str:
    suites = [_suite(rep, run, i) for i, rep in enumerate(run.files)]
    root = ET.Element("testsuites", name="qa-pipeline")
    for key, value in _totals(suites).items():
        root.set(key, str(value))
    root.set("time", "0")
    root.extend(suites)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
