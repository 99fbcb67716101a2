"""Refusing regex entries that can backtrack catastrophically, at load time (`backtracking_risk`).

Also the one place that reaches Python's regex parser (`_parser`), whose parse trees this check and
the prefilter's shape analysis (`shape.py`) walk.
"""

from __future__ import annotations

import re
from typing import Any

_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)[+*{]")


# -- catastrophic-backtracking check ----------------------------------------------------------------
# A user pack must not be able to hang the tool. Matching runs with a timeout (packs/__init__.py), but a
# pattern that is known to blow up is better refused at load time with a message naming the entry. The
# check walks the parse tree of Python's own regex parser (the `regex` module's syntax is a superset;
# patterns it cannot parse fall back to a textual test) and refuses, inside a repeat that can run more
# than _BIG times, (1) another such repeat — `(a+)+`, `(\w+\s?)*` — and (2) alternatives that can start
# with the same character — `(a|a)*`, `(?:\w|\d)+`, `(?:a|aa)+`. Both make the number of ways to match
# a string grow exponentially with its length. Bounded repeats such as `(?:…){1,12}` stay allowed.
_BIG = 16
_SAMPLE = [chr(c) for c in range(9, 127)] + list("\u00a0éÉß中’“")


def _parser() -> Any:
    try:
        import re._constants as constants
        import re._parser as parser
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_constants as constants  # type: ignore[no-redef]
        import sre_parse as parser  # type: ignore[no-redef]
    return parser, constants


def backtracking_risk(pattern: str, case_sensitive: bool = False) -> str | None:
    """Why `pattern` risks catastrophic backtracking ('nested quantifier', …), or None."""
    parser, c = _parser()
    try:
        tree = parser.parse(pattern, 0 if case_sensitive else re.IGNORECASE)
    except Exception:  # regex-module-only syntax: fall back to the textual shape test
        return "nested quantifier (like '(a+)+')" if _NESTED_QUANTIFIER.search(pattern) else None
    fold = (lambda ch: ch) if case_sensitive else str.casefold
    repeats = (c.MAX_REPEAT, c.MIN_REPEAT)

    def big(hi: int) -> bool:
        return hi is c.MAXREPEAT or hi > _BIG

    def first(items: list[Any]) -> set[str] | None:
        """Sample characters the sequence can start with; None = anything (or nothing: nullable)."""
        for op, av in items:
            if op is c.LITERAL:
                return {fold(chr(av))}
            if op is c.NOT_LITERAL:
                return {fold(ch) for ch in _SAMPLE if fold(ch) != fold(chr(av))}
            if op is c.IN:
                return {fold(ch) for ch in _SAMPLE if _in_set(ch, av, c, fold)}
            if op is c.SUBPATTERN:
                return first(av[-1])
            if op in repeats or op is c.POSSESSIVE_REPEAT:
                return first(av[2]) if av[0] > 0 else None
            if op is c.AT:
                continue
            return None
        return None

    def big_repeats(items: list[Any]) -> list[list[Any]]:
        """Bodies of the repeats in `items` that can run more than _BIG times (backtracking ones)."""
        out: list[list[Any]] = []
        for op, av in items:
            if op is c.ATOMIC_GROUP or op is c.POSSESSIVE_REPEAT:
                continue
            if op in repeats and big(av[1]):
                out.append(list(av[2]))
            for sub in _children(op, av, c):
                out += big_repeats(sub)
        return out

    def chars(items: list[Any]) -> set[str] | None:
        """Sample characters a sequence can consume; None when unknown."""
        found: set[str] = set()
        for op, av in items:
            if op is c.LITERAL:
                found.add(fold(chr(av)))
            elif op is c.NOT_LITERAL:
                found |= {fold(ch) for ch in _SAMPLE if fold(ch) != fold(chr(av))}
            elif op is c.IN:
                found |= {fold(ch) for ch in _SAMPLE if _in_set(ch, av, c, fold)}
            elif op is c.ANY:
                found |= {fold(ch) for ch in _SAMPLE}
            elif op is c.AT:
                continue
            elif op in (*repeats, c.POSSESSIVE_REPEAT, c.SUBPATTERN, c.BRANCH, c.ATOMIC_GROUP):
                for sub in _children(op, av, c):
                    more = chars(sub)
                    if more is None:
                        return None
                    found |= more
            else:
                return None
        return found

    def nested(body: list[Any]) -> bool:
        """A repeat inside the body, unless every pass of the body must consume a delimiter that the
        inner repeats cannot (`(?:\\d+,)*`, `(?:-\\w+)*` are fine: each pass ends at one place)."""
        inner = big_repeats(body)
        if not inner:
            return False
        consumed: set[str] = set()
        for sub in inner:
            more = chars(sub)
            if more is None:
                return True
            consumed |= more
        for op, av in body:
            if op in (c.LITERAL, c.NOT_LITERAL, c.IN):
                delim = chars([(op, av)])
                if delim and not delim & consumed:
                    return False
        return True

    def overlapping_branch(items: list[Any]) -> bool:
        for op, av in items:
            if op is c.BRANCH:
                starts = [first(alt) for alt in av[1]]
                for i, a in enumerate(starts):
                    for b in starts[i + 1 :]:
                        if a is None or b is None or a & b:
                            return True
            if op is c.ATOMIC_GROUP or op is c.POSSESSIVE_REPEAT:
                continue
            for sub in _children(op, av, c):
                if overlapping_branch(sub):
                    return True
        return False

    def walk(items: list[Any]) -> str | None:
        for op, av in items:
            if op is c.ATOMIC_GROUP or op is c.POSSESSIVE_REPEAT:
                continue  # no backtracking into these
            if op in repeats and big(av[1]):
                if nested(list(av[2])):
                    return "nested quantifier (like '(a+)+' or '(\\w+\\s?)*')"
                if overlapping_branch(av[2]):
                    return "repeated alternatives that can match the same text (like '(a|a)*' or '(a|aa)+')"
            for sub in _children(op, av, c):
                found = walk(sub)
                if found:
                    return found
        return None

    try:
        return walk(list(tree))
    except Exception:  # the analysis must never be what breaks a pack: fall back to the shape test
        return "nested quantifier (like '(a+)+')" if _NESTED_QUANTIFIER.search(pattern) else None


def _children(op: Any, av: Any, c: Any) -> list[list[Any]]:
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        return [list(av[2])]
    if op is c.SUBPATTERN:
        return [list(av[-1])]
    if op is c.BRANCH:
        return [list(alt) for alt in av[1]]
    if op in (c.ASSERT, c.ASSERT_NOT):
        return [list(av[1])]
    if op is c.ATOMIC_GROUP:
        return [list(av)]
    if op is c.GROUPREF_EXISTS:
        return [list(x) for x in av[1:] if x is not None]
    return []


def _in_set(ch: str, items: list[Any], c: Any, fold: Any) -> bool:
    negate = False
    hit = False
    cats = {
        c.CATEGORY_DIGIT: str.isdigit,
        c.CATEGORY_NOT_DIGIT: lambda x: not x.isdigit(),
        c.CATEGORY_SPACE: str.isspace,
        c.CATEGORY_NOT_SPACE: lambda x: not x.isspace(),
        c.CATEGORY_WORD: lambda x: x.isalnum() or x == "_",
        c.CATEGORY_NOT_WORD: lambda x: not (x.isalnum() or x == "_"),
    }
    for op, av in items:
        if op is c.NEGATE:
            negate = True
        elif op is c.LITERAL:
            hit = hit or fold(chr(av)) == fold(ch)
        elif op is c.RANGE:
            lo, hi = av
            hit = hit or any(lo <= ord(x) <= hi for x in {ch, ch.lower(), ch.upper()} if len(x) == 1)
        elif op is c.CATEGORY:
            hit = hit or cats.get(av, lambda _x: True)(ch)
        else:  # unknown set item: assume it may contain the character
            hit = True
    return hit != negate
