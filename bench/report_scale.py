#!/usr/bin/env python3
"""`cleaner report` on a large batch: wall time and the size of the largest HTML file it writes.

    python bench/report_scale.py [--files 1500] [--jobs 0] [--keep DIR]

Builds a folder of `--files` plain-text articles from the AEB pages (../shared/data/boilerplate-aeb,
scrapinghub/article-extraction-benchmark, MIT; body and boilerplate paragraphs as bench/aeb.py lays
them out) and the two seeds (every tenth file, so spun phrases, MT debris and quote findings are in the
batch), then runs `cleaner report FOLDER --html OUT/index.html` as a user would and prints the time,
the number of HTML files, the largest one and the total. Every paragraph gets a reference number of
its own ("Ref 17-3."), so no file is a byte copy of another and no per-paragraph cache can replay one
file's work for the next. Figures print; nothing is asserted (benchmarks are not part of the tests).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from aeb import DEFAULT, load_pages  # noqa: E402


def build(folder: Path, n: int) -> int:
    """Write `n` articles into `folder`; returns their total size in bytes."""
    pages = [[p["text"] for p in page["paras"]] for page in load_pages(DEFAULT)]
    seeds = [
        [p for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        for f in sorted((ROOT / "seeds").glob("*.txt"))
    ]
    total = 0
    for k in range(n):
        paras = seeds[(k // 10) % len(seeds)] if k % 10 == 0 else pages[k % len(pages)]
        text = "\n\n".join(f"{p.rstrip()} Ref {k}-{j}." for j, p in enumerate(paras)) + "\n"
        sub = folder / f"batch{k // 500:02}"
        sub.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        (sub / f"article{k:05}.txt").write_bytes(data)
        total += len(data)
    return total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=1500)
    ap.add_argument("--jobs", type=int, default=0, help="cleaner's --jobs (0: all cores)")
    ap.add_argument("--keep", type=Path, help="build the batch and the report here and keep them")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="cleaner-report-scale-"))
    src, out = work / "articles", work / "review"
    shutil.rmtree(src, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    size = build(src, args.files)
    cmd = [
        sys.executable,
        "-m",
        "cleaner",
        "report",
        str(src),
        "--html",
        str(out / "index.html"),
        "--jobs",
        str(args.jobs),
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        print(proc.stderr, file=sys.stderr)
        return proc.returncode
    pages = sorted(out.rglob("*.html"), key=lambda p: p.stat().st_size)
    largest = pages[-1]
    total = sum(p.stat().st_size for p in pages)
    print(f"files: {args.files} ({size / 1e6:.1f} MB of text); jobs: {args.jobs or 'all cores'}")
    print(f"cleaner report: {wall:.1f} s wall ({args.files / wall:.0f} files/s), {cpu:.1f} s CPU (all processes)")
    print(f"load average during the run (other programs share the cores): {os.getloadavg()[0]:.1f}")
    print(
        f"HTML files: {len(pages)}; largest {largest.relative_to(out)} {largest.stat().st_size / 1e6:.2f} MB; "
        f"index.html {(out / 'index.html').stat().st_size / 1e6:.2f} MB; total {total / 1e6:.1f} MB"
    )
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
