"""Generate rules/spin-news.yaml (not shipped; the YAML is the product and is reviewed by hand).

Method (see the pack's description): every line of news_collocations.txt is a fixed expression of
wire copy, a sentence frame and the swaps article spinners make of its words; the thesaurus
(LibreOffice mythes-en-us) proposes further candidates for multi-word expressions. A candidate is kept
only when (1) it is not in LEGIT below (spun forms that are ordinary English, found by review), and
(2) it never occurs in the curation half of the clean news corpus (even-numbered records of the
article-extraction-benchmark gold texts), and (3) the clean-English screen (cleaner/packs/screen.py,
evidence in cleaner/data/phrase_screen.tsv) does not find it ordinary English. The bench evaluates false
flags on the other half. After a run, `cleaner rules screen` must print no rejection.

Usage: python bench/tools/gen_spin_news.py THESAURUS AEB_JSONL > rules/spin-news.yaml
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import mythes
from wordfreq import zipf_frequency

from cleaner.packs.screen import THRESHOLD, phrase_reason

HERE = Path(__file__).resolve().parent

#: Spun forms that review found to be ordinary English (or too risky to flag) — never emitted.
LEGIT = set((HERE / "spin_news_legit.txt").read_text(encoding="utf-8").split("\n")) - {""}

#: Proper nouns: suggestion in proper case.
PROPER = {
    "united states": "United States",
    "united nations": "United Nations",
    "european union": "European Union",
    "middle east": "Middle East",
    "north korea": "North Korea",
    "south africa": "South Africa",
    "new york": "New York",
    "white house": "White House",
    "world health organization": "World Health Organization",
    "world bank": "World Bank",
    "international monetary fund": "International Monetary Fund",
    "security council": "Security Council",
    "world cup": "World Cup",
    "champions league": "Champions League",
    "premier league": "Premier League",
    "state department": "State Department",
    "olympic games": "Olympic Games",
    "supreme court": "Supreme Court",
    "told the bbc": "told the BBC",
    "told reuters": "told Reuters",
    "told afp": "told AFP",
}
NO_THESAURUS_PREFIX = ("the ", "a ", "an ", "in ", "on ", "at ", "is ", "are ", "he ", "she ", "it ")
STOP = {
    "the",
    "a",
    "an",
    "of",
    "to",
    "in",
    "on",
    "at",
    "for",
    "by",
    "and",
    "or",
    "as",
    "is",
    "are",
    "was",
    "were",
    "be",
    "it",
    "he",
    "she",
    "this",
    "that",
    "with",
    "from",
    "not",
    "no",
    "did",
    "could",
    "has",
    "have",
    "had",
    "into",
    "up",
    "than",
    "per",
}


def load_thesaurus(path: str) -> dict[str, list[str]]:
    return {head: [s for sense in senses for s in sense[1:] if "(" not in s] for head, senses in mythes.entries(path)}


def kebab(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower().replace("’", "").replace("'", "")).strip("-")


def main(th_path: str, aeb_path: str) -> None:
    th = load_thesaurus(th_path)
    corpus = []
    for k, line in enumerate(Path(aeb_path).read_text(encoding="utf-8").splitlines()):
        if k % 2 == 0:
            corpus.append(json.loads(line)["gold"].lower())
    clean = re.sub(r"\s+", " ", " ".join(corpus)).replace("’", "'")
    entries: list[dict] = []
    seen: set[str] = set()
    for raw in (HERE / "news_collocations.txt").read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        phrase, frame, swaps = (p.strip() for p in raw.split("|"))
        words = phrase.split()
        manual: dict[str, list[str]] = {}
        for part in filter(None, (s.strip() for s in swaps.split(";"))):
            if "=" in part:
                w, alts = part.split("=", 1)
                manual[w.strip()] = [a.strip() for a in alts.split(",") if a.strip()]
        original = PROPER.get(phrase.lower(), phrase)
        for idx, w in enumerate(words):
            if w.lower() in STOP:
                continue
            cands = list(dict.fromkeys(manual.get(w, [])))
            if len(words) >= 2 and not phrase.lower().startswith(NO_THESAURUS_PREFIX):
                extra = [
                    s
                    for s in th.get(w.lower(), [])
                    if re.fullmatch(r"[a-z]+", s) and zipf_frequency(s, "en") >= 3.3 and s != w.lower()
                ]
                cands += [s for s in extra if s not in cands][:4]
            for c in cands:
                spun = " ".join([*words[:idx], c, *words[idx + 1 :]]).lower()
                if spun in seen or spun == phrase.lower() or spun in LEGIT:
                    continue
                if len(spun.split()) <= 2 and spun.split()[0] in ("the", "a", "an"):
                    continue  # "the insurgents", "the assault": synonyms of a lone noun are ordinary English
                if re.search(r"\b" + re.escape(spun.replace("’", "'")) + r"\b", clean):
                    continue
                if phrase_reason(spun, THRESHOLD):
                    continue
                seen.add(spun)
                entries.append(
                    {
                        "id": kebab(spun),
                        "phrase": spun,
                        "suggest": original,
                        "examples": {"flag": [frame.format(spun)], "pass": [frame.format(original)]},
                    }
                )
    ids: set[str] = set()
    for e in entries:
        base = e["id"]
        n = 2
        while e["id"] in ids:
            e["id"] = f"{base}-{n}"
            n += 1
        ids.add(e["id"])
    manual_entries = yaml.safe_load((HERE / "spin_news_manual.yaml").read_text(encoding="utf-8"))
    head = yaml.safe_load((HERE / "spin_news_head.yaml").read_text(encoding="utf-8"))
    manual_ids = {e["id"] for e in manual_entries}
    manual_phrases = {p for e in manual_entries for p in [e.get("phrase", ""), *e.get("phrases", [])]}
    entries = [e for e in entries if e["id"] not in manual_ids and e["phrase"] not in manual_phrases]
    head["entries"] = manual_entries + entries
    sys.stdout.write(
        "# GENERATED by bench/tools/gen_spin_news.py from bench/tools/news_collocations.txt,\n"
        "# spin_news_manual.yaml and spin_news_legit.txt, then reviewed. Edit those and re-run.\n"
    )
    sys.stdout.write(yaml.safe_dump(head, sort_keys=False, allow_unicode=True, width=110))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
