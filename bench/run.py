#!/usr/bin/env python3
"""Throughput benchmark: MB/s and words/s per pipeline stage and end to end, with peak memory.

    python bench/run.py                      # corpus built from the AEB pages + the two seeds
    python bench/run.py FOLDER               # any folder of articles instead
    python bench/run.py --repeat 3           # best of 3 for every in-process stage
    python bench/run.py --no-cli --no-anchors --json figures.json

Corpus: every page of ../shared/data/boilerplate-aeb/aeb.jsonl (scrapinghub/article-extraction-benchmark
rendered to labelled plain-text paragraphs; MIT) becomes one .txt, paragraphs separated by blank lines,
headline paragraphs left out, "window" view — exactly as ../shared/tools/bpscore.py writes them — plus
../shared/seeds/*.txt. It is written to a temporary folder (or `--keep DIR`) and is about 1.1 MB.

Stages are timed one at a time over the whole corpus, on one core, with the default configuration
(no grammar): read/decode, segment, each normaliser, the rule packs (phrases + regexes: spin, MT
calques, boilerplate lines…), each detector listed in `cleaner.pipeline.DETECTORS` (timed by dotted
name, so detectors registered later are picked up; the expected ones not yet registered are printed
as absent), detection as a whole, the fix loop (`clean_text(fix=True)` minus `fix=False`), and the
per-file reports (JSON v1 + Markdown, what `cleaner clean --report` writes). End to end is measured
twice: in process through `cleaner.runner.run` (read, clean, write cleaned copies and reports), and as
the real command `cleaner clean CORPUS --out … --report … --jobs N` for N = 1 and 2 (wall time,
interpreter start-up included). Peak memory is `resource.getrusage` (ru_maxrss) of this process and of
the CLI children. Anchors, measured in the same run on the same files when installed: `ftfy.fix_text`
alone (default options) and proselint (`pip install proselint`; not a dependency of cleaner).

MB are 10^6 bytes of input files; words are whitespace-separated tokens of the decoded text.
Nothing is asserted: this prints figures (and writes them as JSON with `--json`).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
AEB = SHARED / "data" / "boilerplate-aeb" / "aeb.jsonl"
SEEDS = SHARED / "seeds"

#: Detector stages the issue asks for; printed as absent until pipeline.DETECTORS lists them.
EXPECTED_DETECTORS = (
    "cleaner.detect.spin.detect_verb_slot",
    "cleaner.detect.boilerplate.detect",
    "cleaner.detect.mt.detect",
    "cleaner.detect.names.detect",
)


@dataclass
class Figure:
    stage: str
    seconds: float | None
    mb: float
    words: int
    note: str = ""

    @property
    def mb_s(self) -> float | None:
        return self.mb / self.seconds if self.seconds else None

    @property
    def words_s(self) -> float | None:
        return self.words / self.seconds if self.seconds else None


# -- corpus ----------------------------------------------------------------------------------------
def build_corpus(dest: Path, jsonl: Path = AEB, view: str = "window", seeds: Path = SEEDS) -> int:
    """Write one .txt per AEB page (as bpscore.py does) plus the seeds into `dest`; return the count."""
    dest.mkdir(parents=True, exist_ok=True)
    n = 0
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from aeb import load_pages  # the same windowing as bench/aeb.py and bpscore.py

    for page in load_pages(jsonl, view):
        text = "\n\n".join(p["text"] for p in page["paras"]) + "\n"
        (dest / f"{page['id']}.txt").write_text(text, encoding="utf-8")
        n += 1
    for seed in sorted(seeds.glob("*.txt")):
        shutil.copyfile(seed, dest / seed.name)
        n += 1
    return n


# -- timing ----------------------------------------------------------------------------------------
def best_of(repeat: int, fn: Callable[[], object]) -> float:
    """Best wall time of `repeat` runs, each from cold memos: the detectors remember blocks and
    paragraphs they have seen (across files too), and a repeat would otherwise replay from memory."""
    from cleaner.pipeline import forget

    best = float("inf")
    for _ in range(repeat):
        forget()
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def peak_mb(who: int) -> float:
    # ru_maxrss is KiB on Linux (bytes on macOS).
    kib = resource.getrusage(who).ru_maxrss
    return kib / (1024 * 1024 if sys.platform == "darwin" else 1024)


def in_process(corpus: Path, repeat: int) -> tuple[list[Figure], dict[str, Any]]:
    """Every stage, one at a time, over the whole corpus, in this process (one core)."""
    from cleaner import pipeline
    from cleaner.config import DEFAULT
    from cleaner.decode import decode
    from cleaner.files import discover, read_regular
    from cleaner.normalise import NORMALISERS
    from cleaner.runner import write_file_reports
    from cleaner.segment import markup_for, segment

    config = DEFAULT
    targets, errors = discover([str(corpus)])
    if errors:
        raise SystemExit(f"bench: {errors[0].display}: {errors[0].message}")
    raw = [read_regular(t.path) for t in targets]
    mb = sum(len(b) for b in raw) / 1e6
    extra: dict[str, Any] = {"files": len(targets), "mb": round(mb, 3)}
    figures: list[Figure] = []

    t0 = time.perf_counter()
    pipeline._packs(config)
    extra["pack_load_s"] = round(time.perf_counter() - t0, 3)

    def read_decode() -> list[Any]:
        return [decode(read_regular(t.path)) for t in targets]

    decoded = read_decode()
    words = sum(len(d.text.split()) for d in decoded)
    extra["words"] = words

    def fig(stage: str, fn: Callable[[], object], note: str = "") -> None:
        figures.append(Figure(stage, best_of(repeat, fn), mb, words, note))

    fig("read + decode", read_decode)
    inputs = [(str(t.path), markup_for(str(t.path)), d) for t, d in zip(targets, decoded, strict=True)]
    docs = [segment(d.text, m, p, d.label) for p, m, d in inputs]
    fig("segment", lambda: [segment(d.text, m, p, d.label) for p, m, d in inputs])
    for normaliser in NORMALISERS:
        name = f"normalise: {normaliser.__module__.rsplit('.', 1)[-1]}.{normaliser.__name__}"
        fig(name, lambda n=normaliser: [list(n(doc, config)) for doc in docs])
    packs = pipeline._packs(config)
    fig(
        "rule packs (spin, calques, boilerplate lines…)",
        lambda: [packs.scan(doc, config) for doc in docs],
        f"{len(packs.matcher)} phrases, {len(packs.regex_entries)} regexes",
    )
    registered = tuple(pipeline.DETECTORS)
    for dotted in dict.fromkeys((*EXPECTED_DETECTORS, *registered)):
        if dotted not in registered:
            figures.append(Figure(f"detector {dotted}", None, mb, words, "absent: not in pipeline.DETECTORS"))
            continue
        fn = pipeline._resolve(dotted)
        fig(f"detector {dotted}", lambda fn=fn: [list(fn(doc, config)) for doc in docs])  # type: ignore[operator]
    fig("detect, all (first pass, incl. filtering)", lambda: [pipeline.detect(doc, config) for doc in docs])

    def clean(fix: bool) -> list[Any]:
        return [
            pipeline.clean_text(d.text, p, markup=m, config=config, fix=fix, encoding=d.label) for p, m, d in inputs
        ]

    t_nofix = best_of(repeat, lambda: clean(False))
    t_fix = best_of(repeat, lambda: clean(True))
    figures.append(Figure("clean_text, fix=False (analysis only)", t_nofix, mb, words))
    figures.append(Figure("fix loop (clean_text fix=True minus fix=False)", max(t_fix - t_nofix, 1e-9), mb, words))
    figures.append(Figure("clean_text, fix=True", t_fix, mb, words))
    results = clean(True)
    extra["findings"] = sum(len(r.findings) for r in results)
    extra["fixes_applied"] = sum(r.fixes_applied for r in results)
    extra["passes_2plus"] = sum(1 for r in results if r.fixes_applied)

    with tempfile.TemporaryDirectory() as tmp:
        reps = Path(tmp, "reports")

        def reports() -> None:
            for t, r in zip(targets, results, strict=True):
                write_file_reports(r, reps / t.relative)

        fig("report (JSON v1 + Markdown per file, written)", reports)

    # In a fresh process: this one now holds every document and result of the stages above, and a
    # forked pool would copy and scan that (it made jobs=2 look 1.15x where a user's run gets 1.7x).
    for jobs in (1, 2):
        label = "jobs=1, outputs + reports written" if jobs == 1 else "jobs=2, packs loaded before fork"
        seconds = e2e_child(corpus, jobs, repeat)
        figures.append(Figure(f"END TO END in process (runner.run, {label})", seconds, mb, words))
    extra["bench_process_peak_rss_mb"] = round(peak_mb(resource.RUSAGE_SELF), 1)
    return figures, extra


def e2e_child(
    corpus: Path, jobs: int, repeat: int, env: dict[str, str] | None = None, cwd: Path | None = None
) -> float:
    """Best of `repeat` `runner.run` over the corpus (cleaned copies and reports written), timed in a
    new Python process after its packs are loaded: end to end without interpreter start-up. `env` and
    `cwd` choose which cleaner that process imports (bench/compiled.py)."""
    proc = subprocess.run(
        [sys.executable, __file__, "--e2e-child", str(corpus), str(jobs), str(repeat)],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode:
        raise RuntimeError(f"end-to-end child exited {proc.returncode}: {proc.stderr.strip()[-500:]}")
    return float(proc.stdout.split()[-1])


def _e2e_child_main(corpus: Path, jobs: int, repeat: int) -> None:
    from cleaner import pipeline
    from cleaner.config import DEFAULT
    from cleaner.files import discover
    from cleaner.runner import Job, run

    targets, _ = discover([str(corpus)])
    pipeline._packs(DEFAULT)
    with tempfile.TemporaryDirectory() as tmp:

        def once() -> None:
            out = Path(tmp, "out")
            shutil.rmtree(out, ignore_errors=True)
            run(targets, Job(fix=True, out_dir=out, report_dir=Path(tmp, "rep")), DEFAULT, jobs=jobs)

        print(best_of(repeat, once))


def cli(corpus: Path, jobs: int, engine: str | None = None) -> tuple[float, float]:
    """Wall time of `cleaner clean` on the corpus and the peak RSS of the children so far."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = ["cleaner", "clean", str(corpus), "--out", f"{tmp}/out", "--report", f"{tmp}/rep", "--jobs", str(jobs)]
        cmd += ["--quiet"] + (["--engine", engine] if engine else [])
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.strip()[-500:]}")
    return wall, peak_mb(resource.RUSAGE_CHILDREN)


