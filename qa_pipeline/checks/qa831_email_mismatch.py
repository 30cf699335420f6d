"""QA831 email-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.fidelity.literals import compare, emails, same_host, violations
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class EmailMismatch(SegmentRule):
    """An e-mail address of the source that the target lacks or spells differently, or one it adds.

    Why it matters: a mistyped or translated address bounces the mail of every user who writes to it.
    The local part of an example address (``jane@example.com`` → ``marie@example.com``) may change;
    the domain may not.

    Example:
        Bad: source ``Write to bugs@acme.org``, target ``Écrivez à bogues@acme.org``
        Good: source ``Write to bugs@acme.org``, target ``Écrivez à bugs@acme.org``

    Options: none.
    """

    meta = RuleMeta(
        code="QA831",
        name="email-mismatch",
        category="design/link",
        severity=Severity.MAJOR,
        summary="An e-mail address of the source is missing or changed in the target, or one was added.",
        needs_source=True,
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        if segment.source is None or "@" not in segment.source + segment.target:
            return
        yield from violations(
            compare(emails(segment.source), emails(segment.target), same_host), "e-mail address"
        )


RULE = EmailMismatch
