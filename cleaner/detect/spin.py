"""Structural spin detectors: what a phrase list cannot express.

An article spinner replaces words with thesaurus synonyms blind to part of speech and collocation.
Phrase packs (rules/spin-news.yaml, rules/tortured-phrases.yaml) catch the spun forms someone has
seen; the detectors here catch the *shapes* spinning leaves behind, so they also fire on swaps nobody
listed:

- `detect_verb_slot`: a slot only a verb (or adverb) can fill holds a word that the part-of-speech
  lexicon knows only as a noun or adjective: `he additional.`, `who argument the results`,
  `stand to assistance most`, `No group closest claimed`.
- `detect_broken_title`: a lowercase spun modifier inside a capitalised title before a name
  (`chief Minister Mustafa al-Kadhimi`, `international Minister Sergei Lavrov`).
- `detect_chief_minister`: "chief minister" for a national head of government. It is right in Indian,
  Pakistani, Malaysian, Australian-territory… politics (guards), and wrong when the same article also
  calls the person "Prime Minister"/"PM"/"premier" (document-level evidence → safe fix).
- `adjust`: runs after all detection; drops a structural finding that duplicates a pack finding on
  the same words, and raises confidence of spin findings in articles with dense spin evidence.
- `spin_score`: the article's `scores.spin` in [0, 1] from confidence-weighted spin density.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import lru_cache

import regex

from ..config import Config
from ..document import MASK, Document
from ..model import Applicability, Finding, Severity
from ..patterns import lazy, lazy_re
from ..registry import spin as rules
from . import lexicon

_WORD = r"[A-Za-z][A-Za-z-]*"


def _finding(
    doc: Document,
    rule: str,
    start: int,
    end: int,
    message: str,
    suggestion: str | None,
    applicability: Applicability,
    confidence: float,
    severity: Severity = Severity.WARNING,
) -> Finding | None:
    if not doc.is_prose(start, end):
        return None
    if suggestion is None:
        applicability = Applicability.NONE
    return Finding(
        rule=rule,
        category="spin",
        severity=severity,
        message=message,
        start=start,
        end=end,
        text=doc.text[start:end],
        suggestion=suggestion,
        applicability=applicability,
        confidence=confidence,
    )


def _blocks(doc: Document) -> Iterator[tuple[int, str]]:
    for block in doc.blocks:
        yield block.start, doc.prose(block)


# --- verb slot -------------------------------------------------------------------------------------

#: reporting clause after a quotation: `,” he additional.`
_REPORTING = lazy(
    r"(?:[,.!?][\"”’']|[\"”’'],)\s+(?:he|she|they|we)\s+(?P<w>" + _WORD + r")(?=\s*(?:[.,;:!?]|$))",
    regex.IGNORECASE,
)
#: relative clause: `who argument the results`
_WHO = lazy(
    r"\bwho\s+(?P<w>" + _WORD + r")\s+(?=(?:the|a|an|his|her|their|its|this|that|these|those|our)\b)",
    regex.IGNORECASE,
)
#: infinitive after verbs that take one: `stand to assistance most`
#: (The verb list is a lookbehind so that the engine scans for the literal "to", not for 60 alternatives
#: at every position: 16 times faster, same matches.)
_INFINITIVE = lazy(
    r"(?<=\b(?:stand|stands|stood|want|wants|wanted|likely|unlikely|able|unable|plan|plans|planned|hope|"
    r"hopes|hoped|tried|try|tries|seek|seeks|sought|vowed|vow|vows|threatened|threaten|threatens|decided|"
    r"decide|decides|expected|expects|intend|intends|intended|aim|aims|aimed|pledged|pledge|pledges|"
    r"refused|refuse|refuses|failed|fail|fails|managed|manage|continue|continues|continued)\s+)to\s+"
    r"(?P<w>" + _WORD + r")(?=\s+(?:most|more|the|a|an|his|her|their|its|them|him|it|from|with|that|"
    r"this|these|those|us|our|[.,;]))",
    regex.IGNORECASE,
)
#: after a modal: `will additional`, `could argument`
_MODALS = (
    r"(?:will|would|could|should|must|might|shall|cannot|can't|won't|wouldn't|couldn't|shouldn't|"
    r"did\s+not|didn't|does\s+not|doesn't|do\s+not|don't)"
)
#: (The "not after a determiner" test — "the will", "free will" are nouns — looks back from the end of
#: the modal rather than ahead of every position: half the time, same matches.)
_MODAL = lazy(
    r"\b" + _MODALS + r"(?<!\b(?:the|a|his|her|their|its|free|own|good|ill|political|last)\s" + _MODALS + r")"
    r"\s+(?P<w>" + _WORD + r")"
    r"(?=\s+(?:the|a|an|his|her|their|its|them|him|it|that|this|us|our|to|with|for|on)\b)",
    regex.IGNORECASE,
)
#: adverb slot before a past-tense verb: `No group closest claimed`
_PREVERBAL = lazy(
    r"\b(?:no|any|the|a)\s+(?:group|one|organisation|organization|faction|militant|party|official|"
    r"side|government|ministry|spokesman|spokeswoman|spokesperson|country|person|police|army|company)\s+"
    r"(?P<w>" + _WORD + r")\s+(?P<v>[a-z]+ed|said|told|took|made|gave|sent|won|lost|left|did)\b",
    regex.IGNORECASE,
)


#: (pattern, slot, test, cue words): a block whose lower-cased prose contains none of the cues cannot
#: match the pattern, and a substring test is far cheaper than running the regex.
_SLOTS: tuple[tuple[regex.Pattern[str], str, str, tuple[str, ...]], ...] = (
    (_REPORTING, "past", "verb", ('"', "”", "’", "'")),
    (_WHO, "base", "verb", ("who",)),
    (_INFINITIVE, "base", "verb", ("to",)),
    (
        _MODAL,
        "base",
        "verb",
        ("will", "would", "could", "should", "must", "might", "shall", "can", "won", "not", "n't"),
    ),
    (
        _PREVERBAL,
        "adverb",
        "adverb",
        (
            "group",
            "one",
            "organi",
            "faction",
            "militant",
            "party",
            "official",
            "side",
            "government",
            "ministry",
            "spokes",
            "country",
            "person",
            "police",
            "army",
            "company",
        ),
    ),
)

#: the rule of each slot
_SLOT_RULES = {"past": rules.VERB_SLOT_PAST, "base": rules.VERB_SLOT_BASE, "adverb": rules.ADVERB_SLOT}

#: Each slot's cue words as one alternation: one C-level search per slot instead of a Python loop
#: over its cues (that loop was a third of the verb-slot detector's time).
_CUES = tuple(lazy_re("|".join(re.escape(c) for c in cues)) for _p, _s, _t, cues in _SLOTS)

#: A verb-slot hit inside one block: pattern index, (start, end) relative to the block, word, slot.
_SlotHit = tuple[int, int, int, str, str]


@lru_cache(maxsize=8192)
def _slot_hits(prose: str) -> tuple[_SlotHit, ...]:
    """Every verb-slot hit in one block's prose, memoised on the prose: the fix loop's next pass sees
    mostly unchanged blocks, and those cost a dictionary lookup."""
    low = prose.lower()
    hits: list[_SlotHit] = []
    for i, (pattern, slot, test, _cues) in enumerate(_SLOTS):
        if not _CUES[i].search(low):
            continue
        for m in pattern.finditer(prose):
            word = m.group("w")
            ok = lexicon.is_non_verb(word) if test == "verb" else lexicon.is_adjectival(word)
            if not ok or MASK in m.group(0):
                continue
            if test == "adverb" and not lexicon.can_be_verb(m.group("v")):
                continue
            hits.append((i, m.start("w"), m.end("w"), word, slot))
    return tuple(hits)


def detect_verb_slot(doc: Document, config: Config) -> Iterable[Finding]:
    """A verb (or preverbal adverb) slot filled by a word that is only a noun or adjective."""
    found: list[tuple[int, Finding]] = []
    for base, prose in _blocks(doc):
        for i, rel_start, rel_end, word, slot in _slot_hits(prose):
            start, end = base + rel_start, base + rel_end
            original = lexicon.original_for(word, slot)
            if original:
                original = original if word[0].islower() else original.capitalize()
            where = "an adverb" if slot == "adverb" else "a verb"
            f = _finding(
                doc,
                _SLOT_RULES[slot],
                start,
                end,
                f"“{word}” stands where {where} belongs: likely a synonym-spun word"
                + (f" (“{original}”)." if original else "."),
                original,
                Applicability.SAFE if original else Applicability.NONE,
                0.85 if original else 0.6,
            )
            if f:
                found.append((i, f))
    # the order the findings had when each pattern scanned the whole document in turn
    found.sort(key=lambda x: x[0])
    return [f for _, f in found]


# --- titles ------------------------------------------------------------------------------------------

#: Title modifiers and the spun lowercase forms a thesaurus gives them (mythes-en-us synonyms, reviewed).
TITLE_SPINS: dict[tuple[str, str], tuple[str, ...]] = {
    ("Prime", "Minister"): (
        "chief",
        "premier",
        "primary",
        "key",
        "major",
        "leading",
        "foremost",
        "top",
        "main",
        "principal",
        "best",
        "choice",
        "prize",
        "select",
        "quality",
        "prime",
    ),
    ("Foreign", "Minister"): (
        "international",
        "overseas",
        "alien",
        "strange",
        "unfamiliar",
        "exotic",
        "external",
        "outside",
        "foreign",
    ),
    ("Foreign", "Secretary"): ("international", "overseas", "alien", "strange", "unfamiliar", "exotic"),
    ("Defence", "Minister"): ("protection", "safety", "security", "shield", "defensive", "defence", "defense"),
    ("Defense", "Secretary"): ("protection", "safety", "shield", "defensive", "defense"),
    ("Interior", "Minister"): ("inside", "internal", "inner", "interior"),
    ("Finance", "Minister"): ("money", "funding", "financing", "finance"),
    ("Health", "Minister"): ("wellness", "fitness", "wellbeing", "health"),
    ("Vice", "President"): ("corruption", "depravity", "immorality", "sin", "wickedness", "vice"),
    ("Supreme", "Leader"): ("ultimate", "superior", "preeminent", "supreme", "sovereign"),
    ("Chief", "Justice"): ("main", "head", "principal", "primary", "key", "leading", "boss"),
    ("Chief", "Executive"): ("main", "head", "principal", "primary", "key", "leading", "boss"),
    ("Secretary", "General"): (),
}
_TITLE_INDEX: dict[tuple[str, str], str] = {
    (spun, title): orig for (orig, title), spins in TITLE_SPINS.items() for spun in spins
}
_TITLE = lazy(
    r"\b(?P<mod>[a-z]+)\s+(?P<title>Minister|Secretary|President|Leader|Justice|Executive)"
    r"(?=\s+(?:\p{Lu}[\p{L}’'-]+|al-\p{Lu}))"
)
_TITLE_WORDS = ("Minister", "Secretary", "President", "Leader", "Justice", "Executive")
_NATIONAL_CUES = lazy(r"\b(?:Prime\s+Minister|PM|premier|prime\s+minister)\b")


def detect_broken_title(doc: Document, config: Config) -> Iterable[Finding]:
    """A capitalised title before a name whose modifier was swapped for a lowercase synonym.

    `chief Minister Mustafa al-Kadhimi`: in an edited article a title before a name is capitalised
    whole; a lowercase first word that a thesaurus lists for the real modifier is the spinner's swap.
    (Lowercase `chief` + `Minister` is handled with document evidence by `detect_chief_minister`.)
    """
    for base, prose in _blocks(doc):
        if not any(t in prose for t in _TITLE_WORDS):
            continue
        for m in _TITLE.finditer(prose):
            mod, title = m.group("mod"), m.group("title")
            if mod == "chief" and title == "Minister":
                continue
            orig = _TITLE_INDEX.get((mod, title))
            if not orig or orig.lower() == mod:
                continue  # a plain casing slip, not spin
            f = _finding(
                doc,
                rules.BROKEN_TITLE,
                base + m.start("mod"),
                base + m.end("mod"),
                f"“{mod} {title}” before a name: a spun form of the title “{orig} {title}”.",
                orig,
                Applicability.SUGGESTED,
                0.75,
            )
            if f:
                yield f


# --- chief minister ----------------------------------------------------------------------------------

#: Where "chief minister" is a real office: Indian/Pakistani states and provinces, Malaysian states,
#: Australian territories, Sri Lankan and Nepali provinces, Gibraltar, small territories.
_CHIEF_MINISTER_PLACES = lazy(
    r"\b(?:India|Indian|Pakistan|Pakistani|Punjab|Sindh|Balochistan|Khyber|Pakhtunkhwa|Gilgit|Bengal|Kerala|"
    r"Tamil\s+Nadu|Karnataka|Maharashtra|Gujarat|Rajasthan|Bihar|Uttar\s+Pradesh|Madhya\s+Pradesh|Andhra|"
    r"Telangana|Odisha|Orissa|Assam|Manipur|Meghalaya|Mizoram|Nagaland|Tripura|Sikkim|Goa|Haryana|"
    r"Himachal|Uttarakhand|Jharkhand|Chhattisgarh|Delhi|Kashmir|Puducherry|Arunachal|BJP|Lok\s+Sabha|"
    r"Rajya\s+Sabha|lakh|crore|Sabah|Sarawak|Penang|Malacca|Melaka|Johor|Kedah|Kelantan|Terengganu|Pahang|"
    r"Perak|Selangor|Negeri\s+Sembilan|Perlis|Malaysia|Northern\s+Territory|Australian\s+Capital\s+Territory|"
    r"Canberra|Darwin|Gibraltar|Sri\s+Lanka|Nepal|Montserrat|Isle\s+of\s+Man|Jersey|Guernsey|Anguilla|"
    r"Turks\s+and\s+Caicos|Virgin\s+Islands|Cayman|Bermuda|Nevis)\b"
)
_CHIEF_MINISTER = lazy(r"\b(?P<chief>chief)\s+(?P<min>minister)\b", regex.IGNORECASE)


def _pm_evidence(doc: Document) -> bool:
    """The article also calls someone Prime Minister / PM / premier (e.g. in its headline)."""
    return bool(_NATIONAL_CUES.search(doc.mask))


def detect_chief_minister(doc: Document, config: Config) -> Iterable[Finding]:
    """ "chief minister" where the article is about a national head of government."""
    hits = list(_CHIEF_MINISTER.finditer(doc.mask))
    if not hits or _CHIEF_MINISTER_PLACES.search(doc.mask):  # the cheap test first
        return
    evidence = _pm_evidence(doc)
    for m in hits:
        chief, minister = m.group("chief"), m.group("min")
        if chief[0].isupper() and minister[0].isupper() and not evidence:
            continue  # "Chief Minister" as a title with no sign of spin: leave it
        suggestion = ("Prime" if chief[0].isupper() or minister[0].isupper() else "prime") + " " + minister
        if chief.isupper():
            suggestion = suggestion.upper()
        if evidence:
            applicability, confidence = Applicability.SAFE, 0.9
            why = "the article also calls the head of government Prime Minister/PM"
        else:
            applicability, confidence = Applicability.SUGGESTED, 0.5
            why = "outside Indian/Pakistani/Malaysian state politics it is usually a spun “prime minister”"
        f = _finding(
            doc,
            rules.CHIEF_MINISTER,
            m.start(),
            m.end(),
            f"“{m.group(0)}”: {why}.",
            suggestion,
            applicability,
            confidence,
        )
        if f:
            yield f


# --- document level ----------------------------------------------------------------------------------

_STRUCTURAL = "spin/"


def adjust(doc: Document, findings: list[Finding], config: Config) -> list[Finding]:
    """Document-level evidence for spin findings.

    - A structural finding (`spin/...`) that overlaps a rule-pack spin finding is dropped: the pack's
      entry is the more specific statement about the same words.
    - In an article with dense, confident spin evidence (≥ 3 distinct findings at ≥ 0.8 and ≥ 2 per
      1,000 words), the remaining spin findings gain confidence (never applicability): a spun article
      is spun throughout.
    """
    pack_spans = sorted(
        (f.start, f.end) for f in findings if f.category == "spin" and not f.rule.startswith(_STRUCTURAL)
    )
    starts = [s for s, _ in pack_spans]
    # the longest pack span ending at or before each position bounds the backwards search
    longest = max((e - s for s, e in pack_spans), default=0)
    out: list[Finding] = []
    for f in findings:
        if f.rule.startswith(_STRUCTURAL) and f.category == "spin" and _overlaps(pack_spans, starts, longest, f):
            continue
        out.append(f)
    strong = {(f.start, f.end) for f in out if f.category == "spin" and f.confidence >= 0.8}
    if len(strong) >= 3 and len(strong) * 1000 / max(1, _words(doc)) >= 2:
        for f in out:
            if f.category == "spin":
                f.confidence = min(0.99, f.confidence + (1 - f.confidence) * 0.3)
    return out


def _overlaps(spans: list[tuple[int, int]], starts: list[int], longest: int, f: Finding) -> bool:
    """Whether `f` overlaps one of `spans` (sorted by start): a bisect, not a scan of every span."""
    i = bisect_left(starts, f.end)  # spans starting before f ends
    j = bisect_left(starts, f.start - longest)  # earlier ones are too short to reach f
    return any(f.start < e for _, e in spans[j:i])


_WORD_RE = lazy(r"\w+")


def _words(doc: Document) -> int:
    """Words of prose, counted once per document (adjust and spin_score both need it)."""
    n = doc.meta.get("spin.words")
    if not isinstance(n, int):
        n = len(_WORD_RE.findall(doc.mask))
        doc.meta["spin.words"] = n
    return n


#: Weight of a finding by severity: an info-level spin finding is weak evidence.
_SEVERITY_WEIGHT = {Severity.INFO: 0.3, Severity.WARNING: 1.0, Severity.ERROR: 1.0}
#: Rate constant: one full-confidence finding per 1,000 words gives ≈ 0.11; 2 per 100 words ≈ 0.91.
_K = 1.2


def spin_score(doc: Document, findings: list[Finding]) -> float:
    """`scores.spin` in [0, 1]: 1 − exp(−k · weighted spin findings per 100 words).

    Each spin finding counts its confidence times a severity weight; overlapping findings count once.
    Clean wire copy has none and scores 0; an article like seed 003 (≈ 20 findings in ≈ 1,000 words)
    scores ≈ 0.9.
    """
    words = _words(doc)
    if not words:
        return 0.0
    best: dict[tuple[int, int], float] = {}
    for f in findings:
        if f.category != "spin":
            continue
        w = f.confidence * _SEVERITY_WEIGHT.get(f.severity, 1.0)
        key = (f.start, f.end)
        best[key] = max(best.get(key, 0.0), w)
    density = sum(best.values()) * 100 / words
    return round(1 - math.exp(-_K * density), 4)
