"""The block-scope rule pack (rules/boilerplate.yaml): compiling its entries for the paragraph matcher,
and the screened matcher. The pack is read and validated by the one pack loader (cleaner/packs/schema.py);
the rule-pack engine emits its findings, and this detector uses the same entries as evidence."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from ...model import Severity
from ...packs.location import rules_dir
from ...packs.schema import Pack, load_pack, pack_from_data
from ...patterns import lazy, lazy_re

PACK = "boilerplate"
CATEGORY = "boilerplate"
#: `max_words` of an entry that sets none (the schema's "no limit")
NO_LIMIT = 1 << 30

# --------------------------------------------------------------------------------------------------
# Block-scope pack: loading and matching
# --------------------------------------------------------------------------------------------------


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


def _guards(guards: Iterable[Any]) -> tuple[Guard, ...]:
    """A pack entry's guards, compiled as this matcher has always run them (`regex`'s version 0)."""
    return tuple(Guard(g.where, regex.compile(_source(g.pattern), regex.IGNORECASE), g.then) for g in guards)


def _source(pattern: Any) -> str:
    """The pattern as the pack author wrote it: the schema compiles with `regex` version 1 and, ignoring
    case, prefixes `(?-f)` to switch full case folding off; under version 0, used here, it is off anyway."""
    text: str = pattern.pattern
    return text[5:] if text.startswith("(?-f)") else text


def _phrase_regex(phrase: str) -> str:
    parts = [regex.escape(w).replace("'", "['’]").replace("’", "['’]") for w in phrase.split()]
    return r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)"


def block_entries(pack: Pack) -> tuple[BlockEntry, ...]:
    """The `scope: block` entries of a pack validated by the one pack schema (cleaner/packs/schema.py),
    compiled for the paragraph matcher: a pattern that matches the whole paragraph, or nearly."""
    entries: list[BlockEntry] = []
    for e in pack.entries:
        if e.scope != "block":
            continue
        source = _source(e.regex) if e.regex is not None else "|".join(_phrase_regex(p) for p in e.phrases)
        flags = (0 if e.case_sensitive else regex.IGNORECASE) | regex.DOTALL
        entries.append(
            BlockEntry(
                rule=e.rule,
                pattern=regex.compile(source, flags),
                message=e.message or f"boilerplate ({e.id})",
                confidence=e.confidence,
                severity=e.severity,
                min_cover=e.coverage,
                max_words=e.max_words if e.max_words is not None else NO_LIMIT,
                unless=_guards(e.unless),
                when=_guards(e.when),
                examples={"flag": list(e.examples_flag), "pass": list(e.examples_pass)},
                screen=_screen_of(source, flags),
            )
        )
    return tuple(entries)


def parse_block_pack(data: dict[str, Any]) -> tuple[BlockEntry, ...]:
    """Compile a pack given as data (scope `block` unless it says otherwise); raises `PackError`."""
    return block_entries(pack_from_data({"scope": "block", **data}, Path(f"{data.get('pack', 'pack')}.yaml")))


@lru_cache(maxsize=8)
def load_block_pack(path: str | None = None) -> tuple[BlockEntry, ...]:
    """The compiled `scope: block` entries of a pack file (default: `boilerplate.yaml` of the rules folder,
    `CLEANER_RULES_DIR` honoured; none when that folder has no such pack), read by the pack loader."""
    from ...packs.cache import cached

    p = Path(path) if path else rules_dir() / "boilerplate.yaml"
    if not p.is_file():
        return ()
    return cached([p], lambda: block_entries(load_pack(p)), tuple)


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
        from ...packs.prefilter import shape

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
