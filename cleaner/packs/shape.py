"""What a regex entry requires of the text it can match, read from its parse tree (`shape`).

The prefilter (`prefilter.py`, whose docstring says why) needs three facts of each pattern: its
required literals, its edges (prefixes/suffixes of an anchored pattern) and its width (for a pattern
anchored at both ends). They are derived from the parse tree of Python's own regex parser (the `regex`
module's syntax is close to a superset; `\\p{…}` classes are read as "some character", named groups
and backreferences as "something"). Only literal characters ever become required text, so anything
the analysis does not understand makes it require less, never more. A pattern it cannot parse gets
no shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .matcher import _CASE_PAIRS, _lower_same_length, fold_literal

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
    from .backtrack import _parser

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
