"""Which paragraphs are worth sending to LanguageTool.

Why: an English grammar checker run on a French footer ("Donnez votre avis et abonnez-vous") reports
every French word as an English spelling mistake, and on a share prompt or a list of tags it reports
fragments that are not sentences. Both are noise on text cleaner has already judged: a paragraph is
not sent when

- a boilerplate finding covers it (the detector already says it is not article text; the editor
  decides about it as boilerplate, not as grammar), or
- the language detector (`detect.language.language_of`: English function words first, lingua when
  they are unsure) is confident (≥ `FOREIGN_CONFIDENCE`) that it is in another language than the
  one LanguageTool is asked to check. A headline full of names can look foreign to lingua with
  middling confidence (seed 000's headline: French, 0.73); the threshold keeps those in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Finding

__all__ = ["FOREIGN_CONFIDENCE", "selector"]

#: lingua's confidence above which a paragraph in another language is not sent
FOREIGN_CONFIDENCE = 0.9


def selector(language: str, found: Iterable[Finding]) -> Callable[[int, int, str], bool]:
    """`keep(start, end, text)`: whether the paragraph at `[start, end)` of the document, reading
    `text` as sent, goes to LanguageTool checking `language` (e.g. "en-US")."""
    spans = sorted((f.start, f.end) for f in found if f.category == "boilerplate" and f.end > f.start)
    want = language.split("-")[0].lower()

    def keep(start: int, end: int, text: str) -> bool:
        if any(s < end and start < e for s, e in spans):
            return False
        if want in ("", "auto"):
            return True
        from ..detect.language import language_of

        lang, confidence = language_of(text)
        return lang is None or lang == want or confidence < FOREIGN_CONFIDENCE

    return keep
