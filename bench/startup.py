"""Start-up of a one-file `cleaner check`, the way a pre-commit hook runs it: wall time, median of N runs.

    python bench/startup.py                  # shipped packs, 15 warm runs
    python bench/startup.py --extra 10000    # plus a synthetic pack of 10,000 phrases
    python bench/startup.py --importtime     # also print the 15 slowest imports
    python bench/startup.py --profile        # also print where a warm run spends its time (cProfile)

Prints the cold run (empty pack cache: YAML parsed and compiled) and the warm median (compiled packs
unpickled from the cache). The target for the warm figure is 0.3 s. The runs find their cache the way
a user's hook does (no CLEANER_CACHE_DIR), with HOME, XDG_CACHE_HOME and LOCALAPPDATA pointing into a
temporary folder, so the user's own cache is neither used nor touched.

Python may write bytecode (`__pycache__`) for the runs even where PYTHONDONTWRITEBYTECODE is set (as
in some sandboxes and CI images): an installed package has its bytecode, and without it every run
compiles cleaner's ~40 modules again (~0.1 s). `--no-bytecode` keeps the environment as it is.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

POST = """---
title: Storm report
---

Police said at the minimum six people died when the storm hit the coast on Monday.

The mayor said roads would reopen on Wednesday.
"""


def synthetic_pack(path: Path, n: int) -> None:
    """A pack of `n` distinct multi-word phrases (what a grown spin pack looks like to the matcher)."""
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"]
    words += ["hotel", "india", "juliet", "kilo", "lima", "mike", "november"]
    lines = ["pack: synthetic", "description: start-up benchmark", "category: spin", "entries:"]
    for i in range(n):
        a, b, c = words[i % 14], words[(i // 14) % 14], words[(i // 196) % 14]
        lines.append(f"  - {{id: s{i}, phrase: '{a} {b} {c} x{i}', suggest: 'y{i}'}}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def once(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    r = subprocess.run(cmd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if r.returncode not in (0, 1):
        sys.exit(f"cleaner failed ({r.returncode}): {r.stderr.strip()}")
    return elapsed


#: What `--profile` reports: (label, "folder/file.py:function" of the function whose cumulative time it is).
PHASES = (
    ("import cleaner.cli (argparse)", "cleaner/cli.py:<module>"),
    ("patterns compiled on first use", "cleaner/patterns.py:compiled"),
    ("configuration", "cleaner/cli.py:_config"),
    ("pack cache load", "packs/cache.py:cached"),
    ("segmentation", "cleaner/segment.py:segment"),
    ("detection (imports included)", "cleaner/pipeline.py:detect"),
    ("output", "report/text.py:print_findings"),
    ("whole run", "cleaner/cli.py:main"),
)


def profile(cmd: list[str], env: dict[str, str], folder: Path) -> None:
    """Where a warm run's time goes, by phase (cumulative; cProfile adds ~50% overhead to Python code)."""
    import pstats

    out = folder / "startup.prof"
    # `cleaner` leaves with os._exit (commands/process.py), before `python -m cProfile` would write
    # its file: call `cli.main` under the profiler and dump the stats when it exits
    driver = (
        "import cProfile, sys\n"
        "from cleaner.cli import main\n"
        "p = cProfile.Profile()\n"
        "p.enable()\n"
        "try:\n    main(sys.argv[2:])\nexcept SystemExit:\n    pass\n"
        "p.disable()\n"
        "p.dump_stats(sys.argv[1])\n"
    )
    args = cmd[cmd.index("check") :] if "check" in cmd else cmd[1:]
    subprocess.run([sys.executable, "-c", driver, str(out), *args], env=env, capture_output=True)
    stats = pstats.Stats(str(out)).stats  # type: ignore[attr-defined]
    total: dict[str, float] = {}
    for (file, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.items():
        key = f"{Path(file).parent.name}/{Path(file).name}:{func}"
        total[key] = max(total.get(key, 0.0), ct)
    print("warm run under cProfile (cumulative, profiler overhead included):")
    for label, key in PHASES:
        print(f"  {total.get(key, 0.0):7.3f} s  {label}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--runs", type=int, default=15)
    ap.add_argument("--extra", type=int, default=0, help="add a synthetic pack with this many phrases")
    ap.add_argument("--importtime", action="store_true")
    ap.add_argument("--profile", action="store_true", help="cProfile one warm run and print its phases")
    ap.add_argument("--no-bytecode", action="store_true", help="keep PYTHONDONTWRITEBYTECODE if it is set")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        post = folder / "post.md"
        post.write_text(POST, encoding="utf-8")
        if args.extra:
            synthetic_pack(folder / "synthetic.yaml", args.extra)
            (folder / ".cleaner.toml").write_text('packs = ["synthetic.yaml"]\n', encoding="utf-8")
        home = str(folder / "home")
        env = {**os.environ, "HOME": home, "XDG_CACHE_HOME": home + "/.cache", "LOCALAPPDATA": home}
        env.pop("CLEANER_CACHE_DIR", None)
        env.pop("GITHUB_ACTIONS", None)
        if not args.no_bytecode:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
        cmd = [sys.executable, "-m", "cleaner", "check", "--quiet", str(post)]
        cold = once(cmd, env)
        warm = [once(cmd, env) for _ in range(args.runs)]
        base = [once([sys.executable, "-c", "pass"], env) for _ in range(5)]
        print(f"one-file check, {args.runs} runs{f' (+{args.extra} synthetic phrases)' if args.extra else ''}")
        print(f"  cold (no pack cache): {cold:.3f} s")
        print(f"  warm median:          {statistics.median(warm):.3f} s  (min {min(warm):.3f}, max {max(warm):.3f})")
        print(f"  python -c pass:       {statistics.median(base):.3f} s")
        if env.get("PYTHONDONTWRITEBYTECODE"):
            print("  (no bytecode written: every run compiled cleaner's modules)")
        print(f"  target ≤ 0.300 s: {'met' if statistics.median(warm) <= 0.3 else 'NOT met'}")
        if args.importtime:
            r = subprocess.run([sys.executable, "-X", "importtime", *cmd[1:]], env=env, capture_output=True, text=True)
            rows = []
            for line in r.stderr.splitlines():
                parts = line.split("|")
                if len(parts) == 3 and parts[1].strip().isdigit():
                    rows.append((int(parts[1]), parts[2].rstrip()))
            print("slowest imports (cumulative µs):")
            for us, name in sorted(rows, reverse=True)[:15]:
                print(f"  {us:>9}  {name}")
        if args.profile:
            profile(cmd, env, folder)


if __name__ == "__main__":
    main()
