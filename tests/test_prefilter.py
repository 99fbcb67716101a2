"""The regex prefilter (cleaner/packs/prefilter.py) may only ever skip blocks a pattern cannot match.

Unit tests pin what the analysis derives from typical patterns; the property tests check the one thing
that matters, on generated patterns and texts and on every shipped regex entry: no block where the
pattern matches is ever left out of the candidates.
"""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.packs import load_packs, prefilter
from cleaner.packs.prefilter import Prefilter, Shape, _with_blank_line, lay_out, shape

ICASE = regex.IGNORECASE


def test_required_literals_come_from_the_most_selective_part() -> None:
    s = shape(r"\b(?P<fix>closest)\s+(?:claimed|said|denied)\b", ICASE)
    assert s.literals == frozenset({"closest"})
    s = shape(r"\b(?:near|at|in)\s+(?P<fix>the\s+one)\s+of\s+the\b", ICASE)
    assert s.literals == frozenset({"one"})  # "the" is in nearly every paragraph
    s = shape(r"^.{0,80}\b(?:cookies?|galletas)\b.{0,200}$", ICASE)
    assert s.literals == frozenset({"cookie", "cookies", "galletas"})


def test_spaced_literals_read_whitespace_as_the_phrase_fold_writes_it() -> None:
    """Searched in the phrase matcher's text, where every whitespace run is one space, `\\s+` is a
    known string and the literal can span it: "near the one of the", not just "one"."""
    s = shape(r"\b(?:near|at|in)\s+(?P<fix>the\s+one)\s+of\s+the\b", ICASE)
    assert s.spaced == frozenset({"near the one of the", "at the one of the", "in the one of the"})
    assert shape(r"\bhe\s*\t\s+additional\b", ICASE).spaced == frozenset({"he additional"})
    assert shape(r"foo[ \t]*bar", ICASE).spaced == frozenset({"foobar", "foo bar"})
    assert shape(r"\bsince\s+\d+", ICASE).spaced == frozenset({"since "})
    assert shape(r"\w+\s+\w+", ICASE).spaced is None and shape(r"the\s+\w+", ICASE).spaced is None
    # same-length literals are still what the boilerplate detector screens paragraphs with
    assert shape(r"\bhe\s+additional\b", ICASE).literals == frozenset({"additional"})


def test_literals_holding_another_are_not_looked_for() -> None:
    pre = Prefilter([shape(r"^(?:video|video del dia)\s*$", ICASE)])
    assert pre.literals == [frozenset({"video"})]


def test_a_literal_of_spaces_only_is_no_filter() -> None:
    """Folded, "   " is one space, which the matcher never looks for: such an entry must run in every
    block rather than in none (a find of the generated-pattern test below)."""
    assert Prefilter([shape(r"\ \ \ ", 0)]).literals == [None]
    assert _missed([r"\ \ \ ", r"a\s\s\sb"], ICASE, ["   ", "a   b", "x  y"]) == []


def test_a_block_holding_a_blank_line_stays_a_candidate_for_spaced_literals() -> None:
    """The fold turns a blank line into a barrier, where "foo bar" is not found, but `\\s+` matches it
    inside a block (a code block's blank line): such a block is a candidate whatever the search found."""
    patterns = [r"foo\s+bar", r"\bclosest\s+said"]
    blocks = ["foo\n\nbar", "foo\r\n \r\nbar", "foo\r\rbar", "foo bar", "nothing here", "foo\nbar"]
    text, starts, ends = _layout(blocks)
    cands = Prefilter([shape(p, ICASE) for p in patterns]).candidates(text, starts, ends)
    assert cands == [[0, 1, 2, 3, 5], [0, 1, 2]]
    assert _missed(patterns, ICASE, blocks) == []


def test_a_line_break_ending_a_block_is_whitespace_for_its_literals() -> None:
    """`ab\\s` matches "ab\\n": the block's own line break must not merge with what separates the
    blocks into a blank line, which the fold makes a barrier (a find of the generated-pattern test)."""
    blocks = ["ab\n", "ab\x85", "x", "\nab", "ab"]
    assert _missed([r"ab\s", r"\sab", r"ab\s*$"], 0, blocks) == []


