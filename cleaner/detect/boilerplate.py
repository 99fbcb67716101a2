"""Boilerplate paragraphs: site furniture around the article, flagged paragraph by paragraph.

Plain text has no markup, links or CSS classes to go by, so the detector reads what an editor reads:

1. **Prompts** (rules/boilerplate.yaml, `scope: block`): a paragraph that is mostly "Leave a Reply",
   "Advertisement", "Read more", a copyright or photo-credit line… is boilerplate wherever it stands.
2. **Structure**: tag/keyword lists (comma-separated, empty fields), menu rows, byline-teaser blocks
   ("Vikas Pathak /" followed by someone else's story).
3. **Position**: the article is the densest run of long, stop-word-rich paragraphs (found as a
   maximum-sum segment, as in BTE-style extractors). Short, list-like or off-topic paragraphs *outside*
   that run (the promo blurbs, teasers and link lists after the article has ended) are boilerplate.
   Inside it only prompts and tag lists are removed: short body paragraphs (sub-headings, one-line
   quotes) look exactly like junk, and dropping a body paragraph is data loss.
4. **Topic**: a long paragraph after the article whose content words barely occur in the headline and
   the article (teasers of other stories, promo copy) is off-topic.
5. **Language**: a paragraph in another language than the article's, after the article (a French
   "Vidéo du jour:" under an English story).

Speed: what a paragraph's text says on its own (tokens, stop words, the pack prompt or structural
pattern it is) is memoised by text (`_features`), because the fix loop runs this detector again on a
document where most paragraphs are unchanged; the document-level analysis is kept for the MT detector's
`flagged_blocks` (`_analysis`); pack entries are screened by required literals, prefixes and width
before their regex runs (`_Pack.match`). None of this changes a verdict.

Every finding spans its whole paragraph, suggests "" and carries a fix that also removes the blank line
that separated it, so nothing piles up. Removal is `safe` only when the confidence reaches
`config.boilerplate_threshold`; everything else is `suggested` for an editor. Headline affixes ("CM – "
before, " | News" after) are flagged as the affix only.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

import regex

from ..config import Config
from ..document import MASK, Block, Document
from ..fixes import back_to_line_break
from ..model import Applicability, Edit, Finding, Severity
from ..patterns import lazy, lazy_re
from . import language

PACK = "boilerplate"
CATEGORY = "boilerplate"
#: The rule-pack engine runs `scope: block` entries itself (cleaner/packs), so this detector uses the
#: pack's verdicts as evidence only; set True to emit them from here as well (e.g. without the engine).
EMIT_PACK_HITS = False

# --------------------------------------------------------------------------------------------------
# Block-scope pack: loading and matching
# --------------------------------------------------------------------------------------------------

GUARD_KEYS = ("before", "after", "near", "document")


def rules_dir() -> Path:
    """The shipped rules folder: `cleaner/_rules` in a wheel, `<repo>/rules` in a checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("cannot find the rules folder (cleaner/_rules or rules/)")


@dataclass(frozen=True)
class Guard:
    """An `unless`/`when` condition; for whole-paragraph matches before/after/near all read the block."""

    key: str
    pattern: regex.Pattern[str]
    then: str = "skip"


#: (literals, prefixes, suffixes, anchored width): see `_screen_of`
_Screen = tuple[tuple[str, ...] | None, tuple[str, ...] | None, tuple[str, ...], int | None]


@dataclass(frozen=True)
class BlockEntry:
    """One compiled `scope: block` entry of a pack."""

    rule: str
    pattern: regex.Pattern[str]
    message: str
    confidence: float
    severity: Severity
    min_cover: float
    max_words: int
    unless: tuple[Guard, ...] = ()
    when: tuple[Guard, ...] = ()
    examples: dict[str, list[str]] = field(default_factory=dict)
    #: (literals, prefixes, suffixes, anchored width) of `_screen_of`, worked out when the pack is compiled
    #: so a warm start gets them from the pack cache (~0.25 s per process otherwise); None: not yet known
    screen: _Screen | None = None


def _guards(raw: list[dict[str, Any]] | None) -> tuple[Guard, ...]:
    out: list[Guard] = []
    for g in raw or []:
        for key in GUARD_KEYS:
            if key in g:
                out.append(Guard(key, regex.compile(g[key], regex.IGNORECASE), g.get("then", "skip")))
    return tuple(out)


def _phrase_regex(phrase: str) -> str:
    parts = [regex.escape(w).replace("'", "['’]").replace("’", "['’]") for w in phrase.split()]
    return r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)"


def parse_block_pack(data: dict[str, Any]) -> tuple[BlockEntry, ...]:
    """Compile a loaded `scope: block` pack (raises ValueError/KeyError/regex.error on bad data)."""
    name = data["pack"]
    entries: list[BlockEntry] = []
    seen: set[str] = set()
    for e in data.get("entries", []):
        eid = e["id"]
        if eid in seen:
            raise ValueError(f"{name}: duplicate entry id {eid!r}")
        seen.add(eid)
        if "regex" in e:
            source = e["regex"]
        else:
            phrases = e.get("phrases") or [e["phrase"]]
            source = "|".join(_phrase_regex(p) for p in phrases)
        flags = regex.IGNORECASE if e.get("case", "insensitive") == "insensitive" else 0
        entries.append(
            BlockEntry(
                rule=f"{name}/{eid}",
                pattern=regex.compile(source, flags | regex.DOTALL),
                message=e.get("message", f"boilerplate ({eid})"),
                confidence=float(e.get("confidence", data.get("confidence", 0.9))),
                severity=Severity(e.get("severity", data.get("severity", "warning"))),
                min_cover=float(e.get("min_cover", data.get("min_cover", 0.6))),
                max_words=int(e.get("max_words", data.get("max_words", 25))),
                unless=_guards(e.get("unless")),
                when=_guards(e.get("when")),
                examples=e.get("examples") or {},
                screen=_screen_of(source, flags | regex.DOTALL),
            )
        )
    return tuple(entries)


