"""QA830 url-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.fidelity.literals import compare, same_host, urls, violations
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class UrlMismatch(SegmentRule):
    """A URL of the source that the target lacks or spells differently, or a URL the source lacks.

    Why it matters: a changed or dropped link sends readers to a page that does not exist (or to the
    wrong one), and nobody notices until a user clicks it.

    A localized link is not a change: the target may name another locale in the path (``/en/`` →
    ``/fr/``, or add one as in ``docs.python.org/fr/3/``), in the host (``en.wikipedia.org`` →
    ``fr.wikipedia.org``, whose article names differ too) or in a ``lang``/``hl``/``locale`` query
    parameter. ``http`` → ``https``, ``www.``, a default port and a trailing slash are ignored, and
    example addresses (``example.com``, ``.test``) may change freely. Links inside markup (an
    ``href`` attribute, a Markdown link destination) are the markup rules' business.

    Example:
        Bad: source ``See https://github.com/acme/app/issues``, target ``Voir https://github.com/acme/ap/issues``
        Good: source ``https://en.wikipedia.org/wiki/Cat``, target ``https://fr.wikipedia.org/wiki/Chat``

    Options: none.
    """

    meta = RuleMeta(
        code="QA830",
        name="url-mismatch",
        category="design/link",
        severity=Severity.MAJOR,
        summary="A URL of the source is missing or changed in the target, or one was added.",
        needs_source=True,
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        if segment.source is None or (
            "://" not in segment.source + segment.target and "www." not in segment.source + segment.target
        ):
            return
        yield from violations(compare(urls(segment.source), urls(segment.target), same_host), "URL")


RULE = UrlMismatch
