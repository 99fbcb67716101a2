"""The clean-English screen: no shipped spin/MT pack phrase is ordinary English, and a bad pair cannot come back.

The evidence is recorded in cleaner/data/phrase_screen.tsv (bench/tools/build_phrase_screen.py), so these
tests need neither the network nor ../shared.
"""

from __future__ import annotations

from pathlib import Path

from cleaner.config import DEFAULT
from cleaner.packs import load_packs
from cleaner.packs.schema import load_pack
from cleaner.packs.screen import STRICT_PACKS, Evidence, load_reference, phrase_reason, screen_packs


def test_every_shipped_phrase_has_evidence_and_passes() -> None:
    verdicts = screen_packs(load_packs(DEFAULT).packs)
    assert len(verdicts) > 9000
    bad = [(v.rule, v.phrase, v.reason) for v in verdicts if v.status in ("rejected", "missing")]
    assert bad == []


def test_known_false_flags_would_be_rejected() -> None:
    """The pairs that flagged clean pages are still in the reference, and it rejects them."""
    ref = load_reference()
    for phrase in ("cloud computing", "search engine", "be that as it", "tax avoidance", "in energy", "first request"):
        assert phrase_reason(phrase, STRICT_PACKS["tortured-phrases"], ref), phrase
    assert phrase_reason("counterfeit consciousness", STRICT_PACKS["tortured-phrases"], ref) is None


def _pack(tmp_path: Path, name: str, entries: str) -> Path:
    p = tmp_path / f"{name}.yaml"
    p.write_text(f"pack: {name}\ndescription: t\ncategory: spin\nentries:\n{entries}", encoding="utf-8")
    return p


def test_readding_a_bad_pair_is_caught(tmp_path: Path) -> None:
    pack = load_pack(
        _pack(
            tmp_path,
            "tortured-phrases",
            "- id: cloud-computing\n  phrase: cloud computing\n  suggest: cloud environment\n"
            "- id: counterfeit-consciousness\n  phrase: counterfeit consciousness\n  suggest: artificial intelligence\n"
            "- id: dimensionality-reduction\n  phrase: dimensionality reduction\n  suggest: diabetic retinopathy\n"
            "- id: dimensionality-decrease\n  phrase: dimensionality decrease\n  suggest: dimensionality reduction\n",
        )
    )
    got = {v.rule.split("/")[1]: v.status for v in screen_packs([pack])}
    assert got["cloud-computing"] == "rejected"
    assert got["counterfeit-consciousness"] == "ok"
    # named by the same source as the original of another pair: an established term
    assert got["dimensionality-reduction"] == "rejected"


def test_thresholds_and_guards(tmp_path: Path) -> None:
    ref = {
        "rare phrase": Evidence(-9.5, 0),
        "middling phrase": Evidence(-8.5, 0),
        "common phrase": Evidence(-6.0, 0),
        "seen phrase": Evidence(-12.0, 1),
    }
    body = "".join(f"- id: {k.replace(' ', '-')}\n  phrase: {k}\n  suggest: x y\n" for k in ref)
    body += (
        "- id: guarded\n  phrase: common phrase\n  suggest: x y\n  unless:\n  - after: ^\\s+wage\n"
        "  examples:\n    flag: [a common phrase here]\n    pass: [a common phrase wage]\n"
        "- id: unknown\n  phrase: never recorded\n  suggest: x y\n"
    )
    news = {v.rule.split("/")[1]: v.status for v in screen_packs([load_pack(_pack(tmp_path, "news", body))], ref)}
    assert news == {
        "rare-phrase": "ok",
        "middling-phrase": "ok",  # below the news threshold (-8)
        "common-phrase": "rejected",
        "seen-phrase": "rejected",  # found in the clean curation corpus
        "guarded": "guarded",
        "unknown": "missing",
    }
    pps_pack = load_pack(_pack(tmp_path, "tortured-phrases", body))
    pps = {v.rule.split("/")[1]: v.status for v in screen_packs([pps_pack], ref)}
    assert pps["middling-phrase"] == "rejected"  # scientific pairs need ten times stronger evidence
    assert pps["rare-phrase"] == "ok"


def test_grammar_packs_are_not_screened(tmp_path: Path) -> None:
    p = tmp_path / "errs.yaml"
    p.write_text("pack: errs\ndescription: t\ncategory: grammar\nentries:\n- id: a\n  phrase: alot\n", encoding="utf-8")
    assert screen_packs([load_pack(p)], {"alot": Evidence(-4.0, 5)}) == []