def _parse_yaml(text: str) -> Any:
    """YAML through libyaml's safe loader where PyYAML was built with it (far quicker), else the
    pure-Python one. Imported here: a warm start reads the compiled pack from the cache and never
    needs PyYAML (~35 ms to import)."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=8)
def load_block_pack(path: str | None = None) -> tuple[BlockEntry, ...]:
    """The compiled entries of a block-scope pack (default: the shipped boilerplate pack)."""
    from ..packs.cache import cached

    p = Path(path) if path else rules_dir() / "boilerplate.yaml"
    return cached([p], lambda: parse_block_pack(_parse_yaml(p.read_text(encoding="utf-8"))), tuple)


_EDGE = lazy(r"^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$")


def _core_len(text: str) -> int:
    """Length without leading/trailing spaces, punctuation and symbols (so "Share:" ≈ "Share")."""
    return len(_EDGE.sub("", text)) or len(text.strip())


def _guard_hits(g: Guard, block: str, document: str) -> bool:
    return bool(g.pattern.search(document if g.key == "document" else block, timeout=0.05))


def match_block(
    entries: Iterable[BlockEntry], text: str, n_words: int, document: str = ""
) -> tuple[BlockEntry, float] | None:
    """The first entry whose match covers at least `min_cover` of paragraph `text`, and its confidence."""
    stripped = text.strip()
    if not stripped:
        return None
    core = _core_len(stripped)
    for entry in entries:
        if n_words > entry.max_words:
            continue
        try:
            m = entry.pattern.search(stripped, timeout=0.05)
        except TimeoutError:
            continue
        if not m or (_core_len(m.group()) / core if core else 1.0) < entry.min_cover:
            continue
        if entry.when and not all(_guard_hits(g, stripped, document) for g in entry.when):
            continue
        conf = entry.confidence
        guard = next((g for g in entry.unless if _guard_hits(g, stripped, document)), None)
        if guard is not None:
            if guard.then != "suggest":
                continue
            conf *= 0.6
        return entry, conf
    return None


# --------------------------------------------------------------------------------------------------
# Paragraph features
# --------------------------------------------------------------------------------------------------

_CJK = lazy(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_TOKEN = lazy(r"\w+")
_SENTENCE_END = lazy(r"[.!?…][\"'”’»)\]]*\s*$|[.!?…]\s*[\"'”’»][^\w]*$")
_BYLINE_SLASH = lazy(r"^\s*\p{Lu}[\p{L}.'’-]*(?:\s+[\p{L}.'’-]+){0,4}\s*/\s*$")
_MENU_SEP = lazy(r"\s[|·•»›]\s|\s/\s")
_ALL_STOP = frozenset().union(*language.STOPWORDS.values())
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_LINE = lazy(
    rf"(?i)^[|\s]*(?:(?:updated|published|posted|last updated)\s*(?:on|:)?\s*)?(?:\w+day,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})(?:,?\s*(?:at\s*)?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{{2,4}})?)?[|\s]*$"
)
_BYLINE = lazy(
    r"^\s*(?:by|par|por|von|di|de)\s+(?:\p{Lu}[\p{L}.'’-]*\s*){1,4}(?:and\s+\p{Lu}[\p{L}.'’-]*\s*){0,3}$",
    regex.IGNORECASE,
)


@dataclass(slots=True, eq=False)
class _Features:
    """What a paragraph's text says on its own, whatever document it stands in: computed once per text.

    The fix loop runs this detector again on the fixed document, where nearly every paragraph is
    unchanged, and scraped pages repeat the same furniture ("Advertisement", "Share this:") from page
    to page, so these are memoised by text (see `_features`). Only the function words among the
    tokens are kept (as shared strings), which is all the stop-word ratios need, to keep the memo small.
    """

    stops: tuple[str, ...]  # the tokens that are function words of some language, in order
    n_tokens: int
    has_long: bool  # some token has 3+ characters
    n_words: int
    n_chars: int
    sentence: bool
    content: tuple[str, ...]  # distinct content words (see `_content_words`)
    hit: tuple[str, str, float, Severity] | None
    weak: bool
    norm: str | None = None  # `_norm(text)`, filled on first use
    #: what the paragraph is worth in an article of a given language, filled on first use: stop-word
    #: ratio (key: language), kind and score (key: ("kind", language)), `_foreign` (("foreign", language))
    ratios: dict[Any, Any] = field(default_factory=dict)

    def ratio(self, lang: str) -> float:
        """`language.stopword_ratio` of the paragraph's tokens (same value, from the function words)."""
        r = self.ratios.get(lang)
        if r is None:
            r = self.ratios[lang] = language.stopword_count(self.stops, lang) / self.n_tokens if self.n_tokens else 0.0
        return r


@dataclass(eq=False, slots=True)
class Para:
    """What the detector knows about one block (its text's `_Features` plus what the document adds)."""

    block: Block
    text: str
    feat: _Features
    sw: float = 0.0
    score: float = 0.0
    kind: str = "short"  # bad | short | medium | good

    @property
    def n_words(self) -> int:
        return self.feat.n_words

    @property
    def n_chars(self) -> int:
        return self.feat.n_chars

    @property
    def sentence(self) -> bool:
        return self.feat.sentence

    @property
    def content(self) -> tuple[str, ...]:
        return self.feat.content

    @property
    def hit(self) -> tuple[str, str, float, Severity] | None:  # rule, message, confidence, severity
        return self.feat.hit

    @property
    def weak(self) -> bool:  # `hit` is evidence only outside the article (a date line, a bare byline)
        return self.feat.weak


