from __future__ import annotations

import pytest
import yaml
from conftest import DATA

from cleaner.config import DEFAULT
from cleaner.fixes import apply, plan
from cleaner.normalise import NORMALISERS
from cleaner.normalise.quotes import fix_quotes
from cleaner.segment import segment

CASES = yaml.safe_load((DATA / "normalise_cases.yaml").read_text(encoding="utf-8"))


def normalise(text: str, config=DEFAULT) -> str:  # type: ignore[no-untyped-def]
    for _ in range(5):
        doc = segment(text)
        findings = [f for n in NORMALISERS for f in n(doc, config)]
        for f in findings:
            assert f.text == text[f.start : f.end]
        edits = plan(findings, config)
        if not edits:
            return text
        text = apply(text, edits)
    raise AssertionError("normalisers did not reach a fixed point")


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["name"] for c in CASES["cases"]])
def test_case(case: dict[str, str]) -> None:
    assert normalise(case["in"]) == case["out"]
    assert normalise(case["out"]) == case["out"]


@pytest.mark.parametrize("text", CASES["same"])
def test_clean_text_is_unchanged(text: str) -> None:
    assert normalise(text) == text


def test_straight_house_style() -> None:
    cfg = DEFAULT.with_(quote_style="straight")
    assert normalise("« Oui » and “yes” and it’s", cfg) == '"Oui" and "yes" and it\'s'


def test_unbalanced_quote_is_flagged_not_fixed() -> None:
    text = "The attack « is a new uproar by terrorist groups, He said.\n\nNext paragraph."
    doc = segment(text)
    (found,) = fix_quotes(doc, DEFAULT)
    # one finding: the guillemet (with the space inside it) becomes the house style's opening mark, and
    # the message says the quotation is never closed in its paragraph
    at = text.index("«")
    assert (found.rule, found.start, found.end, found.text) == ("quotes/foreign", at, at + 2, "« ")
    assert found.suggestion == "“"
    assert "never closed" in found.message
    # flagged, not fixed: no closing mark is invented, in this paragraph or the next
    assert normalise(text) == text.replace("« ", "“")


def test_multi_paragraph_quotation_is_not_unbalanced() -> None:
    text = "“The first paragraph of a long quote.\n\n“And its end,” he said."
    doc = segment(text)
    assert "quotes/unbalanced" not in [f.rule for f in fix_quotes(doc, DEFAULT)]


def test_stray_ampersand_is_reported_once() -> None:
    """The MT detector reports a stray "&" (with a suggested deletion); no normaliser repeats it."""
    from cleaner.pipeline import detect

    doc = segment("It came through the establishment of the & support for the & terrorist groups, officials said.")
    found = [f for f in detect(doc, DEFAULT) if "&" in f.text]
    assert [f.rule for f in found] == ["mt/ampersand-debris", "mt/ampersand-debris"]
    assert not [f for n in NORMALISERS for f in n(doc, DEFAULT) if "&" in f.text]


@pytest.mark.parametrize(
    "text",
    [
        'The bezels on the 13" model are large, and a 14" display makes sense.',
        "» Coluna de Adauto Silva",
        "Go to Home Page »",
        "Back to Top «",
    ],
)
def test_inch_signs_and_arrows_are_not_quotation_marks(text: str) -> None:
    """A `"` after a number with no quotation open is an inch sign; a lone guillemet at the edge of a
    line is an arrow or a bullet: neither is converted, padded or reported as unbalanced."""
    assert list(fix_quotes(segment(text), DEFAULT)) == []


def test_quotation_marks_next_to_numbers_and_line_edges_still_count() -> None:
    rules = lambda t: [(f.rule, f.suggestion) for f in fix_quotes(segment(t), DEFAULT)]  # noqa: E731
    assert rules('“Until 2019" he said.') == [("quotes/house-style", "”")]  # closes the open quotation
    assert [r for r, _ in rules("« I am fine")] == ["quotes/foreign"]  # opens one (and says it is unclosed)
    assert [s for _, s in rules("« Oui » said the man.")] == ["“", "”"]
