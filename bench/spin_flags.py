"""Fit and check the position model of statistical spin detection (cleaner/detect/spin_flags.py).

    python bench/spin_flags.py [--write]

The development set is bench/spin_dev.py's: the gold texts of AEB (MIT) and WCXB dev (CC BY 4.0),
spun here by POS-blind thesaurus swaps (bench/spin_sim.py), pages split by index (even: dev, odd:
check). Every position `spin_context` judges becomes one row of `spin_flags.features` (its best
neighbour's gains, which bigrams the model saw, unigram gain, neighbour kind and count), labelled
swapped when a spun span covers it. A logistic model (L2 1.0, Newton steps) is fitted on the dev pages
spun at rate 0.25; precision and recall (of the swapped words a judged position shows) are printed
per threshold for dev and check, at rate 0.25 and at the lighter rate 0.1, next to the fixed cut-offs
the first version used ("strong" anomalies). With --write the weights are printed as the Python
literal to paste into spin_flags.py (nothing is written to the package by this script).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from spin_dev import THESAURUS, pages
from spin_sim import thesaurus_spinner

from cleaner.detect import spin_context, spin_flags

THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.9)


def dataset(rate: float) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, int, int]]:
    """Per split: feature rows, labels, fresh flags, swapped spans in all, spans on a judged position."""
    spinner = thesaurus_spinner(THESAURUS)
    parts: dict[str, list] = {"dev": [[], [], [], 0, 0], "check": [[], [], [], 0, 0]}  # type: ignore[type-arg]
    for i, (split, text) in enumerate(pages(None)):
        spun, spans = spinner(text, rate, seed=i)
        where, x, fresh = spin_context.position_rows(spun)
        cover = [(a, b) for a, b, *_ in spans]
        label = np.array([any(s < b and a < e for a, b in cover) for s, e in where], dtype=bool)
        part = parts[split]
        part[0].append(x)
        part[1].append(label)
        part[2].append(fresh)
        part[3] += len(cover)
        part[4] += sum(any(s < b and a < e for s, e in where) for a, b in cover)
    return {k: (np.concatenate(v[0]), np.concatenate(v[1]), np.concatenate(v[2]), v[3], v[4]) for k, v in parts.items()}


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> np.ndarray:
    b = np.zeros(x.shape[1])
    for _ in range(40):
        p = 1 / (1 + np.exp(-(x @ b)))
        g = x.T @ (y - p) - l2 * b
        h = (x * (p * (1 - p))[:, None]).T @ x + l2 * np.eye(len(b))
        b += np.linalg.solve(h, g)
    return b


def strong(x: np.ndarray) -> np.ndarray:
    """The first version's fixed cut-offs ("strong" anomalies), from the same rows."""
    f = {name: x[:, i] for i, name in enumerate(spin_flags.FEATURES)}
    need = np.where(f["broader"] > 0, spin_context.BROAD, 1.0)
    return (
        (f["neighbour_both_seen"] > 0)
        & (f["word_both_seen"] == 0)
        & (f["left_gain"] >= spin_context.GAIN_SIDE * need)
        & (f["right_gain"] >= spin_context.GAIN_SIDE * need)
        & (f["total_gain"] >= spin_context.GAIN_STRONG * need)
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="print the fitted weights as a Python literal")
    a = ap.parse_args()
    data = {rate: dataset(rate) for rate in (0.25, 0.1)}
    x, y, fresh, _, _ = data[0.25]["dev"]
    b = fit(x[fresh], y[fresh].astype(float))
    print("weights (dev, rate 0.25): " + ", ".join(f"{n}={w:.4f}" for n, w in zip(spin_flags.FEATURES, b, strict=True)))
    for rate, splits in data.items():
        for split, (x, y, fresh, spans, judgeable) in splits.items():
            p = np.where(fresh, spin_flags.probability(x, b), 0.0)
            cells = []
            for t in THRESHOLDS:
                sel = p >= t
                cells.append(f"{t:.2f}: P {y[sel].mean():.3f} R {(sel & y).sum() / max(1, y.sum()):.3f}")
            s = strong(x) & fresh
            cells.append(f"strong: P {y[s].mean():.3f} R {(s & y).sum() / max(1, y.sum()):.3f}")
            print(
                f"[rate {rate} {split}] {len(y)} positions, {y.mean():.1%} swapped; {judgeable}/{spans} swapped words "
                f"on a judged position ({judgeable / max(1, spans):.1%})\n  " + "\n  ".join(cells)
            )
    if a.write:
        print("WEIGHTS = np.array([" + ", ".join(f"{w:.4f}" for w in b) + "])")


if __name__ == "__main__":
    main()
