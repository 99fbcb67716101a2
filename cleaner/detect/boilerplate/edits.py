"""Removal edits for flagged paragraphs, headline affixes, and the finding builder."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ...config import Config
from ...document import MASK, Block, Document
from ...fixes import back_to_line_break
from ...model import Applicability, Edit, Finding, Severity
from ...patterns import lazy, lazy_re
from ...registry import boilerplate as rules
from .pack import CATEGORY

_LINE_MARKUP = lazy(r"^[ \t>#*+\-]*(?:\d{1,9}[.)][ \t]*)?$")


def removal_edits(doc: Document, blocks: list[Block]) -> dict[int, Edit]:
    """Edits (keyed by block index) that delete each block with the blank line that separated it.

    A block is deleted with the whitespace after it, up to the next non-space character; a run of
    deleted blocks that reaches the end of the file takes the whitespace *before* each block instead,
    so the file's last kept paragraph keeps its line ending. In Markdown the line's container markup
    ("- ", "> ", "## ") goes too. Only whitespace and such markup are ever added to a block's span,
    and never past a masked character, so masked content (code, HTML, the spaces of a blank line that
    the segmenter keeps out of prose) between blocks is never touched. Every edit stands alone:
    applying any subset of them leaves well-formed paragraphs.
    """
    text, mask = doc.text, doc.mask
    n = len(text)
    edits: dict[int, Edit] = {}
    chosen = sorted(blocks, key=lambda b: b.start)
    tail: set[int] = set()  # blocks of the run that reaches the end of the file
    pos = n
    for b in reversed(chosen):
        if not _only_ws_markup(text, b.end, pos):
            break
        tail.add(b.index)
        pos = _line_start_if_markup(text, b.start)
    for b in chosen:
        start = _line_start_if_markup(text, b.start)
        eol = _line_end(text, b.end)
        end = eol if _only_ws_markup(text, b.end, eol) else b.end
        if b.index in tail:
            start = back_to_line_break(mask, start)  # the mask: never across masked whitespace
        else:
            while end < n and text[end] in " \t\r\n\u00a0" and mask[end] != MASK:  # masked: the next
                end += 1  # line's content, or whitespace the segmenter kept out of prose
            last_break = max(text.rfind("\n", eol, end), text.rfind("\r", eol, end))
            if end < n and last_break >= 0:
                # Stop after the last line break: the next line's indentation belongs to it (an
                # indented code block, a list continuation) and must not be deleted with this block.
                end = last_break + 1
        edits[b.index] = Edit(start, end, "")
    return edits


#: plain character lists: the stdlib `re` reads them as `regex` does, and is quicker to call
_EOL = lazy_re(r"[\r\n]")
#: every line boundary `str.splitlines` knows
_LINE_BREAK = lazy_re(r"[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def _line_end(text: str, pos: int) -> int:
    m = _EOL.search(text, pos)
    return m.start() if m else len(text)


def _line_start_if_markup(text: str, pos: int) -> int:
    nl = text.rfind("\n", 0, pos)
    # look for a CR only after the last LF: searching the whole prefix made this quadratic
    ls = max(nl, text.rfind("\r", nl + 1, pos)) + 1
    return ls if ls == pos or _LINE_MARKUP.match(text[ls:pos]) else pos


def _only_ws_markup(text: str, start: int, stop: int) -> bool:
    """Whether every line of `text[start:stop]` is blank or container markup. Stops at the first line
    that is not, and never copies the range: callers ask about the whole rest of a file, which the
    first line usually settles."""
    pos, n, s = start, stop, text
    while pos <= n:
        m = _LINE_BREAK.search(s, pos, n)
        end = m.start() if m else n
        line = s[pos:end].strip()
        if line and not _LINE_MARKUP.match(line):  # a blank line always matches
            return False
        if m is None:
            return True
        pos = m.end()
    return True


_PREFIX = lazy(r"^(?P<affix>\p{Lu}{1,5}\s*[–—|:]\s+|\p{Lu}{1,5}\s+-\s+)(?=\p{L})")
_SUFFIX = lazy(
    r"(?P<affix>\s+[|»]\s*[^|»]{1,40}|\s+[–—-]\s+(?:[\p{Lu}\d][\w.'’&-]*\s*){1,3}"
    r"(?:news|times|post|online|daily|today|herald|tribune|\.com|\.\w{2,3}|tv|network)?)\s*$",
    regex.IGNORECASE,
)
_SITEY = lazy(
    r"(?i)\b(?:news|times|post|online|daily|today|herald|tribune|journal|gazette|tv|network|media)\b|"
    r"\.\w{2,3}\b"
)


def title_affixes(doc: Document, config: Config) -> Iterator[Finding]:
    """Site tags glued to the headline: "CM – " before it, " | News" after it. Flags the affix only."""
    title = next((b for b in doc.blocks if b.kind in ("title", "meta", "heading")), None)
    if title is None or (title.kind == "heading" and title.index > 1):
        return
    text = doc.prose(title)
    if MASK in text or "\n" in text or len(text.split()) < 4:
        return
    m = _PREFIX.match(text)
    if m:
        tag = m.group("affix").split()[0]
        if tag not in {"US", "UK", "EU", "UN", "AI"}:
            s, e = title.start + m.start("affix"), title.start + m.end("affix")
            yield _finding(doc, config, rules.TITLE_PREFIX, "Source tag before the headline", s, e, 0.7)
    m = _SUFFIX.search(text)
    if m:
        affix = m.group("affix")
        piped = affix.lstrip()[:1] in "|»"
        if (piped or _SITEY.search(affix)) and len(text[: m.start("affix")].split()) >= 3:
            s, e = title.start + m.start("affix"), title.start + m.end("affix")
            yield _finding(
                doc, config, rules.TITLE_SUFFIX, "Site name after the headline", s, e, 0.75 if piped else 0.6
            )


def _finding(
    doc: Document,
    config: Config,
    rule: str,
    message: str,
    start: int,
    end: int,
    conf: float,
    fix: Edit | None = None,
    severity: Severity = Severity.WARNING,
) -> Finding:
    safe = conf >= config.boilerplate_threshold and not rule.endswith(("title-prefix", "title-suffix"))
    return Finding(
        rule=rule,
        category=CATEGORY,
        severity=config.severity_for(rule, CATEGORY, severity),
        message=message,
        start=start,
        end=end,
        text=doc.text[start:end],
        suggestion="",
        applicability=Applicability.SAFE if safe else Applicability.SUGGESTED,
        confidence=conf,
        fix=fix or Edit(start, end, ""),
    )


#: Structural guesses below this confidence are not reported at all: on clean copy they were the only
#: boilerplate flags on body paragraphs (precision first), and they were never removed anyway.
