"""Name-consistency detector: minority spellings get the majority spelling; different names are left alone."""

from __future__ import annotations

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
