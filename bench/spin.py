"""Spin benchmark: false flags on clean news, precision/recall on simulated spin, scan throughput.

Prints figures; not part of the test pass. Run from the project root:

    python bench/spin.py [--aeb ../shared/data/boilerplate-aeb/aeb.jsonl]
                         [--pps ../shared/data/tortured-phrases/pps-tortured-phrases.json]
                         [--thesaurus ../shared/data/thesaurus/th_en_US_v2.dat]

- False flags: spin findings (severity ≥ warning, and all) per 10,000 words of clean news:
  tests/data/clean_news (held out from curation), plus the held-out (odd) half of the AEB gold texts
  when `--aeb` is given.
- Precision/recall: clean news run through bench/spin_sim.py (word map from PPS pairs, kept apart from
  the pack's sources; and, separately, from the thesaurus). A spun word counts as found when a spin
  finding overlaps it; precision counts spin findings that overlap a swapped word.
- Throughput: all packs compiled once (load time excluded), scanning the clean corpus repeated, one core:
  first sight (the pack set's per-block memo emptied first), and again with the memo (what the fix
  loop's second pass and recurring site lines get). Issue 3's target is about the first.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from spin_sim import pps_word_map, spin, thesaurus_word_map

from cleaner.config import DEFAULT
from cleaner.model import Finding, Severity
from cleaner.packs import load_packs
from cleaner.pipeline import detect
from cleaner.segment import segment

ROOT = Path(__file__).resolve().parent.parent
SPIN_DETECTORS = (
    "cleaner.detect.spin.detect_verb_slot",
    "cleaner.detect.spin.detect_broken_title",
    "cleaner.detect.spin.detect_chief_minister",
)


def _ensure_spin_registered() -> None:
    """Measure the spin stage as shipped; register it here only if the pipeline does not (yet)."""
    import cleaner.pipeline as pipeline

    missing = tuple(d for d in SPIN_DETECTORS if d not in pipeline.DETECTORS)
    if missing:
        print(f"note: registering {len(missing)} spin detectors for this run (not in pipeline.DETECTORS)")
        pipeline.DETECTORS = pipeline.DETECTORS + missing
    if "cleaner.detect.spin.adjust" not in pipeline.ADJUSTERS:
        pipeline.ADJUSTERS = (*pipeline.ADJUSTERS, "cleaner.detect.spin.adjust")


def corpus(aeb: str | None) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/data/clean_news").glob("*.txt"))]
    if aeb and Path(aeb).exists():
        have = {t.strip() for t in texts}
        for k, line in enumerate(Path(aeb).read_text(encoding="utf-8").splitlines()):
            gold = json.loads(line)["gold"].strip()
            if k % 2 == 1 and gold and gold not in have:
                texts.append(gold + "\n")
    return texts


def spin_findings(text: str) -> list[Finding]:
    return [f for f in detect(segment(text, "text"), DEFAULT) if f.category == "spin"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--aeb")
    ap.add_argument("--pps")
    ap.add_argument("--thesaurus")
    ap.add_argument("--rate", type=float, default=0.15)
    a = ap.parse_args()
    _ensure_spin_registered()
    texts = corpus(a.aeb)
    words = sum(len(t.split()) for t in texts)
    flags, warn = Counter(), 0
    for t in texts:
        for f in spin_findings(t):
            flags[(f.rule, f.text)] += 1
            warn += f.severity.rank >= Severity.WARNING.rank
    total = sum(flags.values())
    print(f"clean news: {len(texts)} articles, {words} words")
    print(
        f"false spin flags: {total} ({total * 10000 / words:.2f} per 10k words); "
        f"at warning or above: {warn} ({warn * 10000 / words:.2f} per 10k words)"
    )
    for (rule, text), n in flags.most_common(25):
        print(f"  {n:3d}  {rule}  {text!r}")
    maps = []
    if a.pps:
        maps.append(("PPS-derived word swaps", pps_word_map(a.pps)))
    if a.thesaurus:
        maps.append(("thesaurus swaps (overlaps pack sources)", thesaurus_word_map(a.thesaurus)))
    for name, wmap in maps:
        tp = fp = found = swaps = 0
        for k, t in enumerate(texts):
            spun, spans = spin(t, wmap, a.rate, seed=k)
            fs = spin_findings(spun)
            swaps += len(spans)
            found += sum(any(f.start < e and f.end > s for f in fs) for s, e in spans)
            for f in fs:
                if any(f.start < e and f.end > s for s, e in spans):
                    tp += 1
                else:
                    fp += 1
        prec = tp / (tp + fp) if tp + fp else 0.0
        print(
            f"simulated spin ({name}, rate {a.rate}): {swaps} swaps, recall {found / max(1, swaps):.3f}, "
            f"precision {prec:.3f} ({tp} true / {fp} false findings)"
        )
    packs = load_packs(DEFAULT)
    blob = "\n\n".join(texts)
    doc = segment(blob * max(1, int(2_000_000 / max(1, len(blob)))), "text")
    size = len(doc.text.encode("utf-8")) / 1e6
    # First sight: the pack set remembers the matches of every block it has scanned (the fix loop's
    # next pass and a site's recurring lines reuse them), and the texts above were scanned already, so
    # the memo is emptied before each of the five timed scans; best and median are printed.
    times = []
    n = 0
    for _ in range(5):
        packs.forget()
        t0 = time.perf_counter()
        n = sum(1 for _ in packs.scan(doc, DEFAULT))
        times.append(time.perf_counter() - t0)
    best, median = min(times), statistics.median(times)
    print(
        f"pack scan, blocks seen for the first time: {size:.1f} MB, best of 5 {best:.3f} s = {size / best:.1f} MB/s,"
        f" median {size / median:.1f} MB/s ({n} findings)"
    )
    t0 = time.perf_counter()
    packs.scan(doc, DEFAULT)
    dt = time.perf_counter() - t0
    print(f"pack scan, the same blocks again (memoised matches): {size / dt:.1f} MB/s")


if __name__ == "__main__":
    main()
