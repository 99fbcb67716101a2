"""Which blocks a regex entry can possibly match in, decided before running it.

Running every `regex:` entry on every block costs a call per block and entry, and a call with the
timeout that protects against a broken pattern costs ~15 µs even when nothing matches: 40 entries on
the 10,000 blocks of a megabyte of news was most of the time the packs took. Nearly all of those calls
find nothing, and three facts of the pattern, worked out once when the pack is compiled, say where
that is certain without running it:

- **Required literals.** Most patterns cannot match without one of a few literal strings (`\\bclosest\\s+
  (?:claimed|said)` needs "closest said" or "closest claimed"; the cookie notice needs "cookie" or
  "galletas"). Every entry's literals go into the Aho-Corasick automaton that holds the phrases
  (matcher.py), walked once over the folded document (`lay_out` puts its blocks end to end): an entry
  runs only on blocks where one of its literals occurs, and not at all in most documents.
- **Edges.** A pattern anchored at the start (`^(?:share|tweet)…`) only runs on blocks starting with
  one of its prefixes (or, with `$` branches, ending with one of its suffixes).
- **Width.** A pattern anchored at both ends (`^(?:home|menu|top)\\s*$`) must match a block's whole
  text, so a block with more non-space characters than the pattern can consume is skipped: long
  paragraphs never reach the boilerplate patterns.

Both are derived from the parse tree of Python's own regex parser (the `regex` module's syntax is close
to a superset; `\\p{…}` classes are read as "some character", named groups and backreferences as
"something"). Only literal characters ever become required text, so anything the analysis does not
understand makes it require less, never more. A pattern it cannot parse gets no prefilter and runs on
every block, as before. Case-insensitive patterns are matched against the lower-cased text with
lower-cased literals (a case-sensitive pattern is just more selective than that). A character that
IGNORECASE matches to a letter its lower case is not (the long s "ſ" matches "s") is folded by
`matcher._CASE_PAIRS`.

The analysis of a pattern is in `shape.py`; this module lays the blocks out and answers which
blocks each entry may match in.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate
from operator import add
from typing import TYPE_CHECKING

from .matcher import _BLANK_LINE, _BLANK_LINE_LF, _fold_chars
from .shape import INFINITE, MAX_SET, MIN_LITERAL, Shape, _searched, fold, shape

if TYPE_CHECKING:
    from .matcher import Folded, PhraseMatcher

__all__ = ["INFINITE", "JOINT", "MAX_SET", "MIN_LITERAL", "Prefilter", "Shape", "fold", "lay_out", "shape"]

#: what `lay_out` puts between two blocks: two characters the fold keeps as they are, barriers to phrases
#: (not word characters, in no phrase) that join no whitespace of the blocks into a blank line. (With a
#: blank line between them, a block ending in a line break lost it to the barrier, and "ab\\s" was not
#: found in "ab\n".)
JOINT = "\x00\x00"


def lay_out(proses: list[str]) -> tuple[str, list[int], list[int]]:
    """The blocks end to end, JOINT between them, with each block's start and end in the result: one
    text to fold and walk once for a whole document."""
    lengths = list(map(len, proses))
    starts = list(accumulate([n + len(JOINT) for n in lengths[:-1]], initial=0)) if proses else []
    return JOINT.join(proses), starts, list(map(add, starts, lengths))


def _with_blank_line(text: str, starts: list[int], ends: list[int]) -> list[int]:
    """Indexes of the blocks that hold a blank line: one search of the whole text, each blank line
    found filed under the block it lies in (with `lay_out`'s joints, none lies across two blocks).
    A blank line found across a block's edge (other layouts) may have taken a line break of one inside
    the block: the blocks it touches are searched on their own."""
    if "\n" not in text and "\r" not in text:
        return []
    out: set[int] = set()
    for m in (_BLANK_LINE if "\r" in text else _BLANK_LINE_LF).finditer(text):  # LF's starts with a literal: fast
        s, e = m.span()
        b = bisect_right(starts, s) - 1
        if b >= 0 and e <= ends[b]:
            out.add(b)
            continue
        for k in range(max(b, 0), bisect_left(starts, e)):
            if k not in out and starts[k] < e and s < ends[k] and _BLANK_LINE.search(text, starts[k], ends[k]):
                out.add(k)
    return sorted(out)


#: how many leading characters of a block the prefix screen compares (longer prefixes are cut to this,
#: which only lets more blocks through to the exact test)
_HEAD = 24
#: from how many blocks on the prefix screen is one regex search over records (`_EdgeText.records`)
#: rather than a Python test per block: the search needs its pattern compiled (~10 ms for all entries,
#: once per process), which a pre-commit hook's one small file would pay for nothing
_MANY_BLOCKS = 256


@dataclass(frozen=True, slots=True)
class _Edges:
    """How a block must start (`prefixes`) or else end (`suffixes`) for an entry to match in it, as the
    text reads in `Folded.same_length`.

    `blocks` shortlists by the blocks' first and last characters (`firsts`, `lasts`); in a text of many
    blocks, by one regex search (`heads`, a pattern's source: compiled on first use, never pickled)
    over the blocks' first characters laid out as fixed-width records. `fits` decides.
    """

    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    firsts: frozenset[str]
    lasts: frozenset[str]
    heads: str

    @classmethod
    def of(cls, s: Shape) -> _Edges:
        prefixes = tuple(sorted({_fold_chars(p) for p in s.prefixes or ()}))
        suffixes = tuple(sorted({_fold_chars(x) for x in s.suffixes}))
        cut = sorted({p[:_HEAD] for p in prefixes}, key=lambda p: (-len(p), p))
        heads = "\x00(?:" + "|".join(map(re.escape, cut)) + ")"
        return cls(prefixes, suffixes, frozenset(p[0] for p in prefixes), frozenset(x[-1] for x in suffixes), heads)

    def blocks(self, text: _EdgeText) -> set[int]:
        if text.records is not None:
            width = _HEAD + 1  # record i starts at i * width
            pool = {m.start() // width for m in re.compile(self.heads).finditer(text.records)}
        else:
            firsts = self.firsts
            pool = {i for i, c in enumerate(text.firsts) if c in firsts}
        if self.lasts:
            lasts = self.lasts
            pool.update(i for i, c in enumerate(text.lasts) if c in lasts)
        return pool

    def fits(self, folded: str, start: int, end: int) -> bool:
        if folded.startswith(self.prefixes, start, end):
            return True
        if not self.suffixes:
            return False
        if end > start and folded[end - 1] == "\n":
            end -= 1  # `$` also matches before a final newline
        return folded.endswith(self.suffixes, start, end)


class _EdgeText:
    """The blocks' edges, built once per text when an entry asks. Few blocks: `firsts` holds each
    block's first character (NUL for an empty block, which no entry fits). Many: `records` holds one
    record per block, NUL and the `_HEAD` characters from the block's start (running on into the next
    block or U+0001 padding, which only adds candidates). `lasts`: each block's last character (the one
    before a final line break, where `$` also matches), made on first use. Slices and joins in C: filing
    each block under its characters in dictionaries was a Python step per block, and most of the
    prefilter's time on a big document."""

    def __init__(self, folded: str, starts: list[int], ends: list[int]) -> None:
        self._folded = folded
        self._bounds = list(zip(starts, ends, strict=True))
        self.records: str | None = None
        self.firsts = ""
        if len(starts) >= _MANY_BLOCKS:
            padded = folded + "\x01" * _HEAD
            self.records = "\x00" + "\x00".join([padded[s : s + _HEAD] for s in starts])
        else:
            self.firsts = "".join([folded[s] if e > s else "\x00" for s, e in self._bounds])
        self._lasts: str | None = None

    @property
    def lasts(self) -> str:
        if self._lasts is None:
            f = self._folded
            self._lasts = "".join(
                [f[e - 2 if f[e - 1] == "\n" and e - 1 > s else e - 1] if e > s else "\x00" for s, e in self._bounds]
            )
        return self._lasts


