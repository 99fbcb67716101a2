"""Triage on the review page: risk order, grouped findings, folded informational findings, short
spans with context, charts only when informative, the article-like removal warning, and the paging
of large batches (no page over the size cap, every file reachable from the index)."""

from __future__ import annotations

import re
from pathlib import Path

from report_data import parse

from cleaner.model import Applicability, Edit, Finding, Result, Severity
from cleaner.report.html import render_html, views
from cleaner.report.pages import PAGE_FILES, pages_folder, write_review
from cleaner.report.triage import looks_like_article, risk

ARTICLE = (
    "The minister said on Tuesday that the new budget would raise spending on schools by a tenth. "
    "Opposition leaders called the plan unaffordable and promised to vote against it next week."
)
PROMO = "Subscribe to our newsletter. Follow us on Twitter and Facebook for the latest updates!"


def _f(rule: str, cat: str, sev: Severity, text: str, start: int, **kw: object) -> Finding:
    return Finding(rule, cat, sev, f"{rule} message", start, start + len(text), text, **kw)  # type: ignore[arg-type]


def test_article_like_paragraphs_are_told_from_promotions() -> None:
    assert looks_like_article(ARTICLE)
    assert not looks_like_article(PROMO)
    assert not looks_like_article("Read more: " + "Minister resigns " * 10)  # long, but no sentences
    assert not looks_like_article("Short sentence one. Short sentence two.")


def test_spin_and_mt_outrank_many_quote_findings() -> None:
    quotes = [_f("quotes/foreign", "quotes", Severity.WARNING, "«", i) for i in range(22)]
    one_mt = [_f("mt/calque", "mt", Severity.WARNING, "in the frame of", 0)]
    assert risk(one_mt, {"spin": 0.0}) > risk(quotes, {"spin": 0.0})
    assert risk([], {"spin": 0.9}) > risk([], {"spin": 0.1})
    info = [_f("encoding/legacy", "encoding", Severity.INFO, "x", 0)]
    assert risk(info, {}) < risk([_f("encoding/x", "encoding", Severity.ERROR, "x", 0)], {})


def _quote_file(n: int) -> Result:
    text = " ".join(f"«w{i}»" for i in range(n)) + "\n"
    fs = [_f("quotes/foreign", "quotes", Severity.WARNING, "«", m.start()) for m in re.finditer("«", text)]
    return Result("quotes.txt", text, text, findings=fs, scores={"spin": 0.0})


def _spun_file() -> Result:
    text = "He said at the minimum six people died.\n"
    i = text.index("at the minimum")
    f = _f("spin-news/at-the-minimum", "spin", Severity.WARNING, "at the minimum", i, suggestion="at least")
    return Result("spun.txt", text, text, findings=[f], scores={"spin": 0.9})


def test_page_orders_files_by_risk_and_groups_identical_findings() -> None:
    html = render_html([_quote_file(22), _spun_file()])
    page = parse(html)
    rows = [a["data-v"] for t, a in page.tags if t == "th" and a.get("scope") == "row" and "data-v" in a]
    assert rows == ["spun.txt", "quotes.txt"]
    groups = [a for t, a in page.tags if t == "li" and "group" in a.get("class", "").split()]
    assert len(groups) == 1
    assert "×22" in html and "21 more places" in html
    # every occurrence stays addressable (keyboard navigation, anchors)
    items = [a for t, a in page.tags if t == "li" and "finding" in a.get("class", "").split()]
    assert len(items) == 23


def test_informational_findings_are_folded_and_short_spans_get_context() -> None:
    text = "The vote , held on Sunday, was close.\n"
    i = text.index(" ,")
    fs = [
        _f("spacing/before-comma", "spacing", Severity.WARNING, " ", i, suggestion=""),
        _f("style/x", "style", Severity.INFO, "Sunday", text.index("Sunday")),
    ]
    html = render_html([Result("s.txt", text, text, findings=fs)])
    fold = html[html.index('class="infofold"') :]
    assert "<details>" in fold[:40] and "1 informational finding" in fold and "style/x" in fold
    assert "style/x" not in html[: html.index('class="infofold"')].split("<ol>")[-1]
    assert 'class="ctx"' in html and "The vote" in html[html.index('class="ctx"') :][:80]
    assert 'class="hl short' in html


