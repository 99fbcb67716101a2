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

#: Function words of further languages, used to tell close languages apart and to judge whether a
#: span is foreign (not in STOPWORDS, whose languages the boilerplate detector reads articles in).
#: Galician is here because lingua has no Galician model: it answers Portuguese or Spanish for it.
EXTRA_STOPWORDS: dict[str, frozenset[str]] = {
    "ca": frozenset(
        """a al als amb aquest aquesta aquests això com de del dels el els en entre es és fins ha han hi
        ho i la les li més molt no o pel pels per però que quan seu seva són sobre també un una va van
        """.split()  # noqa: SIM905 (a word list reads better as text)
    ),
    "gl": frozenset(
        """a á ao aos as ás co coa como con da das de do dos dun dunha e é en entre este esta foi isto iso
        máis moi na nas no non nos nun nunha o os para pero pola polas polo polos por que se seu súa
        tamén un unha xa ata aínda cando ningún ninguén
        """.split()  # noqa: SIM905 (a word list reads better as text)
    ),
    "nl": frozenset(
        """aan als bij dan dat de die door een en er het hij in is maar met naar niet nog of om ook op
        over te tot uit van voor was werd wordt zijn ze zij
        """.split()  # noqa: SIM905 (a word list reads better as text)
    ),
    "da": frozenset(
        """af at blev da de den der det efter eller en er et for fra har hun hvor i ikke jeg kan med men
        meget når og om også på sig sin skal som til ud var vil
        """.split()  # noqa: SIM905 (a word list reads better as text)
    ),
    "nb": frozenset(
        """av at ble da de den der det eller en er et etter for fra har hun hvor i ikke jeg kan med men
        mot når og også om på seg sin skal som til var vil å
        """.split()  # noqa: SIM905 (a word list reads better as text)
    ),
    "sv": frozenset(
        """av att blev de den det efter eller en ett från för har hon i inte jag kan med men mot när och
        också om på sig sin ska som till under var vid är
        """.split()  # noqa: SIM905 (a word list reads better as text)
    ),
    "ru": frozenset(
        """в во и не на что с со по как это он она они к из за у о от для но же все так его её был была
        было были бы уже только или мы вы я при также ли до если который которые
        """.split()  # noqa: SIM905 (a word list reads better as text)
    ),
    "uk": frozenset(
        """в у і й не на що з із зі по як це він вона вони до за від для але же все так його її був
        була було були б вже тільки або ми ви я при також чи якщо який які та є
        """.split()  # noqa: SIM905 (a word list reads better as text)
    ),
    "bg": frozenset(
        """в във и не на че с със по като това той тя те да за от до се са е който която които но така
        беше бяха има също или ние вие аз при ли ако ще
        """.split()  # noqa: SIM905 (a word list reads better as text)
    ),
    "id": frozenset(
        """ada adalah akan atau bahwa dalam dan dari dengan di ini itu juga ke karena kami kita mereka
        oleh pada saat sebagai sudah tidak untuk yang bisa telah
        """.split()  # noqa: SIM905 (a word list reads better as text)
    ),
    "tr": frozenset(
        """ve bir bu da de için ile olarak çok daha gibi en ama olan sonra kadar ise ya değil her ki
        mi o şu ancak veya göre
        """.split()  # noqa: SIM905 (a word list reads better as text)
    ),
    "pl": frozenset(
        """i w nie na z się że do to jest o jak po ale od za co tak przez jego jej są już tylko czy dla
        był była było przy oraz lub także który która które
        """.split()  # noqa: SIM905 (a word list reads better as text)
    ),
}
#: every language with a function-word list
ALL_STOPWORDS: dict[str, frozenset[str]] = {**STOPWORDS, **EXTRA_STOPWORDS}

#: Languages lingua may answer with (ISO 639-1 codes; names as in `lingua.Language`). The close
#: languages of the main source languages are in the set, so that a Catalan, Ukrainian or Swedish text
#: is not labelled Spanish, Russian or German for want of its own model (bench/langid.py measures it).
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
    "ca": "CATALAN",
    "da": "DANISH",
    "sv": "SWEDISH",
    "nb": "BOKMAL",
    "uk": "UKRAINIAN",
    "bg": "BULGARIAN",
    "mk": "MACEDONIAN",
    "sr": "SERBIAN",
    "pl": "POLISH",
    "ro": "ROMANIAN",
    "zh": "CHINESE",
    "ja": "JAPANESE",
    "ko": "KOREAN",
    "el": "GREEK",
    "he": "HEBREW",
    "fa": "PERSIAN",
}
#: English names of languages lingua does not know (for messages)
_NAMES = {"gl": "Galician"}


def language_name(code: str) -> str:
    """English name of a language code ("pt" → "Portuguese", "nb" → "Norwegian")."""
    if code == "nb":
        return "Norwegian"
    return _NAMES.get(code) or LINGUA_LANGUAGES.get(code, code).title()


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
    """Lower-cased letter runs (apostrophe contractions kept whole); see `_words`.

    Memoised by text: the foreign-language, MT and boilerplate detectors read the same blocks, in every
    pass of the fix loop (a fresh list each call, so a caller may change it)."""
    return list(_words(text)) if len(text) <= _MEMO_CHARS else _find_words(text)


#: blocks up to this long are memoised (a paragraph; a 1 MB block is read once, not kept)
_MEMO_CHARS = 20_000


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_find_words(text))


def _find_words(text: str) -> list[str]:
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


