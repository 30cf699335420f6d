"""What a rule is: typed metadata declared once, options as a frozen dataclass, and a check method.

A code rule is one module in :mod:`qa_pipeline.checks` named ``qaNNN_<name>.py`` that sets
``RULE = <class>``. The class subclasses :class:`SegmentRule`, :class:`DocumentRule` or
:class:`CorpusRule`, declares ``meta`` and, if it has options, an ``Options`` frozen dataclass. Its
docstring is the user documentation (summary, *Why it matters*, *Example*, *Options*).

Detection only reports: a rule yields :class:`~qa_pipeline.model.Violation` and never decides its
severity, whether it runs, or how it is printed.
"""

from __future__ import annotations

import enum
import inspect
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from qa_pipeline.model import Document, Segment, Severity, Violation


class Scope(enum.Enum):
    SEGMENT = "segment"
    DOCUMENT = "document"
    CORPUS = "corpus"


@dataclass(frozen=True)
class RuleMeta:
    """A rule's identity and classification."""

    code: str
    name: str
    category: str
    severity: Severity
    summary: str
    needs_source: bool = False
    languages: frozenset[str] = frozenset()  # empty: every language


@dataclass(frozen=True)
class NoOptions:
    """A rule without options."""


@dataclass(frozen=True)
class RuleFamily:
    """Settings shared by several rules of one family, set once in ``[rules.<name>]``.

    Rules that share one analysis (the untranslated rules share one language analysis per segment)
    must see the same thresholds, or two of them can report the same words: those thresholds belong to
    the family, not to each rule (like ruff's ``lint.flake8-quotes``).
    """

    name: str
    options: type
    summary: str


@dataclass(frozen=True)
class RuleEntry:
    """One registered rule: its metadata, where it comes from and how to make an instance."""

    meta: RuleMeta
    scope: Scope
    options_type: type
    doc: str
    examples: Sequence[Mapping[str, Any]]
    origin: str  # module name, rule-file path or plugin entry point
    factory: Callable[[], Rule]
    family: RuleFamily | None = None


class Resources:
    """Expensive helpers rules share, created lazily (ICU breakers, language models, analyses).

    Two caches: :meth:`shared` lives for the run (models, compiled tables); :meth:`get` lives for the
    document being checked and is emptied by the pipeline after each document, so memory does not grow
    with the number of files. Nothing here is built unless a rule asks for it.
    """

    def __init__(self, settings: Any = None) -> None:
        self.settings = settings
        self._run: dict[str, Any] = {}
        self._document: dict[str, Any] = {}

    def shared(self, key: str, factory: Callable[[], Any]) -> Any:
        """A run-wide resource (built once per run)."""
        if key not in self._run:
            self._run[key] = factory()
        return self._run[key]

    def get(self, key: str, factory: Callable[[], Any]) -> Any:
        """A per-document resource (built once per document, freed after it)."""
        if key not in self._document:
            self._document[key] = factory()
        return self._document[key]

    def end_document(self) -> None:
        """Free the per-document resources (the pipeline calls this after each document)."""
        self._document.clear()


@dataclass(frozen=True)
class Sibling:
    """Another translation of the same document, aligned paragraph by paragraph.

    ``alignment`` maps a segment id of the checked document to the aligned segment id of the sibling.
    """

    document: Document
    alignment: Mapping[str, str]


@dataclass(frozen=True)
class Context:
    """What a rule sees besides the text: the document, languages, options and shared resources."""

    document: Document
    target_language: str | None
    source_language: str | None
    options: Any
    resources: Resources
    siblings: Sequence[Sibling] = ()
    dnt: frozenset[str] = field(default_factory=frozenset)
    family_options: Any = None  # the options of the rule's family (``[rules.<family>]``), if any

    @property
    def lang(self) -> str:
        """The target's base language (``fr`` for ``fr-CA``), or ``und``."""
        return base_language(self.target_language)

    @property
    def source_lang(self) -> str:
        return base_language(self.source_language)


@dataclass(frozen=True)
class CorpusContext:
    """What a corpus rule sees: every document of the run, with its resolved target language."""

    documents: Sequence[Document]
    options: Any
    resources: Resources

    @staticmethod
    def lang_of(document: Document) -> str:
        return base_language(document.target_language.code)


def base_language(code: str | None) -> str:
    if not code:
        return "und"
    return code.replace("_", "-").split("-")[0].lower()


class Rule:
    """Base of all rules. Subclasses set ``meta`` (and ``Options``) and implement ``check``."""

    meta: ClassVar[RuleMeta]
    scope: ClassVar[Scope]
    Options: ClassVar[type] = NoOptions
    family: ClassVar[RuleFamily | None] = None

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def examples(cls) -> Sequence[Mapping[str, Any]]:
        return ()

    def prepare(self, ctx: Context) -> bool:
        """Called once per document before any rule runs on it. A rule with an expensive resource
        may start loading it here in the background and return True: the engine then runs it after
        the other rules, so the resource loads while they work. Findings do not depend on the order."""
        return False


class SegmentRule(Rule):
    """Sees one segment (and its source) at a time."""

    scope = Scope.SEGMENT

    def check(self, segment: Segment, ctx: Context) -> Iterator[Violation]:
        raise NotImplementedError


class DocumentRule(Rule):
    """Sees the whole document; violations must name their ``segment_id``."""

    scope = Scope.DOCUMENT

    def check_document(self, ctx: Context) -> Iterator[Violation]:
        raise NotImplementedError


class CorpusRule(Rule):
    """Sees every document of the run; violations must name ``path`` and ``segment_id``."""

    scope = Scope.CORPUS

    def check_corpus(self, ctx: CorpusContext) -> Iterator[Violation]:
        raise NotImplementedError
