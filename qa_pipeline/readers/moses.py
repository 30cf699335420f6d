"""Moses-style parallel text: two line-aligned files, ``corpus.en`` and ``corpus.fr``.

The file whose extension is the target language is the one checked; its source is the file of the
same stem with the source language's extension (``ReadOptions.source_language``, default ``en``:
``corpus.en``, else one ``corpus.en-*``). Line *n* of each is one segment of kind ``paragraph``
with id ``L<n>``. Only ``\\n`` ends a line (a ``\\r`` before it is dropped); U+2028 or U+0085 inside a
line do not split it, as in Moses' own tools. A line left empty where the source has text is
untranslated (skipped and counted unless ``include_untranslated``); a pair of empty lines is no
segment. Files with different line counts are refused, naming both files and their counts.

Language codes as extensions: ``fr``, ``pt-BR``/``pt_BR``, ``zh-Hans`` — whatever CLDR knows as a
language, and only when the source file of the same stem exists, so ``Makefile.am`` or ``notes.cs``
are not taken for translations. URLs and e-mail addresses are protected (placeholders are not:
this is prose). Moses files have no comments, so no inline suppression.

Memory: the target file is decoded once (it is the document's text); lines are found with
``str.find`` and the source file is read line by line in binary and decoded per line, so besides
the segments themselves no per-line objects are kept (``benchmarks/moses_memory.py`` measures it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from qa_pipeline.language import Language
from qa_pipeline.model import Document, LanguageInfo, OffsetMap, Segment, SegmentKind, Span
from qa_pipeline.readers.base import ReadOptions, make_document
from qa_pipeline.readers.decode import ReaderError, decode_file
from qa_pipeline.text.protect import protected_spans

_CODE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
_SNIFF = 8192


def language_from_path(path: str | Path) -> str | None:
    """The language code of a Moses file's extension (``corpus.pt_BR`` -> ``pt-BR``), or None."""
    from qa_pipeline.languages import is_language, normalize

    suffix = Path(path).suffix[1:]
    if not _CODE.fullmatch(suffix) or not is_language(suffix):
        return None
    return normalize(suffix)


def default_source(path: Path, source_lang: str = "en") -> Path | None:
    """The source file paired with ``path``: same stem, the source language's extension (exactly,
    else the only ``stem.<source_lang>-*`` file). None when ``path`` is itself in that language."""
    from qa_pipeline.languages import normalize

    lang = language_from_path(path)
    if lang is None or lang.lower() == normalize(source_lang).lower():
        return None
    exact = path.with_suffix("." + source_lang)
    if exact.is_file():
        return exact
    base = Language.parse(source_lang).base
    variants = sorted(
        p
        for p in path.parent.glob(f"{path.stem}.*")
        if p != path and Language.parse(language_from_path(p)).base == base and p.is_file()
    )
    return variants[0] if len(variants) == 1 else None


def claims(path: Path, head: str = "", source_lang: str = "en") -> bool:
    """True for ``corpus.fr`` when ``corpus.en`` (the source) exists next to it."""
    return default_source(path, source_lang) is not None


def _source_lines(path: Path) -> Iterator[str]:
    """The source file's lines, decoded one at a time (UTF-8; a file with a BOM or UTF-16 whole)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(_SNIFF)
            fh.seek(0)
            if b"\x00" in head or head.startswith((b"\xff\xfe", b"\xfe\xff")):
                text = decode_file(path)
                pos = 0
                while pos < len(text):
                    nl = text.find("\n", pos)
                    end = len(text) if nl < 0 else nl
                    yield text[pos:end].removesuffix("\r")
                    pos = end + 1
                return
            for number, raw in enumerate(fh, 1):
                if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                try:
                    yield raw.decode("utf-8").removesuffix("\n").removesuffix("\r")
                except UnicodeDecodeError as exc:
                    raise ReaderError(
                        f"source file {path.name}: not valid UTF-8: byte 0x{raw[exc.start : exc.start + 1].hex()}"
                        f" at line {number}"
                    ) from None
    except OSError as exc:
        raise ReaderError(f"cannot read source file {path.name}: {exc.strerror or exc}") from None


def _protect(line: str) -> tuple[Span, ...]:
    """URLs and e-mail addresses (most lines have neither: a quick test first, for big corpora)."""
    if "/" in line or "@" in line or "www." in line.lower():
        return tuple(protected_spans(line))
    return ()


def _line_count(text: str) -> int:
    return text.count("\n") + (0 if not text or text.endswith("\n") else 1)


def _read(text: str, path: str, real: Path | None, options: ReadOptions) -> Document:
    source_lang = options.source_language or "en"
    src_path = default_source(real, source_lang) if real is not None else None
    lang = language_from_path(path if real is None else real)
    segments: list[Segment] = []
    untranslated = units = 0
    sources = _source_lines(src_path) if src_path is not None else None
    pos = 1 if text.startswith("\ufeff") else 0
    n = 0
    length = len(text)
    while pos < length:
        n += 1
        nl = text.find("\n", pos)
        end = length if nl < 0 else nl
        stop = end - 1 if end > pos and text[end - 1] == "\r" else end
        line = text[pos:stop]
        source = next(sources, None) if sources is not None else None
        if sources is not None and source is None:
            _mismatch(path, src_path, _line_count(text), n - 1)
        if line.strip() or (source and source.strip()):
            units += 1
            if not line.strip():
                untranslated += 1
            if line.strip() or options.include_untranslated:
                segments.append(
                    Segment(
                        id=f"L{n}",
                        target=line,
                        source=source,
                        kind=SegmentKind.PARAGRAPH,
                        offsets=OffsetMap.contiguous(pos),
                        protected=_protect(line),
                        source_protected=_protect(source) if source else (),
                        index=len(segments),
                    )
                )
        pos = end + 1
    if sources is not None:
        extra = sum(1 for _ in sources)
        if extra:
            _mismatch(path, src_path, n, n + extra)
    meta: dict[str, object] = {"units": units, "untranslated": untranslated}
    if real is not None and src_path is None and lang and lang.lower() != source_lang.lower():
        meta["source_missing"] = str(real.with_suffix("." + source_lang))
    return make_document(
        path=path,
        format="moses",
        text=text,
        segments=tuple(segments),
        target_language=LanguageInfo(lang, "path") if lang else LanguageInfo(None),
        source_language=LanguageInfo(source_lang, "config" if options.source_language else "path")
        if src_path is not None
        else LanguageInfo(None),
        source_path=str(src_path) if src_path is not None else None,
        meta=meta,
    )


def _mismatch(path: str, src_path: Path | None, lines: int, source_lines: int) -> None:
    name = Path(path).name
    raise ReaderError(
        f"{name} has {lines} lines but its source {src_path.name if src_path else '?'} has {source_lines}"
        " (line-aligned files need as many lines)"
    )


def read_moses(text: str, path: str, options: ReadOptions) -> Document:
    """Read a Moses file; its source is looked up next to ``path`` on disk (none: no source)."""
    real = Path(path)
    return _read(text, path, real if real.is_file() else None, options)


def read_moses_file(path: Path, options: ReadOptions, display: str | None = None) -> Document:
    """Read the Moses file at ``path`` (shown as ``display``) with its line-aligned source."""
    return _read(decode_file(path), display or str(path), path, options)


__all__ = ["claims", "default_source", "language_from_path", "read_moses", "read_moses_file"]
