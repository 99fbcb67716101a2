"""The editors' HTML report: structure, escaping, lossless highlighting, and a real browser.

The page is parsed with the standard library's html.parser (no extra dependency): the text inside
every article view must be exactly the original file, the before/after view must be exactly the
original minus deletions and the cleaned text minus insertions, and hostile article text must come
out as text. The last tests open the page in headless Chromium (Debian's `chromium`), check that its
script runs without errors and behaves (filters, j/k navigation, sorting), and that a screenshot is
not blank; they are skipped, with the reason, only when chromium is not installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from chromium import decode_png, needs_chromium, run_chromium
from conftest import SEEDS
from report_data import BOILERPLATE_000, HOSTILE, SPIN_003, Page, hostile_result, parse, seed_results

from cleaner.model import Finding, Result, Severity
from cleaner.report.html import CATEGORY_COLOURS, render_html, segments, views


@pytest.fixture(scope="module")
def results() -> list[Result]:
    return [*seed_results(), hostile_result()]


@pytest.fixture(scope="module")
def html(results: list[Result]) -> str:
    return render_html(results, title="cleaner report: seeds")


@pytest.fixture(scope="module")
def page(html: str) -> Page:
    return parse(html)


@pytest.fixture(scope="module")
def ordered(results: list[Result]) -> list[Result]:
    """The results in the page's order (riskiest first)."""
    return [results[f["idx"]] for f in views(results)]


def test_article_text_is_the_original_exactly(ordered: list[Result], page: Page) -> None:
    """Highlighting never loses, adds or reorders text, hostile text included."""
    assert len(page.articles) == len(ordered)
    for r, text in zip(ordered, page.articles, strict=True):
        assert text == r.original


def test_diff_view_is_both_texts(ordered: list[Result], page: Page) -> None:
    changed = [r for r in ordered if r.changed]
    assert len(page.diffs) == len(changed)
    for r, parts in zip(changed, page.diffs, strict=True):
        assert "".join(t for k, t in parts if k in ("text", "del")) == r.original
        assert "".join(t for k, t in parts if k in ("text", "ins")) == r.cleaned


def test_removed_boilerplate_is_struck_and_labelled(page: Page, html: str) -> None:
    bp_dels = [a for t, a in page.tags if t == "del" and "bp" in a.get("class", "").split()]
    assert bp_dels, "no removed boilerplate marked"
    deleted = "".join(t for parts in page.diffs for k, t in parts if k == "del")
    for needle in BOILERPLATE_000:
        assert needle in deleted
    # one jump link per file with removed boilerplate, pointing at an existing element
    jumps = [a["href"][1:] for t, a in page.tags if t == "a" and "bpjump" in a.get("class", "")]
    assert sorted(jumps) == ["bp0", "bp1"]
    assert set(jumps) <= set(page.ids)
    assert ".difftext del.bp.first::before" in html


def test_hostile_text_is_escaped(page: Page, html: str) -> None:
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # the only script element is the report's own, and the article's markup never became elements
    assert [t for t, _ in page.tags].count("script") == 1
    assert not any(t in ("img", "b", "textarea", "i") for t, _ in page.tags)
    assert "alert(1)" not in page.scripts[0]
    assert HOSTILE in page.articles
    assert any(a.get("href") == "#file-2" for t, a in page.tags if t == "a")  # path with <>&" is fine
    assert "<img src=x onerror=alert(2)>" not in html


def test_every_finding_is_listed_and_anchored(results: list[Result], page: Page) -> None:
    ids = page.ids
    assert len(ids) == len(set(ids)), "duplicate ids"
    items = [a for t, a in page.tags if t == "li" and "finding" in a.get("class", "").split()]
    assert len(items) == sum(len(r.findings) for r in results)
    links = [a["href"][1:] for t, a in page.tags if t == "a" and a.get("class") == "loc"]
    assert len(links) == len(items) and set(links) <= set(ids)
    marks = [a for t, a in page.tags if t == "mark"]
    focusable = [a for a in marks if a.get("tabindex") == "0"]
    for a in focusable:  # every stop describes itself with the side-list entries (screen readers)
        assert set(a["aria-describedby"].split()) <= set(ids)
    starts = {(r_i, f.start) for r_i, r in enumerate(results) for f in r.findings}
    assert len(focusable) == len(starts)


