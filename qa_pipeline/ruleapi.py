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
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from qa_pipeline.model import Document, Segment, Severity, Violation


class RuleError(Exception):
    """A rule cannot finish on a document (a rule file's pattern ran out of time): an error for that
    file, reported with the rule and the reason, never a finding and never a pass."""


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


class Resources:
    """Expensive shared helpers, created lazily and once per run (ICU breakers, language models).

    Rules reach them through ``ctx.resources``; nothing here is built unless a rule asks for it.
    """

    def __init__(self, settings: Any = None) -> None:
        self.settings = settings
        self._cache: dict[str, Any] = {}

    def get(self, key: str, factory: Any) -> Any:
        if key not in self._cache:
            self._cache[key] = factory()
        return self._cache[key]


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
