"""Source-language number, date and time conventions (cleaner/detect/conventions.py)."""

from __future__ import annotations

import pytest

from cleaner.config import Config
from cleaner.detect import conventions
from cleaner.segment import segment


def found(text: str) -> list[tuple[str, str, str | None]]:
    doc = segment(text, "text")
    out = []
    for f in conventions.detect(doc, Config()):
        assert f.text == doc.text[f.start : f.end] and f.category == "mt"
        assert f.applicability.value != "safe"
        out.append((f.rule, f.text, f.suggestion))
    return out


@pytest.mark.parametrize(("rule", "text"), [(r, t) for r, (_, flag, _) in conventions.RULES.items() for t in flag])
def test_rule_flags(rule: str, text: str) -> None:
    assert any(r == rule for r, *_ in found(text))


@pytest.mark.parametrize(("rule", "text"), [(r, t) for r, (_, _, ok) in conventions.RULES.items() for t in ok])
def test_rule_passes(rule: str, text: str) -> None:
    assert not any(r == rule for r, *_ in found(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Exports fell by 3,5 million tonnes.", ("mt/decimal-comma", "3,5", "3.5")),
        ("The city paid 1.500.000 euros.", ("mt/thousands-separator", "1.500.000", "1,500,000")),
        ("The meeting starts at 13h30 sharp.", ("mt/time-format", "13h30", "13:30")),
        ("The vote was held on the 5 of March.", ("mt/day-of-month", "the 5 of March", "5 March")),
        ("He finished 22th in the race.", ("mt/ordinal", "22th", "22nd")),
        ("Tickets cost 500 € each.", ("mt/currency-after-amount", "500 €", "€500")),
        ("The decree of 05.03.2024 was annulled.", ("mt/dotted-date", "05.03.2024", "5 March 2024")),
    ],
)
def test_suggestions(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in found(text)


def test_british_dates_and_english_numbers_pass() -> None:
    text = (
        "On 5 March 2024 the council met at 13:30 and approved 1,500,000 euros, or 2.5% of the budget.\n\n"
        "The 21st session ended on March 6, and 3,500 people had signed the petition by then."
    )
    assert found(text) == []


def test_percent_space_needs_corroboration() -> None:
    assert found("Turnout was 20 % of voters in the second round of the election.") == []
    rules = [r for r, *_ in found("Turnout was 3,5 million, or 20 % of voters.")]
    assert "mt/percent-space" in rules


def test_foreign_paragraph_is_not_english_prose() -> None:
    text = (
        "The minister spoke to the press on Monday about the new budget and the plans for the year.\n\n"
        "Отварной рис – 1,5 стакана, 1 луковица и 0,5 ч. л. сахара, соль и перец по вкусу для блюда."
    )
    assert found(text) == []