#: canonical string objects of every function word: the memo keeps pointers, not copies
_STOP_CANON: dict[str, str] = {w: w for w in _ALL_STOP}
#: in ASCII text the stdlib `re` finds exactly the runs `_TOKEN` finds, several times faster
_ASCII_TOKEN = lazy_re(r"\w+", re.ASCII)
#: `_CJK` matches nothing below U+2E80 except the Hangul Jamo block: most non-ASCII text (curly quotes,
#: accents) is settled by this stdlib search instead of the slower script-property one
_MAYBE_CJK = lazy_re("[\u1100-\u11ff\u2e80-\U0010ffff]")
_THREE_SEPS = lazy_re(r"[|·•»›/][^|·•»›/]*[|·•»›/][^|·•»›/]*[|·•»›/]")
#: `regex`'s own `\d`: the stdlib's follows an older Unicode and misses some digits
_DIGIT = lazy(r"\d")


def _tokens(text: str) -> list[str]:
    """Lower-cased `\\w+` runs of `text`.

    Lower-casing the whole text and then splitting gives the same tokens as lower-casing each token
    (lower case never turns a word character into a non-word one), except for "Σ", whose lower case
    depends on its neighbours: text with it takes the token-by-token path.
    """
    if text.isascii():
        return _ASCII_TOKEN.findall(text.lower())
    plain = language.blank_typography(text).replace("\u2019", " ")  # none of these is a word character
    if plain.isascii():
        return _ASCII_TOKEN.findall(plain.lower())
    if "Σ" in text:
        return [t.lower() for t in _TOKEN.findall(text)]
    return _TOKEN.findall(text.lower())  # type: ignore[no-any-return]


def _cjk_count(text: str) -> int:
    if text.isascii() or not _MAYBE_CJK.search(text):
        return 0
    return len(_CJK.findall(text))


def _content_words(tokens: Iterable[str]) -> frozenset[str]:
    """Topic-bearing words: not function words, 4+ letters, cut to 6 letters (a poor man's stem)."""
    # the set difference first (in C): what is left to test one by one is each distinct word once
    return frozenset({t[:6] for t in set(tokens).difference(_ALL_STOP) if len(t) > 3 and not t.isdigit()})


def _tag_list(text: str) -> float:
    """Confidence that `text` is a comma-separated tag/keyword list (0 when it is not one)."""
    if text.count(",") < 4 or "\n" in text.strip() or _SENTENCE_END.search(text):  # 5 fields need 4 commas
        return 0.0
    fields = text.split(",")
    if len(fields) < 5:
        return 0.0
    empty = sum(1 for f in fields if not f.strip())
    filled = [f for f in fields if f.strip()]
    avg_words = sum(len(f.split()) for f in filled) / max(1, len(filled))
    if avg_words > 4:
        return 0.0
    if empty >= 2:
        return 0.97
    if len(filled) >= 8 and avg_words <= 3:
        return 0.85
    return 0.0


def _menu_row(text: str, n_words: int) -> float:
    """Confidence that `text` is a navigation row ("Home | World | Sport | …")."""
    if not _THREE_SEPS.search(text):  # each separator holds one of these characters
        return 0.0
    seps = len(_MENU_SEP.findall(f" {text} "))
    if seps >= 3 and n_words / (seps + 1) <= 3.5 and not _SENTENCE_END.search(text):
        return 0.9
    return 0.0


#: Characters outside ASCII that `regex`, ignoring case, takes for an ASCII letter (İ ı ſ K), or for a
#: Latin-1 lower-case letter other than their `str.lower` (U+1DF95 for "ß" since regex 2026.11, whose
#: Unicode is newer than Python's).
TWINS = frozenset("\u0130\u0131\u017f\u212a\U0001df95")
#: Latin-1 characters that are lower case or caseless ("é", "ß", "©"), but not "µ" (which `regex`
#: takes for Greek "μ"): ignoring case, `regex` takes each only for itself, its upper case and
#: `_risky` characters, so a text without the latter that contains one ignoring case contains it
#: after `str.lower`.
LATIN1_LOWER = frozenset(chr(c) for c in range(0xA0, 0x100) if chr(c).lower() == chr(c) and chr(c) != "µ")
# (tests/test_boilerplate.py checks both against every code point and the installed `regex`.)


#: Characters outside these ranges (Latin-1, Latin Extended-A and -B but for the twins İ ı ſ, general
#: punctuation: all assigned, none a twin) may be `_risky`: only a text holding one is looked at
#: character by character. Curly quotes and accents, the usual non-ASCII in news, are settled by one
#: stdlib search. (tests/test_boilerplate.py checks that no character of the ranges is `_risky`.)
_MAYBE_RISKY = lazy_re("[^\x00-\u012f\u0132-\u017e\u0180-\u024f\u2010-\u2027\u2030-\u205e]")


@lru_cache(maxsize=4096)
def _risky(c: str) -> bool:
    """Whether `str.lower` and `regex` ignoring case may disagree about `c`: a known twin, or a code point
    this Python's Unicode database has not assigned (a newer `regex` may fold it onto a letter we screen
    for, as regex 2026.11 folds U+1DF95 onto "ß" where Python 3.11 knows no such character)."""
    return c in TWINS or unicodedata.category(c) == "Cn"


@dataclass(frozen=True, slots=True)
class _Hot:
    """One pack entry made ready for the per-paragraph loop, with what must hold for it to match.

    Calling a `regex` pattern with a timeout costs a few microseconds even when it finds nothing at
    once, and 18 entries were tried on every short paragraph: most of this detector's time. The screen
    (`literals`, `prefixes` and `suffixes`, `width`, from `cleaner.packs.prefilter.shape`, which lower-cases them)
    skips entries that cannot match; `_screens` says on which texts comparing lower case is exact.
    """

    entry: BlockEntry
    max_words: int
    pattern: Any  # the entry's pattern; from the pack cache a LazyPattern, compiled on first search
    min_cover: float
    when: tuple[tuple[str, Any, str], ...]  # (key, pattern, then)
    unless: tuple[tuple[str, Any, str], ...]
    literals: tuple[str, ...] | None  # every match contains one of these (lower case); None: unknown
    literals_ascii: bool  # `literals` may screen ASCII text
    literals_plain: bool  # `literals` may screen any text without `_risky` characters
    #: every match starts the paragraph with one of `prefixes` or ends it with one of `suffixes` (lower case)
    prefixes: tuple[str, ...] | None
    suffixes: tuple[str, ...]
    prefixes_ascii: bool  # `prefixes` and `suffixes` may screen ASCII text
    prefixes_plain: bool
    width: int | None  # most non-space characters a match can hold (it must span the paragraph)


