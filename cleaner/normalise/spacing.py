"""Spacing and punctuation spacing: the debris of translation and copy-paste.

- no space before `, . ; : ! ?` (French typography puts one before `; : ! ?`, English never does);
- runs of spaces between words become one;
- spaced hyphens inside Arabic and other particle names: `al- Kadhimi`, `al -Kadhimi` → `al-Kadhimi`;
- no space before the apostrophe of a possessive or contraction: `Senate ’s`, `don ’t` → `Senate’s`,
  `don’t` (a scraper's or translator's re-flow splits the token; English never writes it spaced).

Paragraphs in another language keep their own typography: French puts a space before `; : ! ?`, and
its elisions are not English contractions (`language.is_foreign_prose`).

A stray ` & ` between ordinary words (`the & support for the & terrorist groups`) is the MT detector's
(`mt/ampersand-debris`), once: this module flagged it too, and an editor read two lines for one "&".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..detect import language
from ..model import Applicability, Finding, Severity
from ..registry import typography as rules

if TYPE_CHECKING:
    from ..config import Config
    from ..document import Document

_SPACE = "[ \t\u00a0\u202f\u2009]"
_BEFORE_PUNCT = re.compile(
    rf"(?<=[^\s\u00a0\u202f\u2009.…]){_SPACE}+(?:(?=[,.](?:\s|$|[”’\"»)\]]))|(?=[;:!?](?:\s|$|[”’\"»)\]])))"
)
_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_PARTICLES = (
    r"(?:[Aa]l|[Ee]l|[Aa]d|[Aa]r|[Aa]s|[Aa]sh|[Aa]t|[Aa]z|[Aa]n|[Bb]in|[Bb]int|[Ii]bn|[Bb]en"
    r"|[Aa]bu|[Aa]bd|[Aa]bdel|[Uu]mm|[Oo]uld)"
)
_SPACED_HYPHEN = re.compile(rf"\b(?P<p>{_PARTICLES})(?P<h>{_SPACE}+-{_SPACE}*|-{_SPACE}+)(?=[A-Z\u00c0-\u024f])")
# `Senate ’s`, `don ’t`, `they ’re`: the letters after the apostrophe are a whole English clitic, and a
# letter (not a digit, quote or bracket) precedes the space. `n ’t` needs the n of "don", "can", "isn".
_SPACED_APOSTROPHE = re.compile(r"(?<=[^\W\d_])[ \u00a0]+(?=[’'](?:s|re|ve|ll|d|m)\b)|(?<=n)[ \u00a0]+(?=[’']t\b)")
# What each pattern cannot match without: checked first, because the patterns above start with a
# lookbehind or an alternation and so cost a regex step at every character of every paragraph, while
# nearly every paragraph has none of these (this made the normaliser ~5x faster on news).
_BEFORE_PUNCT_HINT = re.compile(rf"{_SPACE}[,.;:!?]")


def _make(
    doc: Document, rule: str, start: int, end: int, new: str | None, message: str, severity: Severity = Severity.INFO
) -> Finding:
    return Finding(
        rule=rule,
        category="spacing",
        severity=severity,
        message=message,
        start=start,
        end=end,
        text=doc.text[start:end],
        suggestion=new,
        applicability=Applicability.SAFE if new is not None else Applicability.NONE,
        confidence=0.95 if new is not None else 0.7,
    )


def fix_spacing(doc: Document, config: Config) -> Iterator[Finding]:
    """Yield spacing repairs for every prose block (see module docstring)."""
    doc_foreign: bool | None = None
    for block in doc.blocks:
        prose = doc.prose(block)
        base = block.start
        hint = _BEFORE_PUNCT_HINT.search(prose)
        spaced = _SPACED_APOSTROPHE.search(prose) if " ’" in prose or " '" in prose or "\u00a0" in prose else None
        if hint or spaced:
            if doc_foreign is None:
                doc_foreign = language.document_is_foreign(doc.mask[: language.DOCUMENT_SAMPLE])
            if language.is_foreign_prose(prose, doc_foreign):
                hint = spaced = None
        taken: set[int] = set()  # starts of spaced apostrophes: a double space there is the same defect
        for m in _SPACED_APOSTROPHE.finditer(prose) if spaced else ():
            taken.add(m.start())
            yield _make(
                doc,
                rules.BEFORE_APOSTROPHE,
                base + m.start(),
                base + m.end(),
                "",
                f"space before the apostrophe of {prose[m.end() : m.end() + 3].rstrip()!r}",
                Severity.WARNING,
            )
        for m in _BEFORE_PUNCT.finditer(prose) if hint else ():
            punct = prose[m.end()]
            yield _make(
                doc,
                rules.BEFORE_PUNCTUATION,
                base + m.start(),
                base + m.end(),
                "",
                f"space before {punct!r}",
                Severity.WARNING,
            )
        for m in _DOUBLE_SPACE.finditer(prose) if "  " in prose else ():
            if m.start() in taken:
                continue
            yield _make(doc, rules.DOUBLE_SPACE, base + m.start(), base + m.end(), " ", "repeated spaces")
        for m in _SPACED_HYPHEN.finditer(prose) if "-" in prose else ():
            s, e = base + m.start("h"), base + m.end("h")
            yield _make(
                doc,
                rules.SPACED_HYPHEN,
                s,
                e,
                "-",
                f"spaced hyphen in a name: {m.group('p')}{prose[m.start('h') : m.end('h')]}…",
                Severity.WARNING,
            )
