"""QA803 placeholder-renamed."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.checks.families import PLACEHOLDERS
from qa_pipeline.checks.fidelity import PlaceholderMixin, quoted
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class PlaceholderRenamed(PlaceholderMixin, SegmentRule):
    """A named placeholder of the source is in the translation under another name or spelling.

    The name was translated (``{nom}`` for ``{name}``, ``%(nombre)s`` for ``%(name)s``), its case or
    spacing changed (``{Name}``, ``{ name }``, ``%(name) s``), or its delimiters (``{count}`` for an
    i18next ``{{count}}``, ``%{count}`` for ``{count}``). The finding is at the target's spelling and
    names the source's. Reported instead of QA801 + QA802 for the pair.

    Why it matters: the program fills placeholders by name; a renamed one is both a missing value and
    a placeholder nobody fills (``KeyError`` in Python, ``MissingInterpolationArgument`` in Ruby, the raw
    code on screen in i18next). Severity critical.

    Example:
        Bad: source ``Hello {name}``, target ``Bonjour {nom}``
        Good: target ``Bonjour {name}``

    Options: none of its own; reads the ``[rules.placeholders]`` family setting ``infer`` (see QA801).
    """

    meta = RuleMeta(
        code="QA803",
        name="placeholder-renamed",
        category="design/questionable-markup",
        severity=Severity.CRITICAL,
        summary="A placeholder is translated or misspelt in the translation ({nom} for {name}).",
        needs_source=True,
    )
    family = PLACEHOLDERS

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for issue in self.issues(segment, ctx):
            if issue.kind != "renamed" or issue.source is None:
                continue
            yield Violation(
                f"{quoted(issue.found)} should be {quoted(issue.source.text)} as in the source: "
                "placeholders are filled by name",
                span=issue.span,
                data={"placeholder": issue.source.text, "found": issue.found, "syntax": issue.source.syntax},
                fix=issue.source.text,
            )


RULE = PlaceholderRenamed
