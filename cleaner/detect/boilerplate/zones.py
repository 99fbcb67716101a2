"""Per-page consistency: lines that share a template with other lines of the same page.

A site's furniture is generated: every comment starts with "<name> says:" or "<name> on <date> at
<time> said:", every teaser ends with a "11/20/2019 10:08 AM" stamp, every card carries the same
"By <AGENCY>" line. Each such line differs from the others in its names and digits, so the exact
`repeated` signal misses them, yet their *skeleton* (last word with digits masked, final character,
number of digit groups, length bucket) repeats. A skeleton repeated outside the article run marks a
furniture zone; one the article run itself uses (a recipe's "Step 2:", a listicle's numbered items)
is the article's own pattern and counts the other way. Site-independent: nothing here names a site.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .features import Para

_WORDISH = re.compile(r"\w+", re.UNICODE)
_DIGITS = re.compile(r"\d+")
#: paragraphs longer than this are prose or cards, not template lines
_MAX_WORDS = 12


def skeleton(p: Para) -> tuple[str, str, int, int] | None:
    """The template a short line follows (None for longer paragraphs and empty ones)."""
    text = p.text.strip()
    if not text or p.n_words > _MAX_WORDS:
        return None
    words = _WORDISH.findall(text)
    last = _DIGITS.sub("0", words[-1].lower()) if words else ""
    return (last, text[-1], len(_DIGITS.findall(text)), min(3, p.n_words // 3))


def template_signals(paras: Sequence[Para], start: int, end: int) -> list[tuple[float, float, float]]:
    """Per paragraph: (skeleton repeats outside the article, scaled; skeleton used inside the article;
    share of the +-3 neighbours whose skeleton repeats outside the article)."""
    skels = [skeleton(p) for p in paras]
    outside: Counter[tuple[str, str, int, int]] = Counter()
    inside: set[tuple[str, str, int, int]] = set()
    for i, s in enumerate(skels):
        if s is None:
            continue
        if start <= i <= end:
            inside.add(s)
        else:
            outside[s] += 1
    rep = [s is not None and outside[s] - (not start <= i <= end) >= 1 for i, s in enumerate(skels)]
    n = len(paras)
    out: list[tuple[float, float, float]] = []
    for i, s in enumerate(skels):
        others = outside[s] - (not start <= i <= end) if s is not None else 0
        lo, hi = max(0, i - 3), min(n, i + 4)
        near = (sum(rep[lo:hi]) - rep[i]) / 6
        out.append((min(1.0, others / 4), float(s is not None and s in inside), near))
    return out


def zone_mean(values: Sequence[float], lo: int, hi: int, i: int) -> float:
    """Mean of the neighbours' values in [lo, hi) but i, skipping the -1 of short lines (0.5 without any)."""
    seen = [v for j, v in enumerate(values[lo:hi], lo) if j != i and v >= 0]
    return sum(seen) / len(seen) if seen else 0.5


#: a tail zone: at most this `good_later` (no long paragraph further down the page) ...
TAIL_GOOD_LATER = 0.0
#: ... and neighbours sharing less than this of the article's vocabulary (chosen on WCXB dev's fit half)
TAIL_ZONE_OVERLAP = 0.25


def in_tail(good_later: float, zone_overlap: float) -> bool:
    """Whether a paragraph stands in the page's tail: no long paragraph follows it and its neighbours
    are off the article's topic (teaser lists, comment threads). There a position or topic verdict of
    the rules stands without the model's backing (WCXB dev fit half: 72 boilerplate / 3 body), and
    the model alone has its own safe threshold (`Model.tail_threshold`)."""
    return good_later <= TAIL_GOOD_LATER and zone_overlap < TAIL_ZONE_OVERLAP
