"""Triage for the review page: which file an editor opens first, which findings are one finding
repeated, and which removals may be article text rather than boilerplate.

**Risk score** (the order of the files on the page). An editor's time should go first where a
reader would be misled (spun phrases, machine-translation debris, a name spelled two ways), not where
the typography is untidy: 22 quote marks converted to the house style are one mechanical change,
not 22 reasons to open a file. So each category counts once, by how much of it there is, on a
logarithmic scale:

    risk = Σ_category  CATEGORY_WEIGHT[c] × log2(1 + Σ_findings_in_c SEVERITY_WEIGHT[severity])
         + SPIN_WEIGHT × scores.spin
         + ARTICLE_LIKE_WEIGHT × (boilerplate removals that read like article text)

One spin or MT warning (3 × log2 2 = 3) outweighs 22 quote warnings (0.3 × log2 23 ≈ 1.4); a file
whose spin probability is 0.9 gains 3.6 more. A file that could not be read or decoded comes first
(`UNREADABLE_RISK`): the editor must know nothing was checked there. The weights are a statement of
priorities, not a fitted model; they are printed on the page's caption and in the README.

**Article-like removal.** A boilerplate finding spans the paragraph it would remove. Promotional and
navigation text is short and rarely made of several full sentences; a paragraph of two or more full
sentences (each ≥ `SENTENCE_WORDS` words, opening with a capital and closed by . ! or ?) and at least
`ARTICLE_WORDS` words reads like reporting, so its removal gets a warning band. The test is
deliberately simple and errs towards warning: a teaser of another article also trips it, and that is
worth a second look too.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping

import regex

from ..model import Finding

__all__ = [
    "ARTICLE_WORDS",
    "CATEGORY_WEIGHT",
    "SEVERITY_WEIGHT",
    "group_key",
    "looks_like_article",
    "risk",
]

SEVERITY_WEIGHT: dict[str, float] = {"error": 3.0, "warning": 1.0, "info": 0.1}
CATEGORY_WEIGHT: dict[str, float] = {
    "spin": 3.0,
    "mt": 3.0,
    "names": 2.0,
    "grammar": 1.0,
    "boilerplate": 1.0,
    "encoding": 1.0,
    "style": 0.5,
    "quotes": 0.3,
    "spacing": 0.3,
}
SPIN_WEIGHT = 4.0
ARTICLE_LIKE_WEIGHT = 3.0
UNREADABLE_RISK = 100.0

#: an article-like removal has at least this many words …
ARTICLE_WORDS = 25
#: … and two sentences of at least this many words
SENTENCE_WORDS = 6

_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*")
#: a full sentence: opens with a capital letter (after an optional quote or bracket), runs without a
#: sentence end or line break, and closes with . ! or ? (then an optional closing quote or bracket)
_SENTENCE = regex.compile(r"(?<![\p{L}\p{N}])[\"“‘'(]?\p{Lu}[^.!?\n]*?[.!?][\"”’')]?(?=\s|$)")


def looks_like_article(text: str) -> bool:
    """Whether a removed paragraph reads like article prose (see the module docstring)."""
    if len(_WORD.findall(text)) < ARTICLE_WORDS:
        return False
    full = 0
    for m in _SENTENCE.finditer(text):
        if len(_WORD.findall(m.group())) >= SENTENCE_WORDS:
            full += 1
            if full >= 2:
                return True
    return False


def article_like(findings: Iterable[Finding]) -> list[Finding]:
    """The boilerplate findings whose paragraph reads like article text."""
    return [f for f in findings if f.category == "boilerplate" and looks_like_article(f.text)]


def risk(findings: Iterable[Finding], scores: Mapping[str, float], article_like_count: int = 0) -> float:
    """The file's risk score (module docstring), rounded to one decimal so the order is stable."""
    per_category: dict[str, float] = defaultdict(float)
    for f in findings:
        per_category[f.category] += SEVERITY_WEIGHT.get(f.severity.value, 1.0)
    total = sum(CATEGORY_WEIGHT.get(c, 1.0) * math.log2(1.0 + s) for c, s in per_category.items())
    total += SPIN_WEIGHT * min(max(float(scores.get("spin", 0.0) or 0.0), 0.0), 1.0)
    total += ARTICLE_LIKE_WEIGHT * article_like_count
    return round(total, 1)


def group_key(f: Finding) -> tuple[str, str, str | None, str, str]:
    """Findings with the same key are one finding repeated (same rule, text, suggestion, severity and
    message): the side list shows them once, with a count."""
    return (f.rule, f.text, f.suggestion, f.severity.value, f.message)
