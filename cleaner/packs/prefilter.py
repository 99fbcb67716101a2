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
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate
from operator import add
from typing import TYPE_CHECKING, Any

from .matcher import _BLANK_LINE, _BLANK_LINE_LF, _CASE_PAIRS, _fold_chars, _lower_same_length, fold_literal

if TYPE_CHECKING:
    from .matcher import Folded, PhraseMatcher

#: A literal shorter than this matches too much text to be worth looking for ("a", "on").
MIN_LITERAL = 3
#: A set of alternatives bigger than this is not expanded (`(?:a|b|c){3}` would be 27 strings).
MAX_SET = 64
INFINITE = 1 << 30

#: `regex`-module syntax that Python's parser would read as something else (literal text): nested
#: classes and set operations (`[[a-z]--[aeiou]]`) and fuzzy constraints (`(?:cat){e<=1}`).
_V1_ONLY = re.compile(r"\[[^\]]*(?:\[|--|&&|\|\||~~)|\{[^}]*[eisd]\s*[<=]")
_PROPERTY = re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]")
_NAMED_GROUP = re.compile(r"(?<!\\)\(\?P?<(?![=!])\w+>")
_BACKREF = re.compile(r"\(\?P=\w+\)|\\g<\w+>")


def fold(text: str) -> str:
    """Lower case, same length, with the simple-case-fold extras: what literals and text are compared in."""
    low = _lower_same_length(text)
    for old, new in _CASE_PAIRS:
        if old in low:
            low = low.replace(old, new)
    return low


@dataclass(frozen=True, slots=True)
class Shape:
    """What the prefilter knows about one pattern.

    `literals`: every match contains at least one of these (folded), or None when no such set was found.
    `anchored_width`: for a pattern that must match a whole block, the most non-space characters it
    can consume; None otherwise.
    `prefixes`, `suffixes`: for a pattern anchored at the start of a block, every match starts with
    one of `prefixes` or (for a pattern anchored at both ends) ends with one of `suffixes` (folded);
    `prefixes` is None when unknown. `^(?:photo:.{1,80}|.{0,40}/(?:afp|reuters))$` gives both.
    `spaced`: like `literals`, but in the text as the phrase matcher folds it (`matcher.fold`: quotes
    folded, each whitespace run one space), where `\\s+` is a known string, " ": `near\\s+the\\s+one`
    requires "near the one" there, not just "near". None when no such set was found.
    """

    literals: frozenset[str] | None
    anchored_width: int | None
    prefixes: tuple[str, ...] | None = None
    suffixes: tuple[str, ...] = ()
    spaced: frozenset[str] | None = None

    @property
    def useful(self) -> bool:
        return self.literals is not None or self.anchored_width is not None or self.prefixes is not None


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


def _searched(s: Shape) -> frozenset[str] | None:
    """The literals the matcher looks for on behalf of `s`, folded as the phrases are: `spaced` where
    it is at least as selective as `literals` (it nearly always is)."""
    plain = None if s.literals is None else frozenset(fold_literal(x) for x in s.literals)
    chosen = s.spaced if s.spaced is not None and _score(s.spaced) >= _score(plain) else plain
    if chosen is None or any(not x.strip() for x in chosen):
        # Only whitespace: folded, it is one space, which the matcher does not look for (it would be
        # found everywhere). No literal filter for this entry, rather than one that never lets it run.
        return None
    # a literal holding another one adds nothing: every text holding it holds the other
    return frozenset(x for x in chosen if not any(y != x and y in x for y in chosen))


def shape(pattern: str, flags: int = 0) -> Shape:
    """Analyse `pattern` (the `regex` module's syntax). Never raises: an unknown pattern has no shape."""
    from .schema import _parser

    parser, c = _parser()
    if _V1_ONLY.search(pattern):
        return Shape(None, None)
    cleaned = _PROPERTY.sub(r"\\w", pattern.removeprefix("(?-f)"))
    cleaned = _BACKREF.sub("(?:.)", _NAMED_GROUP.sub("(?:", cleaned))
    try:
        tree = parser.parse(cleaned, flags & (re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE))
    except Exception:
        return Shape(None, None)
    try:
        walker = _Walker(c)
        items = list(tree)
        _exact, best = walker.seq(items)
        literals = frozenset(fold(s) for s in best) if best is not None and _score(best) >= MIN_LITERAL else None
        width = _anchored_width(items, tree.state.flags, c)
        prefixes, suffixes = _edges(walker, items, tree.state.flags, c)
        _exact, best = _Walker(c, spaces=True).seq(items)
        spaced = frozenset(fold_literal(s) for s in best) if best else None
        if _score(spaced) < MIN_LITERAL:
            spaced = None
    except Exception:  # the analysis must never be what breaks a pack
        return Shape(None, None)
    return Shape(literals, width, prefixes, suffixes, spaced)


