"""A development set for machine-translation artefacts, made by injecting them into clean English text.

Why: nobody here has real machine-translated pages with every artefact marked, and tuning on the seeds
would tune on one site. Clean, professionally edited gold article texts (AEB, MIT; WCXB dev, CC BY 4.0)
are the base; `build()` injects, with a fixed seed, artefacts of five categories and records where each
one is (character spans in the new text):

- `glued`: the space between two adjacent lower-case words removed, anywhere ("said on" → "saidon");
- `split`: a common word (Zipf >= 3.5, 7+ letters) split by a space at a random inner point
  ("government" → "gover nment");
- `calque`: a sentence with a literal rendering, drawn from `CALQUES` (written from the grammar of the
  seven source languages; about a third are constructions no pack covers, so recall is not 100 % by
  construction), appended to a paragraph;
- `convention`: a number, time, date or amount of the text rewritten the source-language way
  ("3.5 million" → "3,5 million", "1,500,000" → "1.500.000", "14:30" → "14h30", "March 5" → "the 5
  of March", "€20" → "20 €"), or, when the text has none, a sentence carrying one appended;
- `name`: one use of a name the text repeats respelled: diacritics dropped, another transliteration
  ("Zelensky" → "Zelenskyy", "v" → "w", "ch" → "tch"), or an Arabic-style vowel or doubled-letter
  variant ("Hasan" → "Hassan") that a transliteration key does not cover.

Everything else in the text is untouched, so a finding outside an injected span is counted as false
(some are real slips of the original writers; the count is an upper bound on false flags). The same
texts without injections measure false flags on clean text. `bench/mt_dev.py` prints the figures.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
SOURCES = [SHARED / "boilerplate-aeb" / "aeb.jsonl", SHARED / "boilerplate-wcxb" / "wcxb-dev.jsonl.gz"]
CATEGORIES = ("glued", "split", "calque", "convention", "name")
STOP = {"the", "and", "of", "to", "in"}

#: (source language, sentence): literal renderings of source constructions. Marked "#" at the end of
#: the comment when no pack entry is meant to catch them (recall must show what the packs miss).
CALQUES: list[tuple[str, str]] = [
    ("fr", "It acts of a reform that the unions reject."),
    ("fr", "According to the prefect, it is question of a temporary closure."),
    ("fr", "Several hundred people assisted at the ceremony in the town hall."),
    ("fr", "The measure is fair in the measure where every household pays."),
    ("fr", "The operation was launched in the aim of dismantling the network."),
    ("fr", "The ensemble of the opposition parties boycotted the vote."),
    ("fr", "The responsibles of the association were questioned by police."),
    ("fr", "The sanitary crisis weighed on the accounts of the group."),
    ("fr", "The institute realized a survey among 1,000 teachers."),
    ("fr", "The precedent government had promised the same thing."),
    ("fr", "The minister put the accent on the fight against fraud."),  # mettre l'accent sur #
    ("fr", "The project is at the level of the ministry for now."),  # au niveau de #
    ("fr", "The company engaged a procedure of dismissal against him."),  # engager une procédure #
    ("de", "Around 3,000 complaints a year, tendency rising."),
    ("de", "According to information of the broadcaster, the talks failed."),
    ("de", "The two families have been in dispute since long."),
    ("de", "Visitors made photos of the flooded square."),
    ("de", "On the one side the reform saves money, on the other side it costs jobs."),
    ("de", "The chancellor let himself be photographed with the winners."),  # sich fotografieren lassen #
    ("de", "In the year 2019 still, the plant employed 500 people."),  # im Jahr 2019 noch #
    ("es", "A journalist made a question about the budget."),
    ("es", "The hospital counts with the support of three foundations."),
    ("es", "The aid is distributed in base to the number of children."),
    ("es", "The government gave a decisive step towards the agreement."),
    ("es", "In what concerns the pensions, nothing will change."),
    ("es", "The major part of the inhabitants left the village."),
    ("es", "The mayor assured that the works will finish in May."),  # asegurar que #
    ("es", "The president of the Government will travel to Brussels."),  # presidente del Gobierno #
    ("it", "The decree foresees fines of up to 10,000 euros."),
    ("it", "Three robberies in the arc of a few days alarmed the residents."),
    ("it", "From the documents it results that the mayor knew."),
    ("it", "The premier has dropped his resignations, the coalition said."),  # dimissioni (plural) #
    ("it", "The carabinieri have proceeded to the arrest of two men."),  # procedere all'arresto #
    ("pt", "The payments were made through of the state bank."),
    ("pt", "The arrests were made in the ambit of the investigation."),
    ("pt", "It is worth highlighting that the bill was approved."),
    ("pt", "The deputy affirmed that he will not renounce to the mandate."),  # renunciar ao mandato #
    ("ru", "In the result of the shelling, two buildings collapsed."),
    ("ru", "According to the words of the governor, the fire is contained."),
    ("ru", "The talks were held in the frames of the economic forum."),
    ("ru", "At the given moment, the negotiations are frozen."),
    ("ru", "The bridge was opened in 2019 year after long delays."),
    ("ru", "A drone fell on the territory of the plant."),
    ("ru", "The head of the region noted that the situation is under control."),  # отметил #
    ("zh", "Ten thousands of people attended the opening ceremony."),
    ("zh", "Each family received 3.5 ten thousand yuan in compensation."),
    ("zh", "According to introduction, the line will open next year."),
    ("zh", "The relevant person in charge of the bureau said prices would fall."),
    ("zh", "Officials called for strengthening party construction in rural areas."),
    ("zh", "The city will vigorously promote the high-quality development of tourism."),  # 大力推动 #
]

#: sentences carrying a source-language convention, for texts that have no number to rewrite
CONVENTION_SENTENCES = [
    "Turnout reached 3,5 million voters.",
    "The session opens at 14h30 on Monday.",
    "The agreement was signed on the 12 of October.",
    "The city paid 1.200.000 euros for the land.",
    "A ticket costs 25 € at the door.",
    "The company plans to invest 40 Mio. euros.",
    "The decree of 05.03.2024 was annulled.",
    "Prices will rise on 1 january.",
]

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


@dataclass
class Sample:
    id: str
    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, category)


def english_golds(paths: Iterable[Path] = SOURCES) -> Iterator[tuple[str, str]]:
    """(id, gold text) of the English pages of the benchmark files, as `fpscore.py` selects them."""
    for path in paths:
        opener = gzip.open if str(path).endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                words = re.findall(r"\w+", r["gold"].lower())
                if words and sum(w in STOP for w in words) >= 0.04 * len(words) and len(words) >= 150:
                    yield str(r["id"]), r["gold"]


def _glued(text: str, rng: random.Random) -> list[tuple[int, int, str, str]]:
    pairs = [m for m in re.finditer(r"(?<![\w@#/.\-'’])([a-z]{2,12}) ([a-z]{2,12})(?![\w@#/\-'’]|\.\w)", text)]
    if not pairs:
        return []
    m = rng.choice(pairs)
    return [(m.start(), m.end(), m.group(1) + m.group(2), "glued")]


def _split(text: str, rng: random.Random) -> list[tuple[int, int, str, str]]:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from cleaner.detect import freq

    words = [m for m in re.finditer(r"(?<![\w@#/.\-'’])[a-z]{7,15}(?![\w@#/\-'’])", text)]
    words = [m for m in words if freq.zipf(m.group()) >= 3.5]
    if not words:
        return []
    m = rng.choice(words)
    w = m.group()
    p = rng.randint(2, len(w) - 2)
    return [(m.start(), m.end(), w[:p] + " " + w[p:], "split")]


def _calque(text: str, rng: random.Random) -> list[tuple[int, int, str, str]]:
    ends = [m.end() for m in re.finditer(r"[a-z]{2}\.(?=\n)", text)]
    if not ends:
        return []
    pos = rng.choice(ends)
    _, sentence = rng.choice(CALQUES)
    return [(pos, pos, " " + sentence, "calque")]


def _convention(text: str, rng: random.Random) -> list[tuple[int, int, str, str]]:
    options: list[tuple[int, int, str]] = []
    for m in re.finditer(r"(?<![\d.,])(\d{1,3})\.(\d{1,2})(?=\s?(?:%|percent|million|billion))", text):
        options.append((m.start(), m.end(), f"{m.group(1)},{m.group(2)}"))
    for m in re.finditer(r"(?<![\d.,])\d{1,3}(?:,\d{3}){2,}(?![\d,]|\.\d)", text):
        options.append((m.start(), m.end(), m.group().replace(",", ".")))
    for m in re.finditer(r"(?<![\d:.])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])(?!\s?[ap]\.?m)", text):
        options.append((m.start(), m.end(), f"{m.group(1)}h{m.group(2)}"))
    for m in re.finditer(rf"\b({_MONTHS}) ([1-9]|[12]\d|3[01])\b(?!,? \d{{4}})(?!\d)", text):
        options.append((m.start(), m.end(), f"the {m.group(2)} of {m.group(1)}"))
    for m in re.finditer(r"€(\d[\d,.]*\d|\d)", text):
        options.append((m.start(), m.end(), f"{m.group(1)} €"))
    if options:
        s, e, rep = rng.choice(options)
        return [(s, e, rep, "convention")]
    ends = [m.end() for m in re.finditer(r"[a-z]{2}\.(?=\n)", text)]
    if not ends:
        return []
    pos = rng.choice(ends)
    return [(pos, pos, " " + rng.choice(CONVENTION_SENTENCES), "convention")]


_TRANSLIT = [
    (r"y$", "yy"), (r"y$", "iy"), (r"i$", "y"), (r"v", "w"), (r"ch", "tch"), (r"kh", "ch"), (r"^Z", "S"),
    (r"sh", "sch"), (r"ov$", "off"), (r"ev$", "ew"),
]  # fmt: skip
_ARABIC = [(r"([^aeiou])a([^aeiou])", r"\1e\2"), (r"([lmnrst])\1?", r"\1\1"), (r"o", "u"), (r"u", "o")]


def _fold(word: str) -> str:
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


def _name(text: str, rng: random.Random) -> list[tuple[int, int, str, str]]:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from cleaner.detect import lexicon

    counts: dict[str, list[re.Match[str]]] = {}
    for m in re.finditer(r"(?<![\w\-'’])[A-Z][a-zà-ÿğşıčšžćłńőű]{5,}(?![\w\-])", text):
        counts.setdefault(m.group(), []).append(m)
    names = [w for w, ms in counts.items() if len(ms) >= 2 and not lexicon.known(_fold(w).lower())]
    names = [w for w in names if f" {w.lower()} " not in text]
    if not names:
        return []
    w = rng.choice(sorted(names))
    if _fold(w) != w:
        variant = _fold(w)
    else:
        rules = _TRANSLIT + _ARABIC
        rng.shuffle(rules)
        variant = w
        for pat, rep in rules:
            v = re.sub(pat, rep, w, count=1)
            if v != w and v[0].isupper():
                variant = v
                break
        if variant == w:
            return []
    m = rng.choice(counts[w][1:])
    return [(m.start(), m.end(), variant, "name")]


def inject(doc_id: str, text: str, rng: random.Random) -> Sample:
    """One sample: `text` with one artefact of each category where the text allows it."""
    edits: list[tuple[int, int, str, str]] = []
    for make in (_glued, _split, _calque, _convention, _name):
        for s, e, rep, cat in make(text, rng):
            if all(e <= s2 or s >= e2 for s2, e2, _, _ in edits) and all(s not in (s2, e2) for s2, e2, _, _ in edits):
                edits.append((s, e, rep, cat))
    edits.sort()
    out: list[str] = []
    spans: list[tuple[int, int, str]] = []
    last = 0
    length = 0
    for s, e, rep, cat in edits:
        out.append(text[last:s])
        length += s - last
        lead = len(rep) - len(rep.lstrip(" "))
        spans.append((length + lead, length + len(rep), cat))
        out.append(rep)
        length += len(rep)
        last = e
    out.append(text[last:])
    return Sample(doc_id, "".join(out), spans)


def build(n: int = 300, seed: int = 24, paths: Iterable[Path] = SOURCES) -> tuple[list[Sample], list[Sample]]:
    """(injected samples, the same texts untouched): `n` English gold texts spread over the sources."""
    golds = list(english_golds(paths))
    step = max(1, len(golds) // n)
    chosen = golds[::step][:n]
    rng = random.Random(seed)
    injected = [inject(i, t, rng) for i, t in chosen]
    clean = [Sample(i, t) for i, t in chosen]
    return injected, clean
