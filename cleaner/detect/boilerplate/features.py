"""What one paragraph says on its own (memoised by text), and the document's paragraphs with their kinds."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain
from typing import Any

import regex

from ...document import MASK, Block, Document
from ...model import Severity
from ...patterns import lazy, lazy_re
from ...registry import boilerplate as rules
from .. import language
from .pack import _Pack, _pack
from .phrases import CTA_WORDS, FURNITURE_WORDS, phrase_hits, phrase_table

# --------------------------------------------------------------------------------------------------
# Paragraph features
# --------------------------------------------------------------------------------------------------

_CJK = lazy(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_TOKEN = lazy(r"\w+")
_SENTENCE_END = lazy(r"[.!?…][\"'”’»)\]]*\s*$|[.!?…]\s*[\"'”’»][^\w]*$")
_BYLINE_SLASH = lazy(r"^\s*\p{Lu}[\p{L}.'’-]*(?:\s+[\p{L}.'’-]+){0,4}\s*/\s*$")
_MENU_SEP = lazy(r"\s[|·•»›]\s|\s/\s")
_ALL_STOP = frozenset().union(*language.STOPWORDS.values())
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_LINE = lazy(
    rf"(?i)^[|\s]*(?:(?:updated|published|posted|last updated)\s*(?:on|:)?\s*)?(?:\w+day,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})(?:,?\s*(?:at\s*)?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{{2,4}})?)?[|\s]*$"
)
_BYLINE = lazy(
    r"^\s*(?:by|par|por|von|di|de)\s+(?:\p{Lu}[\p{L}.'’-]*\s*){1,4}(?:and\s+\p{Lu}[\p{L}.'’-]*\s*){0,3}$",
    regex.IGNORECASE,
)


@dataclass(slots=True, eq=False)
class _Features:
    """What a paragraph's text says on its own, whatever document it stands in: computed once per text.

    The fix loop runs this detector again on the fixed document, where nearly every paragraph is
    unchanged, and scraped pages repeat the same furniture ("Advertisement", "Share this:") from page
    to page, so these are memoised by text (see `_features`). Only the function words among the
    tokens are kept (as shared strings), which is all the stop-word ratios need, to keep the memo small.
    """

    stops: tuple[str, ...]  # the tokens that are function words of some language, in order
    n_tokens: int
    has_long: bool  # some token has 3+ characters
    n_words: int
    n_chars: int
    sentence: bool
    content: tuple[str, ...]  # distinct content words (see `_content_words`)
    hit: tuple[str, str, float, Severity] | None
    weak: bool
    cta: int = 0  # call-to-action phrases among the tokens (`phrases.CTA_WORDS`, at most 3)
    furniture: int = 0  # page-furniture phrases (`phrases.FURNITURE_WORDS`, at most 3)
    norm: str | None = None  # `_norm(text)`, filled on first use
    #: what the paragraph is worth in an article of a given language, filled on first use: stop-word
    #: ratio (key: language), kind and score (key: ("kind", language)), `_foreign` (("foreign", language))
    ratios: dict[Any, Any] = field(default_factory=dict)

    def ratio(self, lang: str) -> float:
        """`language.stopword_ratio` of the paragraph's tokens (same value, from the function words)."""
        r = self.ratios.get(lang)
        if r is None:
            r = self.ratios[lang] = language.stopword_count(self.stops, lang) / self.n_tokens if self.n_tokens else 0.0
        return r


@dataclass(eq=False, slots=True)
class Para:
    """What the detector knows about one block (its text's `_Features` plus what the document adds)."""

    block: Block
    text: str
    feat: _Features
    sw: float = 0.0
    score: float = 0.0
    kind: str = "short"  # bad | short | medium | good

    @property
    def n_words(self) -> int:
        return self.feat.n_words

    @property
    def n_chars(self) -> int:
        return self.feat.n_chars

    @property
    def sentence(self) -> bool:
        return self.feat.sentence

    @property
    def content(self) -> tuple[str, ...]:
        return self.feat.content

    @property
    def hit(self) -> tuple[str, str, float, Severity] | None:  # rule, message, confidence, severity
        return self.feat.hit

    @property
    def weak(self) -> bool:  # `hit` is evidence only outside the article (a date line, a bare byline)
        return self.feat.weak


