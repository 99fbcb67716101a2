"""The rule engine: matching semantics, guards, block scope, errors, and every pack's examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.packs import PackSet, load_packs, match_case
from cleaner.packs.examples import check_examples
from cleaner.packs.schema import PackError, load_pack
from cleaner.segment import segment

PACK = """
pack: demo
description: test pack
category: spin
severity: warning
applicability: safe
entries:
  - id: at-the-minimum
    phrase: at the minimum
    suggest: at least
    unless:
      - after: '^\\s*wage'
  - id: chief-minister
    phrase: chief minister's office
    suggest: prime minister's office
    unless:
      - document: '\\bIndia\\b'
        then: suggest
  - id: joined-states
    phrase: joined together states
    suggest: United States
    case: insensitive
  - id: footer
    regex: '^leave a reply$'
    suggest: ""
    category: boilerplate
    scope: block
"""


@pytest.fixture()
def demo(tmp_path: Path) -> PackSet:
    p = tmp_path / "demo.yaml"
    p.write_text(PACK, encoding="utf-8")
    return PackSet([load_pack(p)])


def scan(ps: PackSet, text: str):  # type: ignore[no-untyped-def]
    return ps.scan(segment(text))


def test_whitespace_case_and_line_breaks(demo: PackSet) -> None:
    text = "Police said AT  THE\nMINIMUM six died."
    (f,) = scan(demo, text)
    assert f.text == "AT  THE\nMINIMUM" == text[f.start : f.end]
    assert f.suggestion == "AT LEAST"


def test_capitalisation_is_kept(demo: PackSet) -> None:
    (f,) = scan(demo, "At the minimum six died.")
    assert f.suggestion == "At least"
    assert match_case("Joined together states", "United States") == "United States"


def test_word_boundaries(demo: PackSet) -> None:
    assert scan(demo, "flat the minimumx") == []


def test_no_match_across_paragraphs(demo: PackSet) -> None:
    assert scan(demo, "He was at the\n\nminimum of the range.") == []


def test_guard_after_skips(demo: PackSet) -> None:
    assert scan(demo, "They earn at the minimum wage.") == []


def test_document_guard_demotes_to_suggested(demo: PackSet) -> None:
    (f,) = scan(demo, "The chief minister’s office in India said so.")
    assert f.applicability.value == "suggested"
    assert f.suggestion == "prime minister’s office"  # apostrophe style follows the text
    (g,) = scan(demo, "The chief minister's office in Iraq said so.")
    assert g.applicability.value == "safe"


def test_block_scope_spans_paragraph_and_deletes_separator(demo: PackSet) -> None:
    text = "Body text here.\n\nLeave a Reply\n\nMore body."
    doc = segment(text)
    (f,) = demo.scan(doc)
    assert (f.text, f.suggestion, f.category) == ("Leave a Reply", "", "boilerplate")
    assert f.fix is not None and text[f.fix.start : f.fix.end] == "Leave a Reply\n\n"


def test_masked_text_never_matches(demo: PackSet) -> None:
    assert demo.scan(segment("Use `at the minimum` here.", "markdown")) == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("pack: x\nentries: {}", "entries: expected a list"),
        ("pack: x\nentries:\n  - id: a\n    phrase: b\n    colour: red\n", "unknown key 'colour'"),
        ("pack: x\nentries:\n  - id: a\n    regex: '(a+)+b'\n", "nested quantifier"),
        ("pack: x\nentries:\n  - id: a\n    regex: '(unclosed'\n", "invalid regular expression"),
        ("pack: x\nentries:\n  - id: a\n    phrase: b\n  - id: a\n    phrase: c\n", "duplicate id"),
        ("pack: x\nentries: [\n", "invalid YAML"),
    ],
)
def test_malformed_pack_errors_name_file_line_and_key(tmp_path: Path, body: str, message: str) -> None:
    p = tmp_path / "x.yaml"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(PackError) as err:
        load_pack(p)
    assert message in str(err.value)
    assert str(p) in str(err.value)


def test_every_shipped_example_passes() -> None:
    count, failures = check_examples(load_packs())
    assert count > 0
    assert not failures, "\n".join(map(str, failures[:20]))


def test_block_memo_gives_what_a_fresh_scan_gives() -> None:
    packs = load_packs()
    a = segment("Police said at the minimum six died.\n\nShare this article\n\nHe additional nothing.\n")
    b = segment("Share this article\n\nOfficials said at the minimum ten were hurt.\n")
    packs.forget()
    cold_a, cold_b = packs.scan(a), packs.scan(b)
    assert {f.rule for f in cold_a} >= {"spin-news/at-the-minimum", "boilerplate/share-prompt"}
    assert [(f.rule, f.start, f.end) for f in packs.scan(b)] == [(f.rule, f.start, f.end) for f in cold_b]
    packs.forget()
    assert [(f.rule, f.start, f.end) for f in packs.scan(b)] == [(f.rule, f.start, f.end) for f in cold_b]
    assert [(f.rule, f.start, f.end) for f in packs.scan(a)] == [(f.rule, f.start, f.end) for f in cold_a]


def test_case_sensitive_phrases_through_the_memo(tmp_path: Path) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text(
        "pack: p\ndescription: d\ncategory: style\nentries:\n"
        "  - {id: us, phrase: US, case: sensitive, examples: {flag: [The US said.], pass: [Tell us.]}}\n",
        encoding="utf-8",
    )
    packs = PackSet([load_pack(pack)])
    assert [f.text for f in packs.scan(segment("The US said.\n"))] == ["US"]
    assert packs.scan(segment("Tell us.\n")) == []