def _screens(strings: tuple[str, ...] | None) -> tuple[bool, bool]:
    """Whether "contains one of `strings` ignoring case" is "`text.lower()` contains one" for
    (ASCII text, any text without `_risky` characters).

    Ignoring case, an ASCII letter matches only itself in either case and TWINS, so in ASCII text a
    string can occur only if it has no `_risky` character (a string with another non-ASCII letter
    simply cannot occur). In other text the strings must be ASCII or Latin-1 lower case: other scripts have
    letters `str.lower` does not map onto one another (σ, ς and Σ are one letter to `regex`).
    """
    if strings is None:
        return False, False
    chars = set().union(*map(set, strings))
    return not any(_risky(c) for c in chars if not c.isascii()), all(c.isascii() or c in LATIN1_LOWER for c in chars)


def _screen_of(pattern: str, flags: int) -> _Screen:
    """What every match of the pattern holds (see `_Hot`): (literals, prefixes, suffixes, anchored width).

    With suffixes, a match starts with one of the prefixes *or* ends with one of the suffixes: the
    pattern spans the paragraph, so both ends can be checked. (Without the suffixes, the photo-credit
    entry, "^(?:photo … by …|… / getty images|…)$", had no screen and was searched in 4,627 of the
    AEB corpus's 7,620 paragraphs to find 30.)"""
    try:
        from ..packs.prefilter import shape

        sh = shape(pattern, flags)
        literals = None if sh.literals is None else tuple(sorted(sh.literals))
        prefixes = None if sh.prefixes is None else tuple(sh.prefixes)
        suffixes = tuple(sh.suffixes)  # only ever given with prefixes
        width = sh.anchored_width
    except Exception:  # no screen is always correct, only slower
        return None, None, (), None
    return literals, prefixes, suffixes, width if isinstance(width, int) else None


def _hot(e: BlockEntry) -> _Hot:
    literals, prefixes, suffixes, width = e.screen or _screen_of(e.pattern.pattern, e.pattern.flags)

    def guards(gs: tuple[Guard, ...]) -> tuple[tuple[str, Any, str], ...]:
        return tuple((g.key, g.pattern, g.then) for g in gs)

    return _Hot(
        e,
        e.max_words,
        e.pattern,
        e.min_cover,
        guards(e.when),
        guards(e.unless),
        literals,
        *_screens(literals),
        prefixes,
        suffixes,
        *_screens(None if prefixes is None else prefixes + suffixes),
        width,
    )


class _Pack:
    """The block pack, ready for matching; also the memo key (hashed by identity, so a reloaded pack
    never reuses old results)."""

    __slots__ = ("automaton", "by_first", "doc_guards", "entries", "everything", "hot", "rules")

    def __init__(self, entries: tuple[BlockEntry, ...]) -> None:
        import ahocorasick

        self.entries = entries
        #: a `document` guard makes a verdict depend on the whole file, not the paragraph alone
        self.doc_guards = any(g.key == "document" for e in entries for g in (*e.when, *e.unless))
        self.rules = frozenset(e.rule for e in entries)
        self.hot = tuple(_hot(e) for e in entries)
        #: the screened entries' literals in one automaton: one pass over a paragraph says which occur
        self.automaton: Any = None
        owners: dict[str, list[int]] = {}
        for i, h in enumerate(self.hot):
            if h.literals_ascii or h.literals_plain:
                for lit in h.literals or ():
                    owners.setdefault(lit, []).append(i)
        if owners:
            self.automaton = ahocorasick.Automaton()
            for lit, idx in owners.items():
                self.automaton.add_word(lit, tuple(idx))
            self.automaton.make_automaton()
        self.everything = tuple(range(len(self.hot)))
        #: per kind of text (ASCII, other plain): the entries a paragraph whose lower case starts with a
        #: character may match (by their prefixes), in pack order; key "" holds the unprefixed ones
        self.by_first = (self._by_first(ascii_text=True), self._by_first(ascii_text=False))

    def _by_first(self, ascii_text: bool) -> dict[str, tuple[int, ...]]:
        screened = {
            i: h.prefixes
            for i, h in enumerate(self.hot)
            if h.prefixes
            and all(h.prefixes)
            and not h.suffixes  # may also match by its end: in every list
            and (h.prefixes_ascii if ascii_text else h.prefixes_plain)
        }
        free = [i for i in self.everything if i not in screened]
        table = {"": tuple(free)}
        for c in {p[0] for prefixes in screened.values() for p in prefixes}:
            table[c] = tuple(sorted(free + [i for i, ps in screened.items() if any(p[0] == c for p in ps)]))
        return table

    def match(self, text: str, n_words: int, document: str = "") -> tuple[BlockEntry, float] | None:
        """`match_block(self.entries, text, n_words, document)`, skipping entries that cannot match.

        The cheap tests run first (word count, prefix, width); the literals are looked up only for an
        entry that passes them, once per paragraph.
        """
        stripped = text.strip()
        if not stripped:
            return None
        is_ascii = stripped.isascii()
        plain = is_ascii or not (  # see `_screens`
            _MAYBE_RISKY.search(stripped) and any(c > "\x7f" and _risky(c) for c in set(stripped))
        )
        low = stripped.lower() if plain else ""
        if plain:
            table = self.by_first[0 if is_ascii else 1]
            order = table.get(low[0], table[""])
        else:
            order = self.everything
        found: set[int] | None = None
        nonspace = -1
        hot = self.hot
        for i in order:
            h = hot[i]
            if n_words > h.max_words:
                continue
            if (
                plain
                and h.prefixes is not None
                and (h.prefixes_ascii if is_ascii else h.prefixes_plain)
                and not low.startswith(h.prefixes)
                and not (h.suffixes and low.endswith(h.suffixes))
            ):
                continue
            if h.width is not None and len(stripped) > h.width:
                if nonspace < 0:  # str.split's spaces include every `\s` of the `regex` module
                    nonspace = sum(map(len, stripped.split()))
                if nonspace > h.width:
                    continue
            if plain and (h.literals_ascii if is_ascii else h.literals_plain):
                if found is None:
                    found = {j for _end, idx in self.automaton.iter(low) for j in idx}
                if i not in found:
                    continue
            try:
                m = h.pattern.search(stripped, timeout=0.05)
            except TimeoutError:
                continue
            if not m:
                continue
            core = _core_len(stripped)
            if (_core_len(m.group()) / core if core else 1.0) < h.min_cover:
                continue
            if h.when and not all(
                pattern.search(document if key == "document" else stripped, timeout=0.05) for key, pattern, _ in h.when
            ):
                continue
            conf = h.entry.confidence
            then = next(
                (
                    (t,)
                    for key, pattern, t in h.unless
                    if pattern.search(document if key == "document" else stripped, timeout=0.05)
                ),
                None,
            )
            if then is not None:
                if then[0] != "suggest":
                    continue
                conf *= 0.6
            return h.entry, conf
        return None


