"""Build cleaner/data/wordfreq_en.txt.gz from the `wordfreq` package (not shipped; run by hand).

Why: the glued/split-word detector (cleaner/detect/glued.py) must know how often an English word is
written, to tell a token that is no word ("thepresident") from a rare real one, and a split word
("govern ment") from two words. `wordfreq`'s "large" English list gives Zipf frequencies (log10 of
occurrences per billion words) for ~320k forms from Wikipedia, subtitles, news, books, web text,
Twitter and Reddit. We keep the lower-case alphabetic forms (Zipf >= 1.0, the list's floor) rounded
to 0.1. Forms of Zipf >= 2.5 (~54k) come first, one line per value ("<zipf> word word ..."): they
become a dict, one `dict.fromkeys` per band. The ~240k rarer forms follow after a "%" line, one
"word<TAB>zipf*10" line each, sorted by word: they are looked up by binary search in the text, since
building a dict of 290k strings costs ~0.1-0.3 s, more than a whole one-file check.

Source: wordfreq 3.1 by Robyn Speer (Elia Robyn Lake), https://github.com/rspeer/wordfreq —
code Apache-2.0, data CC BY-SA 4.0 (it includes data from Wikipedia, OpenSubtitles via OPUS,
SUBTLEX, Google Books Ngrams, the Leeds Internet Corpus, Twitter, Reddit and NewsCrawl via OSCAR).
The derived file is distributed under CC BY-SA 4.0 with that attribution (header lines).

Usage: pip install 'wordfreq>=3.0' && python bench/tools/build_wordfreq.py cleaner/data/wordfreq_en.txt.gz
"""

from __future__ import annotations

import gzip
import math
import sys
from collections import defaultdict

import regex
import wordfreq

WORD = regex.compile(r"^\p{Ll}+\Z")
HEADER = """# English word frequencies (Zipf: log10 per billion words), one line per value: "<zipf> words..."
# Derived from wordfreq 3.1 (Robyn Speer), "large" English list: https://github.com/rspeer/wordfreq
# Data licence: CC BY-SA 4.0 (wordfreq's data; sources: Wikipedia, OpenSubtitles/OPUS, SUBTLEX,
# Google Books Ngrams, Leeds Internet Corpus, Twitter, Reddit, NewsCrawl/OSCAR). Built by
# bench/tools/build_wordfreq.py: lower-case alphabetic forms, Zipf >= 1.0, rounded to 0.1.
# Frequent forms (Zipf >= 2.5) by band first; after the "%" line, rare forms "word<TAB>zipf*10" by word.
"""
SPLIT = 2.5


def main(out: str) -> None:
    bands: dict[float, list[str]] = defaultdict(list)
    for word, freq in wordfreq.get_frequency_dict("en", "large").items():
        if WORD.match(word):
            bands[round(math.log10(freq) + 9, 1)].append(word)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(HEADER)
        for z in sorted(bands, reverse=True):
            if z >= SPLIT:
                fh.write(f"{z:.1f} {' '.join(sorted(bands[z]))}\n")
        fh.write("%\n")
        rare = sorted((w, z) for z, ws in bands.items() if z < SPLIT for w in ws)
        fh.write("".join(f"{w}\t{round(z * 10)}\n" for w, z in rare))


if __name__ == "__main__":
    main(sys.argv[1])
