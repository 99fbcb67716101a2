"""Recall and precision per category on the MT development set (see `mt_devset.py` for how it is made).

    python bench/mt_dev.py                 # 300 texts, seed 24
    python bench/mt_dev.py --n 100 --seed 7
    python bench/mt_dev.py --sweep         # also the glued/split thresholds (detector only)

For each category: injected artefacts, found (a finding of the category overlapping the artefact),
recall, findings of the category, true ones, precision; then findings of the category on the same
texts without injections, per 10k words (every one a false flag, or a slip of the original writer).
The whole pipeline runs (`clean_text(..., fix=False)`, default configuration, no grammar).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from mt_devset import CATEGORIES, Sample, build

from cleaner import clean_text
from cleaner.detect import conventions
from cleaner.model import Finding

CALQUE_PACKS = {"mt-calques", "mt-fr", "mt-de", "mt-es", "mt-it", "mt-pt", "mt-ru", "mt-zh"}


def category(f: Finding) -> str | None:
    """The development-set category a finding belongs to (None: not an MT-artefact rule scored here)."""
    if f.rule == "mt/glued-words":
        return "glued"
    if f.rule == "mt/split-word":
        return "split"
    if f.rule in conventions.RULES:
        return "convention"
    if f.pack in CALQUE_PACKS:
        return "calque"
    if f.category == "names":
        return "name"
    return None


def score(samples: list[Sample], findings_of: list[list[Finding]]) -> dict[str, Counter[str]]:
    """Per category: gold artefacts, found, findings, true findings; examples of misses and false ones."""
    out: dict[str, Counter[str]] = {c: Counter() for c in CATEGORIES}
    for sample, findings in zip(samples, findings_of, strict=True):
        for s, e, cat in sample.spans:
            out[cat]["gold"] += 1
            if any(category(f) == cat and f.start < e and f.end > s for f in findings):
                out[cat]["found"] += 1
        for f in findings:
            fcat = category(f)
            if fcat is None:
                continue
            out[fcat]["flagged"] += 1
            true = any(c == fcat and f.start < e and f.end > s for s, e, c in sample.spans)
            out[fcat]["true"] += true
            if f.applicability.value == "safe":
                out[fcat]["safe"] += 1
                out[fcat]["safe true"] += true
    return out


def run(samples: list[Sample]) -> list[list[Finding]]:
    return [clean_text(s.text, fix=False).findings for s in samples]


def sweep(injected: list[Sample]) -> None:
    """Glued/split thresholds: recall and precision on the injected texts, false flags on *every* English
    gold text of the sources (1.5 M words, not only the sample), for the detector alone per setting."""
    from mt_devset import english_golds

    from cleaner.config import DEFAULT
    from cleaner.detect import glued
    from cleaner.segment import segment

    docs = [segment(s.text, "text") for s in injected]
    clean = [Sample(i, t) for i, t in english_golds()]
    words = sum(len(s.text.split()) for s in clean)
    clean_docs = [segment(s.text, "text") for s in clean]
    grid = [("ABSENT_MIN", v) for v in (1.0, 1.5, 2.0, 2.5)] + [("GLUE_MARGIN", v) for v in (1.5, 2.0, 2.5)]
    grid += [("FRAGMENT_GAP", v) for v in (1.5, 2.0, 2.5)] + [("SPLIT_MARGIN", v) for v in (1.0, 2.0, 3.0)]
    print("sweep (glued/split detector alone; other thresholds at their defaults)")
    for name, value in grid:
        old = getattr(glued, name)
        setattr(glued, name, value)
        found = [list(glued.detect(d, DEFAULT)) for d in docs]
        base = [list(glued.detect(d, DEFAULT)) for d in clean_docs]
        setattr(glued, name, old)
        sc = score(injected, found)
        cl = score(clean, base)
        cells = []
        for cat in ("glued", "split"):
            c = sc[cat]
            cells.append(
                f"{cat} R {c['found'] / max(1, c['gold']):.2f} P {c['true'] / max(1, c['flagged']):.2f} "
                f"clean/10k {cl[cat]['flagged'] / words * 1e4:.3f}"
            )
        print(f"  {name}={value:<4} " + " | ".join(cells))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=24)
    ap.add_argument("--show", type=int, default=0, help="print this many misses and false findings")
    ap.add_argument("--sweep", action="store_true", help="also sweep the glued/split thresholds")
    a = ap.parse_args()
    injected, clean = build(a.n, a.seed)
    words = sum(len(s.text.split()) for s in clean)
    if a.sweep:
        sweep(injected)
    found = run(injected)
    base = run(clean)
    sc = score(injected, found)
    cl = score(clean, base)
    print(f"MT development set: {len(injected)} texts, {words:,} words, seed {a.seed}")
    print(
        f"{'category':<11} {'gold':>5} {'found':>6} {'recall':>7} {'flagged':>8} {'true':>5} {'precision':>9}"
        f" {'clean/10k':>10}"
    )
    for cat in CATEGORIES:
        c = sc[cat]
        rec = c["found"] / c["gold"] if c["gold"] else float("nan")
        prec = c["true"] / c["flagged"] if c["flagged"] else float("nan")
        per10k = cl[cat]["flagged"] / words * 1e4
        print(
            f"{cat:<11} {c['gold']:>5} {c['found']:>6} {rec:>7.2f} {c['flagged']:>8} {c['true']:>5} {prec:>9.2f}"
            f" {per10k:>10.3f}"
        )
    safe = {cat: (sc[cat]["safe"], sc[cat]["safe true"], cl[cat]["safe"]) for cat in CATEGORIES if sc[cat]["safe"]}
    for cat, (n, true, on_clean) in safe.items():
        print(f"safe fixes ({cat}): {n}, {true} on an injected artefact; {on_clean} on the untouched texts")
    if a.show:
        shown = 0
        for sample, findings in zip(injected, found, strict=True):
            for s, e, cat in sample.spans:
                if not any(category(f) == cat and f.start < e and f.end > s for f in findings) and shown < a.show:
                    print(f"MISS {cat:<10} {sample.text[s:e]!r}")
                    shown += 1
            for f in findings:
                fcat = category(f)
                true = any(c == fcat and f.start < e and f.end > s for s, e, c in sample.spans)
                if fcat and not true and shown < 2 * a.show:
                    ctx = sample.text[max(0, f.start - 40) : f.end + 40].replace("\n", " ")
                    print(f"FALSE {fcat:<10} {f.rule} {f.text!r} | {ctx}")
                    shown += 1
        for sample, findings in zip(clean, base, strict=True):
            for f in findings:
                if category(f):
                    ctx = sample.text[max(0, f.start - 40) : f.end + 40].replace("\n", " ")
                    print(f"CLEAN {category(f):<10} {f.rule} {f.text!r} | {ctx}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
