#!/usr/bin/env python3
"""What compiling cleaner's own Python would buy: the same code run by the interpreter and compiled by
mypyc, end to end on the same corpus, with the same output.

    pip install -e '.[bench]'                    # mypy (for mypyc), setuptools, proselint
    python bench/compiled.py                     # corpus built as bench/run.py builds it
    python bench/compiled.py FOLDER --repeat 5

Issue 8's targets (≥ 2 MB/s end to end on one core, ≥ 5× proselint) are about 2.4× beyond the
interpreted pipeline, and its profile is flat: no stage is more than a quarter of a clean. Compiling
the Python (mypyc turns type-annotated modules into C extensions, with no change to the source) is the
cheapest way to find out how much of the time is the interpreter's and how much is the work itself
(the `regex` and Aho-Corasick engines, string and dict operations, already in C).

The package and its rules are copied to a temporary folder; the copy is timed as it is, then
MODULES are compiled in place and it is timed again. Both timings are `bench/run.py`'s in-process end
to end (read, clean, write cleaned copies and reports; one worker; best of `--repeat`), each in a fresh
process that imports the copy. Then `cleaner clean --jobs 1` runs with each, and their cleaned copies
and per-file JSON reports are compared byte for byte: a speed-up only counts with the same output.

Two modules stay interpreted: `packs/__init__.py` (its `PackSet` is pickled to the pack cache and
keeps a memo in its `__dict__`, which a compiled class has not) and `packs/prefilter.py` (mypyc 2.4
stops on it with an internal error). Nothing is asserted: this prints figures.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from run import build_corpus, e2e_child  # noqa: E402  (bench/ is not a package)

#: The modules a clean spends its time in (see bench/README.md), as paths inside the package.
MODULES = (
    "detect/boilerplate/__init__.py",
    "detect/boilerplate/article.py",
    "detect/boilerplate/edits.py",
    "detect/boilerplate/features.py",
    "detect/boilerplate/pack.py",
    "detect/language.py",
    "detect/mt.py",
    "detect/names.py",
    "detect/spin.py",
    "normalise/encoding.py",
    "normalise/quotes.py",
    "normalise/spacing.py",
    "packs/matcher.py",
    "document.py",
    "fixes.py",
    "model.py",
    "pipeline.py",
    "segment.py",
)

SETUP = """\
from setuptools import setup
from mypyc.build import mypycify

setup(name="cleaner-compiled-bench", packages=[], py_modules=[],
      ext_modules=mypycify(["--ignore-missing-imports", *{modules!r}], opt_level="3"))
