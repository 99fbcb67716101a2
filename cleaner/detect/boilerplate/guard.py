"""The file-level safety rule: a file that would lose too much of its text is left for review.

Boilerplate removal is judged paragraph by paragraph; a page the detector misreads (a long table or
checklist taken for a link list, a page whose article is mostly short lines) can lose most of its
text to verdicts that are each plausible. Issue 23: lost article text costs more trust than missed
furniture. So when the `safe` boilerplate findings of a file cover more than
`config.boilerplate_max_loss` of its prose (running-text paragraphs of 8+ words, by characters),
none of them is applied: each becomes `suggested` (the editor sees every one), and one file-level
finding says why, with the share. The
user forces the removal with `boilerplate-max-loss = 1` (or `--force-boilerplate`).
"""

from __future__ import annotations

from dataclasses import replace

from ...config import Config
from ...document import MASK, Document
from ...model import Applicability, Finding, Severity
from ...patterns import lazy
from ...registry.boilerplate import TOO_MUCH_REMOVED
from .pack import CATEGORY

#: the file-level finding (zero-width, at the start of the file, no fix)
TOO_MUCH_RULE = TOO_MUCH_REMOVED


_SENTENCE_END = lazy(r"[.!?…][\"'”’»)\]]*\s*$")


def _is_prose(text: str) -> bool:
    """A paragraph of running text: 8+ words ending a sentence (not a label, cell or link line)."""
    return len(text.split()) >= 8 and bool(_SENTENCE_END.search(text))


def removed_share(doc: Document, findings: list[Finding]) -> float:
    """Share of the document's prose (running-text paragraphs, by characters) that safe boilerplate
    findings would delete."""
    prose: list[tuple[int, int, int]] = []
    for b in doc.blocks:
        text = doc.prose(b).replace(MASK, " ")
        if _is_prose(text):
            prose.append((b.start, b.end, len(text.strip())))
    total = sum(n for _, _, n in prose)
    if not total:
        return 0.0
    spans = [(f.start, f.end) for f in findings if f.category == CATEGORY and f.applicability == Applicability.SAFE]
    covered = sum(n for s, e, n in prose if any(fs <= s and e <= fe for fs, fe in spans))
    return min(1.0, covered / total)


def adjust(doc: Document, findings: list[Finding], config: Config) -> list[Finding]:
    """Demote every boilerplate removal of a file that would lose more than the allowed share."""
    if config.boilerplate_max_loss >= 1.0 or not config.is_enabled(TOO_MUCH_RULE, CATEGORY):
        return findings
    share = removed_share(doc, findings)
    if share <= config.boilerplate_max_loss:
        return findings
    out = [
        replace(f, applicability=Applicability.SUGGESTED, confidence=min(f.confidence, 0.7))
        if f.category == CATEGORY and f.applicability == Applicability.SAFE
        else f
        for f in findings
    ]
    out.append(
        Finding(
            rule=TOO_MUCH_RULE,
            category=CATEGORY,
            severity=config.severity_for(TOO_MUCH_RULE, CATEGORY, Severity.WARNING),
            message=(
                f"Removing the boilerplate found here would delete {share:.0%} of the file's text (more than "
                f"boilerplate-max-loss = {config.boilerplate_max_loss:g}): nothing was removed; review the "
                "flagged paragraphs, or force it with --force-boilerplate"
            ),
            start=0,
            end=0,
            text="",
            confidence=share,
        )
    )
    return out
