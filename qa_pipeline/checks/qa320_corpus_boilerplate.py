"""QA320 corpus-boilerplate."""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from qa_pipeline.model import Document, Segment, SegmentKind, Severity, Violation
from qa_pipeline.ruleapi import CorpusContext, CorpusRule, RuleMeta
from qa_pipeline.text.scripts import is_unspaced_char

_DOCUMENT_FORMATS = frozenset({"text", "markdown"})


@dataclass(frozen=True)
class Options:
    min_files: int = 3
    """A line must appear in at least this many files of the run."""
    share: float = 0.5
    """…and in at least this share of the run's files in the same language."""
    max_words: int = 30
    """Longer lines are content, not boilerplate."""


def _key(segment: Segment, max_words: int) -> str | None:
    text = " ".join(unicodedata.normalize("NFKC", segment.target).split())
    if not text or len(text) > 300 or len(text.split()) > max_words:
        return None
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2:
        return None
    if len(text.split()) == 1 and not any(c.islower() for c in letters) and any(c.isupper() for c in letters):
        return None  # an acronym or a name in capitals ("FAQ", "XYZ")
    return text.casefold()


def _short(text: str) -> bool:
    """Two words or fewer (four characters or fewer in scripts without spaces)."""
    text = text.strip()
    if any(is_unspaced_char(c) for c in text):
        return len(text) <= 4
    return len(text.split()) <= 2


class CorpusBoilerplate(CorpusRule):
    """A line that appears in most files of the run: likely boilerplate.

    When a run checks several published documents (plain text or Markdown), a short line or paragraph
    (up to ``max-words`` words) found identically in at least ``min-files`` files and in at least
    ``share`` of the files — of the same language, or of the whole run — is reported in every file that
    has it. That is the classic signal of web boilerplate, and it needs no phrase list: it catches
    ``$config[code] not found`` or a sponsor line in any language. A line identical across files of
    different languages is the strongest signal (translation would have changed it). Not checked:
    software strings (PO/XLIFF files, whose labels legitimately repeat across catalogs), one-word
    acronyms in capitals, and short headings (two words or fewer) shared only by files of one
    language ("Introduction", "Conclusion"). Category ``design/leftover-boilerplate`` (documented
    extension).

    Why it matters: text repeated verbatim across separate articles is page furniture, not content.

    Example:
        Bad: ``Cet article vous est offert par Acme`` as a line in 4 of 5 French articles
        Good: a line that occurs in one article only

    Options: ``min-files`` (default 3), ``share`` (default 0.5), ``max-words`` (default 30).
    """

    meta = RuleMeta(
        code="QA320",
        name="corpus-boilerplate",
        category="design/leftover-boilerplate",
        severity=Severity.MINOR,
        summary="A line found identically in most files of the run (likely boilerplate).",
    )
    Options = Options

    def check_corpus(self, ctx: CorpusContext) -> Iterator[Violation]:
        options: Options = ctx.options if isinstance(ctx.options, Options) else Options()
        docs = sorted((d for d in ctx.documents if d.format in _DOCUMENT_FORMATS), key=lambda d: d.path)
        if len(docs) < options.min_files:
            return
        where: dict[str, list[tuple[Document, Segment]]] = defaultdict(list)
        for doc in docs:
            seen: set[str] = set()
            for seg in doc.segments:
                if seg.kind in (SegmentKind.UNIT, SegmentKind.PLURAL, SegmentKind.TABLE_CELL):
                    continue
                key = _key(seg, options.max_words)
                if key is not None:
                    where[key].append((doc, seg))
                    seen.add(key)
        langs = {d.path: ctx.lang_of(d) for d in docs}
        per_lang: dict[str, int] = defaultdict(int)
        for doc in docs:
            per_lang[langs[doc.path]] += 1
        needed_all = max(options.min_files, math.ceil(options.share * len(docs)))
        for key in sorted(where):
            hits = where[key]
            files = sorted({d.path for d, _ in hits})
            file_langs = {langs[p] for p in files}
            cross = len(file_langs) > 1
            lang_ok = any(
                sum(1 for p in files if langs[p] == lang)
                >= max(options.min_files, math.ceil(options.share * count))
                for lang, count in per_lang.items()
            )
            if not (len(files) >= needed_all or lang_ok):
                continue
            if not cross and all(s.kind == SegmentKind.HEADING and _short(s.target) for _, s in hits):
                continue
            where_txt = f"in {len(file_langs)} languages" if cross else "in files of the same language"
            for doc, seg in hits:
                yield Violation(
                    f"likely boilerplate: '{seg.target.strip()[:80]}' appears identically in {len(files)} of "
                    f"{len(docs)} files ({where_txt})",
                    segment_id=seg.id,
                    path=doc.path,
                    data={"files": len(files), "of": len(docs), "languages": sorted(file_langs)},
                )


RULE = CorpusBoilerplate
