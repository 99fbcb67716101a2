"""Plan fixes: choose which edits to apply, resolve overlaps deterministically, apply once.

Overlapping edits are resolved the same way every run: identical edits are merged, overlapping
deletions are joined into one, and otherwise the wider edit wins (a removed boilerplate paragraph
beats a quote fix inside it), ties broken by position and replacement text. What loses is not lost:
the pipeline re-runs detection on the fixed text and applies what still applies, like ruff's fix loop.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from .config import Config
from .model import Applicability, Edit, Finding


def applicable(f: Finding, config: Config) -> bool:
    if f.fix is None:
        return False
    if f.applicability == Applicability.SAFE:
        return True
    return config.unsafe_fixes and f.applicability == Applicability.SUGGESTED


def _merge_deletions(edits: list[Edit], text: str | None = None) -> list[Edit]:
    """Join overlapping deletions; a deletion that reaches the end of `text` takes the blank lines
    before it. `text` may be the document's mask: whitespace that is masked content (a line of spaces
    the segmenter kept out of prose) is then not whitespace, and no deletion grows across it."""
    dels = sorted(e for e in edits if e.replacement == "" and e.end > e.start)
    others = [e for e in edits if not (e.replacement == "" and e.end > e.start)]
    merged: list[Edit] = []
    for e in dels:
        if merged and e.start <= merged[-1].end:
            last = merged.pop()
            merged.append(Edit(last.start, max(last.end, e.end), ""))
        else:
            merged.append(e)
    while text is not None and merged and not text[merged[-1].end :].strip():
        # Deleting the end of the document: take the blank lines before it too, so the last kept
        # paragraph is followed only by what followed the last paragraph before (its final newline).
        last = merged.pop()
        if merged and _space_before(text, last.start) <= merged[-1].end:
            # Only whitespace separates it from the deletion before: join them and widen again, or
            # the blank lines before that one would be left at the end of the file.
            merged.append(Edit(merged.pop().start, last.end, ""))
            continue
        merged.append(Edit(back_to_line_break(text, last.start), last.end, ""))
        break
    return merged + others


_SPACE = " \t\r\n\u00a0"


def _space_before(text: str, pos: int) -> int:
    """Start of the run of whitespace that ends at `pos`."""
    while pos > 0 and text[pos - 1] in _SPACE:
        pos -= 1
    return pos


def back_to_line_break(text: str, start: int) -> int:
    """Where a deletion running to the end of the file starts: at the first line break of the
    whitespace before `start` (or at `start`). It takes the blank lines before it but not the previous
    line's trailing spaces, which may belong to masked content (`<b> `) that must never change."""
    ws = _space_before(text, start)
    breaks = [i for i in (text.find("\n", ws, start), text.find("\r", ws, start)) if i >= 0]
    return min(breaks) if breaks else start


def _conflict(a: Edit, b: Edit) -> bool:
    if a.start < b.end and b.start < a.end:
        return True
    # An insertion touching another edit's range (or another insertion at the same point) conflicts.
    if a.start == a.end:
        return b.start <= a.start <= b.end
    if b.start == b.end:
        return a.start <= b.start <= a.end
    return False


def plan(findings: Iterable[Finding], config: Config, text: str | None = None, mask: str | None = None) -> list[Edit]:
    """The non-overlapping edits to apply, sorted by position (`text` lets deletions at the end tidy up;
    `mask`, the document's mask, keeps that tidying off masked content)."""
    edits = list({f.fix for f in findings if applicable(f, config) and f.fix is not None})
    edits = _merge_deletions(edits, mask if mask is not None else text)
    accepted = _resolve(edits)
    if text is not None and text.strip():
        # Never empty a file that has content: when every paragraph looks like boilerplate, the
        # detector is more likely wrong than the file, and `--in-place` may be rewriting the only copy.
        # Drop the widest deletions until something is left (the findings are still reported), and
        # let the other fixes that lost to them apply.
        while accepted and not apply(text, accepted).strip():
            dels = [e for e in edits if e.replacement == "" and e.end > e.start]
            if not dels:
                break
            edits.remove(max(dels, key=lambda e: (e.end - e.start, e.start)))
            accepted = _resolve(edits)
    return accepted


def _resolve(edits: list[Edit]) -> list[Edit]:
    """Widest edit first; an edit that conflicts with an accepted one is dropped."""
    edits = sorted(edits, key=lambda e: (-(e.end - e.start), e.start, e.replacement))
    accepted: list[Edit] = []  # non-overlapping, kept sorted by start (so ends are sorted too)
    starts: list[int] = []
    for e in edits:
        i = bisect_left(starts, e.start)
        neighbours = accepted[max(0, i - 1) : i + 2]
        if any(_conflict(e, a) for a in neighbours):
            continue
        accepted.insert(i, e)
        starts.insert(i, e.start)
    return accepted


def apply(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits (as returned by `plan`) in one pass."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: e.start):
        out.append(text[pos : e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)
