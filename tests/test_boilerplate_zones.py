"""Per-page consistency signals of the boilerplate model: line templates, neighbourhoods, the tail zone."""

from __future__ import annotations

from cleaner.detect import boilerplate as B
from cleaner.detect.boilerplate import signals, zones
from cleaner.detect.boilerplate.features import Para
from cleaner.segment import segment

ARTICLE = [
    "The city council voted on Tuesday to extend the river path by two miles, after a year of public meetings "
    "in which residents, shop owners and cycling groups argued over the route along the water.",
    "Council members said the extension would link the two parks and give cyclists a safer route to the centre, "
    "away from the busy ring road where three accidents were reported last year.",
    "Work on the river path is expected to start in the spring, and the council will publish the plans next month "
    "so that residents can comment on the design before the contracts are signed.",
]


def paras(lines: list[str]) -> list[Para]:
    doc = segment("\n\n".join(lines) + "\n", "text")
    return B._analysis(doc).body


def test_zone_mean_skips_the_paragraph_itself_and_short_lines() -> None:
    assert zones.zone_mean([0.2, -1.0, 0.9, 0.4], 0, 4, 2) == (0.2 + 0.4) / 2
    assert zones.zone_mean([-1.0, 0.9, -1.0], 0, 3, 1) == 0.5


def test_neighbours_off_the_articles_topic_lower_the_zone_overlap() -> None:
    teasers = ["Stocks slip as oil prices climb", "Five recipes for a rainy weekend", "Comments", "Share"]
    ps = paras([*ARTICLE, *teasers])
    from collections import Counter

    from cleaner.detect.boilerplate.features import _tokens

    vocab = Counter(w for p in ps[:3] for w in _tokens(p.text))
    rows = signals.vectors(ps, 0, 2, vocab)
    zone = signals.FEATURES.index("zone_overlap")
    later = signals.FEATURES.index("good_later")
    assert rows[5][zone] < 0.25 and rows[5][later] == 0.0
    assert rows[1][later] > 0.0


def row(**values: float) -> list[float]:
    out = [0.0] * len(signals.FEATURES)
    for name, v in values.items():
        out[signals.FEATURES.index(name)] = v
    return out


def test_tail_zone_needs_no_long_paragraph_later_and_off_topic_neighbours() -> None:
    assert signals.tail_zone(row(after=1.0, good_later=0.0, zone_overlap=0.1))
    assert not signals.tail_zone(row(after=1.0, good_later=0.5, zone_overlap=0.1))  # a listicle goes on
    assert not signals.tail_zone(row(after=1.0, good_later=0.0, zone_overlap=0.6))  # on the article's topic
    assert not signals.tail_zone(row(before=1.0, good_later=0.0, zone_overlap=0.1))  # only after the article


def test_model_has_a_tail_threshold_no_laxer_than_needed() -> None:
    m = signals.model()
    assert 0.5 < m.tail_threshold <= m.threshold < 1.0
    assert "tail" in m.note