def _edges(walker: _Walker, items: list[Any], flags: int, c: Any) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
    """`Shape.prefixes` and `Shape.suffixes` of an anchored pattern (see there)."""
    if not _anchored_start(items, flags, c):
        return None, ()
    whole = walker.prefix(items)
    if whole and "" not in whole:
        return tuple(sorted({fold(p) for p in whole})), ()
    if not _anchored_end(items, flags, c):
        return None, ()
    body = items[1:-1]
    if len(body) == 1 and body[0][0] is c.SUBPATTERN:
        body = list(body[0][1][-1])
    alternatives = [list(alt) for alt in body[0][1][1]] if len(body) == 1 and body[0][0] is c.BRANCH else [body]
    prefixes: set[str] = set()
    suffixes: set[str] = set()
    for alt in alternatives:
        start = walker.prefix(alt)
        if start and "" not in start:
            prefixes |= start
            continue
        end = walker.suffix(alt)
        if end and "" not in end:
            suffixes |= end
            continue
        return None, ()
    return tuple(sorted({fold(p) for p in prefixes})), tuple(sorted({fold(s) for s in suffixes}))


#: Words in nearly every paragraph of English news: requiring one of them filters nothing.
_COMMON = frozenset(
    {
        *("the", "and", "for", "that", "with", "was", "were", "are", "not", "but", "his", "her", "its"),
        *("they", "you", "from", "have", "has", "had", "this", "said", "who", "which", "will", "would"),
        *("been", "their", "there", "than", "into", "more", "also", "about", "after"),
    }
)


def _score(strings: set[str] | frozenset[str] | None) -> int:
    """How selective a set of required strings is: about the length of its least selective member
    (1 for a word like "the" that nearly every paragraph contains)."""
    if not strings:
        return 0
    return min(_selectivity(s) for s in strings)


def _selectivity(s: str) -> int:
    if s.strip().lower() in _COMMON:
        return 1
    # A symbol outside ASCII (©, ®, •) is as rare in prose as a three-letter word.
    return sum(3 if ord(ch) > 127 and not ch.isalpha() else 1 for ch in s)


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    if a is None or _score(b) > _score(a) or (_score(b) == _score(a) and b is not None and len(b) < len(a)):
        return b
    return a


class _Walker:
    """Computes, for a parse-tree sequence, (exact, required): the finite set of strings it matches
    (None if unknown or too many) and a set of strings one of which every match contains (or None)."""

    def __init__(self, c: Any, spaces: bool = False) -> None:
        self.c = c
        # `spaces`: whitespace is read as the phrase fold writes it, every run one space (`\\s+` is " ")
        self.spaces = spaces

    def seq(self, items: list[Any]) -> tuple[set[str] | None, set[str] | None]:
        cur: set[str] | None = {""}
        exact_all = True
        best: set[str] | None = None
        for op, av in items:
            exact, required = self.node(op, av)
            if exact is not None and cur is not None and len(cur) * len(exact) <= MAX_SET:
                cur = {a + b for a in cur for b in exact}
                continue
            exact_all = False
            best = _better(best, cur)
            best = _better(best, required)
            cur = exact if exact is not None and len(exact) <= MAX_SET else {""}
        best = _better(best, cur)
        return (cur if exact_all else None), best

    def prefix(self, items: list[Any]) -> set[str] | None:
        """Strings one of which every match of the sequence starts with, or None when unknown."""
        cur = {""}
        for op, av in items:
            exact, _required = self.node(op, av)
            if exact is not None and len(cur) * len(exact) <= MAX_SET:
                cur = {a + b for a in cur for b in exact}
                continue
            more = self.node_prefix(op, av)
            if more is not None and len(cur) * len(more) <= MAX_SET:
                cur = {a + b for a in cur for b in more}
            return cur
        return cur

    def suffix(self, items: list[Any]) -> set[str] | None:
        """Strings one of which every match of the sequence ends with, or None when unknown."""
        cur = {""}
        for op, av in reversed(items):
            exact, _required = self.node(op, av)
            if exact is not None and len(cur) * len(exact) <= MAX_SET:
                cur = {b + a for a in cur for b in exact}
                continue
            more = self.node_prefix(op, av, backwards=True)
            if more is not None and len(cur) * len(more) <= MAX_SET:
                cur = {b + a for a in cur for b in more}
            return cur
        return cur

    def node_prefix(self, op: Any, av: Any, backwards: bool = False) -> set[str] | None:
        """`prefix` (or `suffix`, `backwards`) of one node that is not a finite set of strings."""
        c = self.c
        edge = self.suffix if backwards else self.prefix
        if op is c.SUBPATTERN:
            return edge(list(av[-1]))
        if op is getattr(c, "ATOMIC_GROUP", None):
            return edge(list(av))
        if op is c.BRANCH:
            out: set[str] = set()
            for alt in av[1]:
                more = edge(list(alt))
                if more is None:
                    return None
                out |= more
            return out if len(out) <= MAX_SET else None
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            return edge(list(av[2]))
        return None

    def node(self, op: Any, av: Any) -> tuple[set[str] | None, set[str] | None]:
        c = self.c
        if op is c.LITERAL:
            return {chr(av)}, None
        if op is c.AT or op in (c.ASSERT, c.ASSERT_NOT):
            return {""}, None
        if self.spaces and _only_space(op, av, c):
            return {" "}, None
        if op is c.IN:
            chars = [chr(v) for o, v in av if o is c.LITERAL]
            if len(chars) == len(av) and len(chars) <= 8:
                return set(chars), None
            return None, None
        if op is c.SUBPATTERN:
            return self.seq(list(av[-1]))
        if op is getattr(c, "ATOMIC_GROUP", None):
            return self.seq(list(av))
        if op is c.BRANCH:
            parts = [self.seq(list(alt)) for alt in av[1]]
            exact: set[str] | None = set()
            required: set[str] | None = set()
            for e, r in parts:
                if exact is not None and e is not None and len(exact) + len(e) <= MAX_SET:
                    exact |= e
                else:
                    exact = None
                if required is not None and r is not None and _score(r) > 0:
                    required |= r
                else:
                    required = None
            return exact, required
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            lo, hi, body = av
            e, r = self.seq(list(body))
            if self.spaces and e and all(x.isspace() for x in e):
                return ({" "} if lo >= 1 else {"", " "}), None  # a run of any length is one space
            if lo == 0:
                if hi == 1 and e is not None:
                    return e | {""}, None
                return None, None
            if lo == hi == 1:
                return e, r
            return None, r
        return None, None  # ANY, CATEGORY, NOT_LITERAL, GROUPREF, …: some unknown text


