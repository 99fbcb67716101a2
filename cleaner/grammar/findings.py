"""Mapping LanguageTool matches to cleaner findings, and filtering the ones that are noise in news.

A match becomes a finding at the original file's offsets (through the paragraph's origin table), in
category `grammar` or `style`, with a severity and confidence by LanguageTool's issue type; dictionary
spell checkers' matches on capitalised words (proper nouns) or on fragments of a split hyphenated
name are dropped, and a replacement is offered as an edit only when the flagged span is exactly what
LanguageTool saw.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..model import Applicability, Finding, Severity
from .checker import Checker
from .prose import Paragraph, paragraphs
from .settings import PACK, Settings

if TYPE_CHECKING:
    from ..document import Document

#: LanguageTool categories / issue types that make a match `style` rather than `grammar`
STYLE_CATEGORIES = frozenset(
    {"STYLE", "REDUNDANCY", "TYPOGRAPHY", "PLAIN_ENGLISH", "REPETITIONS_STYLE", "WIKIPEDIA", "GENDER_NEUTRALITY"}
)
STYLE_ISSUES = frozenset({"style", "typographical", "whitespace", "register", "locale-violation"})
#: how much to trust a match, by LanguageTool's issue type
ISSUE_CONFIDENCE: dict[str, float] = {
    "grammar": 0.8,
    "misspelling": 0.6,
    "duplication": 0.7,
    "typographical": 0.6,
    "whitespace": 0.6,
    "inconsistency": 0.6,
    "style": 0.5,
    "register": 0.5,
    "uncategorized": 0.5,
}
SPELLING_CONFIDENCE = 0.4
#: dictionary spell checkers: in news their output is mostly proper nouns (al-Kadhimi, Hashd)
_SPELLER = re.compile(r"MORFOLOGIK|HUNSPELL|SPELLER|SPELLING_RULE")
#: a word that is a fragment of a hyphenated name split by a stray space
_HYPHEN_AFTER = re.compile(r"[ \t\u00a0]*-")
_HYPHEN_BEFORE = re.compile(r"-[ \t\u00a0]*$")


def _is_speller(rule: str) -> bool:
    return bool(_SPELLER.search(rule))


def to_finding(doc: Document, para: Paragraph, m: dict[str, Any], settings: Settings) -> Finding | None:
    """One finding for one compact match, or None when it is filtered out or touches non-prose."""
    s, e = int(m["start"]), int(m["end"])
    if not (0 <= s <= e <= len(para.text)):
        return None
    sent = para.text[s:e]
    if e > s:
        start, end = para.origin[s], para.origin[e - 1] + 1
    else:
        start = end = para.origin[s] if s < len(para.text) else para.origin[-1] + 1
    if not doc.is_prose(start, end):
        return None
    text = doc.text[start:end]
    rule, issue, category = m["rule"], m["issue"], m["category"]
    speller = _is_speller(rule)
    if speller and (
        settings.spelling == "off"
        or (settings.spelling == "lowercase" and _has_capital(sent))
        or _HYPHEN_AFTER.match(para.text, e)  # "al -Kadhimi", "al- Kadhimi": the spacing stage's
        or _HYPHEN_BEFORE.search(para.text, 0, s)  # job, and "al" → "all" would be a harmful edit
    ):
        return None
    style = category in STYLE_CATEGORIES or issue in STYLE_ISSUES
    if speller:
        severity, confidence = Severity.INFO, SPELLING_CONFIDENCE
    elif style:
        severity, confidence = Severity.INFO, ISSUE_CONFIDENCE.get(issue, 0.5)
    else:
        severity, confidence = Severity.WARNING, ISSUE_CONFIDENCE.get(issue, 0.5)
    suggestion: str | None = None
    replacements = m.get("replacements") or []
    # a replacement is only an edit when the flagged span is exactly what LanguageTool saw
    if replacements and sent == text and replacements[0] != text:
        suggestion = replacements[0]
    message = m["message"] or f"LanguageTool rule {rule}"
    return Finding(
        rule=f"{PACK}/{rule}",
        category="style" if style else "grammar",
        severity=severity,
        message=message,
        start=start,
        end=end,
        text=text,
        suggestion=suggestion,
        applicability=Applicability.SUGGESTED if suggestion is not None else Applicability.NONE,
        confidence=confidence,
    )


def _has_capital(word: str) -> bool:
    return any(c.isupper() for c in word)


def findings_for(doc: Document, checker: Checker, keep: Callable[[int, int, str], bool] | None = None) -> list[Finding]:
    paras = paragraphs(doc, keep)
    if not paras:
        return []
    out: list[Finding] = []
    for para, matches in zip(paras, checker.check(paras), strict=True):
        for m in matches:
            finding = to_finding(doc, para, m, checker.settings)
            if finding is not None:
                out.append(finding)
    out.sort(key=lambda f: (f.start, f.end, f.rule))
    return out