#: canonical string objects of every function word: the memo keeps pointers, not copies
_STOP_CANON: dict[str, str] = {w: w for w in _ALL_STOP}
#: in ASCII text the stdlib `re` finds exactly the runs `_TOKEN` finds, several times faster
_ASCII_TOKEN = lazy_re(r"\w+", re.ASCII)
#: `_CJK` matches nothing below U+2E80 except the Hangul Jamo block: most non-ASCII text (curly quotes,
#: accents) is settled by this stdlib search instead of the slower script-property one
_MAYBE_CJK = lazy_re("[\u1100-\u11ff\u2e80-\U0010ffff]")
_THREE_SEPS = lazy_re(r"[|·•»›/][^|·•»›/]*[|·•»›/][^|·•»›/]*[|·•»›/]")
#: `regex`'s own `\d`: the stdlib's follows an older Unicode and misses some digits
_DIGIT = lazy(r"\d")


def _tokens(text: str) -> list[str]:
    """Lower-cased `\\w+` runs of `text`.

    Lower-casing the whole text and then splitting gives the same tokens as lower-casing each token
    (lower case never turns a word character into a non-word one), except for "Σ", whose lower case
    depends on its neighbours: text with it takes the token-by-token path.
    """
    if text.isascii():
        return _ASCII_TOKEN.findall(text.lower())
    plain = language.blank_typography(text).replace("\u2019", " ")  # none of these is a word character
    if plain.isascii():
        return _ASCII_TOKEN.findall(plain.lower())
    if "Σ" in text:
        return [t.lower() for t in _TOKEN.findall(text)]
    return _TOKEN.findall(text.lower())  # type: ignore[no-any-return]


CTA_TABLE = phrase_table(CTA_WORDS, _tokens)
FURNITURE_TABLE = phrase_table(FURNITURE_WORDS, _tokens)


def _cjk_count(text: str) -> int:
    if text.isascii() or not _MAYBE_CJK.search(text):
        return 0
    return len(_CJK.findall(text))


def _content_words(tokens: Iterable[str]) -> frozenset[str]:
    """Topic-bearing words: not function words, 4+ letters, cut to 6 letters (a poor man's stem)."""
    # the set difference first (in C): what is left to test one by one is each distinct word once
    return frozenset({t[:6] for t in set(tokens).difference(_ALL_STOP) if len(t) > 3 and not t.isdigit()})


def _tag_list(text: str) -> float:
    """Confidence that `text` is a comma-separated tag/keyword list (0 when it is not one)."""
    if text.count(",") < 4 or "\n" in text.strip() or _SENTENCE_END.search(text):  # 5 fields need 4 commas
        return 0.0
    fields = text.split(",")
    if len(fields) < 5:
        return 0.0
    empty = sum(1 for f in fields if not f.strip())
    filled = [f for f in fields if f.strip()]
    avg_words = sum(len(f.split()) for f in filled) / max(1, len(filled))
    if avg_words > 4:
        return 0.0
    if empty >= 2:
        return 0.97
    if len(filled) >= 8 and avg_words <= 3:
        return 0.85
    return 0.0


def _menu_row(text: str, n_words: int) -> float:
    """Confidence that `text` is a navigation row ("Home | World | Sport | …")."""
    if not _THREE_SEPS.search(text):  # each separator holds one of these characters
        return 0.0
    seps = len(_MENU_SEP.findall(f" {text} "))
    if seps >= 3 and n_words / (seps + 1) <= 3.5 and not _SENTENCE_END.search(text) and not _table_row(text):
        return 0.9
    return 0.0


def _table_row(text: str) -> bool:
    """Whether a piped line is a row of a table rather than a menu: a Markdown table's edge pipes, an
    empty cell, or numbers in two or more cells (menus are words: "Home | World | Sport")."""
    s = text.strip()
    if "|" not in s:
        return False
    if s.startswith("|") or s.endswith("|") or regex.search(r"\|\s*\|", s):
        return True
    cells = s.split("|")
    return sum(1 for c in cells if _DIGIT.search(c)) >= 2


