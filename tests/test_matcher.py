"""The phrase matcher finds a phrase wherever its words stand in the text, whatever the case, the
apostrophe or the whitespace between them (line breaks included), but never across a blank line or
inside a longer word; and it reports exact offsets into the original text.

The property test compares it with a plain reference written without folding or anchors.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.packs.matcher import PhraseMatcher, fold, fold_literal, fold_phrase

PHRASES = ["at the minimum", "he additional", "security supplies", "don't know", "a b"]
PIECES = ["at", "the", "minimum", "he", "additional", "security", "supplies", "don’t", "don't", "know", "a", "b"]
PIECES += ["At", "THE", "x", "minimumx", ".", ","]
SPACES = [" ", "  ", "\n", "\r\n", "\t", "\u00a0", "\n\n", "\r\n\r\n", "\n \n", "\r\r", "\n\r", " \n ", "\u2028"]


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _blank(run: str) -> bool:
    return run.count("\n") + run.count("\r") - run.count("\r\n") >= 2


def reference(text: str, phrases: list[str]) -> set[tuple[int, int, str]]:
    """Every (start, end, phrase): words compared case- and apostrophe-insensitively, any whitespace
    run between them that holds no blank line, word boundaries at both ends."""
    norm = text.lower().replace("’", "'").replace("\u00a0", " ")
    found: set[tuple[int, int, str]] = set()
    for phrase in phrases:
        words = fold_phrase(phrase).split(" ")
        for start in range(len(text)):
            if start > 0 and _is_word(norm[start - 1]) and _is_word(norm[start]):
                continue
            pos, ok = start, True
            for i, w in enumerate(words):
                if i:
                    run_end = pos
                    while run_end < len(norm) and norm[run_end].isspace():
                        run_end += 1
                    if run_end == pos or _blank(norm[pos:run_end]):
                        ok = False
                        break
                    pos = run_end
                if not norm.startswith(w, pos):
                    ok = False
                    break
                pos += len(w)
            if ok and not (pos < len(norm) and _is_word(norm[pos - 1]) and _is_word(norm[pos])):
                found.add((start, pos, phrase))
    return found


def matcher_hits(text: str, phrases: list[str]) -> set[tuple[int, int, str]]:
    m = PhraseMatcher()
    for i, p in enumerate(phrases):
        m.add(p, i)
    m.build()
    folded = fold(text)
    out = set()
    for fs, fe, payload in m.find(folded.text)[0]:
        for i in payload:
            out.add((folded.original(fs), folded.original(fe - 1) + 1, phrases[i]))
    return out


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SPACES)), max_size=30))
def test_matcher_agrees_with_the_reference(tokens: list[tuple[str, str]]) -> None:
    text = "".join(w + s for w, s in tokens)
    assert matcher_hits(text, PHRASES) == reference(text, PHRASES)


def test_examples() -> None:
    text = "Police said AT THE\r\nminimum six.\n\nAt the\n\nminimum, he additional"
    hits = matcher_hits(text, PHRASES)
    assert {(text[s:e], p) for s, e, p in hits} == {
        ("AT THE\r\nminimum", "at the minimum"),
        ("he additional", "he additional"),
    }


def test_fold_keeps_length_except_inside_paragraph_runs() -> None:
    f = fold("A  b\n\nC\nd")
    assert f.text == "a b\x00\x00c d"
    assert [f.original(i) for i in range(len(f.text))] == [0, 1, 3, 4, 5, 6, 7, 8]


def test_fold_turns_every_whitespace_character_into_one_space() -> None:
    """`fold` lists the whitespace it replaces rather than asking `re` per character: the lists must be
    every `\\s` character, or a phrase would not match across that one."""
    for c in map(chr, range(0x110000)):
        if re.match(r"\s", c):
            doubled = () if c in "\r\n" else (f"AT{c}{c}LEAST",)  # two line breaks: a barrier
            for text in (f"at{c}least", f"at{c} least", f"at {c}least", *doubled):
                folded = fold(text)
                assert folded.text == "at least", (hex(ord(c)), text)
                assert folded.original(3) == len(text) - 5, (hex(ord(c)), text)


def test_literals_share_the_walk_and_are_found_inside_words_too() -> None:
    """The regex prefilter's literals are keys of the same automaton: reported wherever they occur
    (inside a word too: they are a necessary condition, not a match), phrases only at word boundaries."""
    m = PhraseMatcher()
    m.add("he additional", 0)
    m.add_literal(fold_literal("One\u00a0 of"), 7)
    m.add_literal("he additional", 8)  # a key can be both
    m.build()
    assert len(m) == 1
    folded = fold("Someone of them said he additional; she additionally")
    phrases, literals = m.find(folded.text)
    assert [(folded.text[s:e], p) for s, e, p in phrases] == [("he additional", (0,))]
    found = sorted((folded.text[s:e], o) for s, e, o in literals)
    assert found == [("he additional", (8,)), ("he additional", (8,)), ("one of", (7,))]


def test_fold_reads_the_long_s_and_dotted_capital_i_as_ignorecase_does() -> None:
    assert fold("Cloſest İSTANBUL").text == "closest istanbul"
    assert fold_phrase("İstanbul") == "istanbul"
    assert fold_literal(" He\t\n additional ") == " he additional "


def test_no_match_inside_a_hyphenated_compound() -> None:
    """ "self-directed learning" is its own term, not the tortured "directed learning"."""
    m = PhraseMatcher()
    m.add("directed learning", 0)
    m.build()
    for text in ("a self-directed learning process", "a self–directed learning process", "directed learning-based"):
        assert m.find(fold(text).text)[0] == [], text
    assert [h[:2] for h in m.find(fold("uses directed learning - and more").text)[0]] == [(5, 22)]
