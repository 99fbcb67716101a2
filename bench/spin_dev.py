"""Development set and scorecard for statistical spin detection (issue 22). Prints figures.

The development set is not the seeds: clean, licensed article texts (the gold texts of the AEB
benchmark, MIT, and of WCXB's dev split, CC BY 4.0) spun here the way article spinners work:
POS-blind thesaurus swaps of frequent content words at a fixed rate, single words and multi-word
phrases, with inflections carried (bench/spin_sim.py `thesaurus_spinner`). The originals are the gold.
Pages are split by position: even = dev (thresholds and the gate's logistic fit were chosen there),
odd = check (reported, never tuned on).

Printed per split: document AUC (gate probability, spun vs the same pages clean), the share of clean
pages passing the gate, false `spin/context-swap` flags per 10k words of clean text, and inside gated
spun pages: span recall (swapped words overlapped by any spin finding), flag precision, the share of
flags carrying a suggestion, and restoration (suggestions equal to the original). The gate's logistic
coefficients refitted on dev are printed (the module's are used for the figures), and the
throughput of `analyse`.

    python bench/spin_dev.py [--rate 0.25] [--limit N] [--refit]
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from spin_sim import thesaurus_spinner

from cleaner.config import DEFAULT
from cleaner.detect import spin_context
from cleaner.detect.spin_model import model
from cleaner.pipeline import detect
from cleaner.segment import segment

SHARED = Path("/work/shared/data")
SOURCES = (SHARED / "boilerplate-aeb/aeb.jsonl", SHARED / "boilerplate-wcxb/wcxb-dev.jsonl.gz")
THESAURUS = SHARED / "thesaurus/th_en_US_v2.dat"
WORD = re.compile(r"\w+")
STOP = {"the", "and", "of", "to", "in"}
RIDGE = 1.0


def pages(limit: int | None) -> list[tuple[str, str]]:
    out = []
    for path in SOURCES:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            recs = [json.loads(line) for line in fh]
        for i, r in enumerate(recs[:limit]):
            w = WORD.findall(r["gold"].lower())
            if len(w) < 80 or sum(x in STOP for x in w) < 0.04 * len(w):
                continue  # not English prose (the same screen as fpscore)
            out.append(("dev" if i % 2 == 0 else "check", r["gold"]))
    return out


def run(text: str) -> tuple[float, list, int, tuple[float, ...]]:  # type: ignore[type-arg]
    doc = segment(text, "text")
    found = detect(doc, DEFAULT)
    p = float(doc.meta.get("spin.gate", 0.0))
    feats = doc.meta.get("spin.features", (0.0, 0.0, 0.0))
    return p, [f for f in found if f.category == "spin"], len(WORD.findall(text)), feats


def prob(feats: tuple[float, float, float]) -> float:
    z = spin_context.B0 + spin_context.B_WEAK * feats[0] + spin_context.B_STRONG * feats[1]
    return 1 / (1 + math.exp(-(z + spin_context.B_PACK * feats[2])))


def auc(pos: list[float], neg: list[float]) -> float:
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / max(1, len(pos) * len(neg))


def fit(x: np.ndarray, y: np.ndarray, offset: np.ndarray) -> np.ndarray:
    """Logistic regression by Newton's method with a ridge (tempers the over-confidence of separable
    data); `offset` is a fixed part of the linear predictor (the pack term, not fittable here)."""
    b = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-(x @ b + offset)))
        g = x.T @ (y - p) - RIDGE * b
        h = (x * (p * (1 - p))[:, None]).T @ x + RIDGE * np.eye(len(b))
        b += np.linalg.solve(h, g)
    return b


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rate", type=float, default=0.25)
    ap.add_argument("--limit", type=int, default=None, help="pages per source")
    ap.add_argument("--refit", action="store_true", help="report the figures with the coefficients fitted on dev")
    a = ap.parse_args()
    t0 = time.perf_counter()
    m = model()
    print(f"model: load {time.perf_counter() - t0:.2f} s, {m.size_bytes() / 1e6:.1f} MB in memory")
    spinner = thesaurus_spinner(THESAURUS)
    data = pages(a.limit)
    spun = [spinner(text, a.rate, seed=i) for i, (_, text) in enumerate(data)]
    gate = spin_context.GATE
    spin_context.GATE = 0.0  # findings on every page; the gate is applied below, at several values
    rows = []
    tw = 0.0
    nwords = 0
    feats, ys = [], []
    for (split, text), (stext, spans) in zip(data, spun, strict=True):
        p, fl, n, f1 = run(text)
        p2, fl2, _, f2 = run(stext)
        rows.append((split, p, [f for f in fl if f.rule == spin_context.RULE], n, p2, fl2, spans, f1, f2))
        if split == "dev":
            feats += [f1, f2]
            ys += [0, 1]
        t = time.perf_counter()
        spin_context.analyse(text)
        tw += time.perf_counter() - t
        nwords += n
    fx = np.array(feats)
    x = np.column_stack([np.ones(len(feats)), fx[:, :2]])
    b = fit(x, np.array(ys, dtype=float), spin_context.B_PACK * fx[:, 2])
    print(
        f"logistic fit on dev ({len(ys)} pages): B0={b[0]:.3f} B_WEAK={b[1]:.3f} B_STRONG={b[2]:.3f} "
        f"(B_PACK fixed at {spin_context.B_PACK}); module: B0={spin_context.B0} B_WEAK={spin_context.B_WEAK} "
        f"B_STRONG={spin_context.B_STRONG}"
    )
    if a.refit:
        spin_context.B0, spin_context.B_WEAK, spin_context.B_STRONG = (float(v) for v in b)
        rows = [(s, prob(f1), fl, n, prob(f2), fl2, spans) for s, _p, fl, n, _p2, fl2, spans, f1, f2 in rows]
    else:
        rows = [r[:7] for r in rows]
    print(f"analyse() on clean text: {nwords / max(tw, 1e-9):,.0f} words/s")
    for split in ("dev", "check"):
        part = [r for r in rows if r[0] == split]
        clean_p = [r[1] for r in part]
        spun_p = [r[4] for r in part]
        print(f"[{split}] {len(part)} pages, rate {a.rate}: doc AUC {auc(spun_p, clean_p):.3f}")
        for g in sorted({gate, 0.5, 0.8, 0.9, 0.95}):
            report(split, part, g, a.rate)


def report(split: str, part: list, g: float, rate: float) -> None:  # type: ignore[type-arg]
    words = sum(r[3] for r in part)
    passed = sum(r[1] >= g for r in part)
    ff = sum(len(r[2]) for r in part if r[1] >= g)
    gold = found = flags = right = 0
    sugg = {t: [0, 0] for t in (2.0, 3.0, 4.0, 5.0)}
    for _s, _p, _f, _n, p2, fl2, spans in part:
        if p2 < g:
            continue
        gold += len(spans)
        found += sum(any(f.start < en and st < f.end for f in fl2) for st, en, _o, _x in spans)
        for f in fl2:
            if f.rule != spin_context.RULE:
                continue
            flags += 1
            hit = [sp for sp in spans if f.start < sp[1] and sp[0] < f.end]
            right += bool(hit)
            gain = float(f.message.rsplit("gain ", 1)[-1].rstrip(").")) if "gain " in f.message else 0.0
            for t, cnt in sugg.items():
                if gain >= t:
                    cnt[0] += 1
                    cnt[1] += bool(hit) and f.message.split("“")[2].split("”")[0].lower() == hit[0][2].lower()
    n = len(part)
    print(
        f"  gate {g:.2f}: clean pages passing {passed}/{n} = {100 * passed / max(1, n):.1f} %, "
        f"spun gated {sum(r[4] >= g for r in part)}/{n}; false flags on clean "
        f"{10000 * ff / max(1, words):.2f} per 10k words; inside gated spun pages span recall "
        f"{100 * found / max(1, gold):.1f} % ({found}/{gold}), flag precision {100 * right / max(1, flags):.1f} % "
        f"({right}/{flags})"
    )
    print(
        "    restoration by suggestion threshold (gain: suggested, right): "
        + "; ".join(f">={t}: {c[0]}, {100 * c[1] / max(1, c[0]):.1f} %" for t, c in sugg.items())
    )


if __name__ == "__main__":
    main()
