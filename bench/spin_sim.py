"""A thesaurus-swap spinner for the spin benchmark: makes spun text from clean news.

It imitates the tools that made seed 003: walk the text, and replace a share of content words by a
"synonym" chosen blind to part of speech and collocation. To keep the benchmark honest the synonym
source is kept apart from what built the spin-news pack (hand-listed collocation swaps + mythes-en-us
candidates): the simulator's word map is learned from *real spinner output*, the Problematic Paper
Screener's tortured/correct pairs, aligned word by word (correct word → tortured word wherever a pair
differs in exactly one position: "artificial intelligence" → "counterfeit intelligence" gives
artificial → counterfeit). Those are swaps a spinner actually made, on scientific text, applied here to
news. A second strategy (`--source thesaurus`) draws from mythes-en-us instead; it overlaps the pack's
sources and is reported separately.

`spin(text, rate, seed)` returns the spun text and the list of (start, end) spans of the swapped words
in the spun text, so recall can be measured per swap.
"""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from pathlib import Path

import mythes

WORD = re.compile(r"[A-Za-z]+")
_SKIP_WORDS = (
    "the a an of to in on at by for and or but is are was were be been has have had he she it they we i you"
    " his her its their our this that these those with from as not no said says"
)
SKIP = set(_SKIP_WORDS.split())


def pps_word_map(path: str | Path) -> dict[str, list[str]]:
    """correct word → tortured words, from one-word differences in PPS pairs."""
    pairs = json.loads(Path(path).read_text(encoding="utf-8"))["phrases"]
    out: dict[str, set[str]] = defaultdict(set)
    for p in pairs:
        t, c = p["tortured"].lower().split(), re.sub(r"\s*\(.*$", "", p["correct"].lower()).split()
        if len(t) != len(c):
            continue
        diff = [(a, b) for a, b in zip(c, t, strict=True) if a != b]
        if len(diff) == 1 and WORD.fullmatch(diff[0][0]) and WORD.fullmatch(diff[0][1]):
            out[diff[0][0]].add(diff[0][1])
    return {k: sorted(v) for k, v in out.items() if k not in SKIP}


def thesaurus_word_map(path: str | Path) -> dict[str, list[str]]:
    """word → single-word synonyms over all senses (POS-blind), from a MyThes file."""
    out: dict[str, list[str]] = {}
    for head, senses in mythes.entries(path):
        syns = [s for sense in senses for s in sense[1:] if WORD.fullmatch(s) and s.islower() and s != head]
        if WORD.fullmatch(head) and syns and head not in SKIP:
            out[head] = syns
    return out


def spin(
    text: str, word_map: dict[str, list[str]], rate: float = 0.3, seed: int = 0
) -> tuple[str, list[tuple[int, int]]]:
    """Swap about `rate` of the swappable words; return spun text and swapped spans (in the spun text)."""
    rng = random.Random(seed)
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    length = 0
    for m in WORD.finditer(text):
        w = m.group(0)
        cands = word_map.get(w.lower())
        out.append(text[pos : m.start()])
        length += m.start() - pos
        if cands and rng.random() < rate:
            new = rng.choice(cands)
            if w[0].isupper():
                new = new[0].upper() + new[1:]
            spans.append((length, length + len(new)))
            out.append(new)
            length += len(new)
        else:
            out.append(w)
            length += len(w)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), spans


#: function words a spinner leaves alone (it swaps content words)
_FUNCTION = SKIP | set(
    """also too only just still even already again then now so nor yet than into onto about over under after
    before between through during without within against among around across up down out off away back
    here there where when why how who whom whose which what will would could should must might shall can
    may one do does did being am me him us them my your some any no every each all both either neither""".split()  # noqa: SIM905
)


def thesaurus_phrase_map(path: str | Path) -> dict[str, list[str]]:
    """word form → replacements a POS-blind thesaurus spinner would use: every synonym of every sense
    (single words and multi-word phrases, hypernyms included, antonyms not), regular inflections
    carried to the phrase's head (last word of a noun phrase, first of a verb phrase)."""
    out: dict[str, set[str]] = defaultdict(set)
    phrase = re.compile(r"^[a-z]+(?: [a-z]+){0,2}$")
    for head, senses in mythes.entries(path):
        if not WORD.fullmatch(head) or not head.islower() or head in _FUNCTION:
            continue
        for sense in senses:
            pos = sense[0]
            for raw in sense[1:]:
                if "(antonym)" in raw:
                    continue
                syn = raw.split(" (", 1)[0].strip()
                if not phrase.match(syn) or syn == head:
                    continue
                out[head].add(syn)
                if pos == "(noun)":
                    parts = syn.split()
                    out[mythes.plural(head)].add(" ".join([*parts[:-1], mythes.plural(parts[-1])]))
                elif pos == "(verb)":
                    first, *rest = syn.split()
                    for hf, sf in zip(mythes.verb_forms(head), mythes.verb_forms(first), strict=True):
                        out[hf].add(" ".join([sf, *rest]))
    return {k: sorted(v) for k, v in out.items()}


def thesaurus_spinner(path: str | Path, min_zipf: float = 3.0):  # type: ignore[no-untyped-def]
    """`spin(text, rate, seed) -> (spun text, [(start, end, original, replacement)])`: swaps `rate` of
    the frequent lower-case content words that the thesaurus has entries for (as spinners do: they
    swap every word their dictionary knows, at a set strength)."""
    from wordfreq import zipf_frequency

    word_map = thesaurus_phrase_map(path)
    frequent = {w for w in word_map if zipf_frequency(w, "en") >= min_zipf}

    def run(text: str, rate: float, seed: int = 0) -> tuple[str, list[tuple[int, int, str, str]]]:
        rng = random.Random(seed)
        out: list[str] = []
        spans: list[tuple[int, int, str, str]] = []
        pos = length = 0
        for m in WORD.finditer(text):
            w = m.group(0)
            out.append(text[pos : m.start()])
            length += m.start() - pos
            new = w
            if w in frequent and rng.random() < rate:
                new = rng.choice(word_map[w])
                spans.append((length, length + len(new), w, new))
            out.append(new)
            length += len(new)
            pos = m.end()
        out.append(text[pos:])
        return "".join(out), spans

    return run
