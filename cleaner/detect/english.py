"""Which blocks of a document read as English, for the detectors of English-only artefacts.

Why: a foreign paragraph's words split into English-looking pieces ("pourtant" → "pour tant"), its
numbers follow its own conventions ("1,5 стакана") and its capitalised words are not English names; none
of these is an artefact of English text. The glued-word, convention and name-variant detectors all
ask, so the answer is computed once per document (`doc.meta`) and each block's word counts once per
block text (the fix loop's later passes see nearly every block again).
"""

from __future__ import annotations

from functools import lru_cache

from ..document import Block, Document
from .lexicon import words_of

#: English function words: a block with few of them is not English prose
FUNCTION = words_of(
    """the a an of to in on at by for with from and or but is are was were be been has have had it its
    this that these those he she they we his her their not as which who will would said i you so if all
    can after about also into than there what when up out no one"""
)
#: share of function words in a block (or, for a block under MIN_WORDS words, in the document)
RATIO = 0.12
MIN_WORDS = 8


@lru_cache(maxsize=8192)
def _counts(prose: str) -> tuple[int, int]:
    words = prose.lower().split()
    return len(words), sum(map(FUNCTION.__contains__, words))


def blocks(doc: Document) -> list[tuple[Block, str]]:
    """(block, prose text) of the blocks that read as English: RATIO function words, or for a block of
    fewer than MIN_WORDS words, in a document that does. A document of under 20 words is taken whole:
    too little text to tell its language, and nothing to lose."""
    cached = doc.meta.get("english.blocks")
    if cached is not None:
        return cached  # type: ignore[return-value]
    mask = doc.mask
    pairs = [(b, mask[b.start : b.end]) for b in doc.blocks]  # what `doc.prose` gives, without a call each
    counts = [_counts(t) for _, t in pairs]
    total = sum(n for n, _ in counts)
    if total < 20:
        out = pairs
    else:
        ratio = sum(f for _, f in counts) / total
        out = [
            bt
            for bt, (n, f) in zip(pairs, counts, strict=True)
            if (f >= RATIO * n if n >= MIN_WORDS else ratio >= RATIO)
        ]
    doc.meta["english.blocks"] = out
    return out


def forget() -> None:
    """Clear the per-block memo (benchmarks measure a first sight of the text)."""
    _counts.cache_clear()