def test_spin_chart_only_when_a_file_is_spun() -> None:
    calm = Result("a.txt", "Fine.\n", "Fine.\n", scores={"spin": 0.0})
    calm2 = Result("b.txt", "Also fine.\n", "Also fine.\n", scores={"spin": 0.0})
    assert 'id="ch-spin"' not in render_html([calm, calm2])
    assert 'id="ch-spin"' in render_html([calm, _spun_file()])


def test_article_like_removal_gets_a_warning_band() -> None:
    text = "Headline\n\n" + ARTICLE + "\n\n" + PROMO + "\n"
    fs = []
    for para in (ARTICLE, PROMO):
        s = text.index(para)
        fs.append(
            _f(
                "boilerplate/x",
                "boilerplate",
                Severity.WARNING,
                para,
                s,
                suggestion="",
                applicability=Applicability.SAFE,
                fix=Edit(s, s + len(para) + 2, ""),
            )
        )
    cleaned = "Headline\n\n"
    r = Result("bp.txt", text, cleaned, findings=fs, fixes_applied=2)
    html = render_html([r])
    assert 'class="warnband"' in html and "1 paragraph flagged as boilerplate reads like article text" in html
    page = parse(html)
    warn = [a for t, a in page.tags if t == "del" and "warn" in a.get("class", "").split()]
    plain = [
        a for t, a in page.tags if t == "del" and a.get("class", "").split()[:1] == ["bp"] and "warn" not in a["class"]
    ]
    assert warn and plain  # the article paragraph is banded, the promotion is not
    assert views([r])[0]["warn"] == 1


def _batch(n: int) -> list[Result]:
    out = []
    for k in range(n):
        text = f"Story {k}: officials said at the minimum {k} people attended.\n" * 3
        fs = [
            _f("spin-news/at-the-minimum", "spin", Severity.WARNING, "at the minimum", m.start(), suggestion="at least")
            for m in re.finditer("at the minimum", text)
        ][: k % 4]
        out.append(Result(f"f{k:03}.txt", text, text, findings=fs, scores={"spin": (k % 4) / 4}))
    return out


def test_large_batch_is_paged_and_every_file_is_reachable(tmp_path: Path) -> None:
    results = _batch(PAGE_FILES * 2 + 5)
    index = tmp_path / "review.html"
    written: dict[Path, bytes] = {}

    def write(p: Path, data: bytes) -> None:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        written[p] = data

    paths = write_review(results, index, "t", write)
    folder = pages_folder(index)
    assert paths[-1] == index and len(paths) == 4  # three pages of details, then the index
    home = parse(written[index].decode())
    assert home.articles == []  # the index has one row per file, no article
    links = [a["href"] for t, a in home.tags if t == "a" and a.get("href", "").startswith(folder.name + "/")]
    targets = {h.split("#")[0] for h in links}
    assert targets == {f"{folder.name}/p{k}.html" for k in (1, 2, 3)}
    seen = set()
    for k in (1, 2, 3):
        page = parse((folder / f"p{k}.html").read_text())
        assert len(page.articles) <= PAGE_FILES
        seen.update(i for i in page.ids if re.fullmatch(r"file-\d+", i))
        assert f'href="../{index.name}"' in (folder / f"p{k}.html").read_text()
    assert seen == {f"file-{i}" for i in range(len(results))}
    # risk order across pages: page 1 holds the riskiest files
    first = parse((folder / "p1.html").read_text())
    risks = [float(a["data-risk"]) for t, a in first.tags if t == "section" and "data-risk" in a]
    assert risks == sorted(risks, reverse=True) and risks[0] == max(v["risk"] for v in views(results))
    # a smaller run afterwards writes one page and removes the stale detail pages
    write_review(results[:3], index, "t", write)
    assert not folder.exists()


def test_markdown_groups_identical_findings_and_orders_by_risk() -> None:
    from cleaner.report.markdown import render_markdown

    md = render_markdown([_quote_file(22), _spun_file()])
    assert md.index("## spun.txt") < md.index("## quotes.txt")
    rows = [ln for ln in md.splitlines() if "`quotes/foreign`" in ln]
    assert len(rows) == 1 and "(×22)" in rows[0] and "+16 more" in rows[0]