def anchors(corpus: Path, repeat: int, mb: float, words: int) -> list[Figure]:
    from cleaner.files import discover

    targets, _ = discover([str(corpus)])
    texts = [t.path.read_text(encoding="utf-8", errors="replace") for t in targets]
    out: list[Figure] = []
    try:
        import ftfy
    except ImportError:
        out.append(Figure("anchor: ftfy.fix_text alone", None, mb, words, "absent: ftfy not installed"))
    else:
        secs = best_of(repeat, lambda: [ftfy.fix_text(t) for t in texts])
        out.append(Figure("anchor: ftfy.fix_text alone (default options)", secs, mb, words))
    try:
        from proselint.checks import __register__
        from proselint.config import DEFAULT as PL_DEFAULT
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
        from proselint.version import __version__ as pl_version
    except ImportError:
        out.append(Figure("anchor: proselint", None, mb, words, "absent: pip install proselint to measure"))
    else:
        CheckRegistry().register_many(__register__)
        paths = [t.path for t in targets]
        secs = best_of(repeat, lambda: [LintFile(p).lint(PL_DEFAULT) for p in paths])
        out.append(Figure(f"anchor: proselint {pl_version} (in process, same files)", secs, mb, words))
    return out


def fmt(x: float | None, digits: int = 2) -> str:
    return "-" if x is None else f"{x:,.{digits}f}"


