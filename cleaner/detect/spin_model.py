"""The context model behind statistical spin detection, loaded lazily once per process.

`cleaner/data/spin_model.npz` (built by bench/tools/build_spin_model.py; sources, licences and
attribution in cleaner/data/spin_model.LICENSE.txt) holds, as numpy arrays:

- a vocabulary of the 65,535 most probable lower-case words of the CMU Sphinx generic US-English
  language model, with each word's unigram log10 probability and back-off weight, and a "stale" flag
  for words today's usage (wordfreq) finds far more common than the model does;
- the model's bigrams that involve a thesaurus word, as sorted 32-bit keys `left << 16 | right`
  (stored as deltas) with 8-bit quantised log10 probabilities;
- the neighbour table: for each word, the common words MyThes lists as its synonyms (both directions,
  inflections carried across, hypernyms and antonyms left out).

Why numpy arrays and not dicts: the prototype's Python dicts took 300-480 MB; these take ~15 MB
in memory, load in well under a second, and a document's lookups are one vectorised binary search.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

DATA = Path(__file__).resolve().parent.parent / "data" / "spin_model.npz"

IntArray = npt.NDArray[np.int64]
CAPITALISED = 1 << 16
FloatArray = npt.NDArray[np.float32]


class SpinModel:
    """Bigram log10 probabilities with Katz back-off, word ids and thesaurus neighbours."""

    def __init__(self, path: Path = DATA) -> None:
        with np.load(path) as z:
            self.words: list[str] = bytes(z["vocab"]).decode("ascii").split("\n")
            self.uni_lp: FloatArray = z["uni_lp"].astype(np.float32)
            self.uni_bo: FloatArray = z["uni_bo"].astype(np.float32)
            self.stale: npt.NDArray[np.bool_] = z["stale"]
            self.keys: npt.NDArray[np.uint32] = np.cumsum(z["bi_keys"], dtype=np.uint32)
            q_min = float(z["q_min"][0])
            levels = (np.arange(256, dtype=np.float32) / 255.0) * q_min
            self.bi_lp: FloatArray = levels[z["bi_q"]]
            heads = z["nb_heads"].astype(np.int64)
            self.nb_offsets: IntArray = z["nb_offsets"].astype(np.int64)
            self.nb_flat: IntArray = z["nb_flat"].astype(np.int64)
            #: 0 synonym, 1 the neighbour is broader (a hypernym), 2 narrower
            self.nb_kind: npt.NDArray[np.uint8] = z["nb_kind"]
        self.ids: dict[str, int] = {w: i for i, w in enumerate(self.words)}
        #: the same ids for lower-case forms, and id + CAPITALISED for Capitalised ones ("The"): one
        #: look-up per token tells both the word and whether it is written as a common word
        self.forms: dict[str, int] = {w.capitalize(): i + CAPITALISED for i, w in enumerate(self.words)}
        self.forms.update(self.ids)
        #: vocabulary id → row of the neighbour table, or -1
        self.nb_row: IntArray = np.full(len(self.words), -1, dtype=np.int64)
        self.nb_row[heads] = np.arange(len(heads))

    def neighbours(self, word_id: int) -> IntArray:
        row = self.nb_row[word_id]
        if row < 0:
            return np.empty(0, dtype=np.int64)
        return self.nb_flat[self.nb_offsets[row] : self.nb_offsets[row + 1]]

    def bigram(self, left: IntArray, right: IntArray) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
        """log10 P(right | left) elementwise, and whether the pair was seen (not backed off)."""
        q = (left.astype(np.uint32) << np.uint32(16)) | right.astype(np.uint32)
        # sorted needles search 3x faster (each search starts where the last ended: fewer cache misses)
        order = np.argsort(q)
        at = np.empty(len(q), dtype=np.int64)
        at[order] = np.searchsorted(self.keys, q[order])
        at = np.minimum(at, len(self.keys) - 1)
        seen = self.keys[at] == q
        lp = np.where(seen, self.bi_lp[at], self.uni_bo[left] + self.uni_lp[right])
        return lp.astype(np.float32), seen

    def size_bytes(self) -> int:
        arrays = (
            self.uni_lp,
            self.uni_bo,
            self.stale,
            self.keys,
            self.bi_lp,
            self.nb_offsets,
            self.nb_flat,
            self.nb_kind,
        )
        return sum(a.nbytes for a in arrays) + self.nb_row.nbytes


@cache
def model() -> SpinModel:
    """The shared model (loaded on first use; a forking parent can call this to share it)."""
    return SpinModel()