def test_overlapping_findings_are_split_not_lost() -> None:
    text = "0123456789abcdef"
    fs = [  # in report order (start, end, rule), so list indices are the report's finding numbers
        Finding("encoding/z", "encoding", Severity.INFO, "z", 0, 0, ""),
        Finding("spin-news/a", "spin", Severity.WARNING, "a", 2, 10, text[2:10]),
        Finding("names/b", "names", Severity.INFO, "b", 5, 14, text[5:14]),
        Finding("style/c", "style", Severity.INFO, "c", 6, 8, text[6:8]),
    ]
    segs = segments(text, fs)
    assert "".join(text[s.start : s.end] for s in segs) == text
    by_span = {(s.start, s.end): s.covers for s in segs}
    assert by_span[(0, 0)] == [0]
    assert by_span[(2, 5)] == [1] and by_span[(5, 6)] == [1, 2] and by_span[(6, 8)] == [1, 2, 3]
    assert by_span[(8, 10)] == [1, 2] and by_span[(10, 14)] == [2] and by_span[(14, 16)] == []
    page = parse(render_html([Result("x.txt", text, text, findings=fs)]))
    assert page.articles == [text]
    marks = [a for t, a in page.tags if t == "mark"]
    inner = next(a for a in marks if a["data-f"] == "1 2 3")
    assert inner["data-cat"] == "style" and "multi" in inner["class"]  # the innermost colours the piece


def test_overview_table_and_charts(results: list[Result], page: Page, html: str) -> None:
    tbody_rows = [a for t, a in page.tags if t == "th" and a.get("scope") == "row"]
    assert len(tbody_rows) == len(results) + 1  # + totals row
    assert html.count('<section class="file"') == len(results)
    svgs = [a for t, a in page.tags if t == "svg"]
    assert len(svgs) == 2 and all(a.get("role") == "img" for a in svgs)
    for cat in ("spin", "boilerplate", "quotes"):
        assert CATEGORY_COLOURS[cat][1] in html  # chart bar colour = legend colour
    sortable = [a for t, a in page.tags if t == "button" and "data-col" in a]
    assert len(sortable) >= 8
    assert {"main", "nav", "header", "footer"} <= {t for t, _ in page.tags}
    filters = [a for t, a in page.tags if t == "input" and a.get("data-filter")]
    assert {a["value"] for a in filters} >= {"spin", "boilerplate", "error", "warning", "info"}


def test_self_contained_and_deterministic(results: list[Result], html: str, page: Page) -> None:
    assert html == render_html(results, title="cleaner report: seeds")
    for tag, a in page.tags:
        assert tag not in ("link", "iframe", "img", "object", "embed"), tag
        assert "src" not in a, (tag, a)
        assert not a.get("href", "#").startswith(("http:", "https:", "//")), a
    assert "@import" not in html and "url(" not in html
    assert "@media print" in html


def test_spun_phrases_are_highlighted(results: list[Result]) -> None:
    """Seed 003's spun phrases: each highlighted in the text and listed with its usual wording."""
    from markupsafe import escape

    r3 = results[1]
    html = render_html([r3])
    page = parse(html)
    spin_items = [a for t, a in page.tags if t == "li" and a.get("data-cat") == "spin"]
    assert len(spin_items) == sum(r3.original.count(s) for s, _ in SPIN_003) == 18
    spin_marks = [a for t, a in page.tags if t == "mark" and a.get("data-cat") == "spin" and "data-first" in a]
    assert len(spin_marks) == 18
    for spun, usual in SPIN_003:
        assert f"<del>{escape(spun)}</del>" in html and f"<ins>{escape(usual)}</ins>" in html


def test_error_and_empty_results_render() -> None:
    rs = [
        Result("gone.txt", "", "", error="cannot read: No such file"),
        Result("pic.png", "", "", skipped="binary file"),
        Result("ok.txt", "Fine text.\n", "Fine text.\n"),
    ]
    page = parse(render_html(rs))
    assert page.articles == ["Fine text.\n"]
    assert page.diffs == []
    assert parse(render_html([])).articles == []


# ------------------------------------------------------------------------- headless Chromium

SELFTEST = """
<script>
(function () {
  function fail(msg) { console.log("SELFTEST FAIL " + msg); throw new Error(msg); }
  var spin = document.querySelector('input[data-filter="cat"][value="spin"]');
  var before = document.querySelectorAll('.hl[data-cat="spin"]:not(.off)').length;
  if (!before) fail("no spin highlights");
  spin.checked = false; spin.dispatchEvent(new Event("change"));
  if (document.querySelectorAll('.hl[data-cat="spin"]:not(.off)').length) fail("spin still shown");
  if (!document.querySelector('li.finding[data-cat="spin"]').hidden) fail("spin list item shown");
  if (!/showing/.test(document.getElementById("shown").textContent)) fail("no count");
  spin.checked = true; spin.dispatchEvent(new Event("change"));
  if (document.querySelectorAll('.hl[data-cat="spin"]:not(.off)').length !== before) fail("not restored");
  document.dispatchEvent(new KeyboardEvent("keydown", {key: "j", bubbles: true}));
  var a = document.activeElement;
  if (!a || !a.classList.contains("hl")) fail("j did not focus a finding");
  if (document.getElementById("tip").hidden) fail("no tooltip on focus");
  document.dispatchEvent(new KeyboardEvent("keydown", {key: "j", bubbles: true}));
  var b = document.activeElement;
  if (a === b) fail("j did not move");
  document.dispatchEvent(new KeyboardEvent("keydown", {key: "k", bubbles: true}));
  if (document.activeElement !== a) fail("k did not go back");
  var btn = document.querySelector('#files-table thead button[data-col="2"]');
  btn.click();
  var first = document.querySelector("#files-table tbody tr th a").textContent;
  if (first.indexOf("003_") < 0) fail("sort by spin: first row is " + first);
  // a repeat of a grouped finding: its place unfolds and its note shows the group's message
  var dup = document.querySelector("li.finding.dup a.loc");
  if (!dup) fail("no grouped repeat");
  dup.click();
  if (!dup.closest("details").open) fail("group not unfolded");
  var head = dup.closest("li.group").querySelector(".msg").textContent;
  if (document.getElementById("tip").textContent.indexOf(head) < 0) fail("repeat's note lacks the message");
  // an informational finding is folded away until reached
  var fold = document.querySelector("li.infofold > details");
  if (!fold || fold.open) fail("informational findings not folded");
  fold.querySelector("a.loc").click();
  if (!fold.open) fail("informational finding not unfolded when reached");
  console.log("SELFTEST OK");
})();
</script>
"""


