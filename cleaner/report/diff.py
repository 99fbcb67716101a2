"""Before/after diff of an article, readable by an editor rather than by `patch`.

Why not `difflib.ndiff` on characters: a character diff of prose shreds words ("addi~~tional~~ed"),
and a plain word diff over a whole article latches onto stray common words ("the", blank lines) in the
middle of removed boilerplate, so a deleted footer shows up as confetti. So the diff runs in two
passes, like a careful reviewer reads:

1. lines (for plain text: paragraphs and their line breaks) are matched first, so whole paragraphs
   that were removed come out as one deletion;
2. only where lines were *changed* are the words compared, and tiny unchanged islands between two
   changes (a space, a comma) are folded into the change so "he additional." → "he added." reads as
   one swap.

Every op carries offsets into both texts (code points, like every offset in cleaner), so a reporter
can tell which deletion lies inside a boilerplate finding and mark it as such.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

import regex

__all__ = ["DiffOp", "diff_stats", "unified_diff", "word_diff"]

Tag = Literal["equal", "delete", "insert"]

#: words (letters, digits, joined by apostrophes/hyphens inside a word), runs of whitespace other than
#: line breaks, single line breaks (so a paragraph break lines up with its counterpart) and single other
#: characters; a name like "al-Kadhimi" stays one token.
_TOKEN = regex.compile(r"[\p{L}\p{N}_]+(?:['’\-][\p{L}\p{N}_]+)*|\n|[^\S\n]+|.", regex.DOTALL)

#: above this many tokens on either side a changed stretch is shown as a whole deletion + insertion:
#: SequenceMatcher is quadratic in the worst case and such a stretch is unreadable as a word diff anyway.
MAX_TOKENS = 20_000

#: an unchanged island between two changes this short (in code points) or made of whitespace and
#: punctuation only is folded into the surrounding change.
SMALL_ISLAND = 2


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One run of the diff: `text` is `original[a_start:a_end]` for equal/delete and
    `cleaned[b_start:b_end]` for insert."""

    tag: Tag
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    text: str


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _offsets(tokens: list[str], base: int) -> list[int]:
    """Start offset of every token plus the end offset (len(tokens) + 1 entries)."""
    out = [base]
    for t in tokens:
        out.append(out[-1] + len(t))
    return out


def _word_ops(a: str, b: str, a0: int, b0: int) -> list[DiffOp]:
    """Word-level ops for one changed stretch `a` (at a0 in the original) → `b` (at b0 in the cleaned)."""
    ta, tb = _tokens(a), _tokens(b)
    if len(ta) > MAX_TOKENS or len(tb) > MAX_TOKENS:
        ops = []
        if a:
            ops.append(DiffOp("delete", a0, a0 + len(a), b0, b0, a))
        if b:
            ops.append(DiffOp("insert", a0 + len(a), a0 + len(a), b0, b0 + len(b), b))
        return ops
    oa, ob = _offsets(ta, a0), _offsets(tb, b0)
    ops: list[DiffOp] = []
    # The common head and tail are equal by definition; SequenceMatcher, quadratic in what it is given,
    # then only sees the changed middle (usually a few words of a long paragraph).
    n = min(len(ta), len(tb))
    head = 0
    while head < n and ta[head] == tb[head]:
        head += 1
    tail = 0
    while tail < n - head and ta[len(ta) - 1 - tail] == tb[len(tb) - 1 - tail]:
        tail += 1
    sm = difflib.SequenceMatcher(None, ta[head : len(ta) - tail], tb[head : len(tb) - tail], autojunk=False)
    codes = [("equal", 0, head, 0, head)] if head else []
    codes += [(t, i1 + head, i2 + head, j1 + head, j2 + head) for t, i1, i2, j1, j2 in sm.get_opcodes()]
    if tail:
        codes.append(("equal", len(ta) - tail, len(ta), len(tb) - tail, len(tb)))
    for tag, i1, i2, j1, j2 in codes:
        sa, ea, sb, eb = oa[i1], oa[i2], ob[j1], ob[j2]
        if tag == "equal":
            ops.append(DiffOp("equal", sa, ea, sb, eb, "".join(ta[i1:i2])))
            continue
        if i2 > i1:
            ops.append(DiffOp("delete", sa, ea, sb, sb, "".join(ta[i1:i2])))
        if j2 > j1:
            ops.append(DiffOp("insert", ea, ea, sb, eb, "".join(tb[j1:j2])))
    return ops


def _is_small(op: DiffOp) -> bool:
    if len(op.text) <= SMALL_ISLAND and "\n" not in op.text:
        return True
    return "\n" not in op.text and not regex.search(r"[\p{L}\p{N}]", op.text)


