"""One defect, one finding: merge what different rules report about the same text.

Normalisers, rule packs, detectors and LanguageTool look at a document independently, so one defect can
come back two or three times (an unclosed « as `quotes/unbalanced` and `quotes/foreign`; a spun word as
a pack phrase and as a spin-model slot). An editor reading the report then counts two problems where
there is one. Two findings are the same defect when
- they cover exactly the same characters, whatever their categories, or
- they have the same category and one span contains the other;
and neither deletes a paragraph (`boilerplate`, whose block findings contain every finding inside them,
which are different defects). Findings that would apply two *different* fixes are both kept: which edit
wins is the fix planner's decision (cleaner/fixes.py), and dropping one here would change the output.

The kept finding is the most useful, deterministically: the one with a fix, then the safest fix, then
the most confident, then the narrowest span (the most specific), then the smallest rule id. Its message
names the rules it absorbed and what they said, so nothing reported is lost. A finding joins a group
when it is the same defect as any member, so the result does not depend on which member leads.
"""

from __future__ import annotations

from dataclasses import replace

from .model import Applicability, Finding

_NEVER_MERGED = frozenset({"boilerplate"})
_RANK = {Applicability.SAFE: 2, Applicability.SUGGESTED: 1, Applicability.NONE: 0}


def _same_defect(a: Finding, b: Finding) -> bool:
    if a.category in _NEVER_MERGED or b.category in _NEVER_MERGED:
        return False
    if a.fix is not None and b.fix is not None and a.fix != b.fix:
        return False
    if (a.start, a.end) == (b.start, b.end):
        return True
    if a.category != b.category or a.start == a.end or b.start == b.end:
        return False
    return (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)


def _preference(f: Finding) -> tuple[bool, int, float, int]:
    return (f.fix is not None, _RANK.get(f.applicability, 0), f.confidence, -(f.end - f.start))


def _better(a: Finding, b: Finding) -> Finding:
    pa, pb = _preference(a), _preference(b)
    if pa != pb:
        return a if pa > pb else b
    return a if a.rule <= b.rule else b


def merge_duplicates(findings: list[Finding]) -> list[Finding]:
    """The findings with each defect reported once, sorted by (start, end, rule)."""
    ordered = sorted(findings, key=lambda f: (f.start, f.end, f.rule))
    kept: list[Finding] = []
    absorbed: dict[int, list[Finding]] = {}  # index in kept -> findings merged into it
    open_: list[int] = []  # indexes in kept whose span may still contain a later finding
    for f in ordered:
        open_ = [i for i in open_ if kept[i].end > f.start or kept[i].start == f.start]
        for i in open_:
            g = kept[i]
            group = [g, *absorbed.get(i, ())]
            if g.rule != f.rule and any(_same_defect(h, f) for h in group):
                win = _better(g, f)
                lose = f if win is g else g
                absorbed.setdefault(i, []).append(lose)
                kept[i] = win
                break
        else:
            kept.append(f)
            open_.append(len(kept) - 1)
    out = []
    for i, f in enumerate(kept):
        notes = dict.fromkeys(f"{g.rule}: {g.message}" for g in absorbed.get(i, ()) if g is not f)
        out.append(replace(f, message=f"{f.message} (also {'; '.join(notes)})") if notes else f)
    out.sort(key=lambda f: (f.start, f.end, f.rule))
    return out
