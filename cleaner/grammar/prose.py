"""What LanguageTool sees of a document: prose only, with a map back to the original offsets.

Each block's masked characters (code, URLs, markup) are dropped, a run of them or of line breaks
becomes one space, and a per-character origin table maps every character LanguageTool sees back to
its offset in the original file. LanguageTool counts UTF-16 code units (Java strings), Python counts
code points: `Utf16Index` converts exactly, so a paragraph with emoji before an error still points at
the right characters.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..document import MASK

if TYPE_CHECKING:
    from ..document import Block, Document

#: block kinds whose text is prose worth checking (tables are cell fragments)
CHECKED_KINDS = frozenset({"title", "heading", "paragraph", "list_item", "blockquote", "meta"})


# --------------------------------------------------------------------------------------------- offsets


class Utf16Index:
    """Converts UTF-16 code-unit offsets in `text` to code-point offsets (LanguageTool → Python)."""

    __slots__ = ("_ends",)

    def __init__(self, text: str) -> None:
        ends: list[int] = []
        if not text.isascii():
            extra = 0
            for i, ch in enumerate(text):
                if ord(ch) > 0xFFFF:
                    ends.append(i + extra + 2)  # UTF-16 offset just after this surrogate pair
                    extra += 1
        self._ends = ends

    def to_code_point(self, unit: int) -> int:
        """Code-point offset for UTF-16 offset `unit` (an offset inside a pair rounds up)."""
        if not self._ends:
            return unit
        # every surrogate pair that ends at or before `unit` took two units for one code point
        return unit - bisect_right(self._ends, unit)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# ----------------------------------------------------------------------------------------------- prose


@dataclass(frozen=True, slots=True)
class Paragraph:
    """What LanguageTool sees of one block; `origin[i]` is the offset in `doc.text` of `text[i]`."""

    text: str
    origin: Sequence[int]


_SOFT = frozenset({MASK, "\r", "\n"})


def paragraph_for(doc: Document, block: Block) -> Paragraph | None:
    """The block's prose with masked runs and line breaks collapsed to single spaces."""
    prose = doc.prose(block)
    base = block.start
    if not any(c in prose for c in _SOFT):
        return Paragraph(prose, range(base, base + len(prose))) if prose.strip() else None
    out: list[str] = []
    origin: list[int] = []
    i, n = 0, len(prose)
    while i < n:
        ch = prose[i]
        if ch in _SOFT or ch.isspace():
            j, first_soft, first_mask = i, -1, -1
            while j < n and (prose[j] in _SOFT or prose[j].isspace()):
                if prose[j] in _SOFT and first_soft < 0:
                    first_soft = j
                if prose[j] == MASK and first_mask < 0:
                    first_mask = j
                j += 1
            if first_soft < 0:  # ordinary spacing: keep it as it is
                out.append(prose[i:j])
                origin.extend(range(base + i, base + j))
            elif out and j < n:  # one space, pointing at a masked char if the run hid one
                out.append(" ")
                origin.append(base + (first_mask if first_mask >= 0 else first_soft))
            i = j
            continue
        out.append(ch)
        origin.append(base + i)
        i += 1
    text = "".join(out)
    return Paragraph(text, origin) if text.strip() else None


def paragraphs(doc: Document, keep: Callable[[int, int, str], bool] | None = None) -> list[Paragraph]:
    """The prose paragraphs to send; `keep(start, end, text)` may leave some out (`select.selector`)."""
    out: list[Paragraph] = []
    for block in doc.blocks:
        if block.kind not in CHECKED_KINDS:
            continue
        para = paragraph_for(doc, block)
        if para is not None and (keep is None or keep(block.start, block.end, para.text)):
            out.append(para)
    return out
