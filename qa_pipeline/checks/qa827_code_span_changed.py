"""QA827 code-span-changed."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.checks.fidelity import MarkupMixin
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class CodeSpanChanged(MarkupMixin, SegmentRule):
    """An inline code span (```` `code` ````) of the source was translated, changed or dropped.

    Checked in Markdown documents (elsewhere a backtick is often a quotation mark, ```name'``). Code
    spans are compared by their content (CommonMark's single padding space ignored), in any order.

    Why it matters: code is what the reader types or sees on screen: a translated command, option or
    identifier does not work. Severity major.

    Example:
        Bad: source ``Run `make install` first``, target ``Lancez d'abord `faire installer` ``
        Good: target ``Lancez d'abord `make install` ``

    Options: none.
    """

    meta = RuleMeta(
        code="QA827",
        name="code-span-changed",
        category="accuracy/do-not-translate",
        severity=Severity.MAJOR,
        summary="An inline code span (`code`) of a Markdown source was translated, changed or dropped.",
        needs_source=True,
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for issue in self.code_issues(segment, ctx):
            if issue.kind == "code":
                data = {"source": issue.source, "found": issue.found}
                yield Violation(issue.message, span=issue.span, data={k: v for k, v in data.items() if v})


RULE = CodeSpanChanged
