"""Record the clean-English evidence for every phrase of the spin and MT packs (cleaner/data/phrase_screen.tsv).

Not shipped; run by hand after a pack changes (the test tests/test_pack_screen.py fails on a phrase
without recorded evidence). Needs the `bench` extra (pocketsphinx, wordfreq) and the shared data:

  python bench/tools/build_phrase_screen.py [AEB_JSONL WCXB_DEV_JSONL_GZ] [--pps PPS_JSON]

Evidence per phrase (see cleaner/packs/screen.py for how it is used):
- `lm`: log10 P(phrase) per word position from the CMU US-English trigram model in the pocketsphinx wheel
  (model/en-us/en-us.lm.bin, BSD-style CMU licence), chained over the phrase's words; a word the model
  lacks takes its wordfreq unigram frequency (wordfreq: Apache-2.0 code, CC BY-SA 4.0 data).
- `clean`: occurrences in the curation half (even-numbered records) of the AEB (MIT) and WCXB dev
  (CC BY 4.0) gold article texts; the odd half stays held out for fpscore.
`--pps` adds every tortured phrase of a PPS export, so a re-import can be screened too. Phrases already
recorded are kept, so a dropped entry that comes back meets its evidence again.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pocketsphinx
from wordfreq import word_frequency

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from cleaner.packs.pps import _parse_tortured  # noqa: E402
from cleaner.packs.schema import load_pack  # noqa: E402
from cleaner.packs.screen import REFERENCE, SCREENED_CATEGORIES, tokens  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
DEFAULT = [SHARED / "boilerplate-aeb/aeb.jsonl", SHARED / "boilerplate-wcxb/wcxb-dev.jsonl.gz"]
_LOG10_BASE = math.log10(1.0001)  # pocketsphinx's default LogMath base
_ZERO = -5e8  # what NGramModel.prob returns for an unknown word


class Model:
    """Chained trigram probability of a token sequence, wordfreq for words the model lacks."""

    def __init__(self) -> None:
        path = os.path.join(os.path.dirname(pocketsphinx.__file__), "model", "en-us", "en-us.lm.bin")
        self.lm = pocketsphinx.NGramModel.readfile(path)

    def known(self, w: str) -> bool:
        return bool(self.lm.prob([w]) > _ZERO)

    def log10p(self, words: list[str]) -> float:
        total = 0.0
        for i, w in enumerate(words):
            if not self.known(w):
                total += math.log10(max(word_frequency(w, "en"), 1e-9))
                continue
            hist: list[str] = []
            for h in reversed(words[max(0, i - 2) : i]):  # the model wants the history newest first
                if not self.known(h):
                    break
                hist.append(h)
            total += self.lm.prob([w, *hist]) * _LOG10_BASE
        return total


def golds(paths: list[Path]) -> Iterator[str]:
    for path in paths:
        opener = gzip.open if str(path).endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for k, line in enumerate(fh):
                if k % 2 == 0:
                    yield json.loads(line)["gold"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--pps", type=Path, help="also record every tortured phrase of this PPS export")
    a = ap.parse_args()
    keys: set[str] = set()
    for f in sorted((ROOT / "rules").glob("*.yaml")):
        pack = load_pack(f)
        if pack.category in SCREENED_CATEGORIES:
            keys.update(tokens(p) for e in pack.entries for p in e.phrases)
    if a.pps:
        data = json.loads(a.pps.read_text(encoding="utf-8"))
        keys.update(tokens(_parse_tortured(str(p.get("tortured", "")))[0]) for p in data["phrases"])
    if REFERENCE.exists():  # keep the evidence of dropped phrases: the test shows they stay rejected
        recorded = REFERENCE.read_text(encoding="utf-8").splitlines()
        keys.update(line.split("\t")[0] for line in recorded if line[:1] != "#")
    keys.discard("")
    lengths = {len(k.split()) for k in keys}
    counts: Counter[str] = Counter()
    for text in golds(a.corpus):
        t = tokens(text).split()
        for n in lengths:
            for i in range(len(t) - n + 1):
                g = " ".join(t[i : i + n])
                if g in keys:
                    counts[g] += 1
    model = Model()
    lines = [
        "# Clean-English evidence for the phrases of the spin and MT packs; written by",
        "# bench/tools/build_phrase_screen.py, read by cleaner/packs/screen.py. Columns: tokens, lm, clean.",
        "# lm: log10 P per word position, CMU US-English trigram LM from the pocketsphinx wheel (BSD-style",
        "#   CMU licence), wordfreq (Apache-2.0 code, CC BY-SA 4.0 data) for words the LM lacks.",
        "# clean: occurrences in the even-numbered gold texts of the AEB (MIT) and WCXB dev (CC BY 4.0) sets.",
    ]
    lines += [f"{k}\t{model.log10p(k.split()):.2f}\t{counts[k]}" for k in sorted(keys)]
    REFERENCE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {REFERENCE}: {len(keys)} phrases, {sum(1 for k in keys if counts[k])} found in the clean corpus")


if __name__ == "__main__":
    main()
