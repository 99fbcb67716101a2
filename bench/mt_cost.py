"""What the MT-artefact detectors of issue 24 cost: `clean_text` over the AEB pages with and without them.

    python bench/mt_cost.py            # 5 interleaved rounds
    python bench/mt_cost.py --rounds 9

"Without" drops the glued-word and convention detectors from `pipeline.DETECTORS` and stubs out the
name-variant pass of `names.detect`; the rule packs (mt-fr … mt-zh) stay in both arms (their regexes
are prefiltered with the rest of the packs). CPU time of this process (`time.process_time`), so that
other processes on a shared machine disturb the figure less than wall time; medians of the rounds,
caches cleared (`pipeline.forget`) before each run. The pages are the AEB benchmark's paragraphs
joined, as `bench/run.py` builds its corpus (full view, headlines left out).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cleaner import pipeline
from cleaner.detect import names

AEB = Path(__file__).resolve().parents[2] / "shared" / "data" / "boilerplate-aeb" / "aeb.jsonl"
NEW = ("cleaner.detect.glued.detect", "cleaner.detect.conventions.detect")


def _no_variants(doc: object, config: object) -> Iterator[object]:
    return iter(())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args()
    with AEB.open(encoding="utf-8") as fh:
        pages = [json.loads(line) for line in fh]
    texts = ["\n\n".join(p["text"] for p in r["paragraphs"] if not p["is_title"]) + "\n" for r in pages]
    mb = sum(len(t) for t in texts) / 1e6
    full, variants = pipeline.DETECTORS, names._variants
    arms = {"without": tuple(d for d in full if d not in NEW), "with": full}
    pipeline.clean_text(texts[0])  # load packs and data once
    times: dict[str, list[float]] = {k: [] for k in arms}
    for _ in range(a.rounds):
        for arm, detectors in arms.items():
            pipeline.DETECTORS = detectors
            names._variants = variants if arm == "with" else _no_variants  # type: ignore[assignment]
            pipeline.forget()
            t = time.process_time()
            for text in texts:
                pipeline.clean_text(text)
            times[arm].append(time.process_time() - t)
    pipeline.DETECTORS, names._variants = full, variants
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"AEB pages: {len(texts)} files, {mb:.2f} MB; clean_text (fix loop included), CPU seconds")
    for arm, v in times.items():
        print(f"  {arm:<8} {' '.join(f'{x:.2f}' for x in v)}  median {med[arm]:.2f} s = {mb / med[arm]:.2f} MB/s")
    print(f"cost of the new MT detectors: {med['with'] / med['without'] - 1:+.1%} CPU time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