_PACK: _Pack | None = None


def _pack() -> _Pack:
    global _PACK
    entries = load_block_pack()
    if _PACK is None or _PACK.entries is not entries:
        _PACK = _Pack(entries)
    return _PACK


def _structure_hit(
    text: str, n_words: int, pack: _Pack, document: str
) -> tuple[tuple[str, str, float, Severity] | None, bool]:
    """(hit, weak): the pack prompt or structural pattern the paragraph is, if any."""
    hit = pack.match(text, n_words, document)
    if hit:
        return (hit[0].rule, hit[0].message, hit[1], hit[0].severity), False
    conf = _tag_list(text)
    if conf:
        return (f"{PACK}/tag-list", "Tag/keyword list", conf, Severity.WARNING), False
    if conf := _menu_row(text, n_words):
        return (f"{PACK}/menu-row", "Navigation row", conf, Severity.WARNING), False
    if "/" in text and "\n" in text.strip() and _BYLINE_SLASH.match(text.split("\n", 1)[0]):
        return (f"{PACK}/byline-teaser", "Byline and teaser of another story", 0.75, Severity.WARNING), False
    if _DIGIT.search(text) and _DATE_LINE.match(text):  # every date form has a digit
        return (f"{PACK}/date-line", "Date line outside the article", 0.9, Severity.WARNING), True
    if n_words <= 8 and _BYLINE.match(text):
        return (f"{PACK}/byline", "Byline outside the article", 0.85, Severity.WARNING), True
    return None, False


#: Paragraph texts remembered (~2 KB each): enough for the second pass over a 1 MB window (the size
#: `pipeline.chunks` cuts big files into) to find every unchanged paragraph again.
FEATURES_CACHE = 16384


@lru_cache(maxsize=FEATURES_CACHE)
def _features(text: str, pack: _Pack) -> _Features:
    toks = _tokens(text)
    cjk = _cjk_count(text)
    n_words = len(toks) + cjk // 2
    hit, weak = (None, False) if pack.doc_guards else _structure_hit(text, n_words, pack, "")
    canon = _STOP_CANON
    return _Features(
        stops=tuple(map(canon.__getitem__, filter(canon.__contains__, toks))),
        n_tokens=len(toks),
        has_long=any(len(t) > 2 for t in toks),
        n_words=n_words,
        n_chars=len(text.strip()) + cjk,
        sentence=bool(_SENTENCE_END.search(text)),
        content=tuple(_content_words(toks)),
        hit=hit,
        weak=weak,
    )


def analyse(doc: Document) -> tuple[list[Para], str | None]:
    """Features of every prose block, and the article language by stop words (None if unknown)."""
    pack = _pack()
    paras: list[Para] = []
    for b in doc.blocks:
        if b.kind == "meta":
            continue
        text = doc.prose(b).replace(MASK, " ")
        feat = _features(text, pack)
        if pack.doc_guards:  # the verdict reads the document: not memoised with the text
            hit, weak = _structure_hit(text, feat.n_words, pack, doc.text)
            feat = replace(feat, hit=hit, weak=weak, ratios={})  # kinds depend on the hit
        paras.append(Para(b, text, feat))
    counts = Counter(chain.from_iterable(p.feat.stops for p in paras))
    lang, ratio = language.guess_by_counts(counts, sum(p.feat.n_tokens for p in paras))
    if ratio < 0.12:
        lang = None
    for p in paras:
        p.sw = p.feat.ratio(lang) if lang else 0.0
        _classify(p, lang)
    return paras, lang


def _classify(p: Para, lang: str | None) -> None:
    """Kind and score of `p` in an article in `lang` (they depend on the text and `lang` only)."""
    known = p.feat.ratios.get(("kind", lang))
    if known is None:
        known = p.feat.ratios[("kind", lang)] = _kind(p, lang)
    p.kind, p.score = known


def _kind(p: Para, lang: str | None) -> tuple[str, float]:
    if p.hit and not p.weak:
        return "bad", -3.0
    rich = p.sw >= 0.2 if lang else True
    if p.n_chars >= 120 and rich:
        return "good", min(5.0, p.n_chars / 60)
    if p.n_chars >= 50 and (rich if lang else p.sentence):
        return "medium", 1.0 if p.sentence else 0.3
    return "short", -1.0 if not p.sentence else -0.3


