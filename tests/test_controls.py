"""Inline controls (`<!-- cleaner: off -->` and friends): what they silence; off regions stay byte-identical."""

from __future__ import annotations

import pytest

from cleaner import clean_text
from cleaner.controls import UNKNOWN_RULE, zones
from cleaner.segment import segment

SPUN = "Police said at the minimum six people died."
FIXED = "Police said at least six people died."
RULE = "spin-news/at-the-minimum"


def spin_lines(text: str, path: str = "post.md") -> list[int]:
    """1-based line numbers of the at-the-minimum findings."""
    r = clean_text(text, path, fix=False)
    return [text.count("\n", 0, f.start) + 1 for f in r.findings if f.rule == RULE]


@pytest.mark.parametrize("path", ["post.md", "post.txt"])
def test_off_on_region_is_silent_and_byte_identical(path: str) -> None:
    inside = "Police said at the minimum six  people died ,and “quoted” text ."
    text = f"{SPUN}\n\n<!-- cleaner: off -->\n{inside}\n<!-- cleaner: on -->\n\n{SPUN}\n"
    r = clean_text(text, path)
    a, b = text.index("<!-- cleaner: off -->"), text.index("<!-- cleaner: on -->") + len("<!-- cleaner: on -->")
    assert not [f for f in r.findings if f.end > a and f.start < b], "finding inside an off region"
    assert inside in r.cleaned
    assert r.cleaned.count(FIXED) == 2  # outside the region the same sentence is still fixed
    region = text[a:b]
    assert region in r.cleaned


def test_off_without_on_runs_to_the_end() -> None:
    text = f"{SPUN}\n\n<!-- cleaner: off -->\n\n{SPUN}\n\n{SPUN}\n"
    assert spin_lines(text) == [1]


def test_disable_until_enable_and_by_pack_or_category() -> None:
    body = "\n\n".join(
        [
            SPUN,
            f"<!-- cleaner: disable={RULE} -->",
            SPUN,
            f"<!-- cleaner: enable={RULE} -->",
            SPUN,
        ]
    )
    assert spin_lines(body) == [1, 9]
    for selector in ("spin-news", "spin"):
        text = f"{SPUN}\n\n<!-- cleaner: disable={selector} -->\n\n{SPUN}\n"
        assert spin_lines(text) == [1], selector
    # disabling another rule leaves this one alone
    text = f"<!-- cleaner: disable=mt,boilerplate -->\n\n{SPUN}\n"
    assert spin_lines(text) == [3]


def test_disabled_rule_is_not_fixed_but_others_are() -> None:
    text = f"<!-- cleaner: disable={RULE} -->\n\nPolice said at the minimum six  people died.\n"
    r = clean_text(text, "post.md")
    assert "at the minimum six people" in r.cleaned  # spacing still fixed, the spun phrase kept


def test_ignore_next_line() -> None:
    text = f"<!-- cleaner: ignore-next-line -->\n{SPUN}\n{SPUN}\n\n{SPUN}\n"
    assert spin_lines(text) == [3, 5]
    # blank lines between the comment and the line are skipped
    text = f"<!-- cleaner: ignore-next-line -->\n\n{SPUN}\n\n{SPUN}\n"
    assert spin_lines(text) == [5]
    # restricted to a selector
    text = f"<!-- cleaner: ignore-next-line=mt -->\n{SPUN}\n"
    assert spin_lines(text) == [2]


def test_directives_in_code_are_examples_not_directives() -> None:
    text = f"```html\n<!-- cleaner: off -->\n```\n\n{SPUN}\n\nUse `<!-- cleaner: off -->` to stop checks.\n\n{SPUN}\n"
    assert spin_lines(text) == [5, 9]


def test_unknown_directive_is_reported() -> None:
    text = f"<!-- cleaner: of -->\n\n{SPUN}\n"
    r = clean_text(text, "post.md", fix=False)
    bad = [f for f in r.findings if f.rule == UNKNOWN_RULE]
    assert len(bad) == 1 and bad[0].text == "<!-- cleaner: of -->" and "'of'" in bad[0].message
    assert spin_lines(text) == [3]  # a misspelt "off" switches nothing off
    ok = clean_text(f"<!-- cleaner: disable=mt enable=mt -->\n\n{SPUN}\n", "post.md", fix=False)
    assert not [f for f in ok.findings if f.rule == UNKNOWN_RULE]


def test_zones_offsets() -> None:
    text = "a\n<!-- cleaner: off -->\nb\n<!-- cleaner: on -->\nc"
    found, problems = zones(segment(text, "markdown"))
    assert not problems
    off = [z for z in found if z.protect and z.end - z.start > 30]
    assert [(z.start, z.end) for z in off] == [(2, len(text) - 2)]


def test_no_directive_means_no_change() -> None:
    r = clean_text(f"{SPUN}\n", "post.md", fix=False)
    assert [f.rule for f in r.findings] == [RULE]


def test_html_files_honour_the_same_comments() -> None:
    text = f"<p>{SPUN}</p>\n<!-- cleaner: off -->\n<p>{SPUN}</p>\n<!-- cleaner: on -->\n<p>{SPUN}</p>\n"
    r = clean_text(text, "page.html")
    assert r.cleaned.count(FIXED) == 2 and r.cleaned.count(SPUN) == 1
