"""Which language is a paragraph in? Cheap stop-word ratios first, lingua only when they are unsure.

Why two stages: lingua is accurate on short strings but costs about 1 MB/s even restricted to a dozen
languages, while counting stop words runs at tens of MB/s. Almost every paragraph of an English article
is settled by the stop-word ratio alone ("the", "of", "and" are a quarter of running English text); only
paragraphs with few English function words (short lines, names, foreign text) reach lingua.

The lingua detector is restricted to the languages machine-translated news usually comes from, uses
low-accuracy mode (trigram models only: fast, small, good enough for "is this English?") and is built
once, lazily, on first use — importing this module costs nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from lingua import LanguageDetector

WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}]+)?")

#: Function words per language (ISO 639-1). Short on purpose: the most frequent ~60 words of each
#: language cover 30–45 % of its running text, which is all the ratio needs.
STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """a about after all also an and any are as at be been before but by can could did do does
        for from had has have he her his how i if in into is it its it's just more most my no
        not of on one only or other our out over said says she so some such than that the their
        them then there these they this those to up us was we were what when where which while
        who will with would you your
        """.split()  # noqa: SIM905 (a word list reads better as text)
    ),
    "fr": frozenset(
        """au aux avec ce ces cette dans de des du elle en est et être il ils je la le les leur lui
        mais même ne nous on ou par pas plus pour qu que qui sa se ses son sont sur un une vous
        été a ont y aussi comme été
        """.split()  # noqa: SIM905 (a word list reads better as text)
    ),
    "es": frozenset(
        """al como con de del el ella en es esta este fue ha la las le lo los más no o para pero
        por que se sin su sus también un una y ya son está han hay entre sobre cuando
        """.split()  # noqa: SIM905 (a word list reads better as text)
    ),
    "de": frozenset(
        """aber als am an auch auf aus bei bis das dass dem den der des die ein eine einem einen
        einer es für hat ich im in ist mit nach nicht noch nur oder sich sie sind so um und von
        vor war wie wir wird zu zum zur über werden wurde
        """.split()  # noqa: SIM905 (a word list reads better as text)
    ),
    "it": frozenset(
        """a al alla anche che con da del della delle di e gli ha il in la le lo ma nel nella non
        per più si sono su un una è dei degli alle come questo questa sua suo loro
        """.split()  # noqa: SIM905 (a word list reads better as text)
    ),
    "pt": frozenset(
        """a ao as com como da das de do dos e ela ele em entre foi mais mas na nas no nos não o os
        para pela pelo por que se sem seu sua são também um uma é ou já está
        """.split()  # noqa: SIM905 (a word list reads better as text)
    ),
}

#: Languages lingua may answer with (ISO 639-1 codes; names as in `lingua.Language`).
LINGUA_LANGUAGES: dict[str, str] = {
    "en": "ENGLISH",
    "fr": "FRENCH",
    "es": "SPANISH",
    "de": "GERMAN",
    "it": "ITALIAN",
    "pt": "PORTUGUESE",
    "nl": "DUTCH",
    "ru": "RUSSIAN",
    "ar": "ARABIC",
    "tr": "TURKISH",
    "id": "INDONESIAN",
}


#: ASCII text has only ASCII letters: the stdlib `re` finds the same runs as WORD, several times faster.
_ASCII_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
#: the same, with "`" standing for "’" (see `words`)
_ASCII_WORD_TICK = re.compile(r"[A-Za-z]+(?:['`][A-Za-z]+)?")
#: Typographic characters common in news that are neither letters, marks, word characters nor
#: apostrophes: blanked out, they leave the same words and tokens, and often a text that is ASCII.
TYPOGRAPHY = (
    "\u2018",
    "\u201c",
    "\u201d",
    "\u2014",
    "\u2013",
    "\u2026",
    "\u00a0",
    "\ufffc",
    "\u00ab",
    "\u00bb",
    "\u2022",
    "\u00b7",
    "\u00a9",
)


def blank_typography(text: str) -> str:
    """`text` with the TYPOGRAPHY characters replaced by spaces (a few C-level scans)."""
    for c in TYPOGRAPHY:
        if c in text:
            text = text.replace(c, " ")
    return text


def words(text: str) -> list[str]:
    """Lower-cased letter runs (apostrophe contractions kept whole).

    Most news text is ASCII but for its typography (curly quotes, dashes, the mask character): with
    that blanked out and "’" standing in as "`", the stdlib `re` finds the same words much faster.
    Otherwise, lower-casing the text first and then finding the runs gives the same words as
    lower-casing each run (lower case never turns a letter into a non-letter), with two exceptions
    that are checked for: "İ" lower-cases to "i" plus a combining mark (not a letter after an
    apostrophe), and the lower case of "Σ" depends on the characters around it.
    """
    if text.isascii():
        return _ASCII_WORD.findall(text.lower())
    plain = blank_typography(text)
    tick = "\u2019" in plain and "`" not in plain
    if tick:
        plain = plain.replace("\u2019", "`")
    if plain.isascii():
        if not tick:
            return _ASCII_WORD.findall(plain.lower())
        found = _ASCII_WORD_TICK.findall(plain.lower())
        return "\n".join(found).replace("`", "\u2019").split("\n") if found else []
    if "İ" in text or "Σ" in text:
        return [w.lower() for w in WORD.findall(text)]
    return WORD.findall(text.lower())  # type: ignore[no-any-return]


def stopword_count(tokens: Iterable[str], lang: str = "en") -> int:
    """How many of `tokens` (lower-cased) are function words of `lang` (a set lookup per token, in C)."""
    return sum(map(STOPWORDS.get(lang, STOPWORDS["en"]).__contains__, tokens))


def stopword_ratio(tokens: list[str], lang: str = "en") -> float:
    """Share of `tokens` (lower-cased) that are function words of `lang`."""
    if not tokens:
        return 0.0
    return stopword_count(tokens, lang) / len(tokens)


def guess_by_stopwords(tokens: list[str]) -> tuple[str | None, float]:
    """The language whose function words cover most of `tokens`, and that share (None if nothing)."""
    return guess_by_counts(Counter(tokens), len(tokens))


def guess_by_counts(counts: Mapping[str, int], total: int) -> tuple[str | None, float]:
    """`guess_by_stopwords` from a word count of the tokens (`total` of them): a document's paragraphs
    are counted once in C, instead of one pass over every token per language."""
    best: tuple[str | None, float] = (None, 0.0)
    if not total:
        return best
    get = counts.__getitem__
    for lang, stop in STOPWORDS.items():
        # the document's distinct words are fewer than a language's function words: intersect in C
        r = sum(map(get, stop.intersection(counts))) / total
        if r > best[1]:
            best = (lang, r)
    return best


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder

    langs = [getattr(Language, name) for name in LINGUA_LANGUAGES.values()]
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


@lru_cache(maxsize=4096)
def detect(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, confidence 0..1) of `text` by lingua, or (None, 0.0) when it cannot tell."""
    if not WORD.search(text):
        return None, 0.0
    values = _detector().compute_language_confidence_values(text)
    if not values:
        return None, 0.0
    top = values[0]
    return top.language.iso_code_639_1.name.lower(), float(top.value)


def language_of(text: str, tokens: list[str] | None = None) -> tuple[str | None, float]:
    """Language of a paragraph: English by stop words when clear, otherwise lingua's answer.

    A paragraph whose English stop-word share is 20 % or more (with at least five words) is English:
    no other language in the list reaches that with English function words.
    """
    toks = words(text) if tokens is None else tokens
    if len(toks) >= 5 and stopword_ratio(toks, "en") >= 0.2:
        return "en", 0.95
    return detect(text)
