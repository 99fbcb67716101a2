"""Build cleaner/data/pos_lexicon.tsv from the MyThes English thesaurus (not shipped; run by hand).

Why: the verb-slot detector in cleaner/detect/spin.py must know whether a word *can* be a verb. A
spinner swaps "added" for "additional" without looking at part of speech, so "he additional." is a
clause whose verb slot holds a word that no dictionary lists as a verb. The thesaurus's (noun)/(verb)/
(adj)/(adv) sense labels give exactly that information for ~145k headwords; we keep the single words
that are common enough to matter (wordfreq Zipf >= 2.5) plus their regular inflections.

Source: LibreOffice / Debian `mythes-en-us` th_en_US_v2.dat, (c) 2000-2018 Kevin Atkinson, 2016
Benjamin Titze, permissive notice (copied into the data file header). Word frequencies for the cut-off
from `wordfreq` (used at build time only).

Usage: python bench/tools/build_lexicon.py /path/to/th_en_US_v2.dat > cleaner/data/pos_lexicon.tsv
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

from wordfreq import zipf_frequency

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import mythes

POS = {"(noun)": "n", "(verb)": "v", "(adj)": "a", "(adv)": "r"}
WORD = re.compile(r"^[a-z]+(?:-[a-z]+)?$")
VOWELS = set("aeiou")
#: Zipf frequency at which an -ed/-ing form shows a noun or adjective in use as a verb (a spun
#: noun's forms are unattested: "argumented", "assistanced", "additionaled" are all 0)
VERB_USE_ZIPF = 1.3


def verb_forms(v: str) -> set[str]:
    out = set()
    if v.endswith(("s", "sh", "ch", "x", "z")):
        out.add(v + "es")
    elif v.endswith("y") and len(v) > 2 and v[-2] not in VOWELS:
        out.add(v[:-1] + "ies")
    else:
        out.add(v + "s")
    if v.endswith("e"):
        out |= {v + "d", v[:-1] + "ing"}
    elif v.endswith("y") and len(v) > 2 and v[-2] not in VOWELS:
        out |= {v[:-1] + "ied", v + "ing"}
    else:
        out |= {v + "ed", v + "ing"}
        if len(v) >= 3 and v[-1] not in VOWELS | {"w", "x", "y"} and v[-2] in VOWELS and v[-3] not in VOWELS:
            out |= {v + v[-1] + "ed", v + v[-1] + "ing"}
    return out


def noun_forms(n: str) -> set[str]:
    if n.endswith(("s", "sh", "ch", "x", "z")):
        return {n + "es"}
    if n.endswith("y") and len(n) > 2 and n[-2] not in VOWELS:
        return {n[:-1] + "ies"}
    return {n + "s"}


def adj_forms(a: str) -> set[str]:
    if len(a) > 7:
        return set()
    if a.endswith("e"):
        return {a + "r", a + "st"}
    if a.endswith("y") and a[-2] not in VOWELS:
        return {a[:-1] + "ier", a[:-1] + "iest"}
    return {a + "er", a + "est"}


def main(path: str) -> None:
    base: dict[str, set[str]] = defaultdict(set)
    for head, senses in mythes.entries(path):
        for sense in senses:
            pos = POS.get(sense[0])
            if pos and WORD.match(head):
                base[head].add(pos)
    forms: dict[str, set[str]] = defaultdict(set)
    for w, tags in base.items():
        if zipf_frequency(w, "en") < 2.5:
            continue
        forms[w] |= tags
        if "v" in tags:
            for f in verb_forms(w):
                if zipf_frequency(f, "en") >= 2.0:
                    forms[f].add("V")  # inflected verb form
        if "n" in tags:
            for f in noun_forms(w):
                if f not in base and zipf_frequency(f, "en") >= 2.0:
                    forms[f].add("N")  # plural noun form
        # Used as a verb today though the thesaurus lists no verb sense ("showcase", "bookmark",
        # "pep"): wordfreq attests its -ed or -ing form (the 3rd person -s would be the plural).
        if "v" not in tags and any(
            zipf_frequency(f, "en") >= VERB_USE_ZIPF for f in verb_forms(w) if f.endswith(("ed", "ing"))
        ):
            forms[w].add("u")
        if "a" in tags:
            for f in adj_forms(w):
                if f not in base and zipf_frequency(f, "en") >= 2.0:
                    forms[f].add("A")  # comparative / superlative
    print("# word<TAB>tags. n/v/a/r = noun/verb/adj/adv sense in the thesaurus; N/V/A = inflected form;")
    print("# u = no verb sense in the thesaurus, but its -ed/-ing form is in use (wordfreq, CC BY-SA 4.0).")
    print("# Derived from LibreOffice mythes-en-us th_en_US_v2.dat (WordNet-based).")
    print("# Copyright 2000-2018 Kevin Atkinson <kevina@gnu.org>, 2016 Benjamin Titze. Permission to use,")
    print("# copy, modify, distribute and sell these word lists, the associated scripts, the output created")
    print("# from the scripts, and its documentation for any purpose is hereby granted without fee, provided")
    print("# that the above copyright notice appears in all copies and that both that copyright notice and")
    print("# this permission notice appear in supporting documentation. Kevin Atkinson makes no")
    print("# representations about the suitability of this array for any purpose. It is provided")
    print('# "as is" without express or implied warranty.')
    for w in sorted(forms):
        print(f"{w}\t{''.join(sorted(forms[w]))}")


if __name__ == "__main__":
    main(sys.argv[1])
