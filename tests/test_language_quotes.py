"""Other languages and other uses of punctuation are left alone (issue 23): quote and spacing
normalisation apply to English prose; guillemets used as arrows, separators or pagers are not quotes."""

from __future__ import annotations

from pathlib import Path

import pytest
from clirunner import invoke
from conftest import DATA

from cleaner.config import DEFAULT
from cleaner.normalise.quotes import fix_quotes
from cleaner.normalise.spacing import fix_spacing
from cleaner.pipeline import clean_text, detect
from cleaner.segment import segment

ENGLISH = (
    "The council approved the new budget on Tuesday after a long debate, and the mayor said the "
    "vote was a turning point for the city and its residents.\n\n"
    "“We have waited for this for years,” she told reporters outside the town hall.\n\n"
)

NAVIGATION = [
    "« Previous Post Next Post »",
    "Home » Column » Story",
    "Read more »",
    "Read More »»",
    "Home » Dare to Play »",
    "Mensagens » Mensagens de Autoestima » Só quem se Ama…",
    "« Older Entries | Newer Entries »",
    "Photo of the Day»",
    "Need help crunching the numbers? Our free tool can help find a licensed professional near you »",
]


@pytest.mark.parametrize("line", NAVIGATION)
def test_navigation_line_is_kept_byte_identical_or_removed_whole(line: str) -> None:
    text = ENGLISH + line + "\n\n" + ENGLISH
    cleaned = clean_text(text).cleaned
    kept = line in cleaned
    gone = not any(part in cleaned for part in line.replace("»", "\n").replace("«", "\n").split("\n") if part.strip())
    assert kept or gone, cleaned
    assert not [f for f in fix_quotes(segment(line + "\n"), DEFAULT)]


@pytest.mark.parametrize("path", sorted((DATA / "foreign_articles").glob("*.txt")), ids=lambda p: p.stem)
def test_foreign_articles_come_back_byte_identical_but_for_whole_navigation_lines(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke(["clean", str(path), "--out", str(out)])
    assert result.exit_code in (0, 1), result.stderr
    original = path.read_text(encoding="utf-8")
    cleaned = (out / path.name).read_text(encoding="utf-8")
    # Byte-identical, except that a navigation line (a breadcrumb) may be removed whole as boilerplate.
    paragraphs = original.rstrip("\n").split("\n\n")
    kept = cleaned.rstrip("\n").split("\n\n")
    assert all(p in paragraphs for p in kept), cleaned  # every kept paragraph is byte-identical
    assert [p for p in paragraphs if p in kept] == kept  # and in order
    for gone in (p for p in paragraphs if p not in kept):
        assert "»" in gone and not any(c in gone for c in ".!?"), f"article text removed: {gone!r}"
    assert cleaned.endswith("\n") == original.endswith("\n")
    # and nothing is reported about their punctuation
    doc = segment(path.read_text(encoding="utf-8"))
    assert [f.rule for f in fix_quotes(doc, DEFAULT)] == []
    assert [f.rule for f in fix_spacing(doc, DEFAULT) if f.rule != "spacing/double-space"] == []


def test_foreign_paragraph_in_english_article_keeps_its_quotes() -> None:
    french = "Le ministre a répondu : « Nous ne céderons pas », avant de quitter la salle sous les huées."
    text = ENGLISH + french + "\n\n" + "He later said « we will not give in » in English.\n"
    found = [f for f in fix_quotes(segment(text), DEFAULT)]
    # the English paragraph's guillemets are converted, the French paragraph's are not
    assert {f.text.strip() for f in found} == {"«", "»"}
    assert all(f.start > text.index(french) + len(french) for f in found)
    assert not [f for f in fix_spacing(segment(text), DEFAULT) if f.start < text.index(french) + len(french)]


def test_english_guillemet_quotes_are_still_converted() -> None:
    cleaned = clean_text("The minister said « we are ready » on Monday.\n").cleaned
    assert cleaned == "The minister said “we are ready” on Monday.\n"


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("The Senate ’s vote was close.", "The Senate’s vote was close."),
        ("They don ’t know, and we ’re not sure.", "They don’t know, and we’re not sure."),
        ("The Senate  ’s leader spoke.", "The Senate’s leader spoke."),
    ],
)
def test_space_before_apostrophe_is_fixed(text: str, fixed: str) -> None:
    doc = segment(text)
    found = [f for f in fix_spacing(doc, DEFAULT)]
    assert found and {f.rule for f in found} == {"spacing/before-apostrophe"}
    assert clean_text(text).cleaned == fixed


@pytest.mark.parametrize(
    "text",
    ["He said it was the ‘ Yes ’ side.", "The 1990 ’s were different.", "Rock ’n’ roll", "Lo dijo l' homme."],
)
def test_space_before_apostrophe_passes(text: str) -> None:
    assert [f for f in fix_spacing(segment(text), DEFAULT) if f.rule == "spacing/before-apostrophe"] == []


def test_reversed_quote_is_one_finding() -> None:
    """A closing quote typed as an opening one that also leaves the quotation unpaired is one defect."""
    text = "« We have offered our support in investigating this attack, « he added, and left.\n"
    found = [f for f in detect(segment(text)) if f.category in ("quotes", "mt")]
    at: dict[int, list[str]] = {}
    for f in found:
        at.setdefault(f.start, []).append(f.rule)
    assert all(len(rules) == 1 for rules in at.values()), at


def test_unpaired_converted_mark_is_one_finding_with_both_messages() -> None:
    found = list(fix_quotes(segment("« I am fine"), DEFAULT))
    assert len(found) == 1
    assert "never closed" in found[0].message and found[0].suggestion == "“"


def test_unclosed_quote_is_one_finding() -> None:
    text = (
        "The team found a phenomenon they called “ subliminal learning ’, a kind of extreme form of "
        "semantic leakage, in the models they trained.\n"
    )
    found = [f for f in detect(segment(text)) if f.start <= text.index("“") < f.end or f.start == text.index("“")]
    assert len(found) == 1, [(f.rule, f.message) for f in found]
