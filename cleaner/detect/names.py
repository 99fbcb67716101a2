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

`names/spelling-variant` (see `variant_key`): one capitalised name written two ways that a translation
or its sources produce:

- diacritics dropped ("Erdoğan" / "Erdogan", "Zürich" / "Zurich");
- another language's transliteration of the same Cyrillic name ("Zelensky" / "Zelenskyy" /
  "Selenskyj", "Gorbachev" / "Gorbatchev", "Khodorkovsky" / "Chodorkowski", "Navalny" / "Nawalny");
- for a name used twice or more and a spelling of it used once: one inner vowel or one doubled letter
  apart ("Hassan" / "Hasan", "Mohammed" / "Muhammed"), how Arabic and Persian names drift.

Only in blocks that read as English, only names of 5+ letters (6+ for transliterations: "Lewis" /
"Levis" are two names), never when a spelling is a dictionary word ("Cafe" / "Café", "Rose" / "Rosé",
"Materialise" / "Materialize" are words spelled by house style). Each other spelling is reported once,
at its first use, naming both spellings and a canonical one: the most frequent, then the one with
diacritics (the name's own spelling), then the first used.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache

from ..config import Config
from ..document import Block, Document
from ..model import Applicability, Finding, Severity
from ..patterns import lazy, lazy_re
from ..registry import names as rules

RULE = rules.INCONSISTENT_SPELLING
VARIANT = rules.SPELLING_VARIANT
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
    if config.is_enabled(VARIANT, CATEGORY):
        yield from _variants(doc, config)


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


#: a capitalised word (not after "-": particle names are the first rule's), possessive "'s" left out
_CAPITALISED = lazy(r"(?<![\p{L}\p{M}\-'’])\p{Lu}[\p{Ll}\p{M}]{3,}(?![\p{L}\p{M}])")
#: transliteration habits of English, French, German, Polish and Spanish for the same sounds, folded
#: to one form: "tsch"/"tch"/"ch" (ч, and German/Polish "ch" for х) and "kh"/"h"; "sch"/"sh" (ш);
#: "w"/"v" (в); "j"/"y" (й); "ou"/"u" (French у); "z"/"s" (з, German "s"); final "-yy"/"-iy"/"-ij"/"-yj"/
#: "-ii"/"-y" → "i"
_TRANSLIT = (
    ("tsch", "c"), ("tch", "c"), ("sch", "s"), ("sh", "s"), ("kh", "h"), ("ch", "h"),
    ("w", "v"), ("j", "y"), ("ou", "u"), ("z", "s"), ("ks", "x"),
)  # fmt: skip
_ENDINGS = ("yy", "iy", "iy", "yi", "ii", "ij", "yj", "y")


class _First(dict[str, int]):
    """Where a spelling is first used (offset in the document), found only for the spellings asked for:
    the few in a reported group, not the hundreds of capitalised words of an article."""

    def __init__(self, blocks: list[tuple[Block, str]]) -> None:
        super().__init__()
        self.blocks = blocks

    def __missing__(self, word: str) -> int:
        for b, prose in self.blocks:
            for m in _CAPITALISED.finditer(prose):
                if m.group() == word:
                    self[word] = b.start + m.start()
                    return self[word]
        raise KeyError(word)


@lru_cache(maxsize=16384)
def _is_word(word: str) -> bool:
    from . import lexicon

    return lexicon.known((word if word.isascii() else _fold_diacritics(word)).lower())


@lru_cache(maxsize=16384)
def _fold_diacritics(word: str) -> str:
    import unicodedata

    special = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "ı": "i"}
    word = "".join(special.get(ch, ch) for ch in word)
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


@lru_cache(maxsize=16384)
def variant_key(word: str) -> str:
    """The spelling a name's transliterations and diacritic-less forms share ("Zelenskyy" → "selenski")."""
    k = _fold_diacritics(word).lower()
    for a, b in _TRANSLIT:
        k = k.replace(a, b)
    for end in _ENDINGS:
        if k.endswith(end) and len(k) > len(end) + 3:
            k = k[: -len(end)] + "i"
            break
    return k


