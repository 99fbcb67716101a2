"""Glued and split words (cleaner/detect/glued.py): rule examples, guards, offsets and fix safety."""

from __future__ import annotations

import pytest

from cleaner import clean_text
from cleaner.config import Config
from cleaner.detect import freq, glued
from cleaner.model import Applicability
from cleaner.segment import segment


def found(text: str) -> list[tuple[str, str, str | None, str]]:
    doc = segment(text, "text")
    out = []
    for f in glued.detect(doc, Config()):
        assert f.text == doc.text[f.start : f.end] and f.category == "mt"
        out.append((f.rule, f.text, f.suggestion, f.applicability.value))
    return out


@pytest.mark.parametrize(("rule", "text"), [(r, t) for r, (_, flag, _) in glued.RULES.items() for t in flag])
def test_rule_flags(rule: str, text: str) -> None:
    assert any(r == rule for r, *_ in found(text))


@pytest.mark.parametrize(("rule", "text"), [(r, t) for r, (_, _, ok) in glued.RULES.items() for t in ok])
def test_rule_passes(rule: str, text: str) -> None:
    assert not any(r == rule for r, *_ in found(text))


def test_frequencies_come_from_the_data_file() -> None:
    assert freq.zipf("the") > 7 > freq.zipf("president") > 5
    assert 0 < freq.zipf("bestrode") < 2.5  # a rare form: found by the binary search over the rare lines
    assert freq.zipf("thepresident") == 0.0


def test_glued_suggests_the_split_and_a_safe_fix_only_when_certain() -> None:
    [(rule, text, suggestion, applicability)] = found("Officials said the visit of thepresident was postponed again.")
    assert (rule, text, suggestion, applicability) == ("mt/glued-words", "thepresident", "the president", "safe")
    # a two-letter glue word last is how Latin words end: suggested at most
    assert all(a != "safe" for *_, a in found("The principle of cura personalis guides the school and its staff."))


def test_closed_compounds_and_prefixes_pass() -> None:
    text = "The yearslong dispute over workpaper rules and onchain upcharges was settled by the board."
    assert found(text) == []


def test_names_handles_urls_and_code_pass() -> None:
    text = (
        "Follow @saidon and #thepresident. Visit thepresident.org or see `saidon` in the code.\n\n"
        "The company Thepresident Ltd and its product SaidOn were named; Thepresident did not comment."
    )
    assert found(text) == []


def test_capitalised_the_glued_once_is_suggested() -> None:
    assert found("Thegovernment said on Monday that the plan would go ahead.") == [
        ("mt/glued-words", "Thegovernment", "The government", "suggested")
    ]
    assert found("Theodore met Thegovernment Ltd. Later Thegovernment Ltd said so.") == []


def test_split_word_is_not_also_a_glued_word() -> None:
    rules = [r for r, *_ in found("Police and law enfor cement officers searched the area all night.")]
    assert rules == ["mt/split-word"]


def test_foreign_block_is_skipped() -> None:
    text = (
        "The minister spoke to the press on Monday about the new budget and the plans for the year.\n\n"
        "Pourtant le gouvernement maintient sa position malgré les critiques des syndicats et partis."
    )
    assert found(text) == []


def test_clean_applies_only_safe_fixes_and_is_idempotent() -> None:
    text = "The visit of thepresident was postponed, and the govern ment said so in a statement.\n"
    once = clean_text(text).cleaned
    assert "the president" in once and "govern ment" in once  # the split word is only suggested
    assert clean_text(once).cleaned == once
    f = [f for f in clean_text(text, fix=False).findings if f.rule == "mt/split-word"]
    assert f and f[0].applicability == Applicability.SUGGESTED


def test_markdown_code_and_links_are_not_prose() -> None:
    text = "The visit of `thepresident` was postponed, see [the report](https://example.org/saidon).\n"
    doc = segment(text, "markdown")
    assert [f.text for f in glued.detect(doc, Config())] == []