class Prefilter:
    """What every regex entry requires; answers "which blocks may entry i match in".

    The entries' required literals are keys of a `PhraseMatcher`, in the text the phrases are found in:
    the pack set passes its own, so that one walk of the text finds the phrases and the literals
    (`candidates` then takes the literal hits from the caller); standing alone, it builds one of its own.
    """

    def __init__(self, shapes: list[Shape], matcher: PhraseMatcher | None = None) -> None:
        from .matcher import PhraseMatcher

        self.shapes = shapes
        self.literals = [_searched(s) for s in shapes]
        # Entries with a literal holding a space: `\s` may match a blank line inside a block (a code
        # block's), which the fold makes a barrier, so such blocks are candidates whatever was found.
        self._spaced = tuple(i for i, lits in enumerate(self.literals) if lits and any(" " in x for x in lits))
        #: per entry with prefixes: its prefixes and suffixes as they read in `Folded.same_length` (which also
        #: folds quotes and spaces, `_fold_chars`), and classes of their first and last characters
        self._edges: list[_Edges | None] = [None if sh.prefixes is None else _Edges.of(sh) for sh in shapes]
        self._matcher = matcher if matcher is not None else PhraseMatcher()
        for i, lits in enumerate(self.literals):
            for lit in lits or ():
                self._matcher.add_literal(lit, i)
        if matcher is None:
            self._matcher.build()

    def candidates(
        self,
        doc_mask: str,
        starts: list[int],
        ends: list[int],
        folded: Folded | None = None,
        literal_hits: list[tuple[int, int, tuple[int, ...]]] | None = None,
    ) -> list[list[int] | None]:
        """Per entry: the sorted indexes of blocks it may match in, or None for "every block".

        `starts`/`ends` are the blocks' ranges in `doc_mask` (sorted, not overlapping). `folded` and
        `literal_hits` are `matcher.fold(doc_mask)` and the literal hits of the shared matcher in it;
        without them the text is folded and searched here. Everything is a handful of C-level passes
        over the document plus cheap per-block tests; no regex of an entry runs.
        """
        if folded is None or literal_hits is None:
            from .matcher import fold as fold_text

            folded = fold_text(doc_mask)
            literal_hits = self._matcher.find(folded.text)[1]
        found: list[set[int] | None] = [set() if lits is not None else None for lits in self.literals]
        for fs, fe, owners in literal_hits:
            start = folded.original(fs)
            b = bisect_right(starts, start) - 1
            if b < 0 or folded.original(fe - 1) >= ends[b]:
                continue  # between blocks, or running past the end of one
            for i in owners:
                found[i].add(b)  # type: ignore[union-attr]
        inner = _with_blank_line(doc_mask, starts, ends) if self._spaced else []
        for i in self._spaced if inner else ():
            found[i].update(inner)  # type: ignore[union-attr]
        nonspace: dict[int, int] = {}

        def fits(b: int, width: int) -> bool:
            size = ends[b] - starts[b]
            if size <= width:
                return True
            if b not in nonspace:
                nonspace[b] = sum(map(len, doc_mask[starts[b] : ends[b]].split()))
            return nonspace[b] <= width

        # Blocks by their first and last character: an entry whose matches start with "home" or "menu"
        # only looks at blocks starting with h or m.
        low = folded.same_length
        edge_text: _EdgeText | None = None
        out: list[list[int] | None] = []
        for s, edges, blocks in zip(self.shapes, self._edges, found, strict=True):
            if s.anchored_width is None and edges is None:
                out.append(None if blocks is None else sorted(blocks))
                continue
            if edges is not None:
                edge_text = edge_text or _EdgeText(low, starts, ends)
                pool = edges.blocks(edge_text)
                if blocks is not None:
                    pool &= blocks
                chosen = [b for b in sorted(pool) if edges.fits(low, starts[b], ends[b])]
            else:
                chosen = sorted(blocks) if blocks is not None else list(range(len(starts)))
            if s.anchored_width is not None:
                chosen = [b for b in chosen if fits(b, s.anchored_width)]
            out.append(chosen)
        return out
