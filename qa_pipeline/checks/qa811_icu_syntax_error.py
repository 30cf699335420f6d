"""QA811 icu-syntax-error."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.checks.families import PLACEHOLDERS
from qa_pipeline.checks.fidelity import IcuMixin
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class IcuSyntaxInvalid(IcuMixin, SegmentRule):
    """The translation of an ICU MessageFormat message does not parse.

    Applies to strings in ICU syntax: those flagged ``icu-format`` (Format.js/react-intl JSON, or by
    `placeholder-formats`) and, when no flag says, those whose source has a plural, select or typed
    argument (``{count, plural, …}``, ``{d, date, short}``). The message is parsed as ICU does
    (apostrophe quoting, nested ``plural``/``select``/``selectordinal``, ``offset:``, ``=0``, ``#``), and
    the finding points at the character where parsing stopped: an unclosed brace, a branch without
    ``other``, an unknown argument type (``{n, nombre}``), a key given twice. Not reported when the
    source itself does not parse.

    Why it matters: Format.js, ICU4J and ICU4C refuse the message; depending on the app the user sees
    the raw pattern, the source text or an error. Severity critical.

    Example:
        Bad: source ``{count, plural, one {# file} other {# files}}``,
        target ``{count, plural, one {# fichier} other {# fichiers}``
        Good: target ``{count, plural, one {# fichier} other {# fichiers}}``

    Options: none of its own; reads the ``[rules.placeholders]`` family setting ``infer`` (whether a
    string without format flags is taken as ICU when its source has a plural, select or typed argument).
    """

    meta = RuleMeta(
        code="QA811",
        name="icu-syntax-error",
        category="design/questionable-markup",
        severity=Severity.CRITICAL,
        summary="The translation of an ICU MessageFormat message does not parse.",
        needs_source=True,
    )
    family = PLACEHOLDERS

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for issue in self.icu_issues(segment, ctx):
            if issue.kind == "syntax":
                yield Violation(issue.message, span=issue.span, data=dict(issue.data))


RULE = IcuSyntaxInvalid
