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
from collections import Counter
from collections.abc import Sequence
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
        whole: list[DiffOp] = []
        if a:
            whole.append(DiffOp("delete", a0, a0 + len(a), b0, b0, a))
        if b:
            whole.append(DiffOp("insert", a0 + len(a), a0 + len(a), b0, b0 + len(b), b))
        return whole
    oa, ob = _offsets(ta, a0), _offsets(tb, b0)
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in _diff_codes(ta, tb):
        sa, ea, sb, eb = oa[i1], oa[i2], ob[j1], ob[j2]
        if tag == "equal":
            ops.append(DiffOp("equal", sa, ea, sb, eb, "".join(ta[i1:i2])))
            continue
        if i2 > i1:
            ops.append(DiffOp("delete", sa, ea, sb, sb, "".join(ta[i1:i2])))
        if j2 > j1:
            ops.append(DiffOp("insert", ea, ea, sb, eb, "".join(tb[j1:j2])))
    return ops


def _diff_codes(ta: list[str], tb: list[str]) -> list[Opcode]:
    """Opcodes from `ta` to `tb` (tokens or lines). The common head and tail are equal by definition
    and are set aside first; the changed middle goes to `_myers`, or to SequenceMatcher (quadratic in
    what it is given) when it needs too many edits."""
    n = min(len(ta), len(tb))
    head = 0
    while head < n and ta[head] == tb[head]:
        head += 1
    tail = 0
    while tail < n - head and ta[len(ta) - 1 - tail] == tb[len(tb) - 1 - tail]:
        tail += 1
    mid_a, mid_b = ta[head : len(ta) - tail], tb[head : len(tb) - tail]
    middle: Sequence[Opcode] | None = _myers(mid_a, mid_b, MAX_EDITS)
    if middle is None:
        middle = difflib.SequenceMatcher(None, mid_a, mid_b, autojunk=False).get_opcodes()
    codes: list[Opcode] = [("equal", 0, head, 0, head)] if head else []
    codes += [(t, i1 + head, i2 + head, j1 + head, j2 + head) for t, i1, i2, j1, j2 in middle]
    if tail:
        codes.append(("equal", len(ta) - tail, len(ta), len(tb) - tail, len(tb)))
    return codes


#: a stretch needing more token insertions + deletions than this falls back to SequenceMatcher
MAX_EDITS = 64

Opcode = tuple[str, int, int, int, int]


def _myers(a: list[str], b: list[str], max_d: int) -> list[Opcode] | None:
    """Opcodes (as `SequenceMatcher.get_opcodes` gives them) of a shortest edit script from `a` to `b`,
    or None when it needs more than `max_d` insertions and deletions.

    Myers' O((N+M)·D) algorithm: a cleaned paragraph differs from its original by a few words, so D
    is small, where SequenceMatcher's longest-block search was quadratic in the paragraph's words
    (most of the HTML index's time on a corpus of long scraped paragraphs).
    """
    n, m = len(a), len(b)
    if abs(n - m) > max_d or n + m - 2 * sum((Counter(a) & Counter(b)).values()) > max_d:
        return None  # at least that many tokens have no counterpart: too many edits, known at once
    v: dict[int, int] = {1: 0}
    trace: list[dict[int, int]] = []
    for d in range(max_d + 1):
        trace.append(dict(v))
        for k in range(-d, d + 1, 2):
            x = v[k + 1] if k == -d or (k != d and v[k - 1] < v[k + 1]) else v[k - 1] + 1
            y = x - k
            # follow the diagonal: 16 tokens at a time while they agree (a C-level list comparison;
            # between two edits lie long equal runs), then token by token
            while x + 16 <= n and y + 16 <= m and a[x : x + 16] == b[y : y + 16]:
                x += 16
                y += 16
            while x < n and y < m and a[x] == b[y]:
                x += 1
                y += 1
            v[k] = x
            if x >= n and y >= m:
                return _opcodes(_moves(trace, n, m), n, m)
    return None


def _moves(trace: list[dict[int, int]], n: int, m: int) -> list[tuple[int, int, int, int]]:
    """The script's single-token edits `(x0, y0, x1, y1)` in order, walked back from (n, m): a
    deletion advances x, an insertion y; equal tokens lie between one edit's end and the next start."""
    x, y = n, m
    moves: list[tuple[int, int, int, int]] = []
    for d in range(len(trace) - 1, 0, -1):
        v = trace[d]  # the furthest points after d - 1 edits, as the forward pass saw them
        k = x - y
        prev_k = k + 1 if k == -d or (k != d and v[k - 1] < v[k + 1]) else k - 1
        px = v[prev_k]
        py = px - prev_k
        moves.append((px, py, px + 1, py) if prev_k == k - 1 else (px, py, px, py + 1))
        x, y = px, py
    moves.reverse()
    return moves


