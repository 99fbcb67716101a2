"""One name, several spellings in one article ("al-Kadhimi" / "Al-Khadimi"; "Hashd" / "Hashed al-Shaabi").

Transliterated names drift when an article is machine-translated or stitched from several sources.
Precision matters more than recall here — two different people with similar names must never be
merged — so only names with a shared structure are compared:

- particle names (`al-`, `el-`, `bin`, `abu`…): "al-Kadhimi" and "Al-Khadimi" share the particle and
  differ by a small edit relative to their length;
- two-part names sharing an exact particle part: "Hashd al-Shaabi" / "Hash al-Shaabi" share
  "al-Shaabi", so their first parts are compared.

A group is reported only when one spelling is a clear majority (used at least twice and more often than
any other spelling); every other spelling is flagged with the majority spelling as suggestion
(`suggested`: a human decides).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from ..config import Config
from ..document import Document
from ..model import Applicability, Finding, Severity
from ..patterns import lazy

RULE = "names/inconsistent-spelling"
CATEGORY = "names"

_PARTICLE = lazy(r"(?<![\p{L}-])(?P<p>[Aa]l|[Ee]l|[Aa]d|[Aa]r|[Aa]s|[Aa]sh|[Aa]z)-(?P<n>\p{Lu}\p{Ll}{2,})(?!\p{L})")
_PAIR = lazy(r"(?<![\p{L}-])(?P<first>\p{Lu}\p{Ll}{2,})\s+(?P<second>(?:[Aa]l|[Ee]l)-\p{Lu}\p{Ll}{2,})(?!\p{L})")


def _similar(a: str, b: str) -> bool:
    """Same first letter; one edit (a transposition counts once), or two for names of 6+ letters."""
    a, b = a.lower(), b.lower()
    if a == b or a[0] != b[0]:
        return False
    from rapidfuzz.distance import OSA  # only when two spellings are compared (~20 ms to import)

    d = OSA.distance(a, b)  # a transposition ("dh"/"hd") is one edit
    return (d == 1 and min(len(a), len(b)) >= 4) or (d == 2 and min(len(a), len(b)) >= 6)


def _groups(counts: Counter[str]) -> list[tuple[str, list[str]]]:
    """(majority spelling, other spellings) for clusters of similar spellings with a clear majority."""
    out: list[tuple[str, list[str]]] = []
    seen: set[str] = set()
    for major, n in counts.most_common():
        if major in seen or n < 2:
            continue
        others = [w for w in counts if w not in seen and w != major and _similar(major, w)]
        if not others:
            continue
        if any(counts[w] >= n for w in others):
            continue
        seen.add(major)
        seen.update(others)
        out.append((major, others))
    return out


def _match_case(template: str, word: str) -> str:
    return word[:1].upper() + word[1:] if template[:1].isupper() else word[:1].lower() + word[1:]


def detect(doc: Document, config: Config) -> Iterator[Finding]:
    """Flag minority spellings of names that have a clear majority spelling in the document."""
    if not config.is_enabled(RULE, CATEGORY):
        return
    text = doc.mask
    # 1. particle names: compare the part after the particle, per particle (lower-cased)
    by_particle: dict[str, Counter[str]] = defaultdict(Counter)
    spots: list[tuple[str, str, int, int]] = []
    for m in _PARTICLE.finditer(text):
        p, n = m.group("p").lower(), m.group("n")
        by_particle[p][n] += 1
        spots.append((p, n, m.start("n"), m.end("n")))
    fixes: dict[tuple[str, str], str] = {}
    for p, counts in by_particle.items():
        for major, others in _groups(counts):
            for w in others:
                fixes[(p, w)] = major
    for p, n, s, e in spots:
        if (p, n) in fixes and doc.is_prose(s, e):
            yield _finding(doc, config, s, e, fixes[(p, n)])
    # 2. "X al-Y": compare X among names sharing the same second part
    by_second: dict[str, Counter[str]] = defaultdict(Counter)
    pairs: list[tuple[str, str, int, int]] = []
    for m in _PAIR.finditer(text):
        second = m.group("second").lower()
        by_second[second][m.group("first")] += 1
        pairs.append((second, m.group("first"), m.start("first"), m.end("first")))
    pair_fix: dict[tuple[str, str], str] = {}
    for second, counts in by_second.items():
        for major, others in _groups(counts):
            for w in others:
                pair_fix[(second, w)] = major
    for second, first, s, e in pairs:
        if (second, first) in pair_fix and doc.is_prose(s, e):
            yield _finding(doc, config, s, e, pair_fix[(second, first)])


def _finding(doc: Document, config: Config, start: int, end: int, major: str) -> Finding:
    text = doc.text[start:end]
    suggestion = _match_case(text, major)
    return Finding(
        rule=RULE,
        category=CATEGORY,
        severity=config.severity_for(RULE, CATEGORY, Severity.WARNING),
        message=f"“{text}” is spelled “{suggestion}” elsewhere in this article",
        start=start,
        end=end,
        text=text,
        suggestion=suggestion,
        applicability=Applicability.SUGGESTED,
        confidence=0.75,
    )
