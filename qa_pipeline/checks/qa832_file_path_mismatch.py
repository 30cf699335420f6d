"""QA832 file-path-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from qa_pipeline.analysis.fidelity.literals import Literal, compare, path_occurs, paths, violations
from qa_pipeline.model import Segment, Severity, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


def _one_to_one(a: Literal, b: Literal) -> bool:
    return True


class FilePathMismatch(SegmentRule):
    """A file path of the source that the target lacks or changed: ``/etc/hosts``, ``~/.config``,
    ``C:\\Users``, ``docs/conf.py``, ``conf.py``.

    Why it matters: paths name real files; a translated folder name (``/home/user/Documents`` →
    ``/home/user/Documenti``) or a typo sends users to something that does not exist.

    Found: absolute, ``~``- and dot-relative and Windows paths, relative paths ending in a file
    extension, and file names with a well-known extension. Example paths (``path/to/…``,
    ``your_file``, a path built around a placeholder) are left out, a home folder's user name may be
    localized (``/home/user`` → ``/home/usuario``) and so may a locale folder (``/en/`` → ``/fr/``);
    a path that the source introduces as an example (``Example: /about/contact/``, ``e.g.``) may be
    translated.
    Paths inside URLs are QA830's.

    Example:
        Bad: source ``Edit /etc/hosts``, target ``Modifiez /etc/hôtes``
        Good: source ``Edit /etc/hosts``, target ``Modifiez /etc/hosts``

    Options: none.
    """

    meta = RuleMeta(
        code="QA832",
        name="file-path-mismatch",
        category="accuracy/do-not-translate",
        severity=Severity.MAJOR,
        summary="A file path of the source is missing or changed in the target.",
        needs_source=True,
    )

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        source = segment.source_prose
        if source is None:
            return
        found = paths(source)
        if not found:
            return
        target = segment.prose
        result = compare(found, paths(target), _one_to_one, lambda s: path_occurs(s.text, target))
        yield from violations(result, "file path", report_added=False)


RULE = FilePathMismatch