"""


@dataclass(frozen=True)
class Copy:
    """The copy of the package a child process imports (`root` holds `cleaner/` and `rules/`), with a
    pack cache of its own per build."""

    root: Path
    cache: Path

    @property
    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(self.root), *filter(None, [env.get("PYTHONPATH")])])
        env["CLEANER_CACHE_DIR"] = str(self.cache)
        return env

    @property
    def cwd(self) -> Path:
        """Where children run: beside the copy, so that no `cleaner/` of the current folder shadows it."""
        return self.root.parent

    def run(self, cmd: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(cmd, env=self.env, cwd=self.cwd, capture_output=True, text=True, check=False)


def check_import(copy: Copy, compiled: bool) -> None:
    """Stop unless the children import the copy, compiled or not as expected."""
    probe = "import cleaner.detect.boilerplate as m, cleaner; print(m.__file__); print(cleaner.__file__)"
    proc = copy.run([sys.executable, "-c", probe])
    if proc.returncode:
        raise SystemExit(f"compiled: cannot import the copy: {proc.stderr.strip()[-800:]}")
    module_file, package_file = proc.stdout.split("\n")[:2]
    if module_file.endswith(".py") == compiled:
        raise SystemExit(f"compiled: expected {'an extension' if compiled else 'source'}, got {module_file}")
    if not Path(package_file).is_relative_to(copy.root):
        raise SystemExit(f"compiled: `import cleaner` found {package_file}, not the copy")


def clean_into(corpus: Path, copy: Copy, dest: Path) -> None:
    cmd = [sys.executable, "-m", "cleaner", "clean", str(corpus), "--out", str(dest / "out")]
    proc = copy.run([*cmd, "--report", str(dest / "rep"), "--jobs", "1", "--quiet"])
    if proc.returncode not in (0, 1):  # 1: findings left, as expected on news pages
        raise SystemExit(f"compiled: cleaner clean exited {proc.returncode}: {proc.stderr.strip()[-800:]}")


def differences(a: Path, b: Path) -> tuple[int, list[str]]:
    """How many files two output trees hold, and which differ (the batch's index pages aside: they
    hold timings)."""
    out: list[str] = []
    compared = 0
    for path in sorted(a.rglob("*")):
        if path.is_dir() or path.name.startswith("index."):
            continue
        compared += 1
        other = b / path.relative_to(a)
        if not other.is_file() or not filecmp.cmp(path, other, shallow=False):
            out.append(str(path.relative_to(a)))
    out += [str(p.relative_to(b)) for p in b.rglob("*") if p.is_file() and not (a / p.relative_to(b)).exists()]
    return compared, out


def compile_copy(copy: Path) -> float:
    """Compile MODULES of the copy in place; the build's wall time."""
    modules = [f"cleaner/{m}" for m in MODULES]
    (copy / "setup_compiled.py").write_text(SETUP.format(modules=modules))
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "setup_compiled.py", "build_ext", "--inplace"],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode:
        tail = "\n".join(line for line in proc.stdout.splitlines() if "error" in line)[-2000:]
        raise SystemExit(f"compiled: mypyc failed ({proc.returncode}):\n{tail or proc.stderr[-2000:]}")
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, help="folder of articles (default: bench/run.py's corpus)")
    ap.add_argument("--repeat", type=int, default=3, help="best of N for each end-to-end timing")
    args = ap.parse_args(argv)
    try:
        import mypyc  # noqa: F401
        import setuptools  # noqa: F401
    except ImportError as exc:
        print(f"compiled: {exc.name} is missing: pip install -e '.[bench]'", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="cleaner-compiled-") as tmp:
        work = Path(tmp)
        corpus = args.corpus
        if corpus is None:
            corpus = work / "corpus"
            build_corpus(corpus)
        files = [p for p in corpus.rglob("*") if p.is_file()]
        mb = sum(p.stat().st_size for p in files) / 1e6
        copy = work / "copy"
        shutil.copytree(ROOT / "cleaner", copy / "cleaner", ignore=shutil.ignore_patterns("__pycache__", "*.so"))
        shutil.copytree(ROOT / "rules", copy / "rules")

        timings: dict[bool, float] = {}
        build_s = 0.0
        for compiled in (False, True):
            if compiled:
                build_s = compile_copy(copy)
            name = "compiled" if compiled else "interpreted"
            build = Copy(copy, work / f"cache-{name}")
            check_import(build, compiled)
            clean_into(corpus, build, work / name)
            timings[compiled] = e2e_child(corpus, 1, args.repeat, env=build.env, cwd=build.cwd)
        compared, diff = differences(work / "interpreted", work / "compiled")

    print(f"corpus: {len(files)} files, {mb:.2f} MB; {len(MODULES)} modules compiled by mypyc in {build_s:.0f} s")
    print("| build | end to end, 1 worker (s) | MB/s |")
    print("|---|---:|---:|")
    for name, s in (("interpreted", timings[False]), ("compiled (mypyc)", timings[True])):
        print(f"| {name} | {s:.3f} | {mb / s:.2f} |")
    print(f"compiled against interpreted: {timings[False] / timings[True]:.2f}x")
    if diff or not compared:
        print(f"OUTPUT DIFFERS in {len(diff)} of {compared} file(s), e.g. {', '.join(diff[:5])}")
        return 1
    print(f"output: {compared} cleaned copies and per-file reports, byte-identical")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
