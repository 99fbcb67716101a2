"""Import the Problematic Paper Screener's tortured-phrase list as a rule pack.

The Problematic Paper Screener (PPS; Cabanac, Labbé & Magazinov, "Tortured phrases: A dubious writing
style emerging in science", arXiv:2107.06751, CC BY 4.0) publishes `{tortured, correct}` pairs:
synonym-spun forms of fixed expressions ("counterfeit consciousness" → "artificial intelligence",
"Joined together states" → "United States"). `import_pps` turns that JSON into pack data ready for
`yaml.safe_dump` (`cleaner rules import-pps FILE -o rules/tortured-phrases.yaml`), so the shipped pack
can be regenerated from a newer export with one command.

What the import does to each pair, and why:
- fingerprints with context clauses (`"phrase" AND "context"`, `"phrase" NOT "context"`, as the PPS
  search syntax writes them) become `when` / `unless` document guards, so a clause is honoured, not
  dropped (the 2026-03 export has none, but older and newer ones do);
- a trailing acronym in parentheses ("synthetic intelligence (ai)") is dropped from both sides: the
  phrase without it matches more text and the acronym is left untouched;
- curators' notes in the correction ("(?)", "[neural network]", "see https://…", "(or possibly …)",
  "a / b" alternatives) are removed; a pair whose correction is unknown ("???") is kept as a flag
  without a suggestion; "(?)" lowers the confidence;
- pairs whose tortured form is ordinary English in news (NEWS_COMMON, plus anything found in a clean
  corpus passed as `clean_texts`) are dropped: this pack runs on news, not only on papers;
- so are pairs the clean-English screen rejects (cleaner/packs/screen.py): a tortured form that is the
  curated original of another pair of the export ("dimensionality reduction", "cloud computing"), or
  whose recorded frequency in general English is too high for a scientific pair.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .screen import STRICT_PACKS, phrase_reason, tokens

ATTRIBUTION = (
    "Problematic Paper Screener (PPS), Guillaume Cabanac, Cyril Labbé & Alexander Magazinov, "
    "“Tortured phrases: A dubious writing style emerging in science. Evidence of critical issues "
    "affecting established journals”, arXiv:2107.06751"
)
URL = "https://dbrech.irit.fr/pls/apex/f?p=9999:1::::::"

#: Tortured forms that are ordinary news English (found by scanning clean news and by review).
NEWS_COMMON = frozenset(
    {
        "crowd crushes",
        "traffic patterns",
        "neural network",
        "tainted people",
        "social impact",
        "information technology",
        "data technology",
        "supervised learning",
        "surface area",
        "test arrangement",
        "source code",
        "big data",
        "deep learning",
        "mobile phone",
        "cell phone",
        "climate change",
        "global warming",
        "public health",
        "quality of life",
        "carbon dioxide",
        "red, green and blue",
        "back propagation",
        "world health organization",
        "united states",
        "fresh set",
        "european union",
        "internet of things",
        "machine learning",
        "artificial intelligence",
    }
)

_CLAUSE = re.compile(r"\s+(AND|NOT)\s+")
_ACRONYM_TAIL = re.compile(r"\s*\(([^()]{1,12})\)\s*$")
_NOTE = re.compile(r"\s*\((?:\?+|or [^)]*|as in [^)]*|e\.g\.[^)]*|called [^)]*|see [^)]*|please note[^)]*|[^)]*\?)\)")
_BRACKET = re.compile(r"\s*\[[^\]]*\]\s*")
_SEE = re.compile(r",?\s*see https?://\S+.*$")


def _unquote(s: str) -> str:
    return s.strip().strip('"“”').strip()


def _parse_tortured(raw: str) -> tuple[str, list[str], list[str]]:
    """`"a b" AND "c" NOT "d"` → ("a b", ["c"], ["d"])."""
    parts = _CLAUSE.split(raw)
    phrase = _unquote(parts[0])
    when: list[str] = []
    unless: list[str] = []
    for op, arg in zip(parts[1::2], parts[2::2], strict=False):
        (when if op == "AND" else unless).append(_unquote(arg))
    return phrase, when, unless


def _clean_correct(raw: str) -> tuple[str | None, float]:
    """The usable replacement (None when unknown) and a confidence factor."""
    s = raw.replace('\\"', '"').replace("\\&", "&")
    doubt = "?" in s
    s = _SEE.sub("", s)
    s = _NOTE.sub("", s)
    s = _BRACKET.sub(" ", s)
    s = s.split(" / ")[0].split(" or ")[0] if " / " in s else s
    s = re.sub(r"[?*\"]", "", s)
    s = re.sub(r"\s+", " ", s).strip(" ,.;:")
    if not s or not re.search(r"[a-z0-9]", s):
        return None, 0.5
    return s, (0.7 if doubt else 1.0)


def _kebab(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")[:60] or "entry"


def _words_regex(phrase: str) -> str:
    return r"\b" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"\b"


def import_pps(
    json_path: str | Path, clean_texts: Iterable[str] = (), drop: Iterable[str] = (), screen: bool = True
) -> dict[str, Any]:
    """Read a PPS export (`{"phrases": [{"tortured", "correct"}, …]}`) and return pack data."""
    data = json.loads(Path(json_path).read_text(encoding="utf-8"))
    pairs = data["phrases"] if isinstance(data, dict) else data
    clean = re.sub(r"\s+", " ", " ".join(t.lower() for t in clean_texts)).replace("’", "'")
    dropped = NEWS_COMMON | {d.lower() for d in drop}
    corrections = (_clean_correct(str(p.get("correct", "")).lower())[0] or "" for p in pairs)
    originals = {tokens(_ACRONYM_TAIL.sub("", c)) for c in corrections}
    strict = STRICT_PACKS["tortured-phrases"]
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    ids: set[str] = set()
    for pair in pairs:
        phrase, when, unless = _parse_tortured(str(pair.get("tortured", "")))
        phrase, when, unless = phrase.lower(), [w.lower() for w in when], [u.lower() for u in unless]
        correct, factor = _clean_correct(str(pair.get("correct", "")).lower())
        m = _ACRONYM_TAIL.search(phrase)
        if m:
            phrase = phrase[: m.start()].strip()
            if correct:
                correct = _ACRONYM_TAIL.sub("", correct).strip() or None
        phrase = re.sub(r"\s+", " ", phrase.replace("\\&", "&")).strip()
        if len(phrase.split()) < 2 or not re.fullmatch(r"[a-z0-9][a-z0-9 '’,.&/–-]*[a-z0-9]", phrase):
            continue  # one-word forms are too ambiguous to flag; odd symbols would not match as words
        if phrase in seen or phrase in dropped or (correct and phrase == correct):
            continue
        if screen and (tokens(phrase) in originals or phrase_reason(phrase, strict)):
            continue
        if clean and re.search(r"(?<![\w-])" + re.escape(phrase.replace("’", "'")) + r"(?![\w-])", clean):
            continue
        seen.add(phrase)
        entry: dict[str, Any] = {"id": _kebab(phrase)}
        n = 2
        while entry["id"] in ids:
            entry["id"] = f"{_kebab(phrase)}-{n}"
            n += 1
        ids.add(entry["id"])
        entry["phrase"] = phrase
        if correct:
            entry["suggest"] = correct
        else:
            entry["message"] = f"“{phrase}” is a known tortured phrase (PPS); the original is not recorded."
        if factor < 1.0:
            entry["confidence"] = round(0.7 * factor, 2)
        if when:
            entry["when"] = [{"document": _words_regex(w)} for w in when]
        if unless:
            entry["unless"] = [{"document": _words_regex(u)} for u in unless]
        entries.append(entry)
    return {
        "pack": "tortured-phrases",
        "description": (
            "Tortured phrases: synonym-spun forms of established expressions collected by the Problematic "
            "Paper Screener (mostly scientific, some general such as “Joined together states”). Imported "
            "with `cleaner rules import-pps` (cleaner/packs/pps.py); forms that are ordinary news English "
            "were dropped. Suggestions are the curated originals; review them before accepting."
        ),
        "category": "spin",
        "severity": "warning",
        "applicability": "suggested",
        "confidence": 0.7,
        "source": ATTRIBUTION + f"; export version {data.get('version', '?')} of {data.get('lastUpdated', '?')}"
        if isinstance(data, dict)
        else ATTRIBUTION,
        "licence": "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
        "url": URL,
        "examples": {
            "flag": [
                "The Joined together states strongly denounced the attack.",
                "The model uses counterfeit consciousness to rank the images.",
                "He died of a heart assault on Monday.",
            ],
            "pass": [
                "The United States strongly denounced the attack.",
                "The model uses artificial intelligence to rank the images.",
                "He died of a heart attack on Monday.",
            ],
        },
        "entries": entries,
    }
