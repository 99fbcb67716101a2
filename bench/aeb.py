#!/usr/bin/env python3
"""Boilerplate benchmark on the article-extraction-benchmark pages (AEB), in process.

    python bench/aeb.py [JSONL] [--view window|full] [--limit N] [--detector-only] [--show-lost]

Each page of the JSONL (scrapinghub/article-extraction-benchmark rendered to plain-text paragraphs,
each labelled body/boilerplate; MIT) becomes one plain-text article, paragraphs separated by blank
lines, headline paragraphs left out — exactly as ../shared/tools/bpscore.py builds them. The page is
cleaned (safe fixes only, as `cleaner clean` does) and what survives is scored against the gold text:
word-4-gram shingle precision/recall averaged over pages and the F1 of the averages (AEB's scoring),
plus the share of boilerplate paragraphs removed and of body paragraphs lost.

`--detector-only` applies only the boilerplate detector's safe fixes (no other pipeline stage), which
isolates this detector's effect. Default JSONL: ../shared/data/boilerplate-aeb/aeb.jsonl.
Figures print; nothing is asserted (benchmarks are not part of the test pass).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

TOKEN_RE = re.compile(r"\w+", re.UNICODE)
DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "boilerplate-aeb" / "aeb.jsonl"


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = TOKEN_RE.findall(text or "")
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i : i + n])


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    ts, ps = shingles(true), shingles(pred)
    tp = fp = fn = 0.0
    for k in set(ts) | set(ps):
        t, p = ts.get(k, 0), ps.get(k, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def prf(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    def prec(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))

    def rec(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))

    p = statistics.mean([prec(*x) for x in rows if x[0] + x[1] > 0] or [0])
    r = statistics.mean([rec(*x) for x in rows if x[0] + x[2] > 0] or [0])
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def norm(s: str) -> str:
    return " ".join(TOKEN_RE.findall(s.lower()))


def load_pages(path: str | Path, view: str = "window", limit: int = 0) -> list[dict]:
    """Pages as {id, gold, paras: [{text, is_body}]}, windowed like bpscore.py."""
    pages = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            paras = [p for p in rec["paragraphs"] if not p.get("is_title")]
            st = rec.get("stats", {})
            if view == "window" and st.get("first_body") is not None:
                keep = set(range(max(0, st["first_body"] - 5), st["last_body"] + 26))
                paras = [p for i, p in enumerate(rec["paragraphs"]) if i in keep and not p.get("is_title")]
            pages.append({"id": rec["id"][:16], "gold": rec["gold"], "paras": paras})
            if limit and len(pages) >= limit:
                break
    return pages


def page_text(page: dict) -> str:
    return "\n\n".join(p["text"] for p in page["paras"]) + "\n"


def clean_detector_only(text: str) -> str:
    from cleaner.config import Config
    from cleaner.detect import boilerplate
    from cleaner.model import Applicability
    from cleaner.segment import segment

    boilerplate.EMIT_PACK_HITS = True  # no pack engine here: the detector reports the pack's hits too
    doc = segment(text, "text")
    edits = sorted(
        (f.fix for f in boilerplate.detect(doc, Config()) if f.applicability == Applicability.SAFE and f.fix),
        key=lambda e: e.start,
        reverse=True,
    )
    out = text
    for e in edits:
        out = out[: e.start] + e.replacement + out[e.end :]
    return out


def clean_pipeline(text: str) -> str:
    import cleaner

    return cleaner.clean_text(text).cleaned  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("jsonl", nargs="?", default=str(DEFAULT))
    ap.add_argument("--view", choices=["window", "full"], default="window")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--detector-only", action="store_true", help="apply only the boilerplate detector")
    ap.add_argument("--show-lost", action="store_true", help="print body paragraphs that were removed")
    a = ap.parse_args(argv)
    pages = load_pages(a.jsonl, a.view, a.limit)
    clean = clean_detector_only if a.detector_only else clean_pipeline
    rows, base = [], []
    bp_total = bp_removed = body_total = body_lost = 0
    t0 = time.perf_counter()
    size = 0
    for page in pages:
        text = page_text(page)
        size += len(text.encode("utf-8"))
        cleaned = clean(text)
        rows.append(tp_fp_fn(page["gold"], cleaned))
        base.append(tp_fp_fn(page["gold"], text))
        kept = norm(cleaned)
        for p in page["paras"]:
            gone = norm(p["text"]) not in kept if norm(p["text"]) else False
            if p["is_body"]:
                body_total += 1
                body_lost += gone
                if gone and a.show_lost:
                    print(f"LOST {page['id']}: {p['text'][:120]!r}")
            else:
                bp_total += 1
                bp_removed += gone
    secs = time.perf_counter() - t0
    p, r, f1 = prf(rows)
    bp_, br_, bf_ = prf(base)
    mode = "boilerplate detector only" if a.detector_only else "full pipeline"
    print(f"pages {len(pages)} ({a.view} view, {mode}), {secs:.1f}s, {size / 1e6 / max(secs, 1e-9):.2f} MB/s")
    print(f"cleaner   P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    print(f"keep-all  P {bp_:.3f} R {br_:.3f} F1 {bf_:.3f}")
    print(
        f"boilerplate paragraphs removed {bp_removed}/{bp_total} ({bp_removed / max(1, bp_total):.1%}); "
        f"body paragraphs lost {body_lost}/{body_total} ({body_lost / max(1, body_total):.1%})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
