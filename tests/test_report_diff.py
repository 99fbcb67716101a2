"""The before/after word diff of the review page: its operations tile both texts exactly, it is a
shortest edit script, and removed paragraphs read as whole deletions, not confetti."""

from __future__ import annotations

import itertools

import pytest
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st
from report_data import BOILERPLATE_000, S003, seed_results

from cleaner.report.diff import word_diff


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("", ""),
        ("same\n", "same\n"),
        ("he additional.\n\nClick: See details\n\nLeave a Reply", "he added.\n"),
        ("« Hi, » he said.\n", "“Hi,” he said.\n"),
        ("a\nb\nc\n", "a\nc\nd\n"),
        ("no newline", "no newline at end\n"),
        ("x", ""),
        ("", "y"),
    ],
)
def test_word_diff_tiles_both_texts(a: str, b: str) -> None:
    _check_tiling(a, b)


def _check_tiling(a: str, b: str) -> list:  # type: ignore[type-arg]
    ops = word_diff(a, b)
    assert "".join(o.text for o in ops if o.tag != "insert") == a
    assert "".join(o.text for o in ops if o.tag != "delete") == b
    pos_a = pos_b = 0
    for o in ops:
        assert (o.a_start, o.b_start) == (pos_a, pos_b)
        pos_a, pos_b = o.a_end, o.b_end
        if o.tag != "insert":
            assert a[o.a_start : o.a_end] == o.text
        if o.tag != "delete":
            assert b[o.b_start : o.b_end] == o.text
    assert (pos_a, pos_b) == (len(a), len(b))
    return ops


_LINE = st.lists(st.sampled_from(["the", "minister", "said", "at", "least", ",", "«", "»", "he", "added"]), max_size=8)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(_LINE.map(" ".join), min_size=1, max_size=12),
    st.lists(st.tuples(st.integers(0, 11), st.sampled_from(["drop", "edit", "keep"])), max_size=12),
)
def test_word_diff_tiles_cleaner_like_edits(lines: list[str], actions: list[tuple[int, str]]) -> None:
    """Paragraphs dropped and edited in place, as `cleaner clean` does: the ops tile both texts."""
    what = {i: act for i, act in actions}
    kept = []
    for i, line in enumerate(lines):
        act = what.get(i, "keep")
        if act == "drop":
            continue
        kept.append(line.replace(" at least", " at the minimum") if act == "edit" else line)
    _check_tiling("\n\n".join(lines) + "\n", "\n\n".join(kept) + "\n")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from("abc"), max_size=14), st.lists(st.sampled_from("abc"), max_size=14))
def test_myers_gives_a_shortest_edit_script(a: list[str], b: list[str]) -> None:
    """The word diff's Myers pass: opcodes tile both sequences, equal runs are equal, and the number of
    tokens deleted + inserted is len(a) + len(b) - 2·LCS (checked against the textbook table)."""
    from cleaner.report.diff import _myers

    codes = _myers(a, b, 100)
    assert codes is not None
    x = y = edits = 0
    for tag, i1, i2, j1, j2 in codes:
        assert (i1, j1) == (x, y)
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
        else:
            edits += (i2 - i1) + (j2 - j1)
        x, y = i2, j2
    assert (x, y) == (len(a), len(b))
    lcs = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, ca in enumerate(a):
        for j, cb in enumerate(b):
            lcs[i + 1][j + 1] = lcs[i][j] + 1 if ca == cb else max(lcs[i][j + 1], lcs[i + 1][j])
    assert edits == len(a) + len(b) - 2 * lcs[-1][-1]
    assert len(a) + len(b) - 2 * lcs[-1][-1] > 2 or _myers(a, b, 2) is not None
    assert _myers(a, b, edits - 1) is None if edits else True


def test_removed_paragraphs_next_to_edited_ones_are_whole_deletions() -> None:
    a = "He said at least six.\n\nFollow us on Twitter for more news\n\nHe additional more.\n"
    b = "He said at least seven.\n\nHe added more.\n"
    changes = [(o.tag, o.text) for o in _check_tiling(a, b) if o.tag != "equal"]
    assert ("delete", "Follow us on Twitter for more news\n\n") in changes
    assert ("delete", "six") in changes and ("insert", "seven") in changes
    assert ("delete", "additional") in changes and ("insert", "added") in changes


def test_word_diff_is_readable_on_the_seeds() -> None:
    r0, r3 = seed_results()
    changes3 = [(o.tag, o.text) for o in word_diff(r3.original, r3.cleaned) if o.tag != "equal"]
    assert ("delete", "\n\nClick: See details\n\nLeave a Reply") in changes3
    assert changes3.count(("insert", "least")) == 3
    # removed boilerplate of 000 comes out as whole deletions, not confetti
    deletions = [o.text for o in word_diff(r0.original, r0.cleaned) if o.tag == "delete"]
    for needle in BOILERPLATE_000:
        assert any(needle in d for d in deletions), needle


def test_swaps_in_the_diff_of_real_output_hold_no_shared_whitespace() -> None:
    """On seed 003 as the pipeline cleans it: a swap never starts or ends with whitespace both sides
    share ("the minimum " → "least " must read "the minimum" → "least")."""
    from cleaner import pipeline

    text = (SEEDS / S003).read_text(encoding="utf-8")
    result = pipeline.clean_text(text, f"seeds/{S003}")
    changes = [(o.tag, o.text) for o in word_diff(result.original, result.cleaned) if o.tag != "equal"]
    assert ("insert", "least") in changes
    for (t1, d), (t2, i) in itertools.pairwise(changes):
        if (t1, t2) == ("delete", "insert"):
            assert not (d[-1].isspace() and d[-1] == i[-1]) and not (d[0].isspace() and d[0] == i[0]), (d, i)
