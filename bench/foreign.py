"""Recall of `mt/foreign-sentence` and `mt/foreign-phrase` on untranslated sentences planted in English.

Each sentence of `tests/data/langid_close.tsv` (the 8 news sentences per language; the short headline
phrases are furniture-like and left out) is planted between two English sentences of an English
paragraph, inside an English article, as a translation engine leaves one behind. The English rows,
planted the same way, measure false flags. Prints per language how many were found and as what.

Run from the project root:  python bench/foreign.py
"""

from __future__ import annotations

from collections import Counter, defaultdict

from langid import DEFAULT, rows  # type: ignore[import-not-found]

from cleaner.config import Config
from cleaner.detect import foreign
from cleaner.segment import segment

INTRO = (
    "Officials said the attack on the residence was a major escalation in the dispute over the election "
    "results, and they called for calm and restraint from all sides in the country."
)


def main() -> None:
    found: dict[str, Counter[str]] = defaultdict(Counter)
    total: Counter[str] = Counter()
    for lang, text in rows(DEFAULT):
        if len(text.split()) < 8:
            continue
        para = f"The ministry issued a statement on Monday. {text} It gave no further details."
        doc = segment(f"{INTRO}\n\n{para}\n\n{INTRO}\n", "text")
        rules = {f.rule for f in foreign.detect(doc, Config())}
        total[lang] += 1
        found[lang][next(iter(sorted(rules)), "none")] += 1
    hits = 0
    for lang in total:
        got = total[lang] - found[lang]["none"]
        if lang != "en":
            hits += got
        what = ", ".join(f"{k} {v}" for k, v in found[lang].most_common())
        print(f"{lang} {got}/{total[lang]}  {what}")
    n = sum(v for k, v in total.items() if k != "en")
    print(f"recall {hits}/{n} = {hits / n:.1%}; English sentences flagged: {total['en'] - found['en']['none']}")


if __name__ == "__main__":
    main()
