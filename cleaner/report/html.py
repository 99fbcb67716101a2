"""The review report for editors: one self-contained HTML file (no network, no external assets).

Editors decide what happens to flagged text, so the page shows every article with its findings
highlighted *in place*, the suggested wording on hover and keyboard focus, a side list, and a
before/after view of what `cleaner clean` changed (removed boilerplate struck through), plus an
overview table and, when they say something, two small charts. CSS and JS live in `templates/` and are
inlined, so the file opens from disk, in a mail attachment or a CI artifact viewer alike.

Triage (`triage.py`): files come in order of risk, identical findings are listed once with a count,
informational ones are folded away, one- and two-character findings are drawn as a ring and listed
with their context, and a removed paragraph that reads like article text carries a warning band.
Size (`pages.py`): a large batch becomes an index page plus pages of at most a few dozen files each.

Safety: the page is rendered with jinja2 autoescaping, and the two pieces built here in Python (the
highlighted article and the diff) pass every character of article text through `markupsafe.escape`,
so an article containing `<script>` shows it as text. Output is deterministic (no timestamps, no
random ids): `reports/` is committed and a test compares it with a fresh render.

Overlapping findings are handled by splitting: the text is cut at every finding boundary, each piece
knows every finding that covers it and is coloured by the innermost (shortest) one; nothing is lost
or reordered, and the concatenated pieces are exactly the original text.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import regex
from markupsafe import Markup, escape

from ..model import CATEGORIES, Finding, Result
from .diff import DiffOp, diff_stats, word_diff
from .sidelist import SHORT_SPAN, finding_list
from .triage import UNREADABLE_RISK, article_like, risk

__all__ = ["CATEGORY_COLOURS", "render_html", "segments"]

_TEMPLATES = Path(__file__).parent / "templates"

#: (background, accent) per category: pastel backgrounds keep dark text at ≥ 7:1 contrast; the accent
#: (underline, legend swatch border, chart bar) is strong enough to tell categories apart.
CATEGORY_COLOURS: dict[str, tuple[str, str]] = {
    "spin": ("#ffd9a8", "#c25e00"),
    "boilerplate": ("#ffc9d2", "#b3143a"),
    "mt": ("#c8defc", "#1f5fbf"),
    "names": ("#c9efd2", "#1e7b3a"),
    "quotes": ("#bff0ec", "#0b7a72"),
    "spacing": ("#dcdde8", "#4f5470"),
    "encoding": ("#e6d4fb", "#6d33b0"),
    "grammar": ("#fbf0a6", "#8a7300"),
    "style": ("#eadccd", "#7a5230"),
}
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")

#: an unchanged stretch of the before/after view with more paragraphs than this is folded
FOLD_PARAGRAPHS = 3
#: the spin chart shows at most this many files (the highest scores); the table shows all
CHART_FILES = 25
#: below this spin score a file counts as unspun for the chart (drawn only when some file is above)
SPIN_CHART_MIN = 0.05


@dataclass(slots=True)
class Segment:
    """A piece of the original text and the findings (indices) that cover it."""

    start: int
    end: int
    covers: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)


def segments(text: str, findings: list[Finding]) -> list[Segment]:
    """Cut `text` at every finding boundary; zero-width findings become empty segments.

    The non-empty segments tile `text` exactly, in order.
    """
    cuts = {0, len(text)}
    for f in findings:
        cuts.add(f.start)
        cuts.add(f.end)
    points = sorted(cuts)
    zero: dict[int, list[int]] = {}
    starts: dict[int, list[int]] = {}
    for i, f in enumerate(findings):
        if f.start == f.end:
            zero.setdefault(f.start, []).append(i)
        else:
            starts.setdefault(f.start, []).append(i)
    out: list[Segment] = []
    # sweep: findings sorted by start; active set pruned by end
    order = sorted((i for i, f in enumerate(findings) if f.end > f.start), key=lambda i: findings[i].start)
    active: list[int] = []
    k = 0
    for a, b in zip(points, [*points[1:], None], strict=True):
        if a in zero:
            out.append(Segment(a, a, list(zero[a]), list(zero[a])))
        if b is None:
            break
        while k < len(order) and findings[order[k]].start <= a:
            active.append(order[k])
            k += 1
        active = [i for i in active if findings[i].end > a]
        covering = sorted(i for i in active if findings[i].start <= a and findings[i].end >= b)
        out.append(Segment(a, b, covering, sorted(starts.get(a, []))))
    return out


def _primary(covers: list[int], findings: list[Finding]) -> int:
    """The finding that colours a piece: the innermost (shortest), then the most severe."""
    return min(covers, key=lambda i: (findings[i].end - findings[i].start, -findings[i].severity.rank, i))


def _highlighted(fidx: int, text: str, findings: list[Finding]) -> Markup:
    """The article with every finding wrapped in <mark>; all text escaped."""
    parts: list[str] = []
    for seg in segments(text, findings):
        piece = escape(text[seg.start : seg.end])
        if not seg.covers:
            parts.append(piece)
            continue
        for extra in seg.starts[1:]:
            parts.append(f'<span class="anchor" id="m{fidx}-{extra}"></span>')
        prim = findings[_primary(seg.covers, findings)]
        classes = "hl"
        if seg.start == seg.end:
            classes += " zero"
        elif prim.end - prim.start <= SHORT_SPAN:
            classes += " short"
        if len(seg.covers) > 1:
            classes += " multi"
        if all(findings[i].severity.value == "info" for i in seg.covers):
            classes += " info"
        attrs = [
            f'class="{classes}"',
            f'data-cat="{prim.category}"',
            f'data-f="{" ".join(map(str, seg.covers))}"',
        ]
        if len(seg.covers) > 1:
            # the outermost finding draws the underline, so a phrase with a nested finding still reads
            # as one highlighted span
            outer = max(seg.covers, key=lambda i: (findings[i].end - findings[i].start, -i))
            attrs.append(f'data-outer="{findings[outer].category}"')
        if seg.starts:
            first = seg.starts[0]
            describe = " ".join(f"fi{fidx}-{i}" for i in seg.starts)
            attrs += [
                f'id="m{fidx}-{first}"',
                'tabindex="0"',
                f'data-first="{" ".join(map(str, seg.starts))}"',
                f'aria-describedby="{describe}"',
            ]
        parts.append(f"<mark {' '.join(attrs)}>{piece}</mark>")
    return Markup("".join(parts))


_PARA = regex.compile(r"\n[^\S\n]*\n")


def _fold(text: str, keep_head: bool, keep_tail: bool) -> list[tuple[str, str]]:
    """Split a long unchanged stretch into ("text" | "fold", text) parts: the paragraph next to each
    neighbouring change stays visible, the rest folds into a <details>."""
    breaks = [m.end() for m in _PARA.finditer(text)]
    if len(breaks) <= FOLD_PARAGRAPHS:
        return [("text", text)]
    a = breaks[0] if keep_head else 0
    b = breaks[-1] if keep_tail else len(text)
    parts = [("text", text[:a])] if a else []
    parts.append(("fold", text[a:b]))
    if b < len(text):
        parts.append(("text", text[b:]))
    return parts


_LINE_GAP = regex.compile(r"([^\S\n]*\n\s*)")


def _boilerplate_html(text: str, base: int, fidx: int, warn_spans: list[tuple[int, int]], seen: dict[str, bool]) -> str:
    """A removed boilerplate run (`text` starts at offset `base`): each line struck through and
    striped, each stretch labelled once; the line breaks between them stay unstyled so blank lines do
    not show as red bars. A line inside a removal that reads like article text
    (`triage.looks_like_article`) gets the warning band instead. `seen` records which first ids
    (`bp<fidx>`, `bpw<fidx>`) are taken."""
    out: list[str] = []
    last = ""
    pos = base
    for k, piece in enumerate(_LINE_GAP.split(text)):
        start, pos = pos, pos + len(piece)
        if not piece:
            continue
        if k % 2 or not piece.strip():
            out.append(f'<del class="gap">{escape(piece)}</del>')
            continue
        warn = any(s < pos and start < e for s, e in warn_spans)
        kind = "bpw" if warn else "bp"
        cls = "bp warn" if warn else "bp"
        title = "Removed as boilerplate, but it reads like article text" if warn else "Removed boilerplate"
        ident = ""
        if kind != last:
            cls += " first"
            if not seen.get(kind):
                ident = f' id="{kind}{fidx}"'
                seen[kind] = True
        last = kind
        out.append(f'<del class="{cls}"{ident} title="{title}">{escape(piece)}</del>')
    return "".join(out)


def _diff_html(fidx: int, r: Result, warn_spans: list[tuple[int, int]]) -> tuple[Markup, dict[str, int], bool]:
    """Before/after: deletions struck through (boilerplate ones labelled, article-like ones with a
    warning band), insertions underlined.

    Also says whether boilerplate was removed (then `#bp<fidx>` is the first removal; `#bpw<fidx>` the
    first article-like one)."""
    ops: list[DiffOp] = word_diff(r.original, r.cleaned)
    seen: dict[str, bool] = {}
    bp = [(f.start, max(f.end, f.fix.end if f.fix else f.end)) for f in r.findings if f.category == "boilerplate"]
    parts: list[str] = []
    for n, op in enumerate(ops):
        if op.tag == "equal":
            for kind, t in _fold(op.text, keep_head=n > 0, keep_tail=n < len(ops) - 1):
                if kind == "fold":
                    paras = sum(1 for p in _PARA.split(t) if p.strip())
                    parts.append(
                        f'<details class="same"><summary>{paras} unchanged paragraph'
                        f"{'s' if paras != 1 else ''}</summary>{escape(t)}</details>"
                    )
                else:
                    parts.append(str(escape(t)))
            continue
        ws = " ws" if not op.text.strip() else ""
        if op.tag == "delete":
            if op.text.strip() and any(s < op.a_end and op.a_start < e for s, e in bp):
                parts.append(_boilerplate_html(op.text, op.a_start, fidx, warn_spans, seen))
            else:
                parts.append(f'<del class="edit{ws}" title="Removed">{escape(op.text)}</del>')
        else:
            parts.append(f'<ins class="add{ws}" title="Inserted">{escape(op.text)}</ins>')
    return Markup("".join(parts)), diff_stats(ops), bool(seen.get("bp"))


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["pct"] = _pct
    return env


def file_view(fidx: int, r: Result) -> dict[str, Any]:
    """File `fidx`'s part of the page: counts, risk, and its section (highlighted article, findings
    list, diff) rendered to HTML.

    Workers of a batch compute it as they finish a file (`runner.Job.html_view`), so the costly part of
    the page is rendered in parallel; `render_html` computes what they did not."""
    findings = sorted(r.findings, key=lambda f: (f.start, f.end, f.rule))
    by_cat = Counter(f.category for f in findings)
    by_sev = Counter(f.severity.value for f in findings)
    warn = article_like(findings)
    view: dict[str, Any] = {
        "idx": fidx,
        "path": r.path or "<stdin>",
        "encoding": r.encoding,
        "error": r.error,
        "skipped": r.skipped,
        "spin": r.scores.get("spin"),
        "boilerplate_share": r.scores.get("boilerplate_share"),
        "total": len(findings),
        "by_cat": by_cat,
        "by_sev": by_sev,
        "fixes_applied": r.fixes_applied,
        "changed": r.changed,
        "warn": len(warn),
        "risk": UNREADABLE_RISK if (r.error or r.skipped) else risk(findings, r.scores, len(warn)),
    }
    section: dict[str, Any] = dict(view)
    if not (r.error or r.skipped):
        warn_ids = {id(f) for f in warn}
        first_of: dict[str, int] = {}
        for i, f in enumerate(findings):
            first_of.setdefault(f.category, i)
        section["items"], section["distinct"] = finding_list(
            fidx, findings, r.original, {i for i, f in enumerate(findings) if id(f) in warn_ids}
        )
        section["chips"] = [(c, by_cat[c], first_of[c]) for c in CATEGORIES if by_cat.get(c)]
        section["article"] = _highlighted(fidx, r.original, findings)
        spans = [(f.start, max(f.end, f.fix.end if f.fix else f.end)) for f in warn]
        section["diff"], section["diff_stats"], section["bp_removed"] = (
            _diff_html(fidx, r, spans) if r.changed else (Markup(""), {}, False)
        )
        section["warn_first"] = (
            (f"#bpw{fidx}" if r.changed and 'id="bpw' in section["diff"] else f"#fi{fidx}-{findings.index(warn[0])}")
            if warn
            else ""
        )
    view["section"] = Markup(_environment().get_template("file.html.j2").render(f=section))
    return view


def _charts(files: list[dict[str, Any]], totals: Counter[str], href: dict[int, str]) -> dict[str, Any]:
    """The two overview charts, each only when it says something: findings per category when there
    are two categories or more, spin per file when some file has a spin score worth a bar."""
    cats = [(c, totals[c]) for c in CATEGORIES if totals.get(c)]
    peak = max((n for _, n in cats), default=1)
    bar_w = 260
    cat_bars = [
        {"label": c, "n": n, "w": max(2.0, bar_w * n / peak), "y": 24 * k, "colour": CATEGORY_COLOURS[c][1]}
        for k, (c, n) in enumerate(cats)
    ]
    scored = [f for f in files if f["spin"] is not None and not (f["error"] or f["skipped"])]
    spun = sorted((f for f in scored if f["spin"] >= SPIN_CHART_MIN), key=lambda f: (-f["spin"], f["idx"]))
    shown = spun[:CHART_FILES] if len(scored) > 1 else []
    spin_bars = [
        {
            # the end of a path tells files apart; batches share its beginning
            "label": f["path"] if len(f["path"]) <= 34 else "…" + f["path"][-33:],
            "full": f["path"],
            "href": href[f["idx"]],
            "v": f["spin"],
            "w": max(2.0, bar_w * min(max(f["spin"], 0.0), 1.0)),
            "y": 24 * k,
        }
        for k, f in enumerate(shown)
    ]
    return {
        "cat_bars": cat_bars if len(cat_bars) > 1 else [],
        "cat_h": 24 * len(cat_bars) + 8,
        "spin_bars": spin_bars,
        "spin_h": 24 * len(spin_bars) + 8,
        "spin_total": len(scored),
        "spun": len(spun),
        "bar_w": bar_w,
    }


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("cleaner")
    except metadata.PackageNotFoundError:
        return "dev"


@functools.cache
def _assets() -> tuple[Markup, Markup]:
    """The page's CSS (with the category colours) and script, read once per process."""
    css = (_TEMPLATES / "report.css").read_text(encoding="utf-8")
    js = (_TEMPLATES / "report.js").read_text(encoding="utf-8")
    # the colours are data, the CSS rules that use them are generated here so the legend, the
    # highlights and the chart can never disagree
    colour_css = "\n".join(
        f'.hl[data-cat="{c}"]{{background:{bg};border-bottom-color:{fg}}}.sw-{c}{{background:{bg};border-color:{fg}}}'
        f'.hl.short[data-cat="{c}"]{{outline-color:{fg}}}'
        for c, (bg, fg) in CATEGORY_COLOURS.items()
    )
    colour_css += "\n" + "\n".join(
        f'.hl[data-outer="{c}"]{{border-bottom-color:{fg}}}' for c, (_, fg) in CATEGORY_COLOURS.items()
    )
    return Markup(css + "\n" + colour_css), Markup(js)


