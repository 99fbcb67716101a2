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
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from run import build_corpus  # noqa: E402  (bench/ is not a package)

#: The modules a clean spends its time in (see bench/README.md), as paths inside the package.
MODULES = (
    "detect/boilerplate.py",
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


def _env(copy: Path, cache: Path) -> dict[str, str]:
    """An environment whose `import cleaner` is the copy's, with a pack cache of its own."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(copy), *filter(None, [env.get("PYTHONPATH")])])
    env["CLEANER_CACHE_DIR"] = str(cache)
    return env


def _cwd(env: dict[str, str]) -> str:
    """Where the children run: beside the copy, so that no `cleaner/` of the current folder shadows it."""
    return str(Path(env["PYTHONPATH"].split(os.pathsep)[0]).parent)


def _check_import(env: dict[str, str], compiled: bool) -> None:
    probe = "import cleaner.detect.boilerplate as m, cleaner; print(m.__file__); print(cleaner.__file__)"
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, cwd=_cwd(env), capture_output=True, text=True, check=True
    )
    module_file, package_file = out.stdout.split("\n")[:2]
    if module_file.endswith(".py") == compiled:
        raise SystemExit(f"compiled: expected {'an extension' if compiled else 'source'}, got {module_file}")
    if not package_file.startswith(str(env["PYTHONPATH"].split(os.pathsep)[0])):
        raise SystemExit(f"compiled: `import cleaner` found {package_file}, not the copy")


def end_to_end(corpus: Path, env: dict[str, str], repeat: int) -> float:
    """`bench/run.py`'s in-process end to end (one worker), in a fresh process that imports the copy."""
    cmd = [sys.executable, str(HERE / "run.py"), "--e2e-child", str(corpus), "1", str(repeat)]
    proc = subprocess.run(cmd, env=env, cwd=_cwd(env), capture_output=True, text=True, check=False)
    if proc.returncode:
        raise SystemExit(f"compiled: end-to-end child exited {proc.returncode}: {proc.stderr.strip()[-800:]}")
    return float(proc.stdout.split()[-1])


def clean_into(corpus: Path, env: dict[str, str], dest: Path) -> None:
    cmd = [sys.executable, "-m", "cleaner", "clean", str(corpus), "--out", str(dest / "out")]
    cmd += ["--report", str(dest / "rep"), "--jobs", "1", "--quiet"]
    proc = subprocess.run(cmd, env=env, cwd=_cwd(env), capture_output=True, text=True, check=False)
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

        env = _env(copy, work / "cache-interpreted")
        _check_import(env, compiled=False)
        clean_into(corpus, env, work / "interpreted")
        interpreted = end_to_end(corpus, env, args.repeat)

        build_s = compile_copy(copy)
        env = _env(copy, work / "cache-compiled")
        _check_import(env, compiled=True)
        clean_into(corpus, env, work / "compiled")
        compiled = end_to_end(corpus, env, args.repeat)
        compared, diff = differences(work / "interpreted", work / "compiled")

    print(f"corpus: {len(files)} files, {mb:.2f} MB; {len(MODULES)} modules compiled by mypyc in {build_s:.0f} s")
    print("| build | end to end, 1 worker (s) | MB/s |")
    print("|---|---:|---:|")
    for name, s in (("interpreted", interpreted), ("compiled (mypyc)", compiled)):
        print(f"| {name} | {s:.3f} | {mb / s:.2f} |")
    print(f"compiled against interpreted: {interpreted / compiled:.2f}x")
    if diff or not compared:
        print(f"OUTPUT DIFFERS in {len(diff)} of {compared} file(s), e.g. {', '.join(diff[:5])}")
        return 1
    print(f"output: {compared} cleaned copies and per-file reports, byte-identical")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