def _only_space(op: Any, av: Any, c: Any) -> bool:
    """Whether the node matches one whitespace character and nothing else (`\\s`, `[ \\t]`)."""
    if op is c.CATEGORY:
        return av is c.CATEGORY_SPACE
    if op is c.IN:
        return bool(av) and all(
            (o is c.CATEGORY and v is c.CATEGORY_SPACE) or (o is c.LITERAL and chr(v).isspace()) for o, v in av
        )
    return False


def _anchored_start(items: list[Any], flags: int, c: Any) -> bool:
    """Whether every match starts at the start of the string (`^` without MULTILINE, or `\\A`)."""
    if not items:
        return False
    if items[0] == (c.AT, c.AT_BEGINNING_STRING):
        return True
    return items[0] == (c.AT, c.AT_BEGINNING) and not flags & re.MULTILINE


def _anchored_end(items: list[Any], flags: int, c: Any) -> bool:
    """Whether every match ends at the end of the string (`$` without MULTILINE, or `\\Z`)."""
    if len(items) < 2:
        return False
    if items[-1] == (c.AT, c.AT_END_STRING):
        return True
    return items[-1] == (c.AT, c.AT_END) and not flags & re.MULTILINE


def _anchored_width(items: list[Any], flags: int, c: Any) -> int | None:
    """Most non-space characters a match can hold, for a pattern that spans the whole string."""
    if not (_anchored_start(items, flags, c) and _anchored_end(items, flags, c)):
        return None
    width = _width(items, c)
    return width if width < INFINITE else None


def _width(items: list[Any], c: Any) -> int:
    total = 0
    for op, av in items:
        total += _node_width(op, av, c)
    return min(total, INFINITE)


def _node_width(op: Any, av: Any, c: Any) -> int:
    if op is c.LITERAL:
        return 0 if chr(av).isspace() else 1
    if op is c.IN or op is c.CATEGORY:
        return 0 if _only_space(op, av, c) else 1
    if op in (c.ANY, c.NOT_LITERAL):
        return 1
    if op is c.AT or op in (c.ASSERT, c.ASSERT_NOT):
        return 0
    if op is c.SUBPATTERN:
        return _width(list(av[-1]), c)
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _width(list(av), c)
    if op is c.BRANCH:
        return max(_width(list(alt), c) for alt in av[1])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        _lo, hi, body = av
        inner = _width(list(body), c)
        if inner == 0:
            return 0
        return INFINITE if hi is c.MAXREPEAT else min(hi * inner, INFINITE)
    return INFINITE  # GROUPREF and anything unknown: no bound


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