def _hex(c: str) -> tuple[int, int, int]:
    return int(c[1:3], 16), int(c[3:5], 16), int(c[5:7], 16)


@needs_chromium
def test_browser_runs_the_script(tmp_path: Path, html: str) -> None:
    page = tmp_path / "selftest.html"
    page.write_text(html.replace("</body>", SELFTEST + "</body>"), encoding="utf-8")
    proc = run_chromium(page, tmp_path, "--dump-dom")
    log = proc.stderr
    assert "Uncaught" not in log, log[-3000:]
    assert "SELFTEST FAIL" not in log, log[-3000:]
    assert "SELFTEST OK" in log, log[-3000:]


@needs_chromium
def test_browser_screenshot_is_not_blank(tmp_path: Path, html: str) -> None:
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    shot = tmp_path / "report.png"
    proc = run_chromium(page, tmp_path, f"--screenshot={shot}", "--window-size=1280,2000")
    assert shot.exists(), proc.stderr[-3000:]
    assert "Uncaught" not in proc.stderr, proc.stderr[-3000:]
    w, h, rows, bpp = decode_png(shot.read_bytes())
    assert (w, h) == (1280, 2000)
    colours: set[bytes] = set()
    ink = 0  # pixels clearly darker or more saturated than the white/grey page background
    for row in rows[::2]:
        for x in range(0, len(row), bpp * 2):
            px = row[x : x + 3]
            colours.add(px)
            ink += min(px) < 225
    assert len(colours) > 200, f"only {len(colours)} colours: blank or unstyled page"
    assert ink > 0.05 * (w // 2) * (h // 2), f"page is mostly empty ({ink} inked samples)"
    # the chart bars and highlights are painted in the category colours (CSS applied)
    for cat in ("spin", "boilerplate"):
        want = _hex(CATEGORY_COLOURS[cat][1])
        assert any(max(abs(px[i] - want[i]) for i in range(3)) <= 3 for px in colours), f"no {cat} colour"


def test_whitespace_findings_are_visible_in_the_list() -> None:
    text = "He said «\u00a0hi » today.\n"
    i = text.index("«")
    fs = [
        Finding("quotes/foreign", "quotes", Severity.WARNING, "guillemet", i, i + 2, text[i : i + 2], "“"),
        Finding("quotes/padding", "quotes", Severity.WARNING, "space", i + 4, i + 5, " ", ""),
    ]
    html = render_html([Result("q.txt", text, text, findings=fs)])
    assert "<del>«⍽</del>" in html and "<del>␣</del>" in html
    assert parse(html).articles == [text]  # the article itself is untouched


def test_file_parts_prepared_by_workers_make_the_same_page(tmp_path: Path) -> None:
    """`Job.html_view`: a process pool's workers prepare each file's part of the page as they clean
    it; the page must be byte-identical to one the parent renders from plain results, and a part
    numbered for another position (a result list reordered or filtered) must not be used."""
    from cleaner.config import DEFAULT
    from cleaner.files import discover
    from cleaner.runner import Job, run

    for name in ("000_af6df560e1acb889.txt", "003_69443b1925ce1ba3.txt"):
        (tmp_path / name).write_bytes((SEEDS / name).read_bytes())
    (tmp_path / "hostile.md").write_text("He said «<script>x</script>» at the minimum twice .\n", encoding="utf-8")
    targets, errors = discover([str(tmp_path)])
    assert not errors and len(targets) == 3
    with_views = run(targets, Job(fix=True, html_view=True), DEFAULT, jobs=2)
    plain = run(targets, Job(fix=True), DEFAULT, jobs=1)
    assert all(r.view is not None for r in with_views) and all(r.view is None for r in plain)
    assert render_html(with_views, title="t") == render_html(plain, title="t")
    # reordered: each prepared part carries the wrong number, so the parent renders them again
    assert render_html(with_views[::-1], title="t") == render_html(plain[::-1], title="t")
