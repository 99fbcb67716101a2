"""Rules of the name-consistency detector (cleaner/detect/names.py): one person or group, one spelling."""

from __future__ import annotations

from .core import code_rule

INCONSISTENT_SPELLING = code_rule(
    "names/inconsistent-spelling",
    "names",
    "A name spelt one way in most of the article and another way here (al-Khadimi for al-Kadhimi)",
    """Translation and spinning spell a recurring name differently in places. When one spelling is a clear
    majority and the minority one differs by a letter swap or a dropped letter, the majority spelling is
    suggested; different names that look alike (al-Sadr, al-Hashemi) are left alone.""",
    [
        "Prime Minister Mustafa al-Kadhimi survived. Officials said al-Kadhimi was unharmed.\n\n"
        "Al-Khadimi ordered an investigation. Militias blamed al-Kadhimi for the clashes."
    ],
    ["Officials named al-Kadhimi once and al-Khadimi once."],
)
SPELLING_VARIANT = code_rule(
    "names/spelling-variant",
    "names",
    "A transliteration or diacritic variant of a name the article spells otherwise (Selenskyj, Zelensky)",
    """One name transliterated two ways (German “Selenskyj”, English “Zelensky”), or with and without its
    diacritics (Erdogan, Erdoğan), in one article reads as two people. The article's majority spelling is
    suggested (the diacritic one on a tie).""",
    [
        "President Zelensky spoke on Monday. Zelensky said the war would go on.\n\n"
        "Later Selenskyj met officials in Berlin, where Selenskyj was thanked. Zelensky then flew home."
    ],
    ["Lewis arrived first. Levis came later with Lewis and the rest of the band."],
)
