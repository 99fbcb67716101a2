"""Pipeline invariants (DESIGN.md), on the seeds and on generated text."""

from __future__ import annotations

import itertools
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import clean_text
from cleaner.config import DEFAULT
from cleaner.document import MASK
from cleaner.segment import segment

WORDS = [
    "the",
    "minister",
    "said",
    "at",
    "least",
    "al-",
    "Kadhimi",
    "he",
    "added",
    "attack",
    "&",
    "amp;",
    "«",
    "»",
    "“",
    "”",
    '"',
    "'",
    "’",
    "„",
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    "-",
    "–",
    "(",
    ")",
    "Ã©",
    "\u00a0",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "http://x.org/a",
    "`code`",
    "*",
    "#",
    ">",
    "1,000",
    "3.5",
]
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
texts = st.lists(st.sampled_from(WORDS), max_size=60).map(lambda ws: " ".join(ws))


def test_seeds_idempotent_and_offsets_exact(seed_texts: dict[str, str]) -> None:
    for name, text in seed_texts.items():
        r = clean_text(text, name)
        assert r.findings, name
        for f in r.findings:
            assert f.text == text[f.start : f.end], f
        again = clean_text(r.cleaned, name)
        assert again.cleaned == r.cleaned, name


@SETTINGS
@given(texts)
def test_generated_text_idempotent_and_exact(text: str) -> None:
    r = clean_text(text)
    for f in r.findings:
        assert f.text == text[f.start : f.end]
        assert 0 <= f.start <= f.end <= len(text)
    assert clean_text(r.cleaned).cleaned == r.cleaned


@SETTINGS
@given(texts, texts, texts)
def test_markdown_non_prose_is_byte_identical(front: str, body: str, code: str) -> None:
    fm_value = re.sub(r"[\r\n]", " ", front)
    code_body = code.replace("`", "'").replace("\r", "")
    md = f"---\nkey: {fm_value!r}\n---\n\n{body}\n\n```\n{code_body}\n```\n"
    r = clean_text(md, "x.md")
    assert r.cleaned.startswith(f"---\nkey: {fm_value!r}\n---\n")
    assert r.cleaned.endswith(f"```\n{code_body}\n```\n")
    doc = segment(md, "markdown")
    for f in r.findings:
        assert MASK not in doc.mask[f.start : f.end] or f.category == "boilerplate"


def test_line_endings_bom_and_final_newline_kept() -> None:
    text = "« Oui » said  the man .\r\n\r\nSecond line\r\n"
    r = clean_text(text)
    assert r.cleaned == "“Oui” said the man.\r\n\r\nSecond line\r\n"
    no_final = clean_text("« Oui »")
    assert no_final.cleaned == "“Oui”"


def test_a_fixed_block_that_reappears_elsewhere_is_looked_at_again() -> None:
    """A fuzz find (CLEANER_FUZZ_SEED=3270843413): the `"` of one block was converted while `&quot;` in
    another was decoded to `"`; the next pass took the new block for the first one, already settled, and
    left its quote for a second run of cleaner to convert."""
    text = '```python\r\n"\r\nthe \r\n```\n\n&quot; '
    once = clean_text(text).cleaned
    assert clean_text(once).cleaned == once
    assert '"' not in once


def test_a_deletion_at_the_start_exposes_no_byte_order_mark() -> None:
    """A fuzz find (CLEANER_FUZZ_SEED=731474467): removing the first paragraph left a U+FEFF first in the
    text, which every reader takes for a BOM once written, so the file did not read back as cleaned."""
    from cleaner.decode import decode, encode

    text = "Share this article\n\n\ufeff Police said the storm hit the coast on Monday and six people died.\n"
    r = clean_text(text, "a.txt")
    assert r.changed and not r.cleaned.startswith("\ufeff") and "Police said" in r.cleaned
    payload, _ = encode(r.cleaned, decode(text.encode("utf-8")))
    assert decode(payload).text == r.cleaned
    kept = "\ufeffA BOM the file itself starts with is the decoder's to keep or drop.\n"
    assert clean_text(kept).cleaned.startswith("\ufeff")


def test_deleting_trailing_boilerplate_adds_no_final_newline() -> None:
    # A fuzz find: two trailing deletions, the second widened back to touch the first, left the blank
    # lines before the first at the end of a file that had no final newline.
    head = '\n\n\n\n+++\ntitle = "the the the the the "\nkey = "«  »"\n+++'
    text = head + "\n\nthe Subscribe to our newsletter \n\nthe\n\nFollow us on Twitter \n\nthe "
    assert not clean_text(text).cleaned.endswith("\n")
    assert clean_text(text).cleaned.endswith("+++")
    assert clean_text(text + "\n").cleaned.endswith("+++\n")