def print_table(figures: list[Figure]) -> None:
    width = max(len(f.stage) for f in figures)
    print(f"{'stage':<{width}}  {'time s':>8}  {'MB/s':>8}  {'words/s':>11}  note")
    for f in figures:
        words_s = "-" if f.words_s is None else f"{f.words_s:,.0f}"
        print(f"{f.stage:<{width}}  {fmt(f.seconds, 3):>8}  {fmt(f.mb_s):>8}  {words_s:>11}  {f.note}")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from cleaner.cli import tune_gc

    tune_gc()  # the collector as the command sets it, so stage figures are what `cleaner clean` gets
    if args[:1] == ["--e2e-child"]:
        _e2e_child_main(Path(args[1]), int(args[2]), int(args[3]))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", nargs="?", type=Path, help="articles to use instead of the AEB corpus")
    ap.add_argument("--jsonl", type=Path, default=AEB, help="AEB pages (default: %(default)s)")
    ap.add_argument("--view", choices=["window", "full"], default="window")
    ap.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    ap.add_argument("--repeat", type=int, default=1, help="best of N for in-process stages")
    ap.add_argument("--no-cli", action="store_true", help="skip the `cleaner clean` subprocess runs")
    ap.add_argument("--no-anchors", action="store_true", help="skip ftfy and proselint")
    ap.add_argument("--dask", action="store_true", help="also time `cleaner clean --engine dask` (needs dask)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    a = ap.parse_args(argv)

    tmp = None
    if a.folder is not None:
        corpus = a.folder
    else:
        if a.keep is not None:
            corpus = a.keep
        else:
            tmp = tempfile.TemporaryDirectory(prefix="cleaner-bench-")
            corpus = Path(tmp.name)
        if not a.jsonl.exists():
            print(f"bench: {a.jsonl} not found; give a FOLDER of articles instead", file=sys.stderr)
            return 2
        build_corpus(corpus, a.jsonl, a.view)
    try:
        figures, extra = in_process(corpus, max(1, a.repeat))
        mb, words = extra["mb"], extra["words"]
        e2e_cli: dict[int, float] = {}
        if not a.no_cli:
            for jobs in (1, 2):
                wall, peak = cli(corpus, jobs)
                e2e_cli[jobs] = wall
                figures.append(
                    Figure(f"END TO END `cleaner clean --jobs {jobs}` (wall, start-up incl.)", wall, mb, words)
                )
                extra[f"cli_jobs{jobs}_children_peak_rss_mb"] = round(peak, 1)
            if a.dask:
                wall, _ = cli(corpus, 2, engine="dask")
                figures.append(Figure("END TO END `cleaner clean --engine dask --jobs 2`", wall, mb, words))
        if not a.no_anchors:
            figures += anchors(corpus, max(1, a.repeat), mb, words)
    finally:
        if tmp is not None:
            tmp.cleanup()

    print(
        f"corpus: {extra['files']} files, {mb:.2f} MB, {words:,} words; python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores; pack load {extra['pack_load_s']} s"
    )
    print_table(figures)
    e2e = next(f for f in figures if f.stage.startswith("END TO END in process"))
    prose = next((f for f in figures if f.stage.startswith("anchor: proselint") and f.seconds), None)
    print(f"findings {extra['findings']}, fixes applied {extra['fixes_applied']} in {extra['passes_2plus']} files")
    if prose and e2e.seconds and prose.seconds:
        extra["x_proselint"] = round(prose.seconds / e2e.seconds, 2)
        print(f"end to end (in process) vs proselint: {extra['x_proselint']}x faster")
    pool = next(f for f in figures if "runner.run, jobs=2" in f.stage)
    if e2e.seconds and pool.seconds:
        extra["jobs2_speedup_in_process"] = round(e2e.seconds / pool.seconds, 2)
        print(f"runner.run jobs=2 vs jobs=1 (in process, start-up excluded): {extra['jobs2_speedup_in_process']}x")
    if 1 in e2e_cli and 2 in e2e_cli:
        extra["jobs2_speedup"] = round(e2e_cli[1] / e2e_cli[2], 2)
        print(f"`cleaner clean` --jobs 2 vs --jobs 1 (wall, start-up incl.): {extra['jobs2_speedup']}x")
    mem = f"peak RSS: bench process {extra['bench_process_peak_rss_mb']} MB"
    if "cli_jobs1_children_peak_rss_mb" in extra:
        mem += f", `cleaner clean --jobs 1` {extra['cli_jobs1_children_peak_rss_mb']} MB"
    print(mem)
    if a.json:
        rows = [{**asdict(f), "mb_s": f.mb_s, "words_s": f.words_s} for f in figures]
        a.json.write_text(json.dumps({"figures": rows, **extra}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
