"""Statistical spin detection: the context model, swap anomalies, the article gate, span findings.

Data: tests/data/spin_dev (6 WCXB pages, CC BY 4.0, and their simulated spin; see its README) and
tests/data/clean_news (AEB gold texts, MIT).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from conftest import DATA

from cleaner import pipeline
from cleaner.detect import spin_context, spin_flags
from cleaner.detect.lexicon import is_non_verb
from cleaner.detect.spin_context import RULE, analyse, gate_probability
from cleaner.detect.spin_model import model
from cleaner.model import Applicability

SAMPLE = [json.loads(line) for line in (DATA / "spin_dev/wcxb-spun-sample.jsonl").read_text().splitlines()]
CLEAN = sorted((DATA / "clean_news").glob("*.txt"))


def _ids(*words: str) -> np.ndarray:
    m = model()
    return np.array([m.ids[w] for w in words], dtype=np.int64)


# --- the model -------------------------------------------------------------------------------------


def test_bigram_collocations() -> None:
    """The model knows which neighbour a context prefers: road/highway accident, he added/additional."""
    lp, seen = model().bigram(_ids("road", "highway", "he", "he"), _ids("accident", "accident", "added", "additional"))
    assert lp[0] > lp[1] and lp[2] > lp[3] + 2
    assert seen[0] and not seen[3]


def test_neighbours_from_the_thesaurus() -> None:
    m = model()
    near = {m.words[i] for i in m.neighbours(m.ids["physicians"])}
    assert "doctors" in near
    # British and American spellings of one word are not neighbours
    assert "program" not in {m.words[i] for i in m.neighbours(m.ids["programme"])}
    assert len(m.neighbours(m.ids["the"])) == 0  # function words are never judged


# --- anomalies and the gate -----------------------------------------------------------------------


def test_anomaly_offsets_and_neighbour() -> None:
    page = SAMPLE[2]
    a = analyse(page["spun"])
    assert a.anomalies and a.judged > len(a.anomalies)
    swapped = {(s, e): orig for s, e, orig, _new in page["swaps"]}
    for x in a.anomalies:
        assert page["spun"][x.start : x.end] == x.word
        assert x.p >= spin_flags.FLAG_P and x.gain > 0
    right = [x for x in a.anomalies if (x.start, x.end) in swapped]
    assert len(right) >= 0.7 * len(a.anomalies)


def test_names_unknown_and_stale_words_are_skipped() -> None:
    m = model()
    text = "The Physicians said the workflow schema metadata was fine."
    tok, *_ = spin_context._positions(m, text, None)
    spans = spin_context._offsets(text, tok.tolist())
    judged = {text[s:e] for s, e in spans.values()}
    assert "said" in judged or "was" not in judged
    assert "Physicians" not in judged  # capitalised: may be a name
    assert not judged & {"workflow", "schema", "metadata"}


def test_gate_probability_is_monotone_and_bounded() -> None:
    low = spin_context.Analysis(judged=200, words=1000, weak=2, anomalies=())
    high = spin_context.Analysis(judged=200, words=1000, weak=30, anomalies=())
    assert 0.0 <= gate_probability(low, 0) < gate_probability(low, 5) <= 1.0
    assert gate_probability(low, 0) < gate_probability(high, 0)


def test_gate_orders_spun_pages_above_their_clean_originals() -> None:
    for page in SAMPLE:
        clean = pipeline.clean_text(page["clean"], fix=False).scores["spin"]
        spun = pipeline.clean_text(page["spun"], fix=False).scores["spin"]
        assert clean < spin_context.GATE and clean < spun


def test_spans_only_inside_gated_articles_with_exact_offsets() -> None:
    flags = right = 0
    for page in SAMPLE:
        res = pipeline.clean_text(page["spun"], fix=False)
        found = [f for f in res.findings if f.rule == RULE]
        if res.scores["spin"] < spin_context.GATE:
            assert not found
            continue
        swapped = [(s, e) for s, e, _o, _n in page["swaps"]]
        for f in found:
            assert f.text == page["spun"][f.start : f.end] and f.category == "spin"
            assert f.applicability in (Applicability.SUGGESTED, Applicability.NONE)
            flags += 1
            right += any(f.start < e and s < f.end for s, e in swapped)
    assert flags and right >= 0.7 * flags


@pytest.mark.parametrize("path", CLEAN[:12], ids=lambda p: p.name)
def test_clean_news_is_not_gated(path: Path) -> None:
    res = pipeline.clean_text(path.read_text(encoding="utf-8"), path=path.name, fix=False)
    assert res.scores["spin"] < spin_context.GATE
    assert not [f for f in res.findings if f.rule == RULE]


def test_rule_examples() -> None:
    """should-flag: a swapped word inside a spun article; should-pass: the same article unspun."""
    page = SAMPLE[4]
    spun = pipeline.clean_text(page["spun"], fix=False)
    clean = pipeline.clean_text(page["clean"], fix=False)
    assert any(f.rule == RULE for f in spun.findings)
    assert not any(f.rule == RULE for f in clean.findings)
    # suggestions are never applied by `clean`: every flagged word is still there afterwards
    cleaned = pipeline.clean_text(page["spun"]).cleaned
    assert all(f.text in cleaned for f in spun.findings if f.rule == RULE)


# --- verb slots: nouns in use as verbs ------------------------------------------------------------


@pytest.mark.parametrize("word", ["showcase", "bookmark", "checkout", "plug-in", "setup"])
def test_nouns_in_use_as_verbs_are_not_non_verbs(word: str) -> None:
    assert not is_non_verb(word)


@pytest.mark.parametrize("word", ["additional", "argument", "assistance", "statement"])
def test_spun_nouns_are_still_non_verbs(word: str) -> None:
    assert is_non_verb(word)


def test_gate_adjuster_never_gives_a_safe_fix() -> None:
    """It runs on the first pass only (pipeline.REPORT_ONLY_ADJUSTERS): correct only while none of its
    findings applies by default."""
    from cleaner.config import DEFAULT
    from cleaner.fixes import applicable

    assert "cleaner.detect.spin_context.adjust" in pipeline.REPORT_ONLY_ADJUSTERS
    found = 0
    for page in SAMPLE:
        for f in pipeline.clean_text(page["spun"], fix=False).findings:
            if f.rule == RULE:
                found += 1
                assert not applicable(f, DEFAULT)
    assert found


# --- the position model (which judged positions are flagged) ------------------------------------------


def _row(lg: float, rg: float, seen: bool = True, broader: bool = False) -> np.ndarray:
    one = np.array
    return spin_flags.features(
        one([lg]),
        one([rg]),
        one([seen]),
        one([seen]),
        one([False]),
        one([False]),
        one([0.5]),
        one([1 if broader else 0], dtype=np.uint8),
        one([-4.0]),
        one([8]),
    )


def test_position_model_has_a_weight_per_feature() -> None:
    assert _row(1.0, 1.0).shape == (1, len(spin_flags.FEATURES)) == (1, len(spin_flags.WEIGHTS))


def test_position_model_rises_with_the_neighbours_gain_and_discounts_broader_neighbours() -> None:
    p = [float(spin_flags.probability(_row(g, g))[0]) for g in (0.0, 1.0, 2.0, 3.0)]
    assert p == sorted(p) and p[0] < spin_flags.FLAG_P <= p[-1]
    assert spin_flags.probability(_row(2.0, 2.0, broader=True))[0] < spin_flags.probability(_row(2.0, 2.0))[0]


def test_the_gate_counts_strong_anomalies_apart_from_the_flags() -> None:
    a = analyse(SAMPLE[2]["spun"])
    assert a.strong > 0 and a.strong != len(a.anomalies)
    assert all(spin_flags.FLAG_P <= x.p <= 1.0 for x in a.anomalies)
