"""One Aho-Corasick automaton for every phrase of every pack, and the text folding it searches.

Matching is case-insensitive, treats ’ and ' alike and any run of whitespace (line breaks included) as
one space, at word boundaries. Folding keeps a map back to original offsets: lower-casing and the
quote swap never change length (characters whose lower case is longer are left as they are), and
whitespace runs are the only places where lengths differ, so an anchor per run is enough. A run that
holds a blank line (two line breaks, CRLF counting as one) becomes a barrier, so no phrase matches
across paragraphs. Measured here: 5,000 phrases scan at ~40 MB/s this way against ~0.15 MB/s as one
regex alternation.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_FOLD_PAIRS: tuple[tuple[str, str], ...] = (
    ("’", "'"),
    ("‘", "'"),
    ("\u02bc", "'"),
    ("\u00a0", " "),
    ("\u202f", " "),
    ("\t", " "),
)
#: Characters that IGNORECASE matches to a letter their (same-length) lower case is not: ſ → s,
#: K (Kelvin) → k, Å (Ångström) → å, and İ, whose lower case "i̇" is two characters long (so
#: `_lower_same_length` leaves it as it is), → i. Folded here and in the regex prefilter's literals
#: (prefilter.py), so that a regex entry's required literals can be looked for in the text the phrases
#: are; tests/test_prefilter.py checks the list against every code point for the letters packs use.
_CASE_PAIRS = (("ſ", "s"), ("\u212a", "k"), ("\u212b", "å"), ("\u0130", "i"))
_FOLD_PAIRS += _CASE_PAIRS


def _fold_chars(text: str) -> str:
    """`text.translate(dict(_FOLD_PAIRS))`, done with `str.replace`: translate with a dict walks every character in
    Python-level lookups (~7 MB/s), replace runs in C (~1 GB/s) and each pair maps one char to one."""
    for old, new in _FOLD_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


_SPACES = re.compile(" {2,}")
#: two line breaks with only spaces between them (a CRLF counts as one break and is never split)
_BLANK_LINE = re.compile(r"(?:\r\n|\r(?!\n)|\n)[^\S\r\n]*(?:\r\n|\r|\n)")
_BLANK_LINE_LF = re.compile(r"\n[^\S\n]*\n")  # the same where there is no CR
#: whitespace (`\s`, as `str.split` knows it) other than what `_fold_chars` and `fold` replace
_ASCII_OTHER_WS = "\v\f\x1c\x1d\x1e\x1f"
_OTHER_WS = re.compile("[\v\f\x1c-\x1f\x85\u1680\u2000-\u200a\u2028\u2029\u205f\u3000]")
BARRIER = "\x00"


def fold_phrase(phrase: str) -> str:
    return " ".join(_fold_chars(_lower_same_length(phrase)).split())


_WS_RUN = re.compile(r"\s+")


def fold_literal(literal: str) -> str:
    """A required literal of a regex entry as `fold` writes it: folded like a phrase, but a whitespace
    run at either end is kept (as one space): " one " is a much better filter than "one"."""
    return _WS_RUN.sub(" ", _fold_chars(_lower_same_length(literal)))


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


class Folded:
    """Folded text plus the anchors that map folded offsets back to original ones.

    The anchors (one per collapsed whitespace run) are found on the first call to `original`: most
    texts a scan folds hold no phrase at all, and a Python-level step per run was most of `fold`.
    """

    __slots__ = ("_anchors", "_unfolded", "same_length", "text")

    def __init__(self, text: str, unfolded: str | None, same_length: str) -> None:
        self.text = text
        self._unfolded = unfolded  # lower-cased, barriers set, spaces not collapsed; None: nothing collapsed
        self._anchors: tuple[list[int], list[int]] | None = None
        #: the text lower-cased and character-folded (`_fold_chars`), nothing else changed: offsets are
        #: the original ones (the regex prefilter compares block edges in it)
        self.same_length = same_length

    def _anchor(self) -> tuple[list[int], list[int]]:
        folded_at: list[int] = []
        original_at: list[int] = []
        shrink = 0
        for m in _SPACES.finditer(self._unfolded or ""):
            s, e = m.span()
            shrink += e - s - 1
            folded_at.append(e - shrink)
            original_at.append(e)
        self._unfolded = None
        self._anchors = folded_at, original_at
        return self._anchors

    def original(self, pos: int) -> int:
        folded_at, original_at = self._anchors or self._anchor()
        i = bisect_right(folded_at, pos) - 1
        if i < 0:
            return pos
        return original_at[i] + (pos - folded_at[i])


def _barrier(m: re.Match[str]) -> str:
    return BARRIER * (m.end() - m.start())


def fold(text: str) -> Folded:
    """Lower-case, quote-fold and space-fold `text` for the automaton, keeping a map back to it.

    Blank lines become barriers of the same length and every other whitespace character a space, with
    `str.replace` and patterns that start with a line break (which `re` scans for in C); then runs of
    spaces collapse to one, only if there is one (`"  " in s` is a memchr, a `re` search for ` {2,}`
    is ten times slower and usually finds nothing). Measured on the AEB corpus: 0.074 s/MB → 0.02.
    """
    low = same_length = _fold_chars(_lower_same_length(text))
    if "\r" in low:
        low = low.replace("\r\n\r\n", BARRIER * 4).replace("\r\r", BARRIER * 2).replace("\n\n", BARRIER * 2)
        low = _BLANK_LINE.sub(_barrier, low).replace("\r", " ")
    else:
        low = _BLANK_LINE_LF.sub(_barrier, low.replace("\n\n", BARRIER * 2))
    low = low.replace("\n", " ")
    if low.isascii():
        for ch in _ASCII_OTHER_WS:
            if ch in low:
                low = low.replace(ch, " ")
    elif _OTHER_WS.search(low):
        low = _OTHER_WS.sub(" ", low)
    if "  " not in low:
        return Folded(low, None, same_length)
    return Folded(_SPACES.sub(" ", low), low, same_length)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


#: hyphens and dashes that join words into a compound: "self-directed learning" is not "directed learning"
_JOINERS = frozenset("-\u2010\u2011\u2013")


def _in_compound(folded: str, start: int, end: int) -> bool:
    """Whether the hit is glued by a hyphen or dash to a word before or after it (part of a compound)."""
    if start >= 2 and folded[start - 1] in _JOINERS and _is_word(folded[start - 2]) and _is_word(folded[start]):
        return True
    return end + 1 < len(folded) and folded[end] in _JOINERS and _is_word(folded[end + 1]) and _is_word(folded[end - 1])


class PhraseMatcher:
    """One automaton for two kinds of keys, walked once per text: phrases (payload: entry indexes,
    reported only at word boundaries) and the literals the regex prefilter looks for (payload: owners,
    reported wherever they occur). Walking the text was most of what finding either cost, and the
    two walks were separate until both were folded the same way."""

    def __init__(self) -> None:
        import ahocorasick

        self._automaton = ahocorasick.Automaton()
        self._payloads: dict[str, list[int]] = {}
        self._literals: dict[str, list[int]] = {}
        self._built = False

    def add(self, phrase: str, payload: int) -> None:
        key = fold_phrase(phrase)
        if key:
            self._payloads.setdefault(key, []).append(payload)

    def add_literal(self, literal: str, owner: int) -> None:
        """`literal` must already be folded (`fold_literal`)."""
        if literal.strip():
            self._literals.setdefault(literal, []).append(owner)

    def build(self) -> None:
        for key in {**self._payloads, **self._literals}:
            phrases, owners = tuple(self._payloads.get(key, ())), tuple(self._literals.get(key, ()))
            self._automaton.add_word(key, (len(key), phrases, owners))
        if self._payloads or self._literals:
            self._automaton.make_automaton()
        # The automaton holds every payload now. Kept, the dicts (10,000 phrases and their lists) would
        # cost ~15 ms in every unpickling of the pack cache, only to be counted.
        self._size = len(self._payloads)
        self._has_keys = bool(self._payloads or self._literals)
        self._payloads, self._literals = {}, {}
        self._built = True

    def __len__(self) -> int:
        """How many phrases (literals not counted)."""
        return self._size if self._built else len(self._payloads)

    def find(
        self, folded: str
    ) -> tuple[list[tuple[int, int, tuple[int, ...]]], list[tuple[int, int, tuple[int, ...]]]]:
        """(phrase hits, literal hits) in `folded` (folded coordinates): (start, end, payload or owners).
        Phrase hits are at word boundaries only."""
        phrases: list[tuple[int, int, tuple[int, ...]]] = []
        literals: list[tuple[int, int, tuple[int, ...]]] = []
        if not self._has_keys:
            return phrases, literals
        n = len(folded)
        for end_index, (length, payload, owners) in self._automaton.iter(folded):
            end = end_index + 1
            start = end - length
            if owners:
                literals.append((start, end, owners))
            if not payload:
                continue
            if start > 0 and _is_word(folded[start]) and _is_word(folded[start - 1]):
                continue
            if end < n and _is_word(folded[end - 1]) and _is_word(folded[end]):
                continue
            if _in_compound(folded, start, end):
                continue
            phrases.append((start, end, payload))
        return phrases, literals
