"""One defect, one finding: what two rules report about the same text comes back once."""

from __future__ import annotations

from cleaner.config import DEFAULT
from cleaner.merge import merge_duplicates
from cleaner.model import Applicability, Edit, Finding, Severity
from cleaner.pipeline import detect
from cleaner.segment import segment


def _f(rule: str, start: int, end: int, category: str = "spin", fix: str | None = None, conf: float = 0.7) -> Finding:
    text = "x" * (end - start)
    app = Applicability.SUGGESTED if fix is not None else Applicability.NONE
    return Finding(rule, category, Severity.WARNING, f"{rule} says", start, end, text, fix, app, conf)


def test_same_span_different_categories_merge_keeping_the_fix() -> None:
    out = merge_duplicates(
        [_f("mt/unclosed-quote", 5, 6, "mt", conf=0.9), _f("quotes/unbalanced", 5, 6, "quotes", "“")]
    )
    assert [f.rule for f in out] == ["quotes/unbalanced"]
    assert "mt/unclosed-quote: mt/unclosed-quote says" in out[0].message


def test_contained_span_same_category_keeps_the_most_confident() -> None:
    out = merge_duplicates([_f("spin-news/a", 10, 30, conf=0.9), _f("spin/verb-slot-base", 15, 20, conf=0.6)])
    assert [f.rule for f in out] == ["spin-news/a"]
    out = merge_duplicates([_f("spin-news/a", 10, 30, conf=0.6), _f("spin/verb-slot-base", 15, 20, conf=0.6)])
    assert [f.rule for f in out] == ["spin/verb-slot-base"]  # equal confidence: the narrower, more specific one


def test_different_defects_stay_apart() -> None:
    found = [
        _f("spin-news/a", 10, 30),
        _f("grammar/b", 15, 20, "grammar"),  # contained but another category
        _f("spin-news/c", 25, 40),  # overlapping, not contained
        _f("boilerplate/after-article", 0, 100, "boilerplate"),  # a paragraph deletion holds other defects
        _f("spin/d", 50, 60, fix="p"),
        _f("spin/e", 50, 60, fix="q"),  # two different fixes: the planner decides, not the merge
    ]
    assert len(merge_duplicates(found)) == len(found)


def test_merge_is_deterministic_whatever_the_input_order() -> None:
    found = [_f("spin/b", 3, 9), _f("spin/a", 3, 9), _f("spin/c", 4, 8, conf=0.5), _f("mt/z", 3, 9, "mt")]
    first = merge_duplicates(found)
    assert [f.rule for f in first] == ["mt/z"]  # spin/c joins through spin/a, whose span mt/z shares
    assert [(f.rule, f.message) for f in merge_duplicates(found[::-1])] == [(f.rule, f.message) for f in first]


def test_identical_fixes_merge() -> None:
    a, b = _f("spin-news/x", 0, 5, fix="y"), _f("tortured-phrases/x", 0, 5, fix="y")
    assert a.fix == b.fix == Edit(0, 5, "y")
    assert len(merge_duplicates([a, b])) == 1


def test_pipeline_reports_an_unclosed_guillemet_once() -> None:
    text = "Officials said the attack was serious.\n\nThe minister said « we will respond and the people know it.\n"
    doc = segment(text)
    at = text.index("«")
    hits = [f for f in detect(doc, DEFAULT) if f.start <= at < max(f.end, f.start + 1)]
    assert len(hits) == 1, [(f.rule, f.text) for f in hits]
