"""Per-page consistency: where a paragraph stands among its neighbours and in the page's tail.

Furniture comes in zones: a teaser list, a comment thread, a footer. What a single short line says
is weak evidence, but a page's tail (nothing long follows, the neighbours share little of the
article's vocabulary) is furniture as a whole, while a listicle or a long how-to goes on with long
paragraphs on the article's topic after a short stretch. Site-independent: nothing here names a site.
"""

from __future__ import annotations

from collections.abc import Sequence


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
    are off the article's topic (teaser lists, comment threads). There an after-article or off-topic
    verdict of the rules stands without the model's backing (WCXB dev fit half: 72 boilerplate / 3
    body), and the model alone has its own safe threshold (`Model.tail_threshold`)."""
    return good_later <= TAIL_GOOD_LATER and zone_overlap < TAIL_ZONE_OVERLAP
