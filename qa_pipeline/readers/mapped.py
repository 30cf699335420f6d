"""Text decoded piece by piece, remembering where each piece is in the file.

Readers that decode escapes (JSON ``\\n``, YAML folding, Android ``\\'``) build a segment's text with a
:class:`MappedText`: every :meth:`~MappedText.add` appends decoded characters together with the file
offset of the first one, and the result is an :class:`~qa_pipeline.model.OffsetMap` with an anchor
wherever the file and the text stop advancing together (the same scheme as the PO reader's strings).
"""

from __future__ import annotations

from qa_pipeline.model import OffsetMap


class MappedText:
    """A decoded string under construction and the file offsets of its characters."""

    __slots__ = ("_anchors", "_parts", "length")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._anchors: list[tuple[int, int]] = []
        self.length = 0

    def add(self, piece: str, file_offset: int) -> None:
        """Append ``piece``; its first character is at ``file_offset`` and the others follow it.

        An escape that stands for one character is added as that character at the escape's offset.
        An empty piece only records where an empty text is (its first anchor).
        """
        anchors = self._anchors
        if not piece:
            if not anchors:
                anchors.append((0, file_offset))
            return
        if anchors:
            t0, f0 = anchors[-1]
            if t0 == self.length:
                anchors[-1] = (t0, file_offset)
            elif f0 + (self.length - t0) != file_offset:
                anchors.append((self.length, file_offset))
        else:
            anchors.append((0, file_offset))
        self._parts.append(piece)
        self.length += len(piece)

    def value(self) -> str:
        return "".join(self._parts)

    def offsets(self, empty_at: int = 0) -> OffsetMap:
        """The offset map; ``empty_at`` is where an empty text without any anchor is."""
        return OffsetMap(tuple(self._anchors) or ((0, empty_at),))

    def last_char(self) -> str:
        """The last character added ('' when empty)."""
        return self._parts[-1][-1] if self._parts else ""


__all__ = ["MappedText"]