def _variants(doc: Document, config: Config) -> Iterator[Finding]:
    from . import english

    text = doc.mask
    counts: Counter[str] = Counter()
    blocks = english.blocks(doc)
    counts.update(_CAPITALISED.findall("\n".join(prose for _, prose in blocks)))  # one call, not one a block
    # dictionary words ("The", "However", "Cafe", "Wines") are no names: dropped before any key is built
    for w in [w for w in counts if _is_word(w)]:
        del counts[w]
    first = _First(blocks)
    groups: dict[str, list[str]] = defaultdict(list)
    for w in counts:
        groups[variant_key(w)].append(w)
    groups.update(_near_misses(counts, {w for g in groups.values() if len(g) > 1 for w in g}))
    for key, spellings in groups.items():
        if len(spellings) < 2:
            continue
        diacritic = len({_fold_diacritics(w) for w in spellings}) == 1
        if min(len(w) for w in spellings) < (5 if diacritic or key.startswith("~") else 6):
            continue
        if any(_plain_word(w, text) for w in spellings):
            continue  # also written in lower case: a word, not a name
        canon = max(spellings, key=lambda w: (counts[w], _fold_diacritics(w) != w, -first[w]))
        for w in spellings:
            if w == canon:
                continue
            s = first[w]
            e = s + len(w)
            if not doc.is_prose(s, e):
                continue
            if _fold_diacritics(w) == _fold_diacritics(canon):
                how = "without its diacritics"
            elif variant_key(w) == variant_key(canon):
                how = "transliterated differently"
            else:
                how = "with one vowel or doubled letter changed"
            yield Finding(
                rule=VARIANT,
                category=CATEGORY,
                severity=config.severity_for(VARIANT, CATEGORY, Severity.WARNING),
                message=(
                    f"“{w}” ({counts[w]}×) and “{canon}” ({counts[canon]}×) look like one name, {how}; "
                    f"use one spelling: “{canon}”"
                ),
                start=s,
                end=e,
                text=doc.text[s:e],
                suggestion=canon,
                applicability=Applicability.SUGGESTED,
                confidence=0.7 if how.startswith("trans") else 0.8,
            )


def _vowel_or_double(a: str, b: str) -> bool:
    """`a` and `b` differ by one inner vowel ("Rubkan" / "Rubken", "Mohammed" / "Muhammed") or one
    doubled letter ("Hassan" / "Hasan"): how Arabic, Persian and Turkic names vary between transliterations.
    Other one-letter differences are more often two names ("Reinhard" / "Reinhart", "Filmore" /
    "Filmora", "Flatline" / "Flatliner") or a typo, which is not this rule's business."""
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 and 0 < diff[0] < len(a) - 1 and a[diff[0]] in "aeiouy" and b[diff[0]] in "aeiouy"
    long, short = (a, b) if len(a) > len(b) else (b, a)
    if len(long) - len(short) != 1:
        return False
    return any(long[i] == long[i + 1] and long[:i] + long[i + 1 :] == short for i in range(1, len(long) - 2))


def _near_misses(counts: Counter[str], grouped: set[str]) -> dict[str, list[str]]:
    """Groups of a name used twice or more and a spelling used once that differs by one inner vowel or
    one doubled letter (`_vowel_or_double`): "Hassan" ×3 / "Hasan" ×1, "Mohammed" / "Mohamed". Such
    spellings share a key (vowels masked, then doubled letters collapsed: "h*s*n"), then are checked."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for w in counts:
        if len(w) >= 5 and w not in grouped:
            by_key[_DOUBLED.sub(r"\1", w.lower().translate(_VOWEL_MASK))].append(w)
    out: dict[str, list[str]] = {}
    for ws in by_key.values():
        if len(ws) < 2:
            continue
        for major in ws:
            if counts[major] < 2:
                continue
            for minor in ws:
                if counts[minor] != 1 or minor == major:
                    continue
                if _vowel_or_double(major.lower(), minor.lower()) and minor not in out.get(f"~{major}", []):
                    out.setdefault(f"~{major}", [major]).append(minor)
    return out


_DOUBLED = lazy_re(r"(.)\1")
_VOWEL_MASK = str.maketrans("aeiouy", "******")


def _plain_word(word: str, text: str) -> bool:
    """Whether `word` is also written in lower case in the text: then it is a word, not a name."""
    return f" {word.lower()} " in text