def _fold_islands(ops: list[DiffOp], original: str, cleaned: str) -> list[DiffOp]:
    """Fold small unchanged islands that sit between two changes into those changes.

    Only islands inside one changed line stretch are considered (the caller passes one stretch at a
    time), so a blank line between two removed paragraphs is never swallowed into prose.
    """
    out: list[DiffOp] = []
    i = 0
    n = len(ops)
    while i < n:
        op = ops[i]
        if (
            op.tag == "equal"
            and out
            and out[-1].tag != "equal"
            and i + 1 < n
            and ops[i + 1].tag != "equal"
            and _is_small(op)
        ):
            # island: turn it into delete + insert of the same text, then merge neighbours below
            out.append(DiffOp("delete", op.a_start, op.a_end, op.b_start, op.b_start, op.text))
            out.append(DiffOp("insert", op.a_end, op.a_end, op.b_start, op.b_end, op.text))
        else:
            out.append(op)
        i += 1
    return _normalise(out, original, cleaned)


def _normalise(ops: list[DiffOp], original: str, cleaned: str) -> list[DiffOp]:
    """Within every run of consecutive changes put all deletions first, then all insertions, and merge
    them; merge adjacent equals. Offsets stay exact because a run of changes covers one contiguous
    stretch of each text."""
    out: list[DiffOp] = []
    i, n = 0, len(ops)
    while i < n:
        if ops[i].tag == "equal":
            op = ops[i]
            if out and out[-1].tag == "equal":
                prev = out.pop()
                op = DiffOp("equal", prev.a_start, op.a_end, prev.b_start, op.b_end, prev.text + op.text)
            out.append(op)
            i += 1
            continue
        j = i
        while j < n and ops[j].tag != "equal":
            j += 1
        run = ops[i:j]
        a_start = min(o.a_start for o in run)
        a_end = max(o.a_end for o in run)
        b_start = min(o.b_start for o in run)
        b_end = max(o.b_end for o in run)
        if a_end > a_start:
            out.append(DiffOp("delete", a_start, a_end, b_start, b_start, original[a_start:a_end]))
        if b_end > b_start:
            out.append(DiffOp("insert", a_end, a_end, b_start, b_end, cleaned[b_start:b_end]))
        i = j
    return out


def word_diff(original: str, cleaned: str) -> list[DiffOp]:
    """Ops that turn `original` into `cleaned`: equal/delete runs tile `original` in order, and
    equal/insert runs tile `cleaned` in order (so neither side ever loses or reorders text)."""
    if original == cleaned:
        return [DiffOp("equal", 0, len(original), 0, len(cleaned), original)] if original else []
    la = original.splitlines(keepends=True)
    lb = cleaned.splitlines(keepends=True)
    oa, ob = _offsets(la, 0), _offsets(lb, 0)
    ops: list[DiffOp] = []
    sm = difflib.SequenceMatcher(None, la, lb, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        sa, ea, sb, eb = oa[i1], oa[i2], ob[j1], ob[j2]
        if tag == "equal":
            ops.append(DiffOp("equal", sa, ea, sb, eb, original[sa:ea]))
        elif tag == "delete":
            ops.append(DiffOp("delete", sa, ea, sb, sb, original[sa:ea]))
        elif tag == "insert":
            ops.append(DiffOp("insert", sa, sa, sb, eb, cleaned[sb:eb]))
        elif i2 - i1 == j2 - j1:
            # as many lines on both sides (fixes inside lines): compare them pair by pair, far cheaper
            # than all their words at once
            for k in range(i2 - i1):
                a_s, a_e, b_s, b_e = oa[i1 + k], oa[i1 + k + 1], ob[j1 + k], ob[j1 + k + 1]
                word_ops = _word_ops(original[a_s:a_e], cleaned[b_s:b_e], a_s, b_s)
                ops.extend(_fold_islands(word_ops, original, cleaned))
        else:
            ops.extend(_fold_islands(_word_ops(original[sa:ea], cleaned[sb:eb], sa, sb), original, cleaned))
    return _normalise(ops, original, cleaned)


def diff_stats(ops: list[DiffOp]) -> dict[str, int]:
    """Counts an overview can show: changed runs and code points removed/added."""
    return {
        "deletions": sum(1 for o in ops if o.tag == "delete"),
        "insertions": sum(1 for o in ops if o.tag == "insert"),
        "removed_chars": sum(len(o.text) for o in ops if o.tag == "delete"),
        "added_chars": sum(len(o.text) for o in ops if o.tag == "insert"),
    }


def unified_diff(original: str, cleaned: str, path: str | None = None, context: int = 1) -> str:
    """A classic unified diff (for `--diff` style terminal output); empty when nothing changed."""
    name = path or "<text>"
    lines = difflib.unified_diff(
        original.splitlines(keepends=True),
        cleaned.splitlines(keepends=True),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
        n=context,
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
