"""Per-page consistency signals of the boilerplate model: line templates, neighbourhoods, the tail zone."""

from __future__ import annotations

from cleaner.detect import boilerplate as B
from cleaner.detect.boilerplate import signals, zones
from cleaner.detect.boilerplate.features import Para
from cleaner.segment import segment

ARTICLE = [
    "The city council voted on Tuesday to extend the river path by two miles, after a year of public meetings.",
    "Council members said the extension would link the two parks and give cyclists a safer route to the centre.",
    "Work on the river path is expected to start in the spring, and the council will publish the plans next month.",
]


def paras(lines: list[str]) -> list[Para]:
    doc = segment("\n\n".join(lines) + "\n", "text")
    return B._analysis(doc).body


def test_comment_headers_share_a_skeleton_long_paragraphs_have_none() -> None:
    ps = paras(["joetoronto says:", "thelastchargersfan says:", ARTICLE[0]])
    assert zones.skeleton(ps[0]) == zones.skeleton(ps[1])
    assert zones.skeleton(ps[2]) is None


def test_a_template_repeated_after_the_article_counts_as_furniture() -> None:
    lines = [
        *ARTICLE,
        "joetoronto says:",
        "November 19, 2019 at 6:34 am",
        "margoadams says:",
        "November 19, 2019 at 7:02 am",
    ]
    ps = paras(lines)
    sig = zones.template_signals(ps, 0, 2)
    assert sig[3][0] > 0 and sig[4][0] > 0
    assert sig[3][1] == 0.0
    assert sig[0] == (0.0, 0.0, sig[0][2])


def test_a_template_the_article_uses_counts_the_other_way() -> None:
    lines = ["Step 1:", ARTICLE[0], "Step 2:", ARTICLE[1], "Step 3:"]
    ps = paras(lines)
    sig = zones.template_signals(ps, 0, 3)
    assert sig[4][1] == 1.0


def row(**values: float) -> list[float]:
    out = [0.0] * len(signals.FEATURES)
    for name, v in values.items():
        out[signals.FEATURES.index(name)] = v
    return out


def test_tail_zone_needs_no_long_paragraph_later_and_off_topic_neighbours() -> None:
    assert signals.tail_zone(row(good_later=0.0, zone_overlap=0.1))
    assert not signals.tail_zone(row(good_later=0.5, zone_overlap=0.1))  # a listicle goes on
    assert not signals.tail_zone(row(good_later=0.0, zone_overlap=0.6))  # on the article's topic


def test_model_has_a_tail_threshold_no_laxer_than_needed() -> None:
    m = signals.model()
    assert 0.5 < m.tail_threshold <= m.threshold < 1.0
    assert "tail" in m.note
