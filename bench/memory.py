"""Peak resident memory on one big file, against the promise: at most 3x the file plus a constant.

Why: a 200 MB file peaked at 2.13 GB (10.6x; issue 26). This writes a file of the seeds repeated
(plain text, UTF-8) of each size asked, runs `cleaner clean --out` and `cleaner check` on it in a
fresh interpreter (one worker), and prints the wall time, the peak RSS, the peak less the RSS of
a one-line run (the constant: interpreter, packs, lexicon) and that figure as a multiple of the size.
Also printed: the peak of one article (every model a real text loads, ~30 MB more than one line)
and, with two sizes or more, the growth of the peak per MB of file (what "3x the file" is about: a
big file is streamed window by window, so the peak is mostly what one window holds).

    python bench/memory.py                # 40 and 200 MB (several minutes, ~1 GB of RAM)
    python bench/memory.py --sizes 40
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

_PROBE = (
    "import atexit, resource, runpy, sys\n"
    "sys.argv = ['cleaner', *sys.argv[1:]]\n"
    "atexit.register(lambda: sys.stderr.write("
    "f'\\nPEAK_RSS_KB={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n'))\n"
    "runpy.run_module('cleaner', run_name='__main__')\n"
)


def big_file(path: Path, megabytes: int) -> int:
    seeds = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    unit = (seeds + "\n\n").encode("utf-8")
    reps = megabytes * 1_000_000 // len(unit) + 1
    with path.open("wb") as fh:
        for _ in range(reps):
            fh.write(unit)
    return path.stat().st_size


def measured(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit code of `cleaner ARGS` in a fresh interpreter."""
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - t
    peak = max((int(ln.split("=")[1]) for ln in r.stderr.splitlines() if ln.startswith("PEAK_RSS_KB=")), default=0)
    if r.returncode not in (0, 1):
        sys.stderr.write(r.stderr[-2000:])
    return elapsed, peak / 1024, r.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[40, 200], help="file sizes in MB")
    ap.add_argument("--commands", nargs="+", default=["clean", "check"], choices=["clean", "check"])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.txt"
        small.write_text("The minister said the talks would resume on Monday.\n", encoding="utf-8")
        _, base, _ = measured(["clean", "--out", str(Path(tmp) / "o0"), "-q", "-j", "1", str(small)])
        article = Path(tmp) / "article.txt"
        article.write_text("\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))))
        _, prose, _ = measured(["clean", "--out", str(Path(tmp) / "o1"), "-q", "-j", "1", str(article)])
        print(f"constant (a one-line file): peak RSS {base:.0f} MB")
        print(f"one article (the seeds once, {article.stat().st_size // 1000} KB: every model loaded): {prose:.0f} MB")
        print(f"{'size':>8} {'command':<8} {'time':>8} {'peak RSS':>10} {'above constant':>15} {'x size':>7}")
        peaks: dict[str, list[tuple[float, float]]] = {}
        for mb in args.sizes:
            f = Path(tmp) / f"big{mb}.txt"
            size = big_file(f, mb)
            for cmd in args.commands:
                extra = ["--out", str(Path(tmp) / f"out{mb}")] if cmd == "clean" else []
                elapsed, peak, code = measured([cmd, *extra, "-q", "-j", "1", str(f)])
                above = peak - base
                peaks.setdefault(cmd, []).append((size / 1e6, peak))
                print(
                    f"{size / 1e6:>6.0f}MB {cmd:<8} {elapsed:>7.1f}s {peak:>8.0f}MB {above:>13.0f}MB "
                    f"{above / (size / 1e6):>6.2f}x" + ("" if code in (0, 1) else f"  (exit {code})"),
                    flush=True,
                )
            f.unlink()
        for cmd, points in peaks.items():
            if len(points) >= 2:  # what grows with the file: the slope between the smallest and largest
                (s0, p0), (s1, p1) = min(points), max(points)
                growth = (p1 - p0) / (s1 - s0)
                print(f"{cmd}: growth {growth:.2f} MB of peak RSS per MB of file ({s0:.0f} -> {s1:.0f} MB)")


if __name__ == "__main__":
    main()