def test_blocks_holding_a_blank_line_are_found_whatever_separates_the_blocks() -> None:
    """With a blank line between blocks, a blank line found across a block's edge took a line break of
    the one inside the next block ("\\n\\ny" after "x\\n"): that block is searched on its own."""
    for sep in ("\n\n", "\r\n\r\n", " ", "\x00\x00"):
        parts = ["x\n", "\n\ny", "a \n \n b", "plain", "one\nline", "c\r\n\r\nd"]
        starts, ends, pos = [], [], 0
        for p in parts:
            starts.append(pos)
            ends.append(pos + len(p))
            pos += len(p) + len(sep)
        text = sep.join(parts)
        assert _with_blank_line(text, starts, ends) == [1, 2, 5], repr(sep)


def test_an_alternative_without_literals_means_no_literal_filter() -> None:
    assert shape(r"\b(?:closest|\w+ly)\s+said", ICASE).literals is None
    assert shape(r"\d+ percent", ICASE).literals == frozenset({" percent"})
    assert shape(r"(?:ab|cd)\s+x", ICASE).literals is None  # two letters filter nothing


def test_symbols_outside_ascii_count_as_selective() -> None:
    assert shape(r"^(?:©|copyright)\s*.{0,20}$", ICASE).literals == frozenset({"©", "copyright"})


def test_anchored_patterns_get_a_width_and_edges() -> None:
    s = shape(r"^(?:home|menu|back to top)\s*[:.»]?$", ICASE)
    assert s.anchored_width == len("backtotop") + 1
    assert s.prefixes == ("back to top", "home", "menu")
    s = shape(r"^(?:photo:\s*.{1,20}|[\w .-]{0,40}/\s*(?:afp|reuters))$", ICASE)
    assert s.prefixes == ("photo:",) and s.suffixes == ("afp", "reuters")
    assert shape(r"^(?:share|tweet)[\s:|-]*$", ICASE).anchored_width is None  # unbounded separators
    assert shape(r"(?m)^home$", ICASE).prefixes is None  # MULTILINE: ^ is any line start


def test_patterns_it_does_not_understand_get_no_shape() -> None:
    for pattern in (r"[[a-z]--[aeiou]]x", r"(?:cat){e<=1}", r"\mword\M", r"(?|(a)|(b))c"):
        assert shape(pattern, ICASE) == Shape(None, None), pattern


def test_named_groups_and_backreferences_are_read_as_unknown_text() -> None:
    s = shape(r"\b(?:the(?P<fix> the)|and(?P<fix> and))\b", ICASE)
    assert s.literals == frozenset({"the the", "and and"})
    assert shape(r"\b(?P<w>\w+) (?P=w)\b", ICASE).literals is None
    assert shape(r"\p{Lu}\w+ told", 0).literals == frozenset({" told"})


def _layout(parts: list[str]) -> tuple[str, list[int], list[int]]:
    return lay_out(parts)  # as the pack set lays a document's blocks out


def _missed(patterns: list[str], flags: int, parts: list[str]) -> list[tuple[str, str]]:
    """(pattern, block) pairs where the pattern matches the block but the prefilter skipped it."""
    compiled = [regex.compile("(?-f)" + p, flags | regex.V1) for p in patterns]
    text, starts, ends = _layout(parts)
    candidates = Prefilter([shape(p, flags) for p in patterns]).candidates(text, starts, ends)
    return [
        (p, prose)
        for rx, cands, p in zip(compiled, candidates, patterns, strict=True)
        for b, prose in enumerate(parts)
        if cands is not None and b not in cands and rx.search(prose)
    ]


ATOMS = ["a", "b", "ab", "ba", "abc", "the", "x y", "©", "Ab", "/", " "]
NODES = [r"\w", r"\s", ".", r"\d", "[ab]", "[^a]", r"\b", "[ ]"]