def _structure_hit(
    text: str, n_words: int, pack: _Pack, document: str
) -> tuple[tuple[str, str, float, Severity] | None, bool]:
    """(hit, weak): the pack prompt or structural pattern the paragraph is, if any."""
    hit = pack.match(text, n_words, document)
    if hit:
        return (hit[0].rule, hit[0].message, hit[1], hit[0].severity), False
    conf = _tag_list(text)
    if conf:
        return (rules.TAG_LIST, "Tag/keyword list", conf, Severity.WARNING), False
    if conf := _menu_row(text, n_words):
        return (rules.MENU_ROW, "Navigation row", conf, Severity.WARNING), False
    if "/" in text and "\n" in text.strip() and _BYLINE_SLASH.match(text.split("\n", 1)[0]):
        return (rules.BYLINE_TEASER, "Byline and teaser of another story", 0.75, Severity.WARNING), False
    if _DIGIT.search(text) and _DATE_LINE.match(text):  # every date form has a digit
        return (rules.DATE_LINE, "Date line outside the article", 0.9, Severity.WARNING), True
    if n_words <= 8 and _BYLINE.match(text):
        return (rules.BYLINE, "Byline outside the article", 0.85, Severity.WARNING), True
    return None, False


#: Paragraph texts remembered (~2 KB each): enough for the second pass over a 1 MB window (the size
#: `pipeline.chunks` cuts big files into) to find every unchanged paragraph again.
FEATURES_CACHE = 16384


@lru_cache(maxsize=FEATURES_CACHE)
def _features(text: str, pack: _Pack) -> _Features:
    toks = _tokens(text)
    cjk = _cjk_count(text)
    n_words = len(toks) + cjk // 2
    hit, weak = (None, False) if pack.doc_guards else _structure_hit(text, n_words, pack, "")
    canon = _STOP_CANON
    return _Features(
        stops=tuple(map(canon.__getitem__, filter(canon.__contains__, toks))),
        n_tokens=len(toks),
        has_long=any(len(t) > 2 for t in toks),
        n_words=n_words,
        n_chars=len(text.strip()) + cjk,
        sentence=bool(_SENTENCE_END.search(text)),
        content=tuple(_content_words(toks)),
        hit=hit,
        weak=weak,
        cta=phrase_hits(toks, CTA_TABLE),
        furniture=phrase_hits(toks, FURNITURE_TABLE),
    )


def analyse(doc: Document) -> tuple[list[Para], str | None]:
    """Features of every prose block, and the article language by stop words (None if unknown)."""
    pack = _pack()
    paras: list[Para] = []
    for b in doc.blocks:
        if b.kind == "meta":
            continue
        text = doc.prose(b).replace(MASK, " ")
        feat = _features(text, pack)
        if pack.doc_guards:  # the verdict reads the document: not memoised with the text
            hit, weak = _structure_hit(text, feat.n_words, pack, doc.text)
            feat = replace(feat, hit=hit, weak=weak, ratios={})  # kinds depend on the hit
        paras.append(Para(b, text, feat))
    counts = Counter(chain.from_iterable(p.feat.stops for p in paras))
    lang, ratio = language.guess_by_counts(counts, sum(p.feat.n_tokens for p in paras))
    if ratio < 0.12:
        lang = None
    for p in paras:
        p.sw = p.feat.ratio(lang) if lang else 0.0
        _classify(p, lang)
    return paras, lang


def _classify(p: Para, lang: str | None) -> None:
    """Kind and score of `p` in an article in `lang` (they depend on the text and `lang` only)."""
    known = p.feat.ratios.get(("kind", lang))
    if known is None:
        known = p.feat.ratios[("kind", lang)] = _kind(p, lang)
    p.kind, p.score = known


def _kind(p: Para, lang: str | None) -> tuple[str, float]:
    if p.hit and not p.weak:
        return "bad", -3.0
    rich = p.sw >= 0.2 if lang else True
    if p.n_chars >= 120 and rich:
        return "good", min(5.0, p.n_chars / 60)
    if p.n_chars >= 50 and (rich if lang else p.sentence):
        return "medium", 1.0 if p.sentence else 0.3
    return "short", -1.0 if not p.sentence else -0.3
