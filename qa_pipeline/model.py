"""The data that crosses layers: segments, documents, violations, findings, reports.

Readers produce a :class:`Document`; rules yield :class:`Violation`; the engine turns violations into
:class:`Finding`; scoring wraps findings in a :class:`FileReport`, the single input of every reporter.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from qa_pipeline.language import Language

if TYPE_CHECKING:
    from qa_pipeline.selectors import RuleSelector

PROTECTED_CHAR = "\ue000"
"""Stands in for a protected character (code, URL, tag, placeholder) in :attr:`Segment.prose`."""


class Severity(enum.Enum):
    """MQM severities, in increasing order."""

    NEUTRAL = "neutral"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.strip().lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r} (neutral, minor, major, critical)") from None


_RANK = {Severity.NEUTRAL: 0, Severity.MINOR: 1, Severity.MAJOR: 2, Severity.CRITICAL: 3}


class SegmentKind(enum.Enum):
    """What a segment is; rules that look for sentences skip headings, labels and list items."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list-item"
    TABLE_CELL = "table-cell"
    UNIT = "unit"  # a translation unit of a bilingual file (PO entry, XLIFF trans-unit)
    PLURAL = "plural"  # one plural form of a PO entry


@dataclass(frozen=True, order=True)
class Span:
    """A half-open range ``[start, end)`` of code points."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets in a segment's text to offsets in the decoded file text.

    ``pieces`` is a sorted tuple of ``(text_offset, file_offset)`` anchors: from each anchor up to the
    next, text and file advance together. Readers add an anchor wherever the file spells a character
    differently from the text (an escape sequence, an entity, a line continuation).
    """

    pieces: tuple[tuple[int, int], ...]

    @classmethod
    def contiguous(cls, file_offset: int) -> OffsetMap:
        return cls(((0, file_offset),))

    def to_file(self, text_offset: int) -> int:
        keys = [p[0] for p in self.pieces]
        i = bisect.bisect_right(keys, text_offset) - 1
        if i < 0:
            i = 0
        base_text, base_file = self.pieces[i]
        return base_file + (text_offset - base_text)


@dataclass(frozen=True)
class Segment:
    """One checkable unit of text: a paragraph, heading, list item, PO entry or XLIFF unit.

    ``target`` is the translation exactly as a reader should see it (escapes decoded); ``protected``
    lists spans of it that are not prose (inline code, URLs, tags, placeholders). ``prose`` is the
    target with those spans blanked to :data:`PROTECTED_CHAR`, offsets unchanged.
    """

    id: str
    target: str
    source: str | None = None
    kind: SegmentKind = SegmentKind.PARAGRAPH
    offsets: OffsetMap = field(default_factory=lambda: OffsetMap.contiguous(0))
    source_offsets: OffsetMap | None = None
    protected: tuple[Span, ...] = ()
    source_protected: tuple[Span, ...] = ()
    index: int = 0
    notes: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()
    suppressed: frozenset[RuleSelector] = frozenset()
    context: str | None = None  # PO msgctxt, XLIFF resname
    plural_index: int | None = None

    @cached_property
    def prose(self) -> str:
        return _blank(self.target, self.protected)

    @cached_property
    def source_prose(self) -> str | None:
        if self.source is None:
            return None
        return _blank(self.source, self.source_protected)


def _blank(text: str, spans: tuple[Span, ...]) -> str:
    if not spans:
        return text
    chars = list(text)
    for span in spans:
        for i in range(span.start, min(span.end, len(chars))):
            chars[i] = PROTECTED_CHAR
    return "".join(chars)


@dataclass(frozen=True)
class LanguageInfo:
    """A language code and where it came from: ``cli``, ``config``, ``file``, ``path``, ``detected``."""

    code: str | None
    origin: str | None = None
    confidence: float | None = None

    @property
    def language(self) -> Language:
        """The code as a :class:`~qa_pipeline.language.Language` (``UND`` when unknown)."""
        return Language.parse(self.code)


@dataclass(frozen=True)
class Completeness:
    """Translation units in a bilingual or keyed file, and how many have no translation yet."""

    units: int
    untranslated: int


@dataclass(frozen=True)
class SourceGap:
    """A source paragraph that no target paragraph translates: where it would be in the target.

    ``after`` is the id of the target segment it would follow (None: it comes before the first),
    ``before`` the id of the one it would precede (None: it comes after the last); ``line`` is where
    the paragraph is in the source file.
    """

    segment: Segment
    after: str | None
    before: str | None
    line: int  # of the source paragraph in the source file


@dataclass(frozen=True)
class Document:
    """A parsed file: its segments and the decoded text they point into."""

    path: str
    format: str
    text: str
    segments: tuple[Segment, ...]
    target_language: LanguageInfo = LanguageInfo(None)
    source_language: LanguageInfo = LanguageInfo(None)
    source_path: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)  # what a reader knows about its format
    file: str | None = None  # the file, when ``path`` names one language of a multilingual file
    suppressed: frozenset[RuleSelector] = frozenset()  # rules suppressed for the whole file
    completeness: Completeness | None = None  # bilingual and keyed files: units, untranslated
    source_gaps: tuple[SourceGap, ...] = ()  # source paragraphs the translation leaves out

    @property
    def file_path(self) -> str:
        """The file the document was read from (``path`` is ``memory.tmx#fr`` for one language of a
        TMX file that holds several; this is ``memory.tmx``)."""
        return self.file or self.path

    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        starts = [0]
        text = self.text
        i = 0
        while True:
            j = text.find("\n", i)
            if j < 0:
                break
            starts.append(j + 1)
            i = j + 1
        return tuple(starts)

    def line_col(self, file_offset: int) -> tuple[int, int]:
        """1-based line and column (in code points; CRLF counts as one line break)."""
        starts = self.line_starts
        i = bisect.bisect_right(starts, file_offset) - 1
        col = file_offset - starts[i]
        return i + 1, col + 1

    @property
    def has_source(self) -> bool:
        """True for a bilingual file or a translation paired with its source file (even an empty one)."""
        return self.source_path is not None or any(s.source is not None for s in self.segments)

    def segment(self, segment_id: str) -> Segment | None:
        for seg in self.segments:
            if seg.id == segment_id:
                return seg
        return None