def views(results: list[Result]) -> list[dict[str, Any]]:
    """Each file's view (prepared by a worker when it could be), in order of risk, highest first."""
    files = [r.view if r.view is not None and r.view["idx"] == i else file_view(i, r) for i, r in enumerate(results)]
    files.sort(key=lambda f: (-f["risk"], f["idx"]))
    return files


def render_page(
    title: str,
    files: list[dict[str, Any]],
    *,
    table: list[dict[str, Any]] | None,
    href: dict[int, str] | None = None,
    nav: dict[str, Any] | None = None,
    batch: dict[str, Any] | None = None,
    nav_pages: list[str] | None = None,
) -> str:
    """One HTML page: the overview of `table` (the whole batch, or none) and the sections of `files`.

    `href`: where each file's section is (`#file-N` on the same page, or another page of a large
    batch); `nav`: links between the pages of a large batch; `batch`: the batch's totals, for a page
    that shows only part of it."""
    shown = table if table is not None else files
    totals: Counter[str] = Counter()
    sev_totals: Counter[str] = Counter()
    for f in shown:
        totals.update(f["by_cat"])
        sev_totals.update(f["by_sev"])
    href = href or {f["idx"]: f"#file-{f['idx']}" for f in shown}
    css, js = _assets()
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            title=title,
            table=table,
            files=files,
            href=href,
            nav=nav,
            totals=totals,
            sev_totals=sev_totals,
            total=sum(totals.values()),
            used_categories=[c for c in CATEGORIES if totals.get(c)],
            categories=CATEGORIES,
            severities=SEVERITIES,
            charts=_charts(shown, totals, href),
            fixes_applied=sum(f["fixes_applied"] for f in shown),
            changed=sum(1 for f in shown if f["changed"]),
            batch=batch,
            nav_pages=nav_pages or [],
            version=_version(),
            css=css,
            js=js,
        )
    )


def render_html(results: list[Result], title: str = "cleaner report") -> str:
    """The whole review report as one HTML document (a string; the caller writes it). Large batches
    go through `pages.write_review`, which splits them."""
    files = views(results)
    return render_page(title, files, table=files)
