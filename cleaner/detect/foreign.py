"""Untranslated leftovers in English prose: what a translation engine did not translate.

- `mt/foreign-sentence`: a sentence of the article left in the source language.
- `mt/foreign-phrase`: a run of words in another language inside an English sentence
  ("…the minister, qui a été élu en 2019, said…").
- `mt/foreign-furniture`: the source site's labels left untranslated ("Lire aussi", "Leer más",
  "Auch interessant", "Читайте также"), from per-language lists in `cleaner/data/furniture.json`.
- `mt/foreign-script`: a word in another script (a Cyrillic or Chinese name) left in English prose.

Why these guards: English pages are full of things that look foreign to a language identifier — product
lists and title-case headings ("Medium Firm: Hybrid Plus Mattress" is French to lingua, at 0.99),
names ("Museo del Prado"), loanwords ("de facto", "coup d'état"). So a span counts as foreign only
when it is carried by that language's *function words that are not English words* (two distinct ones
at least, or one in a span of eight words or more most of which the English lexicon does not know:
"plus", "con", "die" are English too and prove nothing), is not a title-case line, and lingua agrees
with high confidence. Everything is prefiltered by a set lookup on the paragraph's
words, so lingua (the slow part) sees only the few spans that pass. Only documents in English are read,
and paragraphs the boilerplate detector already flags are left to it. Nothing here is fixed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import regex

from ..config import Config
from ..document import MASK, Document
from ..model import Finding, Severity
from ..registry import mt as rules
from . import language, lexicon, prose_finding

CATEGORY = "mt"
FURNITURE_FILE = Path(__file__).resolve().parent.parent / "data" / "furniture.json"

#: a sentence: up to its end punctuation or its line end (a list's lines are items, not a sentence)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
#: a token with its case kept
_TOKEN = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}]+)?")
#: a run of letters of one non-Latin script (spaces inside a name allowed for scripts that use them)
_SCRIPT_RUN = regex.compile(
    r"(?:\p{Cyrillic}+(?:[ -]\p{Cyrillic}+)*|\p{Greek}+(?:[ -]\p{Greek}+)*|[\p{Han}\p{Hiragana}\p{Katakana}ー]+"
    r"|\p{Hangul}+(?: \p{Hangul}+)*|\p{Arabic}+(?: \p{Arabic}+)*|\p{Hebrew}+(?: \p{Hebrew}+)*)"
)
_SCRIPT_NAMES = (
    ("Cyrillic", regex.compile(r"\p{Cyrillic}")),
    ("Greek", regex.compile(r"\p{Greek}")),
    ("Korean", regex.compile(r"\p{Hangul}")),
    ("Japanese", regex.compile(r"[\p{Hiragana}\p{Katakana}]")),
    ("Chinese", regex.compile(r"\p{Han}")),
    ("Arabic", regex.compile(r"\p{Arabic}")),
    ("Hebrew", regex.compile(r"\p{Hebrew}")),
)


#: Function words of other languages that are also common English words (or letters, or parts of
#: English phrases: "faux pas", "au pair", "en route", "par for the course", "yin and yang"). Checked
#: against the English lexicon: of the foreign function words it knows, these are the ones an English
#: text writes in lower case; the rest ("les", "der", "una", "och") are foreign in English prose.
_ENGLISH_TOO = frozenset(
    """a e i o w y z am come con die door hat men met plus son till under war van hay fins polo polos tot ale
    med nog mot jag ma mi hi ho ha co da po te od dos er par pas au en non sin sus bis ado den dun mas hun
    yang da sa se si la
    """.split()  # noqa: SIM905 (reads as text)
)


def _strong_function_words(lang: str) -> frozenset[str]:
    """Function words of `lang` that are not English words (the evidence a span is in `lang`)."""
    return frozenset(
        w for w in language.ALL_STOPWORDS[lang] if w not in language.STOPWORDS["en"] and w not in _ENGLISH_TOO
    )


@cache
def _strong() -> dict[str, frozenset[str]]:
    return {lang: _strong_function_words(lang) for lang in language.ALL_STOPWORDS if lang != "en"}


@cache
def _any_strong() -> frozenset[str]:
    return frozenset().union(*_strong().values())


@cache
def _any_stop() -> frozenset[str]:
    return frozenset().union(*(w for lang, w in language.ALL_STOPWORDS.items() if lang != "en"))


def _finding(
    doc: Document, config: Config, rule: str, message: str, start: int, end: int, confidence: float, severity: Severity
) -> Finding | None:
    return prose_finding(doc, config, rule, CATEGORY, message, start, end, None, confidence, severity)


def detect(doc: Document, config: Config) -> Iterator[Finding]:
    """Untranslated sentences, phrases, site labels and foreign-script words in an English document
    (English by the function words of its blocks in the first DOCUMENT_SAMPLE characters)."""
    blocks = [b for b in doc.blocks if b.kind != "meta"]
    toks_of = [language.words(doc.prose(b)) for b in blocks]
    sample = [t for b, t in zip(blocks, toks_of, strict=True) if b.start < language.DOCUMENT_SAMPLE]
    n = sum(map(len, sample))
    if n < 30 or sum(language.stopword_count(t, "en") for t in sample) < 0.2 * n:
        return
    from .boilerplate import flagged_blocks

    skip = flagged_blocks(doc)
    script_ok = language.non_latin_share(doc.mask[: language.DOCUMENT_SAMPLE]) < 0.05  # else bilingual
    strong = _any_strong()
    heads = _furniture_by_head()
    for b, toks in zip(blocks, toks_of, strict=True):
        if b.index in skip:
            continue
        text = doc.prose(b)
        taken: list[tuple[int, int]] = []
        ascii_text = text.isascii()
        if not heads.keys().isdisjoint(toks) or (not ascii_text and _has_cjk_head(text)):
            for f in _furniture(doc, config, b.start, text, heads.keys() & set(toks)):
                taken.append((f.start, f.end))
                yield f
        if not strong.isdisjoint(toks):
            for f in _sentences(doc, config, b.start, text):
                taken.append((f.start, f.end))
                yield f
        if script_ok and not ascii_text and language.non_latin_share(text) > 0:
            yield from _scripts(doc, config, b.start, text, taken)


def _title_case(sent: str) -> bool:
    """Most words of three letters or more capitalised: a heading, product name or list line."""
    toks = [t for t in _TOKEN.findall(sent)[1:] if len(t) >= 3]
    return len(toks) >= 2 and sum(t[0].isupper() for t in toks) >= 0.6 * len(toks)


def _foreign_span(span: str, toks: list[str], min_conf: float) -> str | None:
    """The language `span` (words `toks`) is written in when the evidence holds (see module doc)."""
    strong = _strong()
    best: str | None = None
    best_n = 0
    for lang, words in strong.items():
        n = len(words.intersection(toks))
        if n > best_n:
            best, best_n = lang, n
    if best is None or _title_case(span):
        return None
    if best_n < 2:
        # one function word will do in a longer span whose words are mostly not English ones
        unknown = sum(1 for t in toks if not lexicon.known(t))
        if len(toks) < 8 or unknown < 0.5 * len(toks):
            return None
    said, conf = language.detect(span.strip())
    if not said or said == "en" or conf < min_conf:
        return None
    # lingua and the function words must agree (close languages share many: any of the family will do)
    if said != best and len(strong.get(said, frozenset()).intersection(toks)) < 2:
        return None
    return said


def _sentences(doc: Document, config: Config, base: int, text: str) -> Iterator[Finding]:
    for m in _SENTENCE.finditer(text):
        sent = m.group()
        if MASK in sent:
            continue
        toks = language.words(sent)
        n = len(toks)
        if n < 4:
            continue
        en = language.stopword_count(toks, "en") / n
        if en < 0.1 and n >= 5 and sent.rstrip().endswith((".", "!", "?", "…")):
            lang = _foreign_span(sent, toks, 0.9)
            if lang:
                lead = len(sent) - len(sent.lstrip())
                s, e = base + m.start() + lead, base + m.start() + len(sent.rstrip())
                f = _finding(
                    doc,
                    config,
                    rules.FOREIGN_SENTENCE,
                    f"Sentence left in {language.language_name(lang)}",
                    s,
                    e,
                    0.8,
                    Severity.WARNING,
                )
                if f:
                    yield f
            continue
        if len(_any_strong().intersection(toks)) >= 2:  # a phrase needs two foreign function words
            yield from _phrases(doc, config, base + m.start(), sent)


#: punctuation that may sit inside a foreign phrase without ending it
_PHRASE_GAP = re.compile(r"^[\s,'’\-]*$")


def _phrases(doc: Document, config: Config, base: int, sent: str) -> Iterator[Finding]:
    """Runs of four words or more inside an English sentence that are not English: each word is a
    function word of another language or a lower-case word the English lexicon does not know (names,
    capitalised, break a run), with two distinct non-English function words at least."""
    strong = _any_strong()
    en_stop = language.STOPWORDS["en"]
    other_stop = _any_stop()
    run: list[regex.Match[str]] = []

    def close() -> Iterator[Finding]:
        if len(run) < 4:
            return
        s, e = run[0].start(), run[-1].end()
        if _enclosed(sent[:s]):
            return  # quoted or in brackets: a saying or a title the writer gives in its language
        span = sent[s:e]
        toks = [t.group().lower() for t in run]
        lang = _foreign_span(span, toks, 0.8)
        if lang:
            f = _finding(
                doc,
                config,
                rules.FOREIGN_PHRASE,
                f"Phrase left in {language.language_name(lang)}",
                base + s,
                base + e,
                0.7,
                Severity.INFO,
            )
            if f:
                yield f

    prev_end = 0
    for t in _TOKEN.finditer(sent):
        w = t.group()
        low = w.lower()
        foreign = low in strong or (
            w[0].islower()
            and (low in other_stop or (low not in en_stop and not lexicon.known(low) and not lexicon.known(low[:-1])))
        )
        if foreign and (not run or _PHRASE_GAP.match(sent[prev_end : t.start()])):
            run.append(t)
        else:
            yield from close()
            run = [t] if foreign else []
        prev_end = t.end()
    yield from close()


def _enclosed(before: str) -> bool:
    """Whether a bracket or quotation opened in `before` is still open."""
    return (
        before.count("(") > before.count(")")
        or before.count("“") > before.count("”")
        or before.count('"') % 2 == 1
        or before.count("«") > before.count("»")
    )


def _scripts(doc: Document, config: Config, base: int, text: str, taken: list[tuple[int, int]]) -> Iterator[Finding]:
    """Words in a non-Latin script inside an English paragraph. Glosses are left alone: a run inside
    brackets or quotes after a romanised form ("Xi Jinping (习近平)") is the writer's choice, and a
    paragraph mostly in that script is a quotation or a bilingual page, not a leftover."""
    if language.non_latin_share(text) > 0.3:
        return
    for m in _SCRIPT_RUN.finditer(text):
        s, e = base + m.start(), base + m.end()
        run = m.group()
        letters = sum(c.isalpha() for c in run)
        cjk = bool(regex.match(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]", run))
        if letters < (2 if cjk else 3):
            continue  # a Greek letter in a formula, a unit
        before = text[: m.start()].rstrip()
        after = text[m.end() :].lstrip()
        if before[-1:] in '([{（「『"“‘«' or after[:1] in ')]}）」』"”’»':
            continue
        if (m.start() and text[m.start() - 1] in "-/") or text[m.end() : m.end() + 1] in ("-", "/"):
            continue  # part of a compound or code ("β-blocker", "x/юг")
        if any(a < e and s < b for a, b in taken):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        if _CODE.search(text, line_start, line_end if line_end >= 0 else len(text)):
            continue  # a string in a code sample
        prev = before.rsplit(None, 1)[-1] if before else ""
        if prev[:1].isupper() and prev.lower().strip(".,") not in _ROLES:
            continue  # after a name in Latin script, it is the name's gloss: "Continue Moving Company 延续搬家"
        script = next((name for name, pat in _SCRIPT_NAMES if pat.match(run)), "another")
        f = _finding(
            doc,
            config,
            rules.FOREIGN_SCRIPT,
            f"“{run}” is in {script} script in English text: a name or word left untranslated?",
            s,
            e,
            0.5,
            Severity.INFO,
        )
        if f:
            yield f


#: characters of code, not prose
_CODE = re.compile(r"[{};=<>]|\(\)")
#: titles and roles that come before a person's name (after these, a name in another script is not a gloss)
_ROLES = frozenset(
    """president minister premier chancellor mr mrs ms dr prof general governor mayor senator spokesman
    spokeswoman spokesperson ambassador chairman leader secretary foreign prime deputy director chief
    head king queen prince princess""".split()  # noqa: SIM905 (reads as text)
)


# --- site furniture -------------------------------------------------------------------------------


@cache
def furniture_entries() -> list[dict[str, str]]:
    """The entries of `furniture.json`, each with its language under "lang"."""
    data = json.loads(FURNITURE_FILE.read_text(encoding="utf-8"))
    return [{**entry, "lang": lang} for lang, entries in data.items() if lang != "_about" for entry in entries]


@cache
def _furniture_patterns() -> list[tuple[regex.Pattern[str], str, str]]:
    """One pattern per entry, longest phrase first ("À lire aussi" before "Lire aussi")."""
    out = []
    for entry in sorted(furniture_entries(), key=lambda e: -len(e["phrase"])):
        words = entry["phrase"].split()
        body = r"\s+".join(regex.escape(w) for w in words)
        cjk = regex.match(r"\p{Han}", entry["phrase"]) is not None
        edge = "" if cjk else r"(?<![\p{L}\p{M}\-])"
        tail = "" if cjk else r"(?![\p{L}\p{M}\-])"
        out.append((regex.compile(rf"(?i){edge}{body}{tail}"), entry["lang"], entry["phrase"]))
    return out


@cache
def _furniture_by_head() -> dict[str, list[tuple[regex.Pattern[str], str, str]]]:
    """The furniture patterns by the longest word of their phrase (the rarest, as a rule: "leído" in
    "Lo más leído"), as `language.words` reads it: the prefilter, so that a paragraph is matched only
    against the phrases whose key word it has."""
    heads: dict[str, list[tuple[regex.Pattern[str], str, str]]] = {}
    for pat, lang, phrase in _furniture_patterns():
        toks = language.words(phrase)
        if toks:
            key = max(reversed(toks), key=len)
            heads.setdefault(key, []).append((pat, lang, phrase))
    return heads


@cache
def _cjk_heads() -> tuple[str, ...]:
    return tuple(e["phrase"] for e in furniture_entries() if regex.match(r"\p{Han}", e["phrase"]))


def _has_cjk_head(text: str) -> bool:
    return any(h in text for h in _cjk_heads())


def _furniture(doc: Document, config: Config, base: int, text: str, heads: set[str]) -> Iterator[Finding]:
    by_head = _furniture_by_head()
    patterns = [p for p in _furniture_patterns() if p[2] in _cjk_heads()]
    patterns += [p for h in heads for p in by_head[h]]
    patterns.sort(key=lambda p: -len(p[2]))  # longest phrase first
    seen: list[tuple[int, int]] = []
    for pat, lang, phrase in patterns:
        for m in pat.finditer(text):
            s, e = m.span()
            if any(a < e and s < b for a, b in seen):
                continue
            seen.append((s, e))
            f = _finding(
                doc,
                config,
                rules.FOREIGN_FURNITURE,
                f"“{m.group()}” is {language.language_name(lang)} site furniture (“{phrase}”) left untranslated",
                base + s,
                base + e,
                0.85,
                Severity.WARNING,
            )
            if f:
                yield f


_RULES = frozenset({rules.FOREIGN_SENTENCE, rules.FOREIGN_PHRASE, rules.FOREIGN_FURNITURE, rules.FOREIGN_SCRIPT})


def adjust(doc: Document, findings: list[Finding], config: Config) -> Iterator[Finding]:
    """One defect, one finding: a foreign label or sentence inside a paragraph that a boilerplate rule
    already removes or flags ("Donnez votre avis et abonnez-vous") is that rule's, and an opening quote
    the quote normaliser converts and reports as never closed is not reported again by
    `mt/unclosed-quote`."""
    spans = [(f.start, f.end) for f in findings if f.category == "boilerplate"]
    # a quotation mark the quote normaliser reports as never closed (with its conversion) is the
    # unclosed-quote check's defect too: one finding
    unpaired = [(f.start, f.end) for f in findings if f.category == "quotes" and "never closed" in f.message]
    for f in findings:
        if f.rule in _RULES and any(s <= f.start and f.end <= e for s, e in spans):
            continue
        if f.rule == rules.UNCLOSED_QUOTE and any(s <= f.start < e for s, e in unpaired):
            continue
        yield f
