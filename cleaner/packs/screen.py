"""Screen pack entries against clean English: an entry whose flagged form is ordinary English must go.

Why: a spin or MT pack entry claims "this wording is a spun / calqued form". If the wording is common in
clean, professionally edited English ("cloud computing", "search engine", "tax avoidance"), every hit on
a clean page is a false flag, and an editor switches the tool off. So every phrase of a `spin` or `mt`
pack must show, from a reference built from real language resources, that it is rare in clean text.

The evidence for a phrase (its lower-cased word tokens) is recorded in `cleaner/data/phrase_screen.tsv`
by `bench/tools/build_phrase_screen.py`, so the screen and its test need no network and no large model:
- `lm`: log10 of the phrase's probability per word position in general US English, from the CMU
  US-English trigram language model shipped in the `pocketsphinx` wheel (`en-us.lm.bin`; BSD-style CMU
  licence), chained P(w1) P(w2|w1) P(w3|w1 w2)…; words the model lacks take their unigram frequency
  from `wordfreq` (code Apache-2.0, data CC BY-SA 4.0). The model was trained on older news-like text,
  so it under-rates modern terms; hence also
- `clean`: occurrences in a clean curation corpus (even-numbered gold texts of the AEB, MIT, and
  WCXB dev, CC BY 4.0, boilerplate benchmarks). The odd-numbered half stays a held-out check.

A phrase is rejected when `lm >= threshold` (-9 for the Problematic Paper Screener pack, whose pairs come
from scientific papers and so need stronger evidence in general text; -8 for other packs: about one
hit per 10^8 words) or when the clean corpus holds it at all. A PPS phrase is also rejected when the
same export names it as the *original* of another pair: the curators themselves call it established.
A rejected entry may stay only when it carries guards (`unless` / `when`) and `pass` examples that show
the guard at work. Grammar and style packs are not screened: an error can be frequent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .schema import Entry, Pack

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "phrase_screen.tsv"
SCREENED_CATEGORIES = frozenset({"spin", "mt"})
#: log10 probability per word position at or above which a phrase counts as ordinary English
THRESHOLD = -8.0
#: PPS pairs come from scientific papers: in general text they need ten times stronger evidence
STRICT_PACKS = {"tortured-phrases": -9.0}
_TOKEN = re.compile(r"[a-z0-9']+|&")


def tokens(phrase: str) -> str:
    """The reference key of a phrase: lower-case word tokens joined by one space."""
    return " ".join(_TOKEN.findall(phrase.lower().replace("’", "'")))


@dataclass(frozen=True, slots=True)
class Evidence:
    lm: float  # log10 probability per word position (CMU US-English LM, wordfreq for unknown words)
    clean: int  # occurrences in the clean curation corpus


@dataclass(frozen=True, slots=True)
class Verdict:
    rule: str
    phrase: str
    status: str  # ok | rejected | guarded | missing (no evidence) | unscreened (regex)
    reason: str


@cache
def load_reference(path: Path = REFERENCE) -> dict[str, Evidence]:
    """Read the recorded evidence (`tokens<TAB>lm<TAB>clean`; `#` lines are comments)."""
    ref: dict[str, Evidence] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, lm, clean = line.split("\t")
        ref[key] = Evidence(float(lm), int(clean))
    return ref


def pps_originals(pack: Pack) -> set[str]:
    """The curated originals of a PPS-style pack: a phrase that is one of them is an established term."""
    return {tokens(e.suggest) for e in pack.entries if e.suggest}


def _common(ev: Evidence, threshold: float) -> str | None:
    if ev.clean:
        return f"found {ev.clean}x in the clean curation corpus"
    if ev.lm >= threshold:
        per_billion = 10 ** (ev.lm + 9)
        return f"ordinary English: log10 P = {ev.lm:.2f} >= {threshold:.0f} (about {per_billion:.0f} per 10^9 words)"
    return None


def phrase_reason(phrase: str, threshold: float, ref: dict[str, Evidence] | None = None) -> str | None:
    """Why `phrase` is ordinary English by the recorded evidence, or None (also when none is recorded)."""
    ev = (load_reference() if ref is None else ref).get(tokens(phrase))
    return None if ev is None else _common(ev, threshold)


def screen_entry(e: Entry, ref: dict[str, Evidence], threshold: float, originals: set[str]) -> list[Verdict]:
    """One verdict per phrase of the entry (a regex entry gets one `unscreened` verdict)."""
    if not e.phrases:
        return [Verdict(e.rule, e.regex.pattern if e.regex else "", "unscreened", "regex entry: its examples test it")]
    out: list[Verdict] = []
    guarded = bool(e.unless or e.when) and bool(e.examples_pass)
    for phrase in e.phrases:
        key = tokens(phrase)
        if originals and key in originals:
            reason: str | None = "the source names it as the original of another pair"
        else:
            ev = ref.get(key)
            if ev is None:
                out.append(Verdict(e.rule, phrase, "missing", "no recorded evidence: run build_phrase_screen.py"))
                continue
            reason = _common(ev, threshold)
        if reason is None:
            out.append(Verdict(e.rule, phrase, "ok", ""))
        else:
            out.append(Verdict(e.rule, phrase, "guarded" if guarded else "rejected", reason))
    return out


def screen_packs(packs: Iterable[Pack], ref: dict[str, Evidence] | None = None) -> list[Verdict]:
    """Screen every entry of the spin and MT packs."""
    ref = load_reference() if ref is None else ref
    out: list[Verdict] = []
    for pack in packs:
        if pack.category not in SCREENED_CATEGORIES:
            continue
        threshold = STRICT_PACKS.get(pack.name, THRESHOLD)
        originals = pps_originals(pack) if pack.name in STRICT_PACKS else set()
        for e in pack.entries:
            if e.category in SCREENED_CATEGORIES:
                out.extend(screen_entry(e, ref, threshold, originals))
    return out
