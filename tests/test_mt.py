"""MT-artefact detector: each rule flags its artefact and passes correct English."""

from __future__ import annotations

import pytest

from cleaner.config import Config
from cleaner.detect import mt
from cleaner.segment import segment

FILLER = (
    "Officials said the attack on the residence was a major escalation in the dispute over the election "
    "results, and they called for calm and restraint from all sides in the country."
)


def rules(text: str) -> list[tuple[str, str]]:
    doc = segment(FILLER + "\n\n" + text + "\n\n" + FILLER + "\n", "text")
    out = []
    for f in mt.detect(doc, Config()):
        assert f.text == doc.text[f.start : f.end]
        out.append((f.rule, f.text))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It came through the establishment of the & support for the & terrorist groups.",
            [("mt/ampersand-debris", "& "), ("mt/ampersand-debris", "& ")],
        ),
        (
            "The text read &quot;no comment&quot; on the website.",
            [("mt/entity-debris", "&quot;"), ("mt/entity-debris", "&quot;")],
        ),
        (
            "« It is a new uproar from abroad, He said.",
            [("mt/capital-after-comma", "He said"), ("mt/unclosed-quote", "«")],
        ),
        (
            "“The blood of martyrs will hold you accountable, said the militia leader on Saturday.",
            [("mt/unclosed-quote", "“")],
        ),
        (
            "Le gouvernement a annoncé une enquête sur les violences de la semaine dernière.",
            [
                (
                    "mt/foreign-sentence",
                    "Le gouvernement a annoncé une enquête sur les violences de la semaine dernière.",
                )
            ],
        ),
    ],
)
def test_flags(text: str, expected: list[tuple[str, str]]) -> None:
    assert rules(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "AT&T and Johnson & Johnson reported results; M&A activity slowed, analysts said.",
        "Shares of Procter & Gamble rose after Barnes & Noble said it would expand.",
        "“We are in close contact with the Iraqi security forces,” he said.",
        "« I am fine and among my people. Thank God, » the Prime Minister tweeted.",
        "The crowd chanted the slogan, and he said he would not resign.",
        "He named the group Asaib Ahl al-Haq, which is backed by Iran.",
    ],
)
def test_passes(text: str) -> None:
    assert rules(text) == []


def test_quote_continued_in_next_paragraph_passes() -> None:
    text = (
        "“The relationship has been tense for a long time, she said the militias were to blame.\n\n“But it is stupid.”"
    )
    assert [r for r in rules(text) if r[0] == "mt/unclosed-quote"] == []


def test_misdirected_closing_mark_is_not_unclosed() -> None:
    assert rules("« We have offered our support in investigating this attack, « he added.") == []