def _opcodes(moves: list[tuple[int, int, int, int]], n: int, m: int) -> list[Opcode]:
    """`get_opcodes`-style runs: consecutive edits (no equal token between) merge into one change."""
    codes: list[Opcode] = []
    x = y = 0
    i = 0
    while i < len(moves):
        x0, y0, x1, y1 = moves[i]
        if (x0, y0) != (x, y):
            codes.append(("equal", x, x0, y, y0))
        while i + 1 < len(moves) and moves[i + 1][:2] == (x1, y1):
            i += 1
            x1, y1 = moves[i][2:]
        tag = "replace" if x1 > x0 and y1 > y0 else ("delete" if x1 > x0 else "insert")
        codes.append((tag, x0, x1, y0, y1))
        x, y = x1, y1
        i += 1
    if x < n or y < m:
        codes.append(("equal", x, n, y, m))
    return codes


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
            _append_equal(out, op.a_start, op.a_end, op.b_start, op.b_end, original)
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
        # whitespace both sides of a swap start or end with is not part of it ("the minimum " → "least "
        # reads as "the minimum" → "least")
        lead = 0
        while (
            a_start + lead < a_end
            and b_start + lead < b_end
            and original[a_start + lead] == cleaned[b_start + lead]
            and original[a_start + lead].isspace()
        ):
            lead += 1
        trail = 0
        while (
            a_end - trail > a_start + lead
            and b_end - trail > b_start + lead
            and original[a_end - trail - 1] == cleaned[b_end - trail - 1]
            and original[a_end - trail - 1].isspace()
        ):
            trail += 1
        if lead:
            _append_equal(out, a_start, a_start + lead, b_start, b_start + lead, original)
            a_start, b_start = a_start + lead, b_start + lead
        if trail:
            a_end, b_end = a_end - trail, b_end - trail
        if a_end > a_start:
            out.append(DiffOp("delete", a_start, a_end, b_start, b_start, original[a_start:a_end]))
        if b_end > b_start:
            out.append(DiffOp("insert", a_end, a_end, b_start, b_end, cleaned[b_start:b_end]))
        if trail:
            _append_equal(out, a_end, a_end + trail, b_end, b_end + trail, original)
        i = j
    return out


def _append_equal(out: list[DiffOp], a_start: int, a_end: int, b_start: int, b_end: int, original: str) -> None:
    """Append an equal run, merged into the previous op when that is equal too."""
    if out and out[-1].tag == "equal":
        prev = out.pop()
        a_start, b_start = prev.a_start, prev.b_start
    out.append(DiffOp("equal", a_start, a_end, b_start, b_end, original[a_start:a_end]))


def word_diff(original: str, cleaned: str) -> list[DiffOp]:
    """Ops that turn `original` into `cleaned`: equal/delete runs tile `original` in order, and
    equal/insert runs tile `cleaned` in order (so neither side ever loses or reorders text)."""
    if original == cleaned:
        return [DiffOp("equal", 0, len(original), 0, len(cleaned), original)] if original else []
    la = original.splitlines(keepends=True)
    lb = cleaned.splitlines(keepends=True)
    oa, ob = _offsets(la, 0), _offsets(lb, 0)
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in _diff_codes(la, lb):
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
            ops.extend(_stretch_ops(la[i1:i2], lb[j1:j2], oa[i1 : i2 + 1], ob[j1 : j2 + 1], original, cleaned))
    return _normalise(ops, original, cleaned)


#: a changed stretch with more line pairs than this is word-diffed whole, not aligned line by line
MAX_ALIGN = 40_000
#: two lines are one line edited when this share of their words is common (Dice coefficient)
SIMILAR = 0.5
_WORD = regex.compile(r"[\p{L}\p{N}_]+")


def _stretch_ops(
    la: list[str], lb: list[str], oa: list[int], ob: list[int], original: str, cleaned: str
) -> list[DiffOp]:
    """Ops for a changed stretch whose sides have different numbers of lines: a paragraph removed
    next to paragraphs edited in place, the usual output of `cleaner clean`.

    The lines are aligned first (in order, each edited line with the original it is most like, by
    shared words); paired lines are word-diffed one pair at a time and the rest are whole deletions or
    insertions. Word-diffing the whole stretch instead was quadratic in its words: most of the time
    of the HTML index on a corpus of scraped pages.
    """
    ka, kb = len(la), len(lb)
    a0, b0 = oa[0], ob[0]
    if ka * kb > MAX_ALIGN:
        return _fold_islands(_word_ops(original[a0 : oa[-1]], cleaned[b0 : ob[-1]], a0, b0), original, cleaned)
    words_a = [frozenset(_WORD.findall(line.lower())) for line in la]
    words_b = [frozenset(_WORD.findall(line.lower())) for line in lb]

    def sim(i: int, j: int) -> float:
        wa, wb = words_a[i], words_b[j]
        if not wa and not wb:
            return 1.0 if la[i].strip() == lb[j].strip() else 0.0
        return 2 * len(wa & wb) / (len(wa) + len(wb))

    # best[i][j]: the most similarity pairs of la[:i] and lb[:j] can have, in order
    best = [[0.0] * (kb + 1) for _ in range(ka + 1)]
    for i in range(1, ka + 1):
        row, up = best[i], best[i - 1]
        for j in range(1, kb + 1):
            s = sim(i - 1, j - 1)
            row[j] = max(up[j], row[j - 1], up[j - 1] + s if s >= SIMILAR else 0.0)
    pairs: list[tuple[int, int]] = []
    i, j = ka, kb
    while i and j:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    pairs.reverse()
    ops: list[DiffOp] = []
    i = j = 0
    for pi, pj in [*pairs, (ka, kb)]:
        if pi > i:
            ops.append(DiffOp("delete", oa[i], oa[pi], ob[j], ob[j], original[oa[i] : oa[pi]]))
        if pj > j:
            ops.append(DiffOp("insert", oa[pi], oa[pi], ob[j], ob[pj], cleaned[ob[j] : ob[pj]]))
        if pi == ka:
            break
        a_s, a_e, b_s, b_e = oa[pi], oa[pi + 1], ob[pj], ob[pj + 1]
        ops.extend(_fold_islands(_word_ops(original[a_s:a_e], cleaned[b_s:b_e], a_s, b_s), original, cleaned))
        i, j = pi + 1, pj + 1
    return ops


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
