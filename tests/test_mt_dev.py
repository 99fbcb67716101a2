"""The MT development set on a small sample (tests/data/mt_dev_sample.jsonl; see README-mt-dev.md).

`bench/mt_devset.py` injects one artefact of each category into clean texts; the pipeline must find
most of them where they are, and draw no MT-artefact finding on the texts before injection. The full
figures (300 texts) come from `python bench/mt_dev.py`.
"""

from __future__ import annotations

import json
import random
import sys

from conftest import DATA, ROOT

from cleaner import clean_text

sys.path.insert(0, str(ROOT / "bench"))

import mt_dev
import mt_devset

SAMPLE = DATA / "mt_dev_sample.jsonl"


def _texts() -> list[tuple[str, str]]:
    with SAMPLE.open(encoding="utf-8") as fh:
        return [(r["id"], r["gold"]) for r in map(json.loads, fh)]


def test_injection_records_exact_spans() -> None:
    rng = random.Random(1)
    for doc_id, text in _texts():
        sample = mt_devset.inject(doc_id, text, rng)
        assert sample.spans and len({c for *_, c in sample.spans}) >= 3
        for s, e, cat in sample.spans:
            piece = sample.text[s:e]
            assert piece and piece == piece.strip() and piece not in ("", " ")
            assert cat in mt_devset.CATEGORIES


def test_clean_texts_draw_no_mt_artefact_findings() -> None:
    for _, text in _texts():
        assert [f.rule for f in clean_text(text, fix=False).findings if mt_dev.category(f)] == []


def test_recall_and_precision_per_category() -> None:
    rng = random.Random(24)
    samples = [mt_devset.inject(i, t, rng) for i, t in _texts()]
    sc = mt_dev.score(samples, mt_dev.run(samples))
    total = sum(c["gold"] for c in sc.values())
    found = sum(c["found"] for c in sc.values())
    assert total >= 30 and found >= 0.6 * total
    for cat in ("split", "calque", "convention"):
        assert sc[cat]["found"] >= 0.5 * sc[cat]["gold"], cat
    flagged = sum(c["flagged"] for c in sc.values())
    true = sum(c["true"] for c in sc.values())
    assert true >= 0.9 * flagged
