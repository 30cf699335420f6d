"""QA801 placeholder-missing."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.checks.families import PLACEHOLDERS
from qa_pipeline.checks.fidelity import PlaceholderMixin, ordinal, quoted
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


class PlaceholderMissing(PlaceholderMixin, SegmentRule):
    """A placeholder of the source is not in the translation.

    Placeholders are read in the syntaxes the string's format flags declare (PO ``c-format``,
    ``python-format``, ``python-brace-format``…, the ``icu-format``/``i18next-format``/``ruby-format``/
    ``objc-format``/``java-printf-format`` flags of the JSON, YAML, Apple and Android readers), those the
    `placeholder-formats` setting gives for the file, or — when neither says — the syntaxes of which
    the source holds an unambiguous placeholder (``%s``, ``%1$@``, ``%(name)s``, ``{0}``, ``{name}``,
    ``{{name}}``, ``%{name}``, ``${name}``, Qt ``%1``). Named and positional placeholders are compared by
    name or index (a repeated one may appear once); placeholders filled in order (``%s``, ``{}``) by
    count. A form of a plural message may follow any form of the source's (a French singular may drop
    the ``%d`` the English singular does not have either). ICU arguments are QA812's.

    Why it matters: the value is never shown (a file name, a count, a user's name), and with
    placeholders filled in order the arguments after the missing one shift to the wrong place (QA804
    then reports their types). Severity major: information lost; raise it to critical for Python
    ``%`` strings with several ordered placeholders, where a missing one raises ``TypeError``.

    Example:
        Bad: source ``Delete %(count)d files from %(folder)s?``, target ``Supprimer %(count)d fichiers ?``
        Good: target ``Supprimer %(count)d fichiers de %(folder)s ?``

    Options: none of its own. It reads the ``[rules.placeholders]`` family setting ``infer`` (true):
    infer syntaxes from the source when a string has no format flag.
    """

    meta = RuleMeta(
        code="QA801",
        name="placeholder-missing",
        category="design/missing-markup",
        severity=Severity.MAJOR,
        summary="A placeholder of the source (%s, {name}, %{name}, {{name}}) is missing from the translation.",
        needs_source=True,
    )
    family = PLACEHOLDERS

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        for issue in self.issues(segment, ctx):
            if issue.kind != "missing" or issue.source is None:
                continue
            p = issue.source
            if p.ordinal:
                message = (
                    f"the source's {ordinal(int(p.key) if p.syntax != 'brace' else int(p.key) + 1)} "
                    f"placeholder {quoted(p.text)} is missing from the translation"
                )
            else:
                message = f"placeholder {quoted(p.text)} of the source is missing from the translation"
            yield Violation(message, data={"placeholder": p.text, "syntax": p.syntax, "key": p.key})


RULE = PlaceholderMissing
