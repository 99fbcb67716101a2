"""Untranslated leftovers in English prose (cleaner/detect/foreign.py): each rule flags its artefact and
passes ordinary English, including product lists and title-case lines that look foreign to lingua."""

from __future__ import annotations

import pytest

from cleaner.config import Config
from cleaner.detect import foreign
from cleaner.pipeline import detect
from cleaner.segment import segment

FILLER = (
    "Officials said the attack on the residence was a major escalation in the dispute over the election "
    "results, and they called for calm and restraint from all sides in the country."
)

FRENCH = "Le gouvernement a annoncé une enquête sur les violences de la semaine dernière."


def rules(text: str) -> list[tuple[str, str]]:
    doc = segment(FILLER + "\n\n" + text + "\n\n" + FILLER + "\n", "text")
    out = []
    for f in foreign.detect(doc, Config()):
        assert f.text == doc.text[f.start : f.end]
        out.append((f.rule, f.text))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            FRENCH,
            [("mt/foreign-sentence", FRENCH)],
        ),
        (
            "The minister spoke for an hour. Die Regierung hat die Pläne nicht bestätigt, sagte er. Then he left.",
            [("mt/foreign-sentence", "Die Regierung hat die Pläne nicht bestätigt, sagte er.")],
        ),
        (
            "The spokesman, qui a été nommé en janvier dernier, refused to comment on the report.",
            [("mt/foreign-phrase", "qui a été nommé en janvier dernier")],
        ),
        (
            "The president met Сергей Лавров in Moscow, where the talks lasted three hours, officials said.",
            [("mt/foreign-script", "Сергей Лавров")],
        ),
        (
            "The delegation will include Foreign Minister 王毅 and other senior officials, his office said.",
            [("mt/foreign-script", "王毅")],
        ),
    ],
)
def test_flags(text: str, expected: list[tuple[str, str]]) -> None:
    assert rules(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Medium Firm: Hybrid Plus Mattress",
        "Best Value: Nectar Premier Memory Foam Plus Edition.",
        "Sale Price Con Cuidado Del Mar Resort Collection.",
        "Ultra Plush Pillow Top Como Hybrid Plus Edition.",
        "The museum, the Museo del Prado, is a de facto national treasure, a raison d'être for the city.",
        "Chinese President Xi Jinping (习近平) will visit Paris in May, his office said.",
        "You should try Continue Moving Company 延续搬家 for your next move.",
        "The study measured α-synuclein levels, and the β coefficient was 0.4 in the final model.",
        'let text = "Hello, 世界!"; for ch in text.chars() { println!("{}", ch); }',
        "Инди-курс программирования на Python от egoroff_channel",
        "Die Hard is a film, and Die Antwoord are a band from Cape Town.",
    ],
)
def test_passes(text: str) -> None:
    assert rules(text) == []


def test_not_on_a_document_in_another_script() -> None:
    """A page in Russian is not English prose with Russian names in it."""
    text = "Президент Владимир Путин провёл встречу с министрами в Кремле во вторник.\n\n" * 5
    assert list(foreign.detect(segment(text), Config())) == []


ENTRIES = foreign.furniture_entries()


@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{e['lang']}:{e['phrase']}" for e in ENTRIES])
def test_furniture_entry_examples(entry: dict[str, str]) -> None:
    """Every furniture entry flags its `flag` line (as its own paragraph) and passes its English `pass`."""
    assert entry["lang"] in {"fr", "es", "de", "it", "pt", "ru", "zh"}
    flagged = [r for r in rules(entry["flag"]) if r[0] == "mt/foreign-furniture"]
    assert flagged, entry["flag"]
    assert flagged[0][1].lower() in entry["flag"].lower()
    assert [r for r in rules(entry["pass"]) if r[0] == "mt/foreign-furniture"] == []


def test_furniture_covered_by_boilerplate_is_one_finding() -> None:
    text = FILLER + "\n\nDonnez votre avis et abonnez-vous pour plus d’infos\n\n" + FILLER + "\n"
    found = detect(segment(text))
    line = text.index("Donnez")
    assert not [f for f in found if f.rule.startswith("mt/foreign") and f.start >= line]
