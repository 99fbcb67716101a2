"""Spin detection: structural detectors, document evidence, the article score, false flags.

Clean-news corpus: tests/data/clean_news (article-extraction-benchmark gold texts, MIT; see its
README). Seeds are read from seeds/ (in the repo).
"""

from __future__ import annotations

import pytest
from conftest import DATA, ROOT, SEEDS

import cleaner.pipeline as pipeline
from cleaner.config import DEFAULT
from cleaner.detect import spin
from cleaner.detect.lexicon import can_be_verb, is_adjectival, is_non_verb, original_for
from cleaner.model import Applicability, Severity
from cleaner.segment import segment

CLEAN = sorted((DATA / "clean_news").glob("*.txt"))
SEED_003 = SEEDS / "003_69443b1925ce1ba3.txt"
SEED_000 = SEEDS / "000_af6df560e1acb889.txt"
SPIN_DETECTORS = (
    "cleaner.detect.spin.detect_verb_slot",
    "cleaner.detect.spin.detect_broken_title",
    "cleaner.detect.spin.detect_chief_minister",
)


@pytest.fixture
def spin_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the pipeline with the spin stage registered (whether or not pipeline.py lists it yet)."""
    monkeypatch.setattr(pipeline, "DETECTORS", tuple(dict.fromkeys((*pipeline.DETECTORS, *SPIN_DETECTORS))))
    adjusters = (*pipeline.ADJUSTERS, "cleaner.detect.spin.adjust")
    monkeypatch.setattr(pipeline, "ADJUSTERS", tuple(dict.fromkeys(adjusters)))
    monkeypatch.setattr(pipeline, "SCORERS", {**pipeline.SCORERS, "spin": "cleaner.detect.spin.spin_score"})


def _run(detector, text: str) -> list:
    doc = segment(text, "text")
    found = list(detector(doc, DEFAULT))
    for f in found:
        assert f.text == doc.text[f.start : f.end]
    return found


# --- lexicon ----------------------------------------------------------------------------------------


def test_lexicon_parts_of_speech() -> None:
    assert is_non_verb("additional") and is_non_verb("argument") and is_non_verb("assistance")
    assert not is_non_verb("dispute") and not is_non_verb("said") and not is_non_verb("also")
    assert not is_non_verb("zxqwv")  # unknown words are never judged
    assert can_be_verb("added") and can_be_verb("told")
    assert is_adjectival("closest") and not is_adjectival("immediately")
    assert original_for("additional", "past") == "added"


def test_lexicon_text_search_and_table_agree() -> None:
    """The first lookups search the file's text, later ones a dict: both must give the same tags."""
    from cleaner.detect.lexicon import _Lexicon

    words = ["additional", "argument", "added", "dispute", "zxqwv", "", "a\tb", "said", "closest", "the"]
    lines = (ROOT / "cleaner/data/pos_lexicon.tsv").read_text(encoding="utf-8").splitlines()
    listed = [ln.split("\t")[0] for ln in lines if ln and not ln.startswith("#")]
    words += listed[:3] + listed[-3:] + listed[:: max(1, len(listed) // 50)]
    by_search = _Lexicon()
    by_search.BUILD_AFTER = len(words) + 1
    searched = [by_search.get(w) for w in words]
    assert by_search._table is None
    by_table = _Lexicon()
    by_table.BUILD_AFTER = 0
    assert [by_table.get(w) for w in words] == searched
    assert by_table._table is not None
    assert searched[0] and searched[words.index("zxqwv")] == "" and searched[words.index("a\tb")] == ""
    assert all(searched[words.index(w)] for w in listed[:3] + listed[-3:])


# --- verb slot ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word", "suggestion"),
    [
        ("“We have offered our assistance,” he additional.", "additional", "added"),
        ("Supporters of parties who argument the results protested.", "argument", "dispute"),
        ("They stand to assistance most from forcing him out.", "assistance", "benefit"),
        ("No group closest claimed responsibility for the attack.", "closest", "immediately"),
        ("“It is over,” she statement.", "statement", "said"),
        ("The rebels could argument the ceasefire terms.", "argument", "dispute"),
    ],
)
def test_verb_slot_flags(text: str, word: str, suggestion: str) -> None:
    found = _run(spin.detect_verb_slot, text)
    assert [(f.text, f.suggestion) for f in found] == [(word, suggestion)]


def test_verb_slot_unseen_word_flags_without_suggestion() -> None:
    found = _run(spin.detect_verb_slot, "Officials who gratitude the decision spoke to reporters.")
    assert [f.text for f in found] == ["gratitude"]
    assert found[0].suggestion is None and found[0].applicability == Applicability.NONE


@pytest.mark.parametrize(
    "text",
    [
        "“We have offered our assistance,” he added.",
        "Supporters of parties who dispute the results protested.",
        "They stand to benefit most from forcing him out.",
        "No group immediately claimed responsibility for the attack.",
        "“It is over,” she said. “It is over,” he alone.",
        "Soldiers rushed to the assistance of the injured.",
        "The village closest to the border was shelled.",
        "He said he would additional funds, the will of the people said.",
        "Those who have the most to lose stayed home.",
        "Braun, who reps the likes of Justin Bieber, declined to comment.",  # a false flag on AEB gold text
        "Fans who text the hotline get a reply; voters who livestream the count were praised.",
        # irregular pasts the thesaurus tags as nouns or adjectives only
        "The man who ate the cake left. Soldiers who dug the trench, students who sat the exam.",
        "Protesters who lit the fires and officials who laid the wreath spoke to reporters.",
    ],
)
def test_verb_slot_passes(text: str) -> None:
    assert _run(spin.detect_verb_slot, text) == []


# --- titles and chief minister ----------------------------------------------------------------------


def test_broken_title() -> None:
    found = _run(spin.detect_broken_title, "Talks with international Minister Sergei Lavrov ended.")
    assert [(f.text, f.suggestion) for f in found] == [("international", "Foreign")]
    assert _run(spin.detect_broken_title, "Talks with Foreign Minister Sergei Lavrov ended.") == []
    assert _run(spin.detect_broken_title, "Talks with the former Minister Sergei Lavrov ended.") == []


def test_chief_minister_with_pm_evidence_is_safe() -> None:
    text = "Iraq’s PM survives attack\n\nThe chief minister was safe, and chief Minister Mustafa al-Kadhimi spoke."
    found = _run(spin.detect_chief_minister, text)
    assert [(f.text, f.suggestion) for f in found] == [
        ("chief minister", "prime minister"),
        ("chief Minister", "Prime Minister"),
    ]
    assert all(f.applicability == Applicability.SAFE for f in found)


def test_chief_minister_without_evidence_is_only_suggested() -> None:
    found = _run(spin.detect_chief_minister, "The chief minister of the country resigned on Friday.")
    assert len(found) == 1 and found[0].applicability == Applicability.SUGGESTED


@pytest.mark.parametrize(
    "text",
    [
        "West Bengal chief minister Mamata Banerjee met the prime minister in Delhi.",
        "Punjab Chief Minister Maryam Nawaz said the PM would visit Lahore.",
        "The Chief Minister of the Northern Territory announced the budget.",
        "Chief Minister Mamata Banerjee spoke.",
    ],
)
def test_chief_minister_guards(text: str) -> None:
    assert _run(spin.detect_chief_minister, text) == []


# --- whole pipeline ---------------------------------------------------------------------------------


@pytest.mark.usefixtures("spin_pipeline")
def test_clean_news_false_flags() -> None:
    """Held-out clean news: at most 1 spin finding at warning or above per 10,000 words."""
    words = flags = 0
    for path in CLEAN:
        text = path.read_text(encoding="utf-8")
        words += len(text.split())
        res = pipeline.clean_text(text, path=path.name, fix=False)
        flags += sum(1 for f in res.findings if f.category == "spin" and f.severity.rank >= Severity.WARNING.rank)
    assert words > 20000
    assert flags * 10000 / words <= 1.0, f"{flags} spin flags in {words} words of clean news"


@pytest.mark.usefixtures("spin_pipeline")
def test_score_orders_spun_above_clean() -> None:
    spun = pipeline.clean_text(SEED_003.read_text(encoding="utf-8"), path=SEED_003.name, fix=False)
    assert spun.scores["spin"] >= 0.7
    for path in CLEAN[:10]:
        clean = pipeline.clean_text(path.read_text(encoding="utf-8"), path=path.name, fix=False)
        assert clean.scores["spin"] <= 0.2 < spun.scores["spin"]


def test_score_bounds() -> None:
    doc = segment("Nothing to see here.", "text")
    assert spin.spin_score(doc, []) == 0.0
    assert spin.spin_score(segment("", "text"), []) == 0.0


@pytest.mark.usefixtures("spin_pipeline")
def test_seed_003_restored_where_sure() -> None:
    res = pipeline.clean_text(SEED_003.read_text(encoding="utf-8"), path=SEED_003.name)
    out = res.cleaned
    for good in [
        "Iraq’s military says Prime Minister Mustafa al-Kadhimi survived",
        "security sources told Reuters news agency that at least six members of the prime minister’s",
        "No group immediately claimed responsibility",
        "parties who dispute the results",
        "is to hold you accountable",
        "a bloc led by influential",
        "he added.",
    ]:
        assert good in out
    for bad in ["chief minister", "chief Minister", "at the minimum", "he additional"]:
        assert bad not in out
    assert pipeline.clean_text(out, path=SEED_003.name).cleaned == out  # idempotent


@pytest.mark.usefixtures("spin_pipeline")
def test_seed_000_has_no_spin_on_correct_text() -> None:
    text = SEED_000.read_text(encoding="utf-8")
    res = pipeline.clean_text(text, path=SEED_000.name, fix=False)
    for correct in ["Iraqi Prime Minister Mustafa al-Kadhimi", "to hold you accountable", "live ammunition"]:
        pos = text.find(correct)
        assert pos >= 0
        assert not [f for f in res.findings if f.category == "spin" and f.start < pos + len(correct) and f.end > pos]
