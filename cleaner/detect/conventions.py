"""Number, date and time formats that betray the source language of a machine translation.

Translation engines carry the source's conventions into English: French, German, Spanish, Italian,
Portuguese and Russian write decimal commas ("3,5 millions"), thousands dots or spaces ("1.500.000"),
24-hour times with "h" ("13h30", "13.30 h"), the day before "of" and the month ("le 5 mars" → "the 5 of
March"), German day numbers with a dot ("am 5. März"), Romance ordinal indicators ("1º", "1er"),
currency signs after the amount ("500 €") and "Mio."/"Mrd." for million/billion. Each rule matches only
what English style guides (British and American alike) do not write; "5 March 2024" is British and
passes. Rules that are English in some registers ("20 %" with a space, an SI habit) are reported only
in a document where another rule already found a source-language convention.

Every finding is `suggested`: the fix is mechanical but an editor should see the number change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..config import Config
from ..document import Document
from ..model import Applicability, Finding, Severity
from ..patterns import lazy, lazy_re
from ..registry import mt as rules
from ..registry.core import examples_of
from . import english

CATEGORY = "mt"
DECIMAL = rules.DECIMAL_COMMA
THOUSANDS = rules.THOUSANDS_SEPARATOR
TIME = rules.TIME_FORMAT
DAY = rules.DAY_OF_MONTH
MONTH = rules.LOWERCASE_MONTH
ORDINAL = rules.ORDINAL
CURRENCY = rules.CURRENCY_AFTER_AMOUNT
ABBREV = rules.NUMBER_ABBREVIATION
DOTDATE = rules.DOTTED_DATE
PERCENT = rules.PERCENT_SPACE

#: rule → (why, should-flag, should-pass) from the registry (cleaner/registry/mt.py); tests run the examples.
RULES = examples_of(DECIMAL, THOUSANDS, TIME, DAY, MONTH, ORDINAL, CURRENCY, ABBREV, DOTDATE, PERCENT)

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_NUM = {m.lower(): i + 1 for i, m in enumerate(_MONTHS.split("|"))}
#: what follows an amount: scale words, currencies, units, "%", "people"
_UNIT = (
    r"(?:%|per\s?cent\b|percent\b|million|billion|trillion|thousand|euros?\b|dollars?\b|pounds?\b|roubles?\b|"
    r"rubles?\b|yuan\b|pesos?\b|reais\b|francs?\b|lire\b|hryvnias?\b|km\b|kilomet(?:re|er)s\b|met(?:re|er)s\b|"
    r"kg\b|kilos?\b|tonnes?\b|tons?\b|degrees?\b|°|points?\b|hectares?\b|litres?\b|liters?\b|people\b|"
    r"inhabitants\b|residents\b|voters\b|votes\b|jobs\b|€|\$|£)"
)
_DECIMAL = lazy(
    rf"(?<![\d.,])(?P<n>\d{{1,3}}(?:\.\d{{3}})*,\d{{1,2}})(?![\d,])(?=\s?{_UNIT})"
    r"|(?<=[€$£]\s?)(?P<m>\d{1,3}(?:\.\d{3})*,\d{1,2})(?![\d,])"
)
_THOUSANDS = lazy(
    rf"(?<![\d.,])(?P<n>\d{{1,3}}(?:\.\d{{3}}){{1,}}|\d{{1,3}}(?:[ \u00a0\u202f\u2009]\d{{3}}){{2,}}|"
    rf"\d{{1,3}}(?:[\u00a0\u202f\u2009]\d{{3}})+)(?![\d]|[.,]\d)(?=\s?{_UNIT})"
)
_TIME = lazy(
    r"(?<![\w.:,])(?P<h>[01]?\d|2[0-3])(?:\s?h\s?(?P<m>[0-5]\d)|[.:](?P<m2>[0-5]\d)\s?h)(?![\w'’])"
    r"|(?<=\bat\s)(?P<h2>[01]?\d|2[0-3])h(?![\w'’])"  # bare "21h" only as "at 21h": "a 2h drive" is English
)
_DAY = lazy(
    rf"\b(?:the\s+(?P<d>[1-9]|[12]\d|3[01])\s+of"
    # "5. March" only after a preposition: "… scored 5. March saw …" is two sentences
    rf"|(?<=\b(?:on|from|until|till|since|by|before|after|between|and|to)\s)(?P<d2>[1-9]|[12]\d|3[01])\.)"
    rf"\s+(?P<mon>{_MONTHS})\b(?!['’]s)"
)
_LOWER = "january|february|april|june|july|august|september|october|november|december"
_MONTH = lazy(rf"(?-i:(?<=\b\d{{1,2}}\s)(?P<a>{_LOWER})\b|\b(?P<b>{_LOWER})(?=\s\d{{1,2}}\b))")
#: "º"/"ª" only after "the": "30º" alone is usually a degree sign typed as the ordinal indicator
_ORDINAL = lazy(r"\b(?P<n>\d{1,4})(?P<s>th|st|nd|rd|er|re)\b|(?<=\b[Tt]he\s)(?P<n2>\d{1,3})(?P<s2>[ºª])(?![\w°])")
_CURRENCY = lazy(r"(?<![\w.,$€+\-=^_*/])(?P<n>\d[\d.,]*\d|\d)[ \u00a0]?(?P<c>€|\$)(?![\w\d$])")
_ABBREV = lazy(r"\b\d+(?:[.,]\d+)?\s?(?P<a>Mio|Mrd|Mld|mld|mlrd)\.?(?!\w)")
_DOTDATE = lazy(r"(?<![\w.])(?P<d>0[1-9]|[12]\d|3[01])\.(?P<m>0[1-9]|1[0-2])\.(?P<y>(?:19|20)\d\d)(?![\w.]\w)")
_DIGIT = lazy_re(r"\d")
_ANY_MONTH = lazy_re(_MONTHS, re.IGNORECASE)
_SPACED = lazy_re(r"\d \d{3} \d{3}")
_ORDINAL_HINT = lazy_re(r"\d(?:th|st|nd|rd|er|re)\b|[ºª]")
_PERCENT = lazy(r"(?<=\d)[ \u00a0\u202f](?=%)")


def _suffix(n: int) -> str:
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _find(rule: str, message: str, s: int, e: int, text: str, suggestion: str | None, conf: float) -> Finding:
    return Finding(
        rule=rule,
        category=CATEGORY,
        severity=Severity.INFO if rule == PERCENT else Severity.WARNING,
        message=message,
        start=s,
        end=e,
        text=text,
        suggestion=suggestion,
        applicability=Applicability.SUGGESTED if suggestion is not None else Applicability.NONE,
        confidence=conf,
    )


def _block_findings(text: str, base: int) -> Iterator[Finding]:
    """Every convention finding in one block (offsets shifted by `base`), the percent rule included.

    Each rule runs only when the block holds what it cannot match without (a comma, a month name, a
    currency sign…): substring tests and one stdlib search cost far less than the `regex` patterns."""
    dot = "." in text
    has_month = _ANY_MONTH.search(text) is not None
    spaced = "\u00a0" in text or "\u202f" in text or "\u2009" in text or _SPACED.search(text) is not None
    for m in _DECIMAL.finditer(text) if "," in text else ():
        g = "n" if m.group("n") else "m"
        num = m.group(g)
        fixed = num.replace(".", ",").rsplit(",", 1)
        fixed_num = fixed[0] + "." + fixed[1]
        yield _find(
            DECIMAL,
            f"“{num}”: a decimal comma; English writes “{fixed_num}”",
            base + m.start(g),
            base + m.end(g),
            num,
            fixed_num,
            0.85,
        )
    for m in _THOUSANDS.finditer(text) if dot or spaced else ():
        num = m.group("n")
        if "." in num and num.count(".") < 2:
            continue  # "1.500 euros" may be 1.5 thousand written badly or a decimal: too ambiguous
        fixed_num = "".join(ch if ch.isdigit() else "," for ch in num)
        yield _find(
            THOUSANDS,
            f"“{num}”: thousands separated the continental way; English writes “{fixed_num}”",
            base + m.start("n"),
            base + m.end("n"),
            num,
            fixed_num,
            0.8,
        )
    if "h" in text:
        for m in _TIME.finditer(text):
            mins = m.group("m") or m.group("m2") or "00"
            fixed_t = f"{m.group('h') or m.group('h2')}:{mins}"
            yield _find(
                TIME,
                f"“{m.group()}” is the source's 24-hour notation; English writes “{fixed_t}”",
                base + m.start(),
                base + m.end(),
                m.group(),
                fixed_t,
                0.8,
            )
    for m in _DAY.finditer(text) if has_month else ():
        fixed_d = f"{m.group('d') or m.group('d2')} {m.group('mon')}"
        yield _find(
            DAY,
            f"“{m.group()}” is the source's date order; English writes “{fixed_d}”",
            base + m.start(),
            base + m.end(),
            m.group(),
            fixed_d,
            0.85,
        )
    for m in _MONTH.finditer(text) if has_month else ():
        g = "a" if m.group("a") else "b"
        word = m.group(g)
        yield _find(
            MONTH,
            f"“{word}”: English capitalises month names",
            base + m.start(g),
            base + m.end(g),
            word,
            word.capitalize(),
            0.85,
        )
    for m in _ORDINAL.finditer(text) if _ORDINAL_HINT.search(text) else ():
        g, sg = ("n", "s") if m.group("n") else ("n2", "s2")
        n, suf = int(m.group(g)), m.group(sg)
        if suf in ("er", "re") and n != 1:
            continue  # French "1er"/"1re" only; "2re" is no form at all
        right = _suffix(n)
        if suf == right:
            continue
        fixed_o = f"{n}{right}"
        yield _find(
            ORDINAL,
            f"“{m.group()}”: the English ordinal is “{fixed_o}”",
            base + m.start(),
            base + m.end(),
            m.group(),
            fixed_o,
            0.8,
        )
    for m in _CURRENCY.finditer(text) if "€" in text or "$" in text else ():
        fixed_c = m.group("c") + m.group("n")
        yield _find(
            CURRENCY,
            f"“{m.group()}”: English puts the currency sign first (“{fixed_c}”)",
            base + m.start(),
            base + m.end(),
            m.group(),
            fixed_c,
            0.75,
        )
    for m in _ABBREV.finditer(text) if "Mio" in text or "Mrd" in text or "Mld" in text or "ml" in text else ():
        word = "million" if m.group("a") == "Mio" else "billion"
        yield _find(
            ABBREV,
            f"“{m.group('a')}” abbreviates “{word}” in the source language",
            base + m.start("a"),
            base + m.end(),
            text[m.start("a") : m.end()],
            word,
            0.85,
        )
    for m in _DOTDATE.finditer(text) if dot else ():
        name = list(_MONTH_NUM)[int(m.group("m")) - 1].capitalize()
        fixed_dd = f"{int(m.group('d'))} {name} {m.group('y')}"
        yield _find(
            DOTDATE,
            f"“{m.group()}” is a day.month.year date; English writes “{fixed_dd}”",
            base + m.start(),
            base + m.end(),
            m.group(),
            fixed_dd,
            0.7,
        )
    if "%" in text:
        for m in _PERCENT.finditer(text):
            yield _find(
                PERCENT,
                "a space before “%” is French/German typography",
                base + m.start(),
                base + m.end(),
                m.group(),
                "",
                0.5,
            )


def detect(doc: Document, config: Config) -> Iterator[Finding]:
    """Source-language number, date and time conventions in the English blocks of `doc`."""
    found: list[Finding] = []
    for b, text in english.blocks(doc):
        # block by block: most blocks lack what most rules need (a digit, a comma, a month name), and
        # those substring tests skip the rules; over the whole text every rule would run
        if _DIGIT.search(text):
            for f in _block_findings(text, b.start):
                if f.text == doc.text[f.start : f.end] and doc.is_prose(f.start, f.end):
                    found.append(f)
    corroborated = any(f.rule != PERCENT for f in found)
    for f in found:
        if (f.rule != PERCENT or corroborated) and config.is_enabled(f.rule, CATEGORY):
            f.severity = config.severity_for(f.rule, CATEGORY, f.severity)
            yield f