@st.composite
def patterns(draw: st.DrawFn, depth: int = 0) -> str:
    """Small patterns in the syntax both `re` (for hypothesis's from_regex) and `regex` read alike."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["lit", "lit", "node", "group", "rep"] if depth < 2 else ["lit", "node"]))
        if kind == "lit":
            parts.append(regex.escape(draw(st.sampled_from(ATOMS))))
        elif kind == "node":
            parts.append(draw(st.sampled_from(NODES)))
        elif kind == "group":
            alts = draw(st.lists(patterns(depth + 1), min_size=1, max_size=3))  # type: ignore[call-arg]
            parts.append("(?:" + "|".join(alts) + ")")
        else:
            inner = draw(patterns(depth + 1))  # type: ignore[call-arg]
            parts.append("(?:" + inner + ")" + draw(st.sampled_from(["?", "*", "+", "{0,3}", "{1,2}", "{2}"])))
    body = "".join(parts)
    if draw(st.booleans()):
        body = "^" + body
    if draw(st.booleans()):
        body = body + "$"
    return body


NOISE_PIECES = ["a", "b", "c", "A", "B", "the", " ", "  ", "\n", "/", "©", "1", "x y"]
NOISE_PIECES += ["\t", "\u00a0", "\r\n", "\n\n", "\n \n", "\r", "\u2028", "’", "'", "ſ", "İ"]
NOISE = st.lists(st.sampled_from(NOISE_PIECES))


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, int, list[str]]:
    pattern = draw(patterns())
    flags = draw(st.sampled_from([0, ICASE]))
    matching = st.from_regex(re.compile(pattern, flags), fullmatch=False)
    blocks = draw(st.lists(st.one_of(matching, NOISE.map("".join)), min_size=1, max_size=5))
    if flags and draw(st.booleans()):
        blocks = [b.swapcase() for b in blocks]
    return pattern, flags, blocks


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(cases())
def test_generated_patterns_never_lose_a_matching_block(case: tuple[str, int, list[str]]) -> None:
    pattern, flags, blocks = case
    assert _missed([pattern], flags, blocks) == []


def test_shipped_regex_entries_never_lose_a_matching_block() -> None:
    packs = load_packs()
    entries = packs.regex_entries
    texts: list[str] = []
    for e in entries:
        texts += [*e.examples_flag, *e.examples_pass]
    # every example as a block of its own, then all of them in one block, then with odd case and spaces
    blocks = [*texts, " ".join(texts), *(t.upper() for t in texts), *(t.replace(" ", "  ") for t in texts)]
    text, starts, ends = _layout(blocks)
    assert len(blocks) >= prefilter._MANY_BLOCKS  # the records search, not the per-block test
    candidates = packs.prefilter.candidates(text, starts, ends)
    matched = 0
    for e, cands in zip(entries, candidates, strict=True):
        for b, prose in enumerate(blocks):
            if e.regex.search(prose):
                matched += 1
                assert cands is None or b in cands, (e.rule, prose)
    assert matched > len(entries)  # the check above ran on real matches


def test_few_and_many_blocks_shortlist_the_same_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """A big document's blocks are screened by their edges in one regex search over records, a small
    one's block by block: both must choose the same blocks."""
    packs = load_packs()
    texts = [t for e in packs.regex_entries for t in (*e.examples_flag, *e.examples_pass)]
    blocks = [*texts, *(t.upper() for t in texts), "", "\n", "Share\n", "x" * 40, "(AFP)"]
    text, starts, ends = _layout(blocks)
    monkeypatch.setattr(prefilter, "_MANY_BLOCKS", 1)
    many = packs.prefilter.candidates(text, starts, ends)
    monkeypatch.setattr(prefilter, "_MANY_BLOCKS", 10**9)
    few = packs.prefilter.candidates(text, starts, ends)
    assert many == few
    assert sum(len(c) for c in few if c is not None) > len(packs.regex_entries)


def test_folding_agrees_with_ignorecase_for_every_character_packs_use() -> None:
    """Whatever IGNORECASE lets a literal character match must fold to the same character, or the
    prefilter would skip a block the pattern matches (İ matches i; its lower case is two characters)."""
    from cleaner.packs.matcher import fold_literal
    from cleaner.packs.prefilter import fold

    packs = load_packs()
    used = set("abcdefghijklmnopqrstuvwxyz")
    for s in packs.prefilter.shapes:
        for lit in (*(s.literals or ()), *(s.prefixes or ()), *s.suffixes, *(s.spaced or ())):
            used |= {ch for ch in lit if ch.isalpha()}
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    for ch in sorted(used):
        twins = regex.compile("(?-f)(?i)" + regex.escape(ch), regex.V1).findall(every)
        assert {fold(t) for t in twins} == {fold(ch)}, (ch, [t for t in twins if fold(t) != fold(ch)])
        # the literals are looked for in the phrase matcher's text, folded as `fold_literal` folds
        assert {fold_literal(t) for t in twins} == {fold_literal(ch)}, ch
