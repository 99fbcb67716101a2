"""Engines: where the per-file work runs. Every engine calls `runner.process_one`, so a file comes out
byte for byte the same whoever cleans it.

- `local` (default): this machine, `--jobs N` worker processes (`runner.run`).
- `dask`: a Dask cluster (`pip install 'cleaner[dask]'`), see `dask_engine`. Tasks get shards of
  file paths, write the cleaned files and reports themselves and send back only `FileStats`, so the
  client's memory does not grow with the corpus.

`--resume` (any engine) skips files whose outputs all exist and are newer than the input: a batch
of 500,000 articles that stopped half-way starts again where it stopped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from ..config import Config
from ..files import Target
from ..model import Result
from ..runner import Job
from .base import DASK_HINT, EngineError, FileStats

__all__ = [
    "DASK_HINT",
    "ENGINES",
    "EngineError",
    "FileStats",
    "is_done",
    "outputs",
    "pending",
    "render_stats",
    "run_engine",
]

ENGINES = ("local", "dask")

ConfigFor = Callable[[Path], Config]


def outputs(target: Target, job: Job) -> list[Path]:
    """The files `process_one` writes for `target` under `job` (none for in-place or check runs)."""
    out: list[Path] = []
    if job.out_dir is not None:
        out.append(job.out_dir / target.relative)
    if job.report_dir is not None:
        base = job.report_dir / target.relative
        out += [base.with_name(base.name + ".json"), base.with_name(base.name + ".md")]
    return out


def is_done(target: Target, job: Job) -> bool:
    """Every output exists and is newer than the input (strictly: equal times are redone, to be safe)."""
    expected = outputs(target, job)
    if not expected or job.in_place:
        return False
    try:
        source = target.path.stat().st_mtime_ns
        return all(p.stat().st_mtime_ns > source for p in expected)
    except OSError:
        return False


def pending(targets: list[Target], job: Job) -> tuple[list[Target], int]:
    """Targets still to do under `--resume`, and how many were already done."""
    todo = [t for t in targets if not is_done(t, job)]
    return todo, len(targets) - len(todo)


def run_engine(
    engine: str,
    targets: list[Target],
    job: Job,
    config: Config | ConfigFor,
    jobs: int = 1,
    scheduler: str | None = None,
    resume: bool = False,
    on_done: Callable[[FileStats], None] | None = None,
) -> tuple[list[FileStats], int]:
    """Process `targets` with `engine`; return one `FileStats` per processed file (input order) and the
    number of files `resume` skipped. The local engine is `runner.run`; use that directly when the
    full `Result`s are needed (e.g. `check`, which prints findings)."""
    skipped = 0
    if resume:
        targets, skipped = pending(targets, job)
    if engine == "local":
        from ..runner import run

        def done(r: Result) -> None:
            if on_done is not None:
                on_done(FileStats.of(r))

        results = run(targets, job, config, jobs=jobs, on_done=done)
        return [FileStats.of(r) for r in results], skipped
    if engine == "dask":
        from .dask_engine import run_dask

        return run_dask(targets, job, config, jobs=jobs, scheduler=scheduler, on_done=on_done), skipped
    raise EngineError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")


def render_stats(stats: list[FileStats], resumed: int = 0) -> str:
    """A few summary lines for an engine run (a table of 500,000 rows helps nobody)."""
    cats: Counter[str] = Counter()
    sev: Counter[str] = Counter()
    for s in stats:
        cats.update(s.by_category)
        sev.update(s.by_severity)
    lines = [
        f"{len(stats)} files processed, {sum(s.changed for s in stats)} changed, "
        f"{sum(s.fixes_applied for s in stats)} fixes applied"
        + (f", {resumed} already done (--resume)" if resumed else ""),
        "findings: " + (", ".join(f"{c} {n}" for c, n in sorted(cats.items())) or "none"),
    ]
    if sev:
        lines.append("by severity: " + ", ".join(f"{c} {n}" for c, n in sorted(sev.items())))
    bad = sum(1 for s in stats if s.error or s.skipped)
    if bad:
        lines.append(f"{bad} files not processed (errors or skipped)")
    return "\n".join(lines) + "\n"
