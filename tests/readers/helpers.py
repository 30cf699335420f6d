"""Shared helpers for reader tests: snapshot serialisation and the position property."""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path
from typing import Any

from qa_pipeline.model import Document, OffsetMap, Segment

from .spelling import KEYED, spells

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
SNAPSHOTS = HERE / "snapshots"
UPDATE = os.environ.get("QA_UPDATE_SNAPSHOTS") == "1"

XML_REFS = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
PO_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    '"': '"',
    "\\": "\\",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "'": "'",
    "?": "?",
}


def position(doc: Document, offsets: OffsetMap, index: int) -> str:
    """``line:column`` (1-based, code points) of the character at ``index``."""
    line, col = doc.line_col(offsets.to_file(index))
    return f"{line}:{col}"


def describe_segment(doc: Document, seg: Segment) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": seg.id,
        "kind": seg.kind.value,
        "target": seg.target,
        "start": position(doc, seg.offsets, 0),
    }
    if seg.target:
        out["last"] = position(doc, seg.offsets, len(seg.target) - 1)
    if seg.source is not None:
        out["source"] = seg.source
        if seg.source_offsets is not None:
            out["source_start"] = position(doc, seg.source_offsets, 0)
    if seg.protected:
        out["protected"] = [f"{s.start}-{s.end} {seg.target[s.start : s.end]}" for s in seg.protected]
    for key in ("notes", "flags", "suppressed"):
        value = getattr(seg, key)
        if value:
            out[key] = sorted(map(str, value)) if isinstance(value, frozenset) else list(value)
    if seg.context is not None:
        out["context"] = seg.context
    if seg.plural_index is not None:
        out["plural_index"] = seg.plural_index
    return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, frozenset | set):
        return sorted(map(str, value))
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in sorted(value.items())}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def _file_facts(doc: Document) -> dict[str, Any]:
    """The reader's ``meta`` and its typed file-level facts (suppressions, completeness), in one table."""
    out: dict[str, Any] = dict(doc.meta)
    if doc.suppressed:
        out["suppressed"] = doc.suppressed
    if doc.completeness is not None:
        out["units"], out["untranslated"] = doc.completeness.units, doc.completeness.untranslated
    return out


def describe(doc: Document) -> dict[str, Any]:
    return {
        "format": doc.format,
        "target_language": f"{doc.target_language.code} ({doc.target_language.origin})",
        "source_language": f"{doc.source_language.code} ({doc.source_language.origin})",
        "meta": _jsonable(_file_facts(doc)),
        "segments": [describe_segment(doc, s) for s in doc.segments],
    }


def check_snapshot(name: str, data: dict[str, Any]) -> None:
    """Compare with ``snapshots/<name>.json``; ``QA_UPDATE_SNAPSHOTS=1`` rewrites it on purpose."""
    path = SNAPSHOTS / f"{name}.json"
    rendered = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if UPDATE or not path.exists():
        if not UPDATE:
            raise AssertionError(f"no snapshot {path.name}: run with QA_UPDATE_SNAPSHOTS=1 to create it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rendered, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    assert rendered == expected, f"snapshot {path.name} differs (QA_UPDATE_SNAPSHOTS=1 refreshes it)"


def decoded_at(doc: Document, offset: int) -> tuple[str, int]:
    """The character the file spells at ``offset`` and how many file characters spell it.

    A literal character is itself (length 1); a PO, ``.strings`` or JSON escape (``\\n``,
    ``\\U00E9``), an XML or HTML reference (``&amp;``, ``&#233;``) is the character it stands for.
    """
    text = doc.text
    c = text[offset]
    if doc.format == "po" and c == "\\":
        e = text[offset + 1]
        if e in PO_ESCAPES:
            return PO_ESCAPES[e], 2
        if e in "01234567":
            j = offset + 1
            while j < offset + 4 and text[j] in "01234567":
                j += 1
            return chr(int(text[offset + 1 : j], 8)), j - offset
        if e == "x":
            j = offset + 2
            while j < len(text) and text[j] in "0123456789abcdefABCDEF":
                j += 1
            return chr(int(text[offset + 2 : j], 16) & 0xFF), j - offset
        raise AssertionError(f"unexpected escape at {offset}")
    if doc.format == "strings" and c == "\\":
        from qa_pipeline.readers.apple_strings import _Lexer

        decoded, end = _Lexer(text).escape(offset)
        return decoded, end - offset
    if doc.format == "xcstrings" and c == "\\":
        return _json_escape(text, offset)
    if doc.format == "html":
        return _html_ref(text, offset)
    if doc.format in ("xliff", "tmx", "stringsdict") and c == "&":
        end = text.index(";", offset)
        name = text[offset + 1 : end]
        if name.startswith("#x"):
            return chr(int(name[2:], 16)), end + 1 - offset
        if name.startswith("#"):
            return chr(int(name[1:])), end + 1 - offset
        return XML_REFS[name], end + 1 - offset
    return c, 1


def _json_escape(text: str, offset: int) -> tuple[str, int]:
    import json

    if text[offset + 1] != "u":
        return json.loads(f'"{text[offset : offset + 2]}"'), 2
    code = int(text[offset + 2 : offset + 6], 16)
    if 0xD800 <= code <= 0xDBFF and text.startswith("\\u", offset + 6):
        pair = json.loads(f'"{text[offset : offset + 12]}"')
        if len(pair) == 1:
            return pair, 12
    return ("\ufffd" if 0xD800 <= code <= 0xDFFF else chr(code)), 6


_HTML_REF = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")


def _html_ref(text: str, offset: int) -> tuple[str, int]:
    """The character an HTML reference spells at ``offset``: a reference decodes to one or more
    characters, the k-th of which the reader places k characters after its ``&``."""
    start = text.rfind("&", max(0, offset - 40), offset + 1)
    m = _HTML_REF.match(text, start) if start >= 0 else None
    if m is None or offset >= m.end():
        return text[offset], 1
    decoded = html.unescape(m.group(0))
    k = offset - start
    if decoded == m.group(0) or k >= len(decoded):
        return text[offset], 1
    return decoded[k], 1


def assert_positions_exact(doc: Document) -> None:
    """Every character of every target (and source) is the character the file spells at its offset.

    "Spells" means: the file has that very character there, or an escape (PO ``\\n``) or XML
    reference (``&amp;``, ``&#233;``) that stands for it starts there.

    Offsets must also strictly increase within a segment: the text is read in file order.
    """
    for seg in doc.segments:
        pairs = [(seg.target, seg.offsets)]
        if seg.source is not None and seg.source_offsets is not None:
            pairs.append((seg.source, seg.source_offsets))
        for text, offsets in pairs:
            previous = -1
            for i, ch in enumerate(text):
                at = offsets.to_file(i)
                assert at > previous, (seg.id, i)
                # literal characters (also markup kept verbatim, like ``&lt;`` inside <ph>) or decoded
                spelled = spells(doc, at, ch) if doc.format in KEYED else decoded_at(doc, at)[0] == ch
                assert doc.text[at] == ch or spelled, (seg.id, i, ch, doc.text[at])
                previous = at