def test_trailing_deletion_keeps_the_previous_lines_trailing_spaces() -> None:
    # A fuzz find: deleting the last paragraph took the blank lines before it and the space after an
    # HTML tag on the line before, which is masked content and must stay byte-identical.
    md = "Body paragraph of the story.\n\n<b> \n\nShare this article "
    assert clean_text(md, "a.md").cleaned == "Body paragraph of the story.\n\n<b> "


def test_trailing_deletion_never_grows_across_masked_whitespace() -> None:
    # A fuzz find: a line of spaces that the segmenter keeps out of prose sat between two removed
    # trailing paragraphs; joining the two deletions took it with them.
    md = "\n\nthe \n\nthe the the the the the the minister minister minister \n\nthe \n\n   \n\nthe "
    assert "\n\n   " in clean_text(md, "a.md").cleaned


def test_nothing_outside_prose_changes_in_markdown() -> None:
    md = "Text with `« code »` and [« link »](http://x.org/«a») and « quote ».\n"
    r = clean_text(md, "a.md")
    assert r.cleaned == "Text with `« code »` and [“link”](http://x.org/«a») and “quote”.\n"


def test_huge_files_are_cleaned_in_windows_cut_at_blank_lines(monkeypatch) -> None:
    """A very large file is cleaned window by window (bounded memory, linear time): the windows are cut
    before blank lines, findings keep offsets into the whole file, and local repairs come out exactly
    as they would without windows."""
    import cleaner.pipeline as P

    para = "Police said « at least six » people died , officials said.\n\nThe storm hit the coast on Monday.\n\n"
    text = para * 200
    whole = P.clean_text(text, "big.txt")
    monkeypatch.setattr(P, "CHUNK_THRESHOLD", 5_000)
    monkeypatch.setattr(P, "CHUNK_CHARS", 1_000)
    spans = P.chunks(text, "text")
    assert len(spans) > 5
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    assert all(text.startswith("\n\n", s) for s, _ in spans[1:])  # cut just before a blank line
    windowed = P.clean_text(text, "big.txt")
    assert windowed.cleaned == whole.cleaned
    assert [(f.rule, f.start, f.end) for f in windowed.findings] == [(f.rule, f.start, f.end) for f in whole.findings]
    assert all(text[f.start : f.end] == f.text for f in windowed.findings)
    assert windowed.fixes_applied == whole.fixes_applied


def test_windows_never_cut_a_fenced_code_block_or_controls(monkeypatch) -> None:
    import cleaner.pipeline as P

    monkeypatch.setattr(P, "CHUNK_THRESHOLD", 2_000)
    monkeypatch.setattr(P, "CHUNK_CHARS", 500)
    fenced = "```\n" + "code  line\n\n" * 100 + "```\n\n" + "A paragraph , here.\n\n" * 100
    for s, e in P.chunks(fenced, "markdown"):
        assert fenced[s:e].count("```") % 2 == 0
    assert len(P.chunks(fenced, "markdown")) > 1
    controlled = "<!-- cleaner: off -->\n\n" + "A paragraph , here.\n\n" * 300
    assert P.chunks(controlled, "markdown") == [(0, len(controlled))]


def test_forget_empties_every_text_memo() -> None:
    from cleaner.detect import boilerplate, spin
    from cleaner.pipeline import _packs, forget

    clean_text("Police said at the minimum six died, he additional.\n\nShare this article\n")
    assert _packs(DEFAULT)._memo() and spin._slot_hits.cache_info().currsize and boilerplate._RECENT
    forget()
    assert not _packs(DEFAULT)._memo()
    assert spin._slot_hits.cache_info().currsize == 0 and boilerplate._features.cache_info().currsize == 0
    assert not boilerplate._RECENT


def test_a_removal_that_would_turn_code_into_prose_is_withdrawn() -> None:
    """Deleting the paragraph between a list and an indented code block would make the code a list
    paragraph: that one edit is withdrawn, the finding is still reported, other fixes still apply."""
    text = (
        "The minister spoke on Tuesday about the budget , he said.\n\n- first point of the plan\n\n"
        "Follow us on Twitter\n\n    $ cleaner check notes.md\n"
    )
    result = clean_text(text, "article.md")
    assert "    $ cleaner check notes.md\n" in result.cleaned
    assert "Follow us on Twitter" in result.cleaned
    assert "the budget, he said" in result.cleaned  # the space before the comma still went
    assert any(f.rule == "boilerplate/follow-us" for f in result.findings)
    code = result.cleaned.index("$ cleaner")
    assert segment(result.cleaned, "markdown").mask[code] == MASK
    # without the list the same paragraph goes, and the code block stays code
    plain = text.replace("- first point of the plan\n\n", "")
    cleaned = clean_text(plain, "article.md").cleaned
    assert "Follow us" not in cleaned and "    $ cleaner check notes.md\n" in cleaned


def test_a_removed_paragraph_leaves_the_spaces_of_a_masked_blank_line() -> None:
    text = "The minister spoke on Tuesday about the budget.\n\nFollow us on Twitter\n \nThe reforms start in May.\n"
    cleaned = clean_text(text, "article.md").cleaned
    assert cleaned == "The minister spoke on Tuesday about the budget.\n\n \nThe reforms start in May.\n"