#: Galician function words that Portuguese, Spanish, Catalan and Italian do not write this way
#: ("unha", "polo", "dunha", "xa", "tamén", "máis"): lingua, which has no Galician model, labels
#: Galician Portuguese or Spanish, and these words tell it apart.
GALICIAN_MARKERS = frozenset(
    """unha unhas polo pola polos polas dun dunha duns dunhas nun nunha xa tamén máis moi aínda ata co coa
    cos coas súa súas cando non ningún ninguén dende mentres""".split()  # noqa: SIM905
)
_IBERIAN = frozenset({"pt", "es", "ca", "it", "id"})


@lru_cache(maxsize=4096)
def detect(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, confidence 0..1) of `text` by lingua, or (None, 0.0) when it cannot tell.

    Lingua's answer among Portuguese, Spanish, Catalan (and its occasional Italian or Indonesian for
    them) becomes Galician ("gl") when Galician-only function words carry the text: at least two, or one
    with Galician function words at least as frequent as those of lingua's language."""
    if not WORD.search(text):
        return None, 0.0
    values = _detector().compute_language_confidence_values(text)
    if not values:
        return None, 0.0
    top = values[0]
    code = top.language.iso_code_639_1.name.lower()
    if code in _IBERIAN:
        toks = words(text)
        marks = sum(map(GALICIAN_MARKERS.__contains__, toks))
        if marks >= 2 or (marks and _ratio(toks, "gl") >= _ratio(toks, code)):
            return "gl", float(top.value)
    return code, float(top.value)


def _ratio(toks: list[str], lang: str) -> float:
    stop = ALL_STOPWORDS.get(lang)
    return sum(map(stop.__contains__, toks)) / len(toks) if stop and toks else 0.0


def language_of(text: str, tokens: list[str] | None = None) -> tuple[str | None, float]:
    """Language of a paragraph: English by stop words when clear, otherwise lingua's answer.

    A paragraph whose English stop-word share is 20 % or more (with at least five words) is English:
    no other language in the list reaches that with English function words.
    """
    toks = words(text) if tokens is None else tokens
    if len(toks) >= 5 and stopword_ratio(toks, "en") >= 0.2:
        return "en", 0.95
    return detect(text)


#: a letter of a script other than Latin (Cyrillic, Greek, Han, Arabic…)
_NON_LATIN_LETTER = regex.compile(r"[^\P{L}\p{Latin}]")
_LETTER = regex.compile(r"\p{L}")


def non_latin_share(text: str) -> float:
    """Share of the letters of `text` that are not Latin (0.0 for ASCII text, at C speed)."""
    if text.isascii():
        return 0.0
    plain = blank_typography(text)
    # below U+02B0 every letter is of the Latin script but the micro sign (a `max` in C, not a search)
    if plain.isascii() or (max(plain) < "\u02b0" and "\u00b5" not in plain) or not _NON_LATIN_LETTER.search(text):
        return 0.0
    return len(_NON_LATIN_LETTER.findall(text)) / max(1, len(_LETTER.findall(text)))


def best_other(toks: list[str], exclude: str = "en") -> tuple[str | None, float]:
    """The language other than `exclude` whose function words are the largest share of `toks`."""
    best: tuple[str | None, float] = (None, 0.0)
    if not toks:
        return best
    counts = Counter(toks)
    for lang, stop in ALL_STOPWORDS.items():
        if lang != exclude:
            r = sum(counts[w] for w in stop.intersection(counts)) / len(toks)
            if r > best[1]:
                best = (lang, r)
    return best


#: how much of a document `document_is_foreign` reads
DOCUMENT_SAMPLE = 20000


@lru_cache(maxsize=16)
def document_is_foreign(sample: str) -> bool:
    """Whether a document (its first DOCUMENT_SAMPLE characters of prose) is written in a language other
    than English: mostly in another script; with 100 words or more, English function words under 8 %
    of them and another language's at 6 % or more (Indonesian, whose list here is short); or, with 20
    words or more, carried by another language's function words (at least 15 % of the words, and more
    than English's). Short or unclear documents are English: the house style applies unless the evidence
    says otherwise. Even in a foreign document, a paragraph that is English by its own words is
    normalised (`is_foreign_prose`)."""
    head = sample[:3000]  # most documents say it in their first lines: read the rest only if needed
    if len(sample) > len(head):
        toks = words(head)
        if len(toks) >= 100 and stopword_ratio(toks, "en") >= 0.25 and not non_latin_share(head):
            return False
    if non_latin_share(sample) > 0.5:
        return True
    toks = words(sample)
    if len(toks) < 20:
        return False
    en = stopword_ratio(toks, "en")
    _, other = best_other(toks)
    if len(toks) >= 100 and en < 0.08 and other >= 0.06:
        # English prose is a fifth function words or more: this is another language's prose, one whose
        # list here is short (Indonesian) or diluted by names; a page of English headlines has neither
        return True
    return other >= 0.15 and other > en


def is_foreign_prose(text: str, default: bool = False) -> bool:
    """Whether paragraph `text` is in another language than English, so that its punctuation is that
    language's to keep (« » in French or Russian, „ “ in German, a space before "?" in French).

    A paragraph mostly in another script is foreign; one of four words or more is English when English
    function words are a fifth of it, foreign when another language's are a fifth and clearly more than
    English's. Anything shorter or less clear (a heading, a name, a list) takes `default`, the
    document's language (see `document_is_foreign`)."""
    if non_latin_share(text) > 0.5:
        return True
    toks = words(text)
    if len(toks) >= 4:
        en = stopword_ratio(toks, "en")
        if en >= 0.2:
            return False
        _, other = best_other(toks)
        if other >= 0.2 and other > en + 0.05:
            return True
    return default
