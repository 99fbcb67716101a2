#!/usr/bin/env python3
"""Fit and check the site-independent boilerplate model (cleaner/detect/boilerplate/signals.py).

    python bench/bp_fit.py [--wcxb PATH] [--aeb PATH] [--fit] [--target-precision 0.985]

Pages are built exactly as ../shared/tools/bpscore.py builds them (window view, headline paragraphs
left out, paragraphs joined by blank lines). Every prose block of the segmented page gets the feature
row of `signals.vectors` and the label of the paragraph it comes from (body / boilerplate).

WCXB dev is split by a hash of the page id into a *fit* half (even) and a *check* half (odd). With
`--fit`, a logistic model (L2, Newton steps) is fitted on the fit half's paragraphs outside the
article run *that no other rule removes*, and the safe threshold is the lowest one whose precision
(boilerplate among removed paragraphs) on the fit half reaches `--target-precision`. Both halves and
AEB are then reported: what the model adds, and what the whole decision (existing rules + model +
article-text guard) removes and loses, per paragraph. Prints the weights to paste into signals.py.
Reads ../shared (a benchmark, not a test). Do not point it at WCXB's test split.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT))

from cleaner.config import Config  # noqa: E402
from cleaner.detect import boilerplate as B  # noqa: E402
from cleaner.detect.boilerplate import decide, signals  # noqa: E402
from cleaner.detect.boilerplate.article import _para_norm, rule_verdicts  # noqa: E402
from cleaner.segment import segment  # noqa: E402


def pages(path: Path) -> list[tuple[str, list[dict]]]:
    opener = gzip.open if str(path).endswith(".gz") else open
    out = []
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            st = rec.get("stats", {})
            paras = rec["paragraphs"]
            if st.get("first_body") is not None:
                keep = set(range(max(0, st["first_body"] - 5), st["last_body"] + 26))
                paras = [p for i, p in enumerate(paras) if i in keep]
            out.append((rec["id"], [p for p in paras if not p.get("is_title")]))
    return out


def half(pid: str) -> str:
    return "fit" if hashlib.sha1(pid.encode()).digest()[0] % 2 == 0 else "check"


def rows_of(pid: str, paras: list[dict]) -> list[tuple]:
    """Per prose block: (page id, half, features, label boilerplate=1, rule confidence, eligible,
    article-like, rule, text). `eligible`: the model decides it at run time (`decide.eligible`)."""
    text = "\n\n".join(p["text"] for p in paras) + "\n"
    spans, pos = [], 0
    for p in paras:
        spans.append((pos, pos + len(p["text"]), p["is_body"]))
        pos += len(p["text"]) + 2
    doc = segment(text, "text")
    a = B._analysis(doc)
    rules, layout = rule_verdicts(a.body, a.lang, a.title, False)
    feats = signals.vectors(a.body, layout.start, layout.end, layout.vocab, rules)
    own = {_para_norm(q) for q in a.body[layout.start : layout.end + 1] if not q.hit}
    out = []
    k = 0
    for i, p in enumerate(a.body):
        while k < len(spans) - 1 and spans[k][1] < p.block.start:
            k += 1
        label = 0 if spans[k][2] else 1
        v = rules.get(i)
        elig = decide.eligible(a.body, i, layout, False) if layout.end >= layout.start else False
        kept = signals.article_like(feats[i]) or _para_norm(p) in own
        words = signals.lexical_words(p) if a.lang == "en" else frozenset()
        conf = v.confidence if v else 0.0
        out.append((pid, half(pid), feats[i], label, conf, elig, kept, v.rule if v else "", p.text, words))
    return out


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 25) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        g = x.T @ (p - y) + l2 * np.r_[0, w[1:]]
        h = (x * (p * (1 - p))[:, None]).T @ x + l2 * np.diag(np.r_[0, np.ones(len(w) - 1)])
        w -= np.linalg.solve(h, g)
    return w


def design(data: list, vocab: list[str]) -> np.ndarray:
    """Dense features, then one column per vocabulary word (present / sqrt(distinct words))."""
    x = np.zeros((len(data), len(signals.FEATURES) + len(vocab)))
    col = {w: len(signals.FEATURES) + j for j, w in enumerate(vocab)}
    for i, r in enumerate(data):
        x[i, : len(signals.FEATURES)] = r[2]
        if r[9]:
            scale = 1 / np.sqrt(len(r[9]))
            for w in r[9]:
                if w in col:
                    x[i, col[w]] = scale
    return x


def pick_threshold(p: np.ndarray, y: np.ndarray, target: float, floor: int = 50) -> tuple[float, float]:
    """The lowest P whose removals (everything at or above it) reach `target` precision; (P, precision)."""
    order = np.argsort(-p)
    prec = np.cumsum(y[order]) / np.arange(1, len(y) + 1)
    ok = np.where((prec >= target) & (np.arange(len(y)) >= floor))[0]
    k = int(ok.max()) if len(ok) else 0
    return float(p[order][k]), float(prec[k])


def report(
    name: str,
    data: list,
    w: np.ndarray,
    vocab: list[str],
    t: float,
    veto: float,
    veto_after: float,
    threshold: float,
    tail_t: float = 1.0,
) -> dict:
    x = design(data, vocab)
    y = np.array([r[3] for r in data])
    conf = np.array([r[4] for r in data])
    elig = np.array([r[5] for r in data])
    like = np.array([r[6] for r in data])
    p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
    old = conf >= threshold
    fixed = old & ~elig
    vetoes = np.array([veto_after if r[7].endswith("/after-article") else veto for r in data])
    tail = np.array([bool(r[2]) and signals.tail_zone(r[2]) for r in data])
    model = elig & ~like & ((p >= np.where(tail, tail_t, t)) | (old & ((p >= vetoes) | tail)))
    nb, nbp = int((y == 0).sum()), int((y == 1).sum())
    figures = {}

    def line(mask: np.ndarray, label: str) -> str:
        rem, lost = int((mask & (y == 1)).sum()), int((mask & (y == 0)).sum())
        prec = rem / max(1, rem + lost)
        figures[label.strip()] = {"removed": rem, "lost": lost, "precision": round(prec, 4)}
        return (
            f"{label}: removes {rem}/{nbp} boilerplate ({rem / max(1, nbp):.1%}), "
            f"loses {lost}/{nb} body ({lost / max(1, nb):.2%}), precision {prec:.3f}"
        )

    print(f"[{name}] {len(data)} paragraphs")
    print("  " + line(old, "rules alone (before)      "))
    print("  " + line(fixed, "prompts/structure (kept)  "))
    print("  " + line(model, "rules backed + model alone"))
    print("  " + line(fixed | model, "decision                  "))
    return figures


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--wcxb", type=Path, default=SHARED / "boilerplate-wcxb" / "wcxb-dev.jsonl.gz")
    ap.add_argument("--aeb", type=Path, default=SHARED / "boilerplate-aeb" / "aeb.jsonl")
    ap.add_argument("--fit", action="store_true")
    ap.add_argument("--target-precision", type=float, default=0.985)
    ap.add_argument("--tail-precision", type=float, default=0.99, help="precision target in the tail zone")
    ap.add_argument("--words", type=int, default=0, help="lexical part's vocabulary (off: it learnt site words)")
    ap.add_argument("--veto", type=float, default=0.7, help="a rule verdict stands only at this P(boilerplate)")
    ap.add_argument("--veto-after", type=float, default=0.7, help="the same for after-article verdicts")
    ap.add_argument("--l2", type=float, default=2.0)
    ap.add_argument("--write", action="store_true", help="write cleaner/data/boilerplate_model.json")
    a = ap.parse_args()
    if "test" in a.wcxb.name:
        raise SystemExit("bp_fit: not on WCXB's test split")
    threshold = Config().boilerplate_threshold
    wc = [r for pid, ps in pages(a.wcxb) for r in rows_of(pid, ps)]
    aeb = [r for pid, ps in pages(a.aeb) for r in rows_of(pid, ps)]
    fit_rows = [r for r in wc if r[1] == "fit"]
    check_rows = [r for r in wc if r[1] == "check"]
    m = signals.model()
    vocab = sorted(m.words)
    w = np.r_[np.array(m.weights), np.array([m.words[v] for v in vocab])]
    t = m.threshold
    tail_t = m.tail_threshold
    if a.fit:
        train = [r for r in fit_rows if r[5]]
        df: Counter[str] = Counter(w_ for r in train for w_ in r[9])
        vocab = sorted(v for v, c in df.most_common(a.words) if c >= 20 and not v.isdigit())
        x = design(train, vocab)
        y = np.array([r[3] for r in train], dtype=float)
        w = fit(x, y, l2=a.l2)
        # the threshold: precision on the paragraphs the model may remove (article-like ones never)
        cand = np.array([not r[6] for r in train])
        p = (1 / (1 + np.exp(-np.clip(x @ w, -30, 30))))[cand]
        yc = y[cand]
        t, pt = pick_threshold(p, yc, a.target_precision)
        # the page's tail (signals.tail_zone) gets its own threshold, at the tail precision target
        tl = np.array([signals.tail_zone(r[2]) for r in train])[cand]
        tail_t, ptl = pick_threshold(p[tl], yc[tl], a.tail_precision)
        tail_t = min(t, tail_t)
        print(f"fitted on {len(train)} fit-half paragraphs, {len(vocab)} words")
        print(f"threshold {t:.3f} at precision {pt:.3f}; in the tail {tail_t:.3f} at precision {ptl:.3f}")
        top = sorted(zip(w[len(signals.FEATURES) :], vocab, strict=True))
        print("  words towards body:", ", ".join(v for _, v in top[:15]))
        print("  words towards boilerplate:", ", ".join(v for _, v in top[-25:]))
    for name, rows in (("fit", fit_rows), ("check", check_rows), ("aeb", aeb)):
        el = [r for r in rows if r[5] and not r[6]]
        pr = 1 / (1 + np.exp(-np.clip(design(el, vocab) @ w, -30, 30)))
        yy = np.array([r[3] for r in el])
        curve = []
        for tt in (0.5, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97):
            mk = pr >= tt
            curve.append(f"{tt}: +{int((mk & (yy == 1)).sum())}/-{int((mk & (yy == 0)).sum())}")
        print(f"  {name} curve (boilerplate removed/body lost by the model): " + ", ".join(curve))
    figs = {
        "fit": report("WCXB fit half", fit_rows, w, vocab, t, a.veto, a.veto_after, threshold, tail_t),
        "check": report("WCXB check half", check_rows, w, vocab, t, a.veto, a.veto_after, threshold, tail_t),
        "aeb": report("AEB", aeb, w, vocab, t, a.veto, a.veto_after, threshold, tail_t),
    }
    if a.write:
        nf = len(signals.FEATURES)
        note = (
            f"Logistic model fitted by bench/bp_fit.py (L2 {a.l2}) on the paragraphs outside the article run "
            f"of the fit half of WCXB dev (page-id hash even; CC BY 4.0, Murrough Foley 2026); threshold chosen "
            f"for precision {a.target_precision} there ({a.tail_precision} in the page's tail). "
            f"Per-paragraph figures of the whole decision "
            f"(prompts + model): {json.dumps({k: v['decision'] for k, v in figs.items()})}"
        )
        signals.MODEL_PATH.write_text(
            json.dumps(
                {
                    "features": list(signals.FEATURES),
                    "weights": [round(float(v), 4) for v in w[:nf]],
                    "words": {v: round(float(c), 4) for v, c in zip(vocab, w[nf:], strict=True) if abs(c) >= 0.05},
                    "threshold": round(t, 4),
                    "tail_threshold": round(tail_t, 4),
                    "veto": a.veto,
                    "veto_by_rule": {"after-article": a.veto_after},
                    "target_precision": a.target_precision,
                    "figures": figs,
                    "note": note,
                },
                indent=1,
                ensure_ascii=False,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"wrote {signals.MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
