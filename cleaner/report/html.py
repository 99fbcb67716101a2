"""The review report for editors: one self-contained HTML file (no network, no external assets).

Editors decide what happens to flagged text, so the page shows every article with its findings
highlighted *in place*, the suggested wording on hover and keyboard focus, a side list, and a
before/after view of what `cleaner clean` changed (removed boilerplate struck through), plus an
overview table and two small charts. CSS and JS live in `templates/` and are inlined, so the file
opens from disk, in a mail attachment or a CI artifact viewer alike.

Safety: the page is rendered with jinja2 autoescaping, and the two pieces built here in Python (the
highlighted article and the diff) pass every character of article text through `markupsafe.escape`,
so an article containing `<script>` shows it as text. Output is deterministic (no timestamps, no
random ids): `reports/` is committed and a test compares it with a fresh render.

Overlapping findings are handled by splitting: the text is cut at every finding boundary, each piece
knows every finding that covers it and is coloured by the innermost (shortest) one; nothing is lost
or reordered, and the concatenated pieces are exactly the original text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import regex
from markupsafe import Markup, escape

from ..model import CATEGORIES, Finding, LineIndex, Result
from .diff import DiffOp, diff_stats, word_diff

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
        attrs = [
            f'class="hl{" zero" if seg.start == seg.end else ""}{" multi" if len(seg.covers) > 1 else ""}"',
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


def _boilerplate_html(text: str, first_id: str) -> str:
    """A removed boilerplate run: each line struck through and striped, the run labelled once; the
    line breaks between them stay unstyled so blank lines do not show as red bars."""
    out: list[str] = []
    labelled = False
    for k, piece in enumerate(_LINE_GAP.split(text)):
        if not piece:
            continue
        if k % 2 or not piece.strip():
            out.append(f'<del class="gap">{escape(piece)}</del>')
        elif not labelled:
            out.append(f'<del class="bp first"{first_id} title="Removed boilerplate">{escape(piece)}</del>')
            labelled = True
        else:
            out.append(f'<del class="bp" title="Removed boilerplate">{escape(piece)}</del>')
    return "".join(out)


def _diff_html(fidx: int, r: Result) -> tuple[Markup, dict[str, int], bool]:
    """Before/after: deletions struck through (boilerplate ones labelled), insertions underlined.

    Also says whether boilerplate was removed (then `#bp<fidx>` is the first removal)."""
    ops: list[DiffOp] = word_diff(r.original, r.cleaned)
    seen_bp = False
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
                first_id = "" if seen_bp else f' id="bp{fidx}"'
                seen_bp = True
                parts.append(_boilerplate_html(op.text, first_id))
            else:
                parts.append(f'<del class="edit{ws}" title="Removed">{escape(op.text)}</del>')
        else:
            parts.append(f'<ins class="add{ws}" title="Inserted">{escape(op.text)}</ins>')
    return Markup("".join(parts)), diff_stats(ops), seen_bp


def _short(text: str, limit: int = 110) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


_VISIBLE = str.maketrans({" ": "␣", "\u00a0": "⍽", "\u202f": "⍽", "\n": "↵", "\r": "", "\t": "⇥"})


def _shown(text: str) -> str:
    """How a finding's text or suggestion reads in the side list: a short piece whose whitespace
    matters (a space inside quotes, a no-break space) gets visible whitespace marks (␣ space,
    ⍽ no-break space, ↵ line break); anything else is shortened to one line."""
    if len(text) <= 12 and text != text.strip():
        return text.translate(_VISIBLE)
    return _short(text)


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


_FIX_KIND = {"safe": "auto-fix", "suggested": "suggestion"}


def _finding_item(fidx: int, i: int, f: Finding, index: LineIndex) -> str:
    """One finding of the side list as HTML, every value escaped.

    Built here rather than in the template: a batch report holds thousands of findings, and Jinja's
    attribute lookups for each took longer than the rest of the page (0.8 s of 1.8 s on the benchmark
    corpus's 5,900 findings).
    """
    line, col = index.position(f.start)
    cat, sev = escape(f.category), escape(f.severity.value)
    text = escape(_shown(f.text))
    if f.suggestion is None:
        change = f"<q>{text}</q>" if text else ""
    elif f.suggestion == "":
        change = f'<del>{text}</del> <span class="arrow">→ delete</span>'
    else:
        suggestion = escape(_shown(f.suggestion))
        change = f'<del>{text}</del> <span class="arrow" aria-label="suggested">→</span> <ins>{suggestion}</ins>'
    kind = _FIX_KIND.get(f.applicability.value, "no fix")
    return (
        f'        <li class="finding" id="fi{fidx}-{i}" data-i="{i}" data-cat="{cat}" data-sev="{sev}"'
        f' data-len="{f.end - f.start}">\n'
        f'          <a class="loc" href="#m{fidx}-{i}" title="line {line}, column {col}"><span class="sw sw-{cat}"'
        f' aria-hidden="true"></span>{line}:{col}</a>\n'
        f'          <span class="badge">{cat}</span>\n'
        f'          <span class="sev sev-{sev}">{sev}</span>\n'
        f'          <span class="msg">{escape(f.message)}</span>\n'
        f'          <span class="change">{change}</span>\n'
        f'          <span class="rule"><code>{escape(f.rule)}</code> · {kind} · {f.confidence * 100:.0f}%</span>\n'
        "        </li>\n"
    )


def file_view(fidx: int, r: Result) -> dict[str, Any]:
    """File `fidx`'s part of the page: counts, the highlighted article, the findings list, the diff.

    Workers of a batch compute it as they finish a file (`runner.Job.html_view`), so the costly part of
    the page is rendered in parallel; `render_html` computes what they did not."""
    findings = sorted(r.findings, key=lambda f: (f.start, f.end, f.rule))
    by_cat = Counter(f.category for f in findings)
    by_sev = Counter(f.severity.value for f in findings)
    view: dict[str, Any] = {
        "idx": fidx,
        "path": r.path or "<stdin>",
        "encoding": r.encoding,
        "error": r.error,
        "skipped": r.skipped,
        "spin": r.scores.get("spin"),
        "boilerplate_share": r.scores.get("boilerplate_share"),
        "scores": sorted(r.scores.items()),
        "total": len(findings),
        "by_cat": by_cat,
        "by_sev": by_sev,
        "fixes_applied": r.fixes_applied,
        "changed": r.changed,
    }
    if r.error or r.skipped:
        return view
    index = LineIndex(r.original)
    items: list[str] = []
    first_of: dict[str, int] = {}
    for i, f in enumerate(findings):
        first_of.setdefault(f.category, i)
        items.append(_finding_item(fidx, i, f, index))
    view["items"] = Markup("".join(items))
    view["chips"] = [(c, by_cat[c], first_of[c]) for c in CATEGORIES if by_cat.get(c)]
    view["article"] = _highlighted(fidx, r.original, findings)
    view["diff"], view["diff_stats"], view["bp_removed"] = _diff_html(fidx, r) if r.changed else (Markup(""), {}, False)
    return view


def _charts(files: list[dict[str, Any]], totals: Counter[str]) -> dict[str, Any]:
    cats = [(c, totals[c]) for c in CATEGORIES if totals.get(c)]
    peak = max((n for _, n in cats), default=1)
    bar_w = 260
    cat_bars = [
        {"label": c, "n": n, "w": max(2.0, bar_w * n / peak), "y": 24 * k, "colour": CATEGORY_COLOURS[c][1]}
        for k, (c, n) in enumerate(cats)
    ]
    scored = [f for f in files if f["spin"] is not None and not (f["error"] or f["skipped"])]
    shown = sorted(scored, key=lambda f: -f["spin"])[:CHART_FILES]
    spin_bars = [
        {
            "label": _short(f["path"], 34),
            "full": f["path"],
            "idx": f["idx"],
            "v": f["spin"],
            "w": max(2.0, bar_w * min(max(f["spin"], 0.0), 1.0)),
            "y": 24 * k,
        }
        for k, f in enumerate(shown)
    ]
    return {
        "cat_bars": cat_bars,
        "cat_h": 24 * len(cat_bars) + 8,
        "spin_bars": spin_bars,
        "spin_h": 24 * len(spin_bars) + 8,
        "spin_total": len(scored),
        "bar_w": bar_w,
    }


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


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("cleaner")
    except metadata.PackageNotFoundError:
        return "dev"


def render_html(results: list[Result], title: str = "cleaner report") -> str:
    """The whole review report as one HTML document (a string; the caller writes it)."""
    files = [r.view if r.view is not None and r.view["idx"] == i else file_view(i, r) for i, r in enumerate(results)]
    totals: Counter[str] = Counter()
    sev_totals: Counter[str] = Counter()
    for f in files:
        totals.update(f["by_cat"])
        sev_totals.update(f["by_sev"])
    used = [c for c in CATEGORIES if totals.get(c)]
    css = (_TEMPLATES / "report.css").read_text(encoding="utf-8")
    js = (_TEMPLATES / "report.js").read_text(encoding="utf-8")
    # the colours are data, the CSS rules that use them are generated here so the legend, the
    # highlights and the chart can never disagree
    colour_css = "\n".join(
        f'.hl[data-cat="{c}"]{{background:{bg};border-bottom-color:{fg}}}.sw-{c}{{background:{bg};border-color:{fg}}}'
        for c, (bg, fg) in CATEGORY_COLOURS.items()
    )
    colour_css += "\n" + "\n".join(
        f'.hl[data-outer="{c}"]{{border-bottom-color:{fg}}}' for c, (_, fg) in CATEGORY_COLOURS.items()
    )
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            title=title,
            files=files,
            totals=totals,
            sev_totals=sev_totals,
            total=sum(totals.values()),
            used_categories=used,
            categories=CATEGORIES,
            severities=SEVERITIES,
            colours=CATEGORY_COLOURS,
            charts=_charts(files, totals),
            fixes_applied=sum(r.fixes_applied for r in results),
            changed=sum(1 for r in results if r.changed),
            version=_version(),
            css=Markup(css + "\n" + colour_css),
            js=Markup(js),
        )
    )
