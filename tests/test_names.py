"""Name-consistency detector: minority spellings get the majority spelling; different names are left alone."""

from __future__ import annotations

import pytest

from cleaner.config import Config
from cleaner.detect import names
from cleaner.segment import segment


def found(text: str) -> list[tuple[str, str | None]]:
    doc = segment(text, "text")
    out = []
    for f in names.detect(doc, Config()):
        assert f.text == doc.text[f.start : f.end] and f.category == "names"
        out.append((f.text, f.suggestion))
    return out


def test_particle_name_variant() -> None:
    text = (
        "Prime Minister Mustafa al-Kadhimi survived. Officials said al-Kadhimi was unharmed.\n\n"
        "Al-Khadimi ordered an investigation. Militias blamed al-Kadhimi for the clashes."
    )
    assert found(text) == [("Khadimi", "Kadhimi")]


def test_two_part_name_variants() -> None:
    text = (
        "The Hashd al-Shaabi said so. The political arm of Hashd al-Shaabi won 15 seats.\n\n"
        "Supporters of the Hashed al-Shaabi marched. Analysts blame the Hash al-Shaabi."
    )
    assert found(text) == [("Hashed", "Hashd"), ("Hash", "Hashd")]


def test_different_people_are_not_merged() -> None:
    text = (
        "Muqtada al-Sadr won. Al-Sadr opposes interference. Qais al-Khazali spoke and al-Kadhimi listened.\n\n"
        "Hisham al-Hashemi was killed. Al-Hashemi had advised al-Kadhimi. Thaier al-Sudani took the photo."
    )
    assert found(text) == []


def test_no_clear_majority_no_finding() -> None:
    assert found("Officials named al-Kadhimi once and al-Khadimi once.") == []


def variants(text: str) -> list[tuple[str, str | None]]:
    doc = segment(text, "text")
    out = []
    for f in names.detect(doc, Config()):
        assert f.text == doc.text[f.start : f.end]
        if f.rule == names.VARIANT:
            assert f.suggestion is not None and f.suggestion in f.message and f.text in f.message
            out.append((f.text, f.suggestion))
    return out


def test_transliteration_variants_reported_once_with_the_majority_spelling() -> None:
    text = (
        "President Zelensky spoke on Monday. Zelensky said the war would go on.\n\n"
        "Later Selenskyj met officials in Berlin, where Selenskyj was thanked. Zelensky then flew home."
    )
    assert variants(text) == [("Selenskyj", "Zelensky")]


def test_dropped_diacritics_prefer_the_diacritic_spelling_on_a_tie() -> None:
    text = "Erdogan met the delegation in Ankara on Tuesday.\n\nErdoğan said the talks went well."
    assert variants(text) == [("Erdogan", "Erdoğan")]


def test_vowel_and_doubled_letter_variants_of_a_repeated_name() -> None:
    text = (
        "Commander Hassan Nasrallah spoke. Hassan said the talks had failed.\n\n"
        "Aides to Hasan denied it, and Hassan did not respond to questions."
    )
    assert variants(text) == [("Hasan", "Hassan")]


@pytest.mark.parametrize(
    "text",
    [
        "The Cafe on Main Street closed. The Café reopened later under new owners.",
        "Lewis arrived first. Levis came later with Lewis and the rest of the band.",
        "Reinhard spoke, and Reinhard left. Later Reinhart, his cousin, answered.",
        "The Wines of the valley and the Vines of the hills both suffered in the drought.",
    ],
)
def test_words_and_different_names_are_not_variants(text: str) -> None:
    assert variants(text) == []


def test_variant_key_folds_transliterations() -> None:
    keys = {names.variant_key(w) for w in ("Zelensky", "Zelenskyy", "Selenskyj", "Zelenskiy")}
    assert len(keys) == 1
    assert names.variant_key("Navalny") == names.variant_key("Nawalny")
    assert names.variant_key("Kiev") != names.variant_key("Kyiv")
