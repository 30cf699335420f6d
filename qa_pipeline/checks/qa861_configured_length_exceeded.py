"""QA861 configured-length-exceeded."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath

from qa_pipeline.model import Segment, Severity, Span, Violation
from qa_pipeline.ruleapi import Context, RuleMeta, SegmentRule


@dataclass(frozen=True)
class Options:
    max_length: int = 0
    """Most characters (code points) a target may have; 0: no absolute limit."""
    max_ratio: float = 0.0
    """Most target characters per source character; 0: no ratio limit."""
    min_source_length: int = 10
    """The ratio applies to sources at least this long (short labels vary most)."""
    paths: tuple[str, ...] = ()
    """Glob patterns of the files the limits apply to (``ios/**``, ``*.strings``); empty: every file."""


class ConfiguredLengthExceeded(SegmentRule):
    """A target longer than the configured limit: an absolute number of characters, or a ratio to the
    source's length.

    Why it matters: UI strings of a phone app or a device screen have room for so many characters;
    formats such as Android ``strings.xml`` and Apple ``.strings`` cannot say so themselves, so the
    project says it in its configuration, for the files where it holds (``paths``) and, with
    ``[per-language.<code>]``, per language.

    Lengths are code points of the text as written (placeholders included). The ratio is checked on
    sources of at least ``min-source-length`` characters. Limits declared by the file itself are
    QA860's.

    Example:
        Bad (``max-length = 20``): target ``Paramètres de synchronisation`` (29 characters)
        Good: target ``Synchronisation``

    Options: ``max-length`` (default 0: off), ``max-ratio`` (default 0: off), ``min-source-length``
    (default 10), ``paths`` (default: every file). The rule does nothing until one limit is set.
    """

    meta = RuleMeta(
        code="QA861",
        name="configured-length-exceeded",
        category="design/truncation",
        severity=Severity.MINOR,
        summary="The target is longer than the configured length limit or length ratio.",
    )
    Options = Options

    def __init__(self) -> None:
        self.applies = True

    def prepare(self, ctx: Context) -> bool:
        options = ctx.options if isinstance(ctx.options, Options) else Options()
        path = PurePath(ctx.document.path).as_posix()
        self.applies = not options.paths or any(
            fnmatch.fnmatch(path, p)
            or fnmatch.fnmatch(PurePath(path).name, p)
            or fnmatch.fnmatch(path, f"*/{p}")
            for p in options.paths
        )
        return False

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        options = ctx.options if isinstance(ctx.options, Options) else Options()
        if not self.applies or not (options.max_length or options.max_ratio):
            return
        length = len(segment.target)
        if options.max_length and length > options.max_length:
            yield Violation(
                f"the target has {length} characters; the configured limit is {options.max_length}",
                span=Span(options.max_length, length),
                data={"length": length, "limit": options.max_length},
            )
            return
        source = segment.source or ""
        if options.max_ratio and len(source) >= max(1, options.min_source_length):
            ratio = length / len(source)
            if ratio > options.max_ratio:
                allowed = int(options.max_ratio * len(source))
                yield Violation(
                    f"the target is {ratio:.2f} times as long as the source; the configured limit is "
                    f"{options.max_ratio:g}",
                    span=Span(min(allowed, length), length),
                    data={"ratio": round(ratio, 3), "limit": options.max_ratio},
                )


RULE = ConfiguredLengthExceeded
