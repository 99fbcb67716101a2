"""The review page in a real browser at a phone's width (400 px) and a desktop's (1,400 px).

Headless Chromium (Debian's `chromium`, installed by `.ci/run`) loads the seeds' page with a small
measuring script appended; the script reports, through the console, the page's scroll width against
the window's, the risk of every table row and section in page order, the grouped findings and the
size of the one- and two-character highlights. Skipped, with the reason, when chromium is missing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from chromium import decode_png, needs_chromium, run_chromium
from report_data import hostile_result, seed_results

from cleaner.model import Result
from cleaner.report.html import render_html

MEASURE = """
<script>
(function () {
  var d = document.documentElement;
  function all(sel) { return Array.prototype.slice.call(document.querySelectorAll(sel)); }
  var out = {
    scrollWidth: d.scrollWidth,
    innerWidth: window.innerWidth,
    rows: all("#files-table tbody tr").map(function (tr) { return +tr.cells[1].getAttribute("data-v"); }),
    sections: all("section.file").map(function (s) { return +s.getAttribute("data-risk"); }),
    groups: all("li.finding.group").map(function (li) {
      return [li.querySelector(".count").textContent, li.querySelectorAll("li.finding.dup").length];
    }),
    short: all(".hl.short").map(function (m) { var r = m.getBoundingClientRect(); return [r.width, r.height]; }),
    infoFolded: all("li.infofold > details").every(function (x) { return !x.open; }),
    infoItems: all("li.infofold li.finding").length,
    wide: all("main *").filter(function (el) {
      // anything reaching past the window that is not inside a scrolling box of its own
      var r = el.getBoundingClientRect();
      return r.right > window.innerWidth + 1 && !el.closest(".tablewrap");
    }).slice(0, 5).map(function (el) { return el.tagName + "." + el.className; })
  };
  console.log("MEASURE " + JSON.stringify(out));
})();
</script>
"""


@pytest.fixture(scope="module")
def results() -> list[Result]:
    return [*seed_results(), hostile_result()]


def _frame(tmp: Path, page: Path, width: int, height: int) -> Path:
    """A page holding `page` in an iframe exactly `width` px wide: headless Chromium will not make a
    window narrower than 500 px, and an iframe is a viewport of its own (media queries included)."""
    harness = tmp / f"frame-{width}.html"
    harness.write_text(
        '<!DOCTYPE html><html><body style="margin:0">'
        f'<iframe src="{page.name}" width="{width}" height="{height}" style="border:0;display:block"></iframe>'
        "</body></html>",
        encoding="utf-8",
    )
    return harness


def _measure(tmp: Path, html: str, width: int) -> dict[str, object]:
    page = tmp / f"measure-{width}.html"
    page.write_text(html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    harness = _frame(tmp, page, width, 900)
    proc = run_chromium(harness, tmp, "--dump-dom", f"--window-size={max(width, 500) + 20},940")
    assert "Uncaught" not in proc.stderr, proc.stderr[-3000:]
    line = next((ln for ln in proc.stderr.splitlines() if "MEASURE " in ln), None)
    assert line is not None, proc.stderr[-3000:]
    payload = line.split("MEASURE ", 1)[1]
    # the console line ends with `", source: file://… (N)`
    return json.loads(payload[: payload.rindex('", source:')].replace('\\"', '"'))


@needs_chromium
@pytest.mark.parametrize("width", [400, 1400])
def test_page_fits_the_screen_in_risk_order_with_groups(tmp_path: Path, results: list[Result], width: int) -> None:
    m = _measure(tmp_path, render_html(results, title="cleaner review: seeds"), width)
    # no horizontal scrolling of the page body
    assert m["innerWidth"] == width, m
    assert m["scrollWidth"] <= m["innerWidth"], m
    assert m["wide"] == [], m["wide"]
    # files ordered by risk, in the table and in the sections
    rows, sections = m["rows"], m["sections"]
    assert isinstance(rows, list) and isinstance(sections, list)
    assert len(rows) == len(sections) == len(results)
    assert rows == sorted(rows, reverse=True) and sections == sorted(sections, reverse=True)
    assert rows[0] > rows[-1]
    # identical findings grouped, with a count that matches the places folded under it
    groups = m["groups"]
    assert isinstance(groups, list) and groups, "no grouped findings on the seeds"
    for count, dups in groups:
        assert count == f"×{dups + 1}"
    # short findings are drawn big enough to see and to click
    short = m["short"]
    assert isinstance(short, list) and short
    assert all(w >= 10 and h >= 14 for w, h in short), short
    # informational findings are folded away by default
    assert m["infoFolded"] is True and m["infoItems"]


@needs_chromium
@pytest.mark.parametrize("width", [400, 1400])
def test_screenshot_at_width(tmp_path: Path, results: list[Result], width: int) -> None:
    """A screenshot at each width renders a styled, non-blank page. (Set CLEANER_SHOTS=DIR to keep
    them for a person to look at.)"""
    import os

    page = tmp_path / "report.html"
    page.write_text(render_html(results, title="cleaner review: seeds"), encoding="utf-8")
    keep = os.environ.get("CLEANER_SHOTS")
    shot = (Path(keep) if keep else tmp_path) / f"review-{width}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    proc = run_chromium(
        _frame(tmp_path, page, width, 1800), tmp_path, f"--screenshot={shot}", f"--window-size={width},1800"
    )
    assert shot.exists(), proc.stderr[-3000:]
    w, h, rows, bpp = decode_png(shot.read_bytes())
    assert (w, h) == (width, 1800)
    colours = {row[x : x + 3] for row in rows[::4] for x in range(0, len(row), bpp * 2)}
    assert len(colours) > 100, f"only {len(colours)} colours: blank or unstyled page"