@dataclass(frozen=True)
class Violation:
    """What a rule yields: a problem at a span of a segment's target (None: the whole segment)."""

    message: str
    span: Span | None = None
    segment_id: str | None = None  # required from document and corpus rules
    data: Mapping[str, Any] = field(default_factory=dict)
    fix: str | None = None
    path: str | None = None  # set by corpus rules: which document


@dataclass(frozen=True)
class Finding:
    """A located, classified violation: what every reporter consumes."""

    code: str
    name: str
    category: str
    severity: Severity
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    segment_id: str | None
    span: tuple[int, int] | None
    excerpt: str
    fingerprint: str
    data: Mapping[str, Any] = field(default_factory=dict)
    fix: str | None = None
    status: str | None = None  # set by the baseline gate: "new" or "known"

    def sort_key(self) -> tuple[int, int, str, int, int]:
        return (self.line, self.column, self.code, self.end_line, self.end_column)


@dataclass(frozen=True)
class RuleError:
    """A rule that raised instead of reporting: the file's findings are incomplete, so the file cannot
    pass and the run exits 2. ``count`` is how many segments it raised on (the first is named)."""

    code: str
    name: str
    message: str  # "ValueError: what went wrong"
    segment_id: str | None = None
    count: int = 1


@dataclass(frozen=True)
class Metrics:
    """sacrebleu scores against a reference translation."""

    chrf: float
    bleu: float
    ter: float
    signatures: Mapping[str, str]
    segments: tuple[Mapping[str, Any], ...] = ()


@dataclass(frozen=True)
class FileReport:
    """Everything known about one checked file."""

    path: str
    format: str
    source_file: str | None
    source_language: LanguageInfo
    target_language: LanguageInfo
    word_count: int
    word_count_basis: str
    segment_count: int
    penalty: float
    score: float
    passed: bool
    min_score: float
    findings: tuple[Finding, ...]
    counts: Mapping[str, int]
    error: str | None = None
    metrics: Metrics | None = None
    document: Document | None = field(default=None, compare=False, repr=False)
    rule_errors: tuple[RuleError, ...] = ()
    file: str = ""  # the file it was read from, when ``path`` names one language of it (``a.tmx#fr``)

    @property
    def file_path(self) -> str:
        return self.file or self.path


@dataclass(frozen=True)
class DiffInfo:
    """``--diff REF``: the run checked only files changed since ``ref`` and kept findings on changed lines."""

    ref: str
    changed_files: int


@dataclass(frozen=True)
class FixedFinding:
    """A finding of the baseline that no longer occurs."""

    file: str
    fingerprint: str
    code: str
    severity: str
    excerpt: str
    message: str


@dataclass(frozen=True)
class ScoreDrop:
    """Why a file fails the regression gate on its score: it fell below the baseline's score (with new
    findings, by more than the tolerance), or, not being in the baseline, below ``min-score``."""

    file: str
    reason: str  # "score-drop" or "min-score"
    score: float
    baseline_score: float | None = None
    tolerance: float | None = None
    min_score: float | None = None


@dataclass(frozen=True)
class BaselineInfo:
    """``--baseline FILE``: how the run's findings compare with the accepted ones."""

    path: str
    new: int
    known: int
    fixed: tuple[FixedFinding, ...] = ()
    score_drops: tuple[ScoreDrop, ...] = ()


@dataclass(frozen=True)
class GateResult:
    """The one pass/fail decision of a run, and what it was based on."""

    passed: bool
    fail_on: Severity = Severity.CRITICAL
    min_score: float = 90.0
    diff: DiffInfo | None = None
    baseline: BaselineInfo | None = None

    def blocks(self, finding: Finding) -> bool:
        """Whether ``finding`` fails its file: at or above ``fail-on`` (never neutral) and, under a
        baseline, new."""
        if finding.severity is Severity.NEUTRAL or finding.severity.rank < self.fail_on.rank:
            return False
        return self.baseline is None or finding.status == "new"

    def score_drop(self, path: str) -> ScoreDrop | None:
        """The baseline's verdict on a file's score, if it fails on it."""
        drops = self.baseline.score_drops if self.baseline is not None else ()
        return next((d for d in drops if d.file == path), None)


@dataclass(frozen=True)
class RuleDoc:
    """What reporters print about a rule that ran (built-in, user or plugin rule alike)."""

    code: str
    name: str
    category: str
    severity: str
    summary: str
    doc: str  # the rule's documentation (its docstring, or a rule file's summary and description)
    help: str  # everything ``qa-pipeline explain`` prints, without the title line


@dataclass(frozen=True)
class RunReport:
    """All file reports of one run plus the totals."""

    files: tuple[FileReport, ...]
    word_count: int
    penalty: float
    score: float
    passed: bool
    min_score: float
    counts: Mapping[str, int]
    tool_version: str
    gate: GateResult = field(default_factory=lambda: GateResult(passed=True))
    rules: Mapping[str, RuleDoc] = field(default_factory=dict)  # every rule that ran, by code

    @property
    def fail_on(self) -> Severity:
        return self.gate.fail_on
