"""QA806 placeholder-malformed."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.checks.families import PLACEHOLDERS
from qa_pipeline.checks.fidelity import PlaceholderMixin, quoted
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class PlaceholderMalformed(PlaceholderMixin, SegmentRule):
    """A string declared as a format string has a ``%`` or a brace that its formatter rejects.

    Only for declared formats (a format flag or `placeholder-formats`), never for inferred ones, and
    only when the source has no such character itself: a ``%`` that starts no conversion in a
    ``python-format``/``c-format``… string (``100%`` must be written ``100%%``), a lone ``{`` or ``}``
    in a ``python-brace-format``/``csharp-format`` string (write ``{{``/``}}``), or placeholders
    filled in order mixed with positional ones (``%s`` with ``%2$s``). A ``%`` followed by a space and
    a conversion letter (``100% sure``) is a conversion (``% s``) and is QA802's.

    Why it matters: Python raises ``ValueError`` ("unsupported format character", "Single '}'
    encountered"), .NET ``FormatException``, ``msgfmt --check`` refuses the catalog, C behaviour is
    undefined. Severity critical.

    Example:
        Bad: source ``%d%% done``, target ``%d% terminé`` (python-format)
        Good: target ``%d%% terminé``

    Options: none of its own; reads the ``[rules.placeholders]`` family setting ``infer`` (see QA801).
    """

    meta = RuleMeta(
        code="QA806",
        name="placeholder-malformed",
        category="design/questionable-markup",
        severity=Severity.CRITICAL,
        summary="A format string has a % or brace its formatter rejects (100% for 100%%, a lone {).",
        needs_source=True,
    )
    family = PLACEHOLDERS

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for issue in self.issues(segment, ctx):
            if issue.kind != "malformed":
                continue
            if issue.found == "mixed":
                message = "placeholders filled in order are mixed with positional ones (%1$s): use one kind"
            elif issue.found == "%":
                message = "'%' starts no conversion in this format string: write '%%' for a percent sign"
            else:
                double = issue.found * 2
                message = f"lone {quoted(issue.found)} in a brace-format string: write {quoted(double)}"
            yield Violation(message, span=issue.span, data={"found": issue.found})


RULE = PlaceholderMalformed
