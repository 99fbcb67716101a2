"""Build cleaner/data/spin_model.npz: the context model of the statistical spin detector.

Why: a spinner swaps content words for thesaurus neighbours blind to collocation ("highway accident"
for "road accident"). Whether a neighbour fits the same left and right context far better is a
question for an n-gram model, and the neighbours come from a thesaurus. This script turns three
licensed resources into one compact file that the detector loads lazily (numpy arrays, no pocketsphinx
at run time):

- **Context model**: the CMU Sphinx generic US-English trigram LM shipped in the `pocketsphinx` wheel
  (`model/en-us/en-us.lm.bin`; BSD-style licence, Carnegie Mellon University, see
  cleaner/data/spin_model.LICENSE.txt). We keep its unigrams (log10 prob and back-off weight) and the
  bigrams (log10 prob, quantised to 8 bits) that involve a word of the neighbour table, keyed by
  `left_id << 16 | right_id` over the 65,535 most probable lower-case words. (Its trigrams are not
  used: pocketsphinx 5.1.1's ARPA writer crashes while enumerating them; the bigram section it writes
  before that is complete and checked against the header's count.)
- **Neighbour table**: LibreOffice MyThes th_en_US_v2 (Kevin Atkinson's permissive licence): every
  single-word synonym in both directions, over all senses (spinners are blind to part of speech),
  without hypernyms (`(generic term)`) and antonyms, with regular plural/verb inflections carried
  across; only neighbours that are common words (wordfreq Zipf >= 3) are kept, since the original of
  a spun news word is a common one.
- **Modern vocabulary**: `wordfreq` (code Apache-2.0, data CC BY-SA 4.0, Robyn Speer): a word the
  LM rates far rarer than today's usage ("stale", e.g. words of the 2010s) is skipped rather than
  judged, like a word it does not know at all.

Usage (build-time dependencies: `pip install -e '.[build-model]'`):
    python bench/tools/build_spin_model.py /work/shared/data/thesaurus/th_en_US_v2.dat
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from wordfreq import zipf_frequency

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import mythes

ROOT = Path(__file__).resolve().parent.parent.parent
OUT = ROOT / "cleaner" / "data" / "spin_model.npz"
WORD = re.compile(r"^[a-z]+(?:'[a-z]+)?$")
SYN_WORD = re.compile(r"^[a-z]+$")
VOCAB_MAX = 65535  # ids fit 16 bits, so a bigram key fits 32
#: log10 probabilities are quantised to 8 bits over [Q_MIN, 0]
Q_MIN = -8.0
#: a word whose wordfreq Zipf exceeds the LM's own estimate (log10 p + 9) by this much is "stale"
STALE_GAP = 1.2
#: neighbours kept must be at least this common (Zipf); so must a word to be judged at all
NEIGHBOUR_ZIPF = 3.0
#: the most common neighbours first (synonyms before hypernyms); more cost lookups and find little
MAX_NEIGHBOURS = 16
#: Function words are never judged nor proposed: a spinner swaps content words.
STOP = frozenset(
    """a an the this that these those his her its their our my your some any no every each all both
    either neither not also too only just still even already again then now so and or but nor yet for of
    to in on at by with from as than into onto about over under after before between through during
    without within against among around across up down out off away back here there where when why how
    who whom whose which what he she it we they i you me him us them is are was were be been being am
    has have had do does did will would could should must might shall can may one""".split()  # noqa: SIM905
)


def arpa(tmp: Path) -> Path:
    """The pocketsphinx model written as ARPA text by a child process (which may crash after the
    bigram section: see the module docstring)."""
    import pocketsphinx

    src = Path(pocketsphinx.get_model_path()) / "en-us" / "en-us.lm.bin"
    out = tmp / "en-us.arpa"
    code = (
        "import sys, pocketsphinx as ps\n"
        "config, logmath = ps.Config(), ps.LogMath()\n"
        "lm = ps.NGramModel(config, logmath, sys.argv[1])\n"
        "lm.write(sys.argv[2], ps.NGramModel.str_to_type('arpa'))\n"
    )
    subprocess.run([sys.executable, "-c", code, str(src), str(out)], check=False, capture_output=True)
    return out


def read_arpa(path: Path) -> tuple[dict[str, tuple[float, float]], list[tuple[str, str, float]]]:
    """Unigrams (log10 p, back-off) and bigrams (w1, w2, log10 p); checks the bigram count."""
    uni: dict[str, tuple[float, float]] = {}
    bi: list[tuple[str, str, float]] = []
    counts: dict[int, int] = {}
    section = 0
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.startswith("ngram "):
                n, c = line[6:].split("=")
                counts[int(n)] = int(c)
            elif line.startswith("\\1-grams"):
                section = 1
            elif line.startswith("\\2-grams"):
                section = 2
            elif line.startswith("\\3-grams"):
                break
            elif section and line.strip():
                p = line.rstrip("\n").split("\t")
                if section == 1:
                    uni[p[1]] = (float(p[0]), float(p[2]) if len(p) > 2 else 0.0)
                elif len(p) >= 3:
                    bi.append((p[1], p[2], float(p[0])))
    if len(uni) != counts[1]:
        raise SystemExit(f"incomplete ARPA dump: {len(uni)}/{counts[1]} unigrams")
    if len(bi) != counts[2]:
        bi = recover_tail(uni, bi)
    # (pairs whose probability equals the back-off estimate are not recovered, nor needed)
    print(f"bigrams: {len(bi)} of {counts[2]} (the rest equal their back-off estimate)", file=sys.stderr)
    return uni, bi


def recover_tail(uni: dict[str, tuple[float, float]], bi: list[tuple[str, str, float]]) -> list[tuple[str, str, float]]:
    """The bigrams the crashing writer left in its unflushed buffer, asked of the model itself.

    The writer sorts bigrams by (second word, first word) in unigram order, so what is lost is every
    bigram whose second word comes at or after the last one written: for those words, ask the model
    P(w2 | w1) for every w1 and keep the pairs whose probability is not the back-off estimate.
    """
    import pocketsphinx as ps

    order = list(uni)
    bi = bi[:-1]  # the last line may be cut short
    last = order.index(bi[-1][1])
    kept = [b for b in bi if b[1] != bi[-1][1]]
    lm = ps.NGramModel(ps.Config(), ps.LogMath(), str(Path(ps.get_model_path()) / "en-us" / "en-us.lm.bin"))
    to_log10 = np.log10(1.0001)
    for w2 in order[last:]:
        if w2 == "<s>":
            continue
        for w1 in order:
            if w1 == "</s>":
                continue
            lp = round(lm.prob([w2, w1]) * to_log10, 4)
            if abs(lp - (uni[w1][1] + uni[w2][0])) > 2e-3:
                kept.append((w1, w2, lp))
    return kept


#: kinds of neighbour: a synonym, a broader word (hypernym) or a narrower one (hyponym)
SYNONYM, BROADER, NARROWER = 0, 1, 2


def neighbour_pairs(thesaurus: str) -> dict[tuple[str, str], int]:
    """(word, neighbour) → kind, both directions, inflections carried across; antonyms left out.

    Hypernyms are kept but marked: spinners' dictionaries swap "road" for "highway", yet a broad word
    ("person", "use", "food") fits almost any context better, so the detector asks more of them."""
    pairs: dict[tuple[str, str], int] = {}
    for head, senses in mythes.entries(thesaurus):
        if not SYN_WORD.match(head):
            continue
        for sense in senses:
            pos = sense[0]
            for raw in sense[1:]:
                if "(antonym)" in raw:
                    continue
                broader = "(generic term)" in raw
                syn = raw.split(" (", 1)[0].strip()
                if not SYN_WORD.match(syn) or syn == head:
                    continue
                todo = [(head, syn)]
                if pos == "(noun)":
                    todo.append((mythes.plural(head), mythes.plural(syn)))
                elif pos == "(verb)":
                    todo.extend(zip(mythes.verb_forms(head), mythes.verb_forms(syn), strict=True))
                for a, b in todo:
                    # a synonym reading wins over a hypernym one
                    pairs[(a, b)] = min(pairs.get((a, b), 9), BROADER if broader else SYNONYM)
                    pairs[(b, a)] = min(pairs.get((b, a), 9), NARROWER if broader else SYNONYM)
    return pairs


_US = (
    (re.compile(r"our(?=s?$|ed$|ing$|ite|able)"), "or"),
    (re.compile(r"is(?=e$|es$|ed$|ing$|ation)"), "iz"),
    (re.compile(r"ys(?=e$|es$|ed$|ing$)"), "yz"),
    (re.compile(r"tre(?=s?$)"), "ter"),
    (re.compile(r"ogue(?=s?$)"), "og"),
    (re.compile(r"mme(?=s?$)"), "m"),
    (re.compile(r"ence(?=s?$)"), "ense"),
    (re.compile(r"ll(?=ed$|ing$|er$)"), "l"),
    (re.compile(r"ae"), "e"),
)


def us_spelling(w: str) -> str:
    """A British spelling mapped to its American form ("programme" → "program", "colour" → "color"):
    two spellings of one word are not neighbours a spinner swaps."""
    for pattern, repl in _US:
        w = pattern.sub(repl, w)
    return w


def quantise(lp: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(lp / Q_MIN * 255), 0, 255).astype(np.uint8)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("thesaurus", help="MyThes th_en_US_v2.dat")
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args()
    t0 = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        uni, bi = read_arpa(arpa(Path(tmp)))
    print(f"LM: {len(uni)} unigrams, {len(bi)} bigrams ({time.time() - t0:.1f} s)", file=sys.stderr)

    words = sorted((w for w in uni if WORD.match(w)), key=lambda w: -uni[w][0])[: VOCAB_MAX - 2]
    vocab = ["<s>", "</s>", *words]
    ids = {w: i for i, w in enumerate(vocab)}
    zipf = {w: zipf_frequency(w, "en") for w in vocab}
    stale = np.array([zipf[w] - (uni[w][0] + 9) > STALE_GAP for w in vocab], dtype=bool)
    stale[:2] = False

    table: dict[str, dict[str, int]] = defaultdict(dict)
    for (x, y), kind in neighbour_pairs(a.thesaurus).items():
        if x in ids and y in ids and x not in STOP and y not in STOP and zipf[y] >= NEIGHBOUR_ZIPF:
            if us_spelling(x) == us_spelling(y):
                continue
            table[x][y] = kind
    heads = sorted(ids[x] for x in table)
    offsets = [0]
    flat: list[int] = []
    kinds: list[int] = []
    for h in heads:
        near = table[vocab[h]]
        cands = sorted(near, key=lambda y: (near[y], -uni[y][0]))[:MAX_NEIGHBOURS]
        flat.extend(ids[y] for y in cands)
        kinds.extend(near[y] for y in cands)
        offsets.append(len(flat))
    used = set(heads) | set(flat)
    print(f"neighbours: {len(heads)} words, {len(flat)} pairs", file=sys.stderr)

    uni_lp = np.array([uni[w][0] if w != "<s>" else -99.0 for w in vocab], dtype=np.float32)
    uni_bo = np.array([uni[w][1] for w in vocab], dtype=np.float32)
    keys, probs = [], []
    for w1, w2, lp in bi:
        i, j = ids.get(w1), ids.get(w2)
        if i is None or j is None or (i not in used and j not in used):
            continue
        if abs(lp - (uni_bo[i] + uni_lp[j])) < 0.05:
            continue  # the back-off estimate says the same
        keys.append(i << 16 | j)
        probs.append(lp)
    k = np.array(keys, dtype=np.uint32)
    order = np.argsort(k)
    k, p = k[order], quantise(np.array(probs, dtype=np.float32)[order])
    print(f"bigrams kept: {len(k)}", file=sys.stderr)
    np.savez_compressed(
        a.out,
        vocab=np.frombuffer("\n".join(vocab).encode("ascii"), dtype=np.uint8),
        uni_lp=uni_lp.astype(np.float16),
        uni_bo=uni_bo.astype(np.float16),
        stale=stale,
        bi_keys=np.diff(k, prepend=np.uint32(0)).astype(np.uint32),
        bi_q=p,
        nb_heads=np.array(heads, dtype=np.uint16),
        nb_offsets=np.array(offsets, dtype=np.uint32),
        nb_flat=np.array(flat, dtype=np.uint16),
        nb_kind=np.array(kinds, dtype=np.uint8),
        q_min=np.array([Q_MIN], dtype=np.float32),
    )
    print(f"wrote {a.out} ({os.path.getsize(a.out) / 1e6:.1f} MB) in {time.time() - t0:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
