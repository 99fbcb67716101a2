"""Reader for MyThes thesaurus files (LibreOffice's th_en_US_v2.dat), shared by the spin simulator
and the tools that build the spin pack and the part-of-speech lexicon.

Format: a first line naming the encoding, then for each word `word|N` followed by N sense lines
`(pos)|synonym|synonym…`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def entries(path: str | Path) -> Iterator[tuple[str, list[list[str]]]]:
    """(head word, senses): each sense is its line split on `|`, the part of speech first."""
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    i = 1
    while i < len(lines):
        if not lines[i]:
            i += 1
            continue
        head, n = lines[i].rsplit("|", 1)
        yield head, [line.split("|") for line in lines[i + 1 : i + 1 + int(n)]]
        i += int(n) + 1


_VOWELS = frozenset("aeiou")


def plural(n: str) -> str:
    """A noun's regular plural (or a verb's 3rd person singular): the thesaurus lists base forms only."""
    if n.endswith(("s", "sh", "ch", "x", "z")):
        return n + "es"
    if n.endswith("y") and len(n) > 2 and n[-2] not in _VOWELS:
        return n[:-1] + "ies"
    return n + "s"


def verb_forms(v: str) -> tuple[str, str, str]:
    """(3rd person singular, past, -ing), regular spelling rules."""
    third = plural(v)
    if v.endswith("e"):
        return third, v + "d", v[:-1] + "ing"
    if v.endswith("y") and len(v) > 2 and v[-2] not in _VOWELS:
        return third, v[:-1] + "ied", v + "ing"
    return third, v + "ed", v + "ing"