def _best_segment(scores: list[float]) -> tuple[int, int]:
    """[start, end] of the maximum-sum run of `scores` (Kadane); (0, -1) when all are negative."""
    best, best_span = 0.0, (0, -1)
    cur, start = 0.0, 0
    for i, s in enumerate(scores):
        if cur <= 0:
            cur, start = s, i
        else:
            cur += s
        if cur > best:
            best, best_span = cur, (start, i)
    return best_span


def _overlap(p: Para, vocab: Counter[str], own: bool) -> float:
    """Share of `p`'s content words found elsewhere in the article (its own contribution removed)."""
    if not p.content:
        return 1.0
    # every key of `vocab` counts at least 1 (it is only ever `update`d): membership is enough
    shared = sum(1 for w in p.content if vocab[w] - 1 > 0) if own else sum(map(vocab.__contains__, p.content))
    return shared / len(p.content)


def find_article(paras: list[Para], title: Para | None) -> tuple[int, int, Counter[str], set[int]]:
    """Locate the article: (first, last) para index, its vocabulary and the indices of off-topic paras.

    Pass 1 finds the densest run by form alone. Its first half (the lead, where the topic is set) and
    the headline give the article's vocabulary; long paragraphs whose content words are mostly absent
    from it are demoted, and the run is found again, so teasers of other stories after the article
    no longer extend it.
    """
    s, e = _best_segment([p.score for p in paras])
    vocab: Counter[str] = Counter()
    if e < s:
        return s, e, vocab, set()
    good = [i for i in range(s, e + 1) if paras[i].kind in ("good", "medium")]
    lead = good[: max(3, (len(good) + 1) // 2)]
    for i in lead:
        vocab.update(paras[i].content)
    if title is not None:
        vocab.update(title.content)
    off: set[int] = set()
    if len(good) >= 4:
        lead_set = set(lead)
        for i, p in enumerate(paras):
            if (
                p.kind in ("good", "medium")
                and len(p.content) >= 6
                and i not in lead_set
                and _overlap(p, vocab, False) < 0.15
            ):
                off.add(i)
        if off:
            scores = [(-1.5 if i in off else p.score) for i, p in enumerate(paras)]
            s, e = _best_segment(scores)
    return s, e, vocab, off


# --------------------------------------------------------------------------------------------------
# Findings
# --------------------------------------------------------------------------------------------------


@dataclass
class Verdict:
    rule: str
    message: str
    confidence: float
    severity: Severity = Severity.WARNING


def _judge(paras: list[Para], doc_lang: str | None, title: Para | None, markdown: bool = False) -> dict[int, Verdict]:
    """Decide, per paragraph index, whether it is boilerplate and how sure we are."""
    out: dict[int, Verdict] = {}
    if not paras:
        return out
    s, e, vocab, off = find_article(paras, title)
    has_article = e >= s
    # short lines seen before the article and again after it: page furniture (share bars, site names)
    chrome = {_para_norm(p) for p in paras[: max(0, s)] if p.kind in ("short", "bad")}
    # paragraphs right after the article, with little in common with it, that run into prompts/teasers
    lead_in: set[int] = set()
    run: list[int] = []
    for i in range(e + 1, len(paras)) if has_article else ():
        p = paras[i]
        if p.kind == "bad":
            lead_in.update(run)
            break
        if p.kind in ("medium", "good") and _overlap(p, vocab, False) < 0.3:
            run.append(i)
        else:
            break
    ended = False  # a prompt ("Share", "Related", "Most read"…) has been seen after the article
    for i, p in enumerate(paras):
        inside = has_article and s <= i <= e
        after = has_article and i > e
        where = "after-article" if after else "before-article"
        if p.hit and not (p.weak and inside):
            rule, msg, conf, sev = p.hit
            if rule.endswith("/byline-teaser") and not inside:
                conf = 0.9
            out[i] = Verdict(rule, msg, conf, sev)
            ended = ended or after
            continue
        if inside or not has_article or (p.block.kind == "heading" and markdown):
            continue  # Markdown headings are the author's structure, not scraped furniture
        if after and p.kind == "short" and not p.sentence and _para_norm(p) in chrome:
            out[i] = Verdict(f"{PACK}/repeated", "Short paragraph repeated from the page furniture", 0.9)
            continue
        foreign = _foreign(p, doc_lang)
        if foreign:
            out[i] = Verdict(
                f"{PACK}/foreign-language", f"Paragraph in {foreign}, not the article's language", 0.9 if after else 0.7
            )
            continue
        ov = _overlap(p, vocab, False)
        if p.kind == "short":
            if after and p.sentence and p.n_words >= 4 and ov >= 0.5:
                continue  # a closing one-liner of the article ("X declined to comment.")
            conf = 0.9 if ended and not p.sentence else 0.6
            out[i] = Verdict(f"{PACK}/{where}", "Short paragraph outside the article (link, label or promo)", conf)
            continue
        if i in off or (len(p.content) >= 4 and ov < 0.15):
            # A full sentence right after the article with no prompt seen yet is usually its closing line
            # ("Officials did not immediately provide any other details."): never remove it on overlap alone.
            conf = 0.85 if after and (ended or i in lead_in or (ov == 0 and not p.sentence)) else 0.6
            out[i] = Verdict(f"{PACK}/off-topic", "Paragraph off the article's topic, outside the article", conf)
        elif p.kind == "medium" and after and ended and not p.sentence:
            out[i] = Verdict(f"{PACK}/after-article", "Headline-like paragraph in the links after the article", 0.85)
        elif p.kind == "medium" and ov < 0.3 and after and i in lead_in:
            out[i] = Verdict(f"{PACK}/after-article", "Promo paragraph leading into the page furniture", 0.85)
        elif p.kind == "medium" and ov < 0.3:
            out[i] = Verdict(f"{PACK}/{where}", "Paragraph outside the article with little in common with it", 0.6)
    return out


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _para_norm(p: Para) -> str:
    if p.feat.norm is None:
        p.feat.norm = _norm(p.text)
    return p.feat.norm


def _foreign(p: Para, doc_lang: str | None) -> str | None:
    """Name of the language `p` is written in when it clearly differs from the article's."""
    key = ("foreign", doc_lang)
    if key not in p.feat.ratios:
        p.feat.ratios[key] = _foreign_language(p, doc_lang)
    return p.feat.ratios[key]  # type: ignore[no-any-return]


def _foreign_language(p: Para, doc_lang: str | None) -> str | None:
    f = p.feat
    if doc_lang is None or p.n_words < 2 or not f.has_long:
        return None
    if f.ratio(doc_lang) >= 0.2 and p.n_words >= 5:
        return None
    # lingua's answer only counts for a stop-word language the paragraph has 15 % of: without one,
    # don't ask (lingua is the slow part)
    if not any(f.ratio(other) >= 0.15 for other in language.STOPWORDS if other != doc_lang):
        return None
    lang, conf = language.detect(p.text.strip())
    if lang and lang != doc_lang and conf >= 0.9 and lang in language.STOPWORDS and f.ratio(lang) >= 0.15:
        return language.LINGUA_LANGUAGES.get(lang, lang).title()
    return None


_LINE_MARKUP = lazy(r"^[ \t>#*+\-]*(?:\d{1,9}[.)][ \t]*)?$")


def removal_edits(doc: Document, blocks: list[Block]) -> dict[int, Edit]:
    """Edits (keyed by block index) that delete each block with the blank line that separated it.

    A block is deleted with the whitespace after it, up to the next non-space character; a run of
    deleted blocks that reaches the end of the file takes the whitespace *before* each block instead,
    so the file's last kept paragraph keeps its line ending. In Markdown the line's container markup
    ("- ", "> ", "## ") goes too. Only whitespace and such markup are ever added to a block's span,
    and never past a masked character, so masked content (code, HTML, the spaces of a blank line that
    the segmenter keeps out of prose) between blocks is never touched. Every edit stands alone:
    applying any subset of them leaves well-formed paragraphs.
    """
    text, mask = doc.text, doc.mask
    n = len(text)
    edits: dict[int, Edit] = {}
    chosen = sorted(blocks, key=lambda b: b.start)
    tail: set[int] = set()  # blocks of the run that reaches the end of the file
    pos = n
    for b in reversed(chosen):
        if not _only_ws_markup(text, b.end, pos):
            break
        tail.add(b.index)
        pos = _line_start_if_markup(text, b.start)
    for b in chosen:
        start = _line_start_if_markup(text, b.start)
        eol = _line_end(text, b.end)
        end = eol if _only_ws_markup(text, b.end, eol) else b.end
        if b.index in tail:
            start = back_to_line_break(mask, start)  # the mask: never across masked whitespace
        else:
            while end < n and text[end] in " \t\r\n\u00a0" and mask[end] != MASK:  # masked: the next
                end += 1  # line's content, or whitespace the segmenter kept out of prose
            last_break = max(text.rfind("\n", eol, end), text.rfind("\r", eol, end))
            if end < n and last_break >= 0:
                # Stop after the last line break: the next line's indentation belongs to it (an
                # indented code block, a list continuation) and must not be deleted with this block.
                end = last_break + 1
        edits[b.index] = Edit(start, end, "")
    return edits


#: plain character lists: the stdlib `re` reads them as `regex` does, and is quicker to call
_EOL = lazy_re(r"[\r\n]")
#: every line boundary `str.splitlines` knows
_LINE_BREAK = lazy_re(r"[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def _line_end(text: str, pos: int) -> int:
    m = _EOL.search(text, pos)
    return m.start() if m else len(text)


def _line_start_if_markup(text: str, pos: int) -> int:
    nl = text.rfind("\n", 0, pos)
    # look for a CR only after the last LF: searching the whole prefix made this quadratic
    ls = max(nl, text.rfind("\r", nl + 1, pos)) + 1
    return ls if ls == pos or _LINE_MARKUP.match(text[ls:pos]) else pos


def _only_ws_markup(text: str, start: int, stop: int) -> bool:
    """Whether every line of `text[start:stop]` is blank or container markup. Stops at the first line
    that is not, and never copies the range: callers ask about the whole rest of a file, which the
    first line usually settles."""
    pos, n, s = start, stop, text
    while pos <= n:
        m = _LINE_BREAK.search(s, pos, n)
        end = m.start() if m else n
        line = s[pos:end].strip()
        if line and not _LINE_MARKUP.match(line):  # a blank line always matches
            return False
        if m is None:
            return True
        pos = m.end()
    return True


_PREFIX = lazy(r"^(?P<affix>\p{Lu}{1,5}\s*[–—|:]\s+|\p{Lu}{1,5}\s+-\s+)(?=\p{L})")
_SUFFIX = lazy(
    r"(?P<affix>\s+[|»]\s*[^|»]{1,40}|\s+[–—-]\s+(?:[\p{Lu}\d][\w.'’&-]*\s*){1,3}"
    r"(?:news|times|post|online|daily|today|herald|tribune|\.com|\.\w{2,3}|tv|network)?)\s*$",
    regex.IGNORECASE,
)
_SITEY = lazy(
    r"(?i)\b(?:news|times|post|online|daily|today|herald|tribune|journal|gazette|tv|network|media)\b|"
    r"\.\w{2,3}\b"
)


def title_affixes(doc: Document, config: Config) -> Iterator[Finding]:
    """Site tags glued to the headline: "CM – " before it, " | News" after it. Flags the affix only."""
    title = next((b for b in doc.blocks if b.kind in ("title", "meta", "heading")), None)
    if title is None or (title.kind == "heading" and title.index > 1):
        return
    text = doc.prose(title)
    if MASK in text or "\n" in text or len(text.split()) < 4:
        return
    m = _PREFIX.match(text)
    if m:
        tag = m.group("affix").split()[0]
        if tag not in {"US", "UK", "EU", "UN", "AI"}:
            s, e = title.start + m.start("affix"), title.start + m.end("affix")
            yield _finding(doc, config, f"{PACK}/title-prefix", "Source tag before the headline", s, e, 0.7)
    m = _SUFFIX.search(text)
    if m:
        affix = m.group("affix")
        piped = affix.lstrip()[:1] in "|»"
        if (piped or _SITEY.search(affix)) and len(text[: m.start("affix")].split()) >= 3:
            s, e = title.start + m.start("affix"), title.start + m.end("affix")
            yield _finding(
                doc, config, f"{PACK}/title-suffix", "Site name after the headline", s, e, 0.75 if piped else 0.6
            )


def _finding(
    doc: Document,
    config: Config,
    rule: str,
    message: str,
    start: int,
    end: int,
    conf: float,
    fix: Edit | None = None,
    severity: Severity = Severity.WARNING,
) -> Finding:
    safe = conf >= config.boilerplate_threshold and not rule.endswith(("title-prefix", "title-suffix"))
    return Finding(
        rule=rule,
        category=CATEGORY,
        severity=config.severity_for(rule, CATEGORY, severity),
        message=message,
        start=start,
        end=end,
        text=doc.text[start:end],
        suggestion="",
        applicability=Applicability.SAFE if safe else Applicability.SUGGESTED,
        confidence=conf,
        fix=fix or Edit(start, end, ""),
    )


#: Structural guesses below this confidence are not reported at all: on clean copy they were the only
#: boilerplate flags on body paragraphs (precision first), and they were never removed anyway.
MIN_REPORTED = 0.7


@dataclass(frozen=True, slots=True)
class _Analysis:
    """A document's paragraphs and their verdicts: what `detect` and `flagged_blocks` both need."""

    text: str
    mask: str
    blocks: tuple[Block, ...]
    pack: _Pack
    body: list[Para]
    lang: str | None
    title: Para | None
    by_markdown: dict[bool, dict[int, Verdict]] = field(default_factory=dict)

    def verdicts(self, markdown: bool) -> dict[int, Verdict]:
        """Verdicts per body index; Markdown only spares headings, so both readings share the paragraphs."""
        v = self.by_markdown.get(markdown)
        if v is None:
            v = self.by_markdown[markdown] = _judge(self.body, self.lang, self.title, markdown)
        return v


#: The last few analyses. The pipeline asks about one document twice in a row (this detector, then the
#: MT detector's `flagged_blocks`); a longer memory would only hold big documents alive.
_RECENT: list[_Analysis] = []
RECENT_ANALYSES = 2


def _analysis(doc: Document) -> _Analysis:
    """The analysis of `doc`, shared by every caller that asks about the same text, mask and blocks."""
    pack = _pack()
    blocks = tuple(doc.blocks)
    for a in _RECENT:
        # str and tuple equality look at identity first: the usual hit costs next to nothing
        if a.pack is pack and a.text == doc.text and a.mask == doc.mask and a.blocks == blocks:
            return a
    paras, lang = analyse(doc)
    title = paras[0] if paras and paras[0].block.kind in ("title", "heading") else None
    body = [p for p in paras if p is not title]
    a = _Analysis(doc.text, doc.mask, blocks, pack, body, lang, title)
    _RECENT[:] = [a, *_RECENT[: RECENT_ANALYSES - 1]]
    return a


def _flagged_paras(a: _Analysis, config: Config, markdown: bool) -> list[tuple[Para, Verdict]]:
    return [
        (a.body[i], v)
        for i, v in sorted(a.verdicts(markdown).items())
        if config.is_enabled(v.rule, CATEGORY) and v.confidence >= MIN_REPORTED
    ]


def detect(doc: Document, config: Config) -> Iterator[Finding]:
    """All boilerplate findings of `doc`: whole paragraphs, then headline affixes."""
    a = _analysis(doc)
    flagged = _flagged_paras(a, config, doc.markup == "markdown")
    edits = removal_edits(doc, [p.block for p, _ in flagged])
    for p, v in flagged:
        if v.rule in a.pack.rules and not EMIT_PACK_HITS:
            continue
        b = p.block
        yield _finding(doc, config, v.rule, v.message, b.start, b.end, v.confidence, edits[b.index], v.severity)
    for f in title_affixes(doc, config):
        if config.is_enabled(f.rule, CATEGORY):
            yield f


_DEFAULT_CONFIG = Config()


def flagged_blocks(doc: Document) -> frozenset[int]:
    """Indices of the blocks this detector flags (any confidence), for detectors that defer to it.

    Those are the blocks whose span a finding of `detect(doc, Config())` covers exactly, worked out
    from the shared analysis instead of building every finding and fix again.
    """
    a = _analysis(doc)
    # Read as plain text whatever `doc.markup` says, as this always has: Markdown headings count too.
    spans = {
        (p.block.start, p.block.end)
        for p, v in _flagged_paras(a, _DEFAULT_CONFIG, False)
        if EMIT_PACK_HITS or v.rule not in a.pack.rules
    }
    spans.update((f.start, f.end) for f in title_affixes(doc, _DEFAULT_CONFIG))
    return frozenset(b.index for b in doc.blocks if (b.start, b.end) in spans)


def boilerplate_share(doc: Document, findings: Iterable[Finding]) -> float:
    """Share of the document's prose characters that boilerplate findings cover (0..1)."""
    total = sum(len(doc.prose(b).replace(MASK, "")) for b in doc.blocks)
    if not total:
        return 0.0
    spans = sorted((f.start, f.end) for f in findings if f.category == CATEGORY)
    covered, last = 0, -1
    for s, e in spans:
        s = max(s, last)
        if e > s:
            covered += len(doc.mask[s:e].replace(MASK, ""))
            last = e
    return min(1.0, covered / total)
