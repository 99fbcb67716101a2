"""English word frequencies (Zipf scale), read lazily from `data/wordfreq_en.txt.gz`.

Why: telling "thepresident" (no word) from "bestrode" (a rare word), and "govern ment" (one word split)
from "tax payers" (two words), needs to know how often English writes each form. The file is built from
`wordfreq` 3.1 (Robyn Speer; data CC BY-SA 4.0) by `bench/tools/build_wordfreq.py`, which explains the
format. Zipf = log10 of occurrences per billion words: "the" 7.7, "president" 5.5, "govern" 3.7, the
list's floor 1.0; a form absent from the list gets 0.

The ~54k frequent forms (Zipf >= 2.5) become a dict when the file is first needed (~20 ms); the ~240k
rarer ones stay one string, looked up by binary search over its sorted lines, because building a dict
of them would cost more than a whole one-file check.
"""

from __future__ import annotations

import gzip
from pathlib import Path

_DATA = Path(__file__).resolve().parent.parent / "data" / "wordfreq_en.txt.gz"

_frequent: dict[str, float] | None = None
_rare: str = ""


def _load() -> dict[str, float]:
    global _frequent, _rare
    if _frequent is None:
        with gzip.open(_DATA, "rt", encoding="utf-8") as fh:
            text = fh.read()
        head, _, rare = text.partition("\n%\n")
        frequent: dict[str, float] = {}
        for line in head.splitlines():
            if line and line[0] != "#":
                z, _, words = line.partition(" ")
                frequent.update(dict.fromkeys(words.split(), float(z)))
        _rare = rare
        _frequent = frequent
    return _frequent


def frequent() -> dict[str, float]:
    """Forms of Zipf >= 2.5 → Zipf (lower case)."""
    return _load()


def _rare_zipf(word: str) -> float:
    s = _rare
    lo, hi = 0, len(s)
    while lo < hi:
        mid = (lo + hi) // 2
        start = s.rfind("\n", 0, mid) + 1
        tab = s.find("\t", start)
        end = s.find("\n", tab)
        if end < 0:
            end = len(s)
        w = s[start:tab]
        if w == word:
            return int(s[tab + 1 : end]) / 10
        if w < word:
            lo = end + 1
        else:
            hi = start
    return 0.0


def zipf(word: str) -> float:
    """Zipf frequency of a lower-case form; 0.0 when English text (nearly) never has it."""
    z = _load().get(word)
    return z if z is not None else _rare_zipf(word)