def test_detectors_skipped_after_the_first_pass_never_give_a_safe_fix(seed_texts: dict[str, str]) -> None:
    """Passes after the first only look for fixes to apply, and skip `REPORT_ONLY` detectors (without
    `unsafe_fixes`): that is only correct if none of them ever gives a fix that applies by default."""
    from cleaner.fixes import applicable
    from cleaner.pipeline import REPORT_ONLY, _resolve

    texts = [
        *seed_texts.values(),
        "Talks with international Minister Sergei Lavrov ended.\n",
        "« Ceci est une phrase entièrement en français et elle le reste », il a dit, Then left.\n",
        "Mustafa al-Kadhimi met Mustafa Al-Kadhimi and Mustafa al Kadhimi.\n",
    ]
    found = 0
    for text in texts:
        doc = segment(text)
        for dotted in REPORT_ONLY:
            for f in _resolve(dotted)(doc, DEFAULT):
                found += 1
                assert not applicable(f, DEFAULT), (dotted, f.rule)
    assert found >= len(REPORT_ONLY)  # the texts above give findings: the test is not vacuous
    broken = _resolve("cleaner.detect.spin.detect_broken_title")(segment(texts[-3]), DEFAULT)
    assert [f.rule for f in broken] == ["spin/broken-title"]


def test_suggested_fixes_that_rewrite_each_others_output_are_withheld() -> None:
    """Two contextual tortured-phrase entries undo each other: "strength grid" → "power grid" and
    "splitting tensile power" → "splitting tensile strength". With --unsafe-fixes, applying the first
    pass's "dividing tensile strength" → "splitting tensile strength" and "matrix quest" → "grid search"
    made "strength grid", and the result depended on where the loop stopped (found by test_fuzz)."""
    unsafe = DEFAULT.with_(unsafe_fixes=True, disable=frozenset({"boilerplate"}))
    text = "- “  dividing tensile strength  matrix quest \n"
    once = clean_text(text, "x.md", config=unsafe).cleaned
    assert clean_text(once, "x.md", config=unsafe).cleaned == once
    assert "tensile strength" in once and "power" not in once
    # the safe fixes still apply, and without --unsafe-fixes nothing is withheld
    assert once == "- “dividing tensile strength matrix quest \n"
    one = "Engineers measured the dividing tensile strength of the beam.\n"
    assert "splitting tensile strength" in clean_text(one, "x.md", config=unsafe).cleaned


#: test_fuzz's failing case (CLEANER_FUZZ_SEED=1030936814): removing a repeated block changed the
#: document's language verdict, so blocks settled in the first pass were never looked at again and a
#: second run converted their quotes
_LANGUAGE_FLIP = '+++\ntitle = "Read more: Ã© * ß "\nkey = "« \U0004eab04\U00039be8R$\x8b »"\n+++\n\nParis \x90à \U000d2cf3á^2\x15 \u200b \\\U000f6656é1 @"5= , \U000f2828+\U000e507d \' microbial gas telephone  [\U0006d86e|\x83Â crossbreed dpso  “ injury meter ](#anchor) `« code »` </b> \t \n\n#### .concurrent localization and mapping é ßwww.example.org   &nbsp; addedé \n\n```python\n«\U00099e90áÞ\ndon\'t  Kadhimi ìñ injury meter „  least bactericidal fixation \n```\n\n#### .concurrent localization and mapping é ßwww.example.org   &nbsp; addedé \n\n    k-nearest pals profound cnn  ; </b>  \u200b Kadhimi  http://x.org/a?b=«c» thefortify vector machine \n\n me  1,000 in essential condition \n\n+++\ntitle = "Read more: Ã© * ß "\nkey = "« \U0004eab04\U00039be8R$\x8b »"\n+++\n\nParis \x90à \U000d2cf3á^2\x15 \u200b \\\U000f6656é1 @"5= , \U000f2828+\U000e507d \' microbial gas telephone  [\U0006d86e|\x83Â crossbreed dpso  “ injury meter ](#anchor) `« code »` </b> \t \n\n#### .concurrent localization and mapping é ßwww.example.org   &nbsp; addedé \n\n```python\n«\U00099e90áÞ\ndon\'t  Kadhimi ìñ injury meter „  least bactericidal fixation \n```\n\n#### .concurrent localization and mapping é ßwww.example.org   &nbsp; addedé \n\n# k-nearest pals profound cnn  ; </b>  \u200b Kadhimi  http://x.org/a?b=«c» thefortify vector machine '  # noqa: E501 (the case as hypothesis found it)


def test_a_fix_that_changes_the_documents_language_unsettles_its_blocks() -> None:
    once = clean_text(_LANGUAGE_FLIP, "x.txt").cleaned
    assert clean_text(once, "x.txt").cleaned == once
