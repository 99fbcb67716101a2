"""A decoded, segmented article: the one object every detector reads.

`mask` is the text with every character that is not prose (front matter, code, URLs, link targets,
markup, HTML) replaced by MASK, so it has exactly the original's length: detectors search `mask` and
report offsets that are already offsets into the original file. A match that contains MASK touched
something that is not prose and must be dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

MASK = "\ufffc"

BlockKind = Literal["title", "heading", "paragraph", "list_item", "blockquote", "table", "meta"]
Markup = Literal["text", "markdown", "html"]


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-like unit of prose: `[start, end)` in the original text, trailing newline excluded."""

    start: int
    end: int
    kind: BlockKind
    index: int


@dataclass(slots=True)
class Document:
    """What the detectors see. Build one with `cleaner.segment.segment()`."""

    text: str
    mask: str
    blocks: list[Block]
    markup: Markup = "text"
    path: str | None = None
    encoding: str = "utf-8"
    newline: str = "\n"
    meta: dict[str, object] = field(default_factory=dict)
    _starts: list[int] | None = field(default=None, init=False, repr=False, compare=False)

    def prose(self, block: Block) -> str:
        """The block's text with non-prose characters masked (same length as the block)."""
        return self.mask[block.start : block.end]

    def raw(self, block: Block) -> str:
        return self.text[block.start : block.end]

    def is_prose(self, start: int, end: int) -> bool:
        """True when `[start, end)` touches no masked character."""
        return MASK not in self.mask[start:end]

    def block_at(self, offset: int) -> Block | None:
        from bisect import bisect_right

        if self._starts is None or len(self._starts) != len(self.blocks):
            # built once: rebuilding it per call made block lookups quadratic on files of many blocks
            self._starts = [b.start for b in self.blocks]
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset < max(self.blocks[i].end, self.blocks[i].start + 1):
            return self.blocks[i]
        return None
