"""Run a batch on a Dask cluster: `cleaner clean IN --out OUT --engine dask [--scheduler ADDRESS]`.

Without an address a `LocalCluster` is started on this machine, bound to 127.0.0.1 (worker processes,
one thread each, `n_workers = --jobs`; no dashboard, so no extra port is opened). With an address
(`tcp://scheduler:8786`) the tasks go to that cluster; its workers must see the same paths (a shared
file system) and have cleaner installed.

The work is cut into shards of file paths. Each task reads its files, cleans them with
`runner.process_one` — the very function the local engine uses, so outputs are byte-identical — writes
the cleaned copies and per-file reports itself, and returns `FileStats` (a few counts per file). No
text travels through the scheduler, and the client's memory stays flat however big the corpus is.
Dask is optional: importing this module without it raises `EngineError` with the install hint.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..config import Config
from ..files import Target
from ..runner import Job
from .base import DASK_HINT, EngineError, FileStats

SHARD_MAX = 64  # files per task at most: big enough to amortise a task's overhead, small to balance load
TASKS_PER_WORKER = 4  # aim for at least this many shards per worker, so a slow shard does not idle the rest


def _shard_task(items: list[tuple[Target, Config]], job: Job) -> list[FileStats]:
    """One Dask task: clean, write and summarise a shard of files (runs on a worker)."""
    from cleaner.runner import process_one

    return [FileStats.of(process_one(target, job, config)) for target, config in items]


def shards(items: list[Any], workers: int) -> list[list[Any]]:
    """Consecutive slices of `items`, about `TASKS_PER_WORKER` per worker, at most `SHARD_MAX` long."""
    if not items:
        return []
    size = max(1, min(SHARD_MAX, math.ceil(len(items) / (max(1, workers) * TASKS_PER_WORKER))))
    return [items[i : i + size] for i in range(0, len(items), size)]


def _connect(scheduler: str | None, jobs: int) -> tuple[Any, Any]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise EngineError(DASK_HINT) from exc
    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except (OSError, TimeoutError) as exc:
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    cluster = LocalCluster(
        n_workers=max(1, jobs),
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    return Client(cluster), cluster


def run_dask(
    targets: list[Target],
    job: Job,
    config: Config | Callable[[Path], Config],
    jobs: int = 1,
    scheduler: str | None = None,
    on_done: Callable[[FileStats], None] | None = None,
) -> list[FileStats]:
    """Process `targets` on a Dask cluster; `FileStats` in input order (`on_done` as each file ends)."""
    from ..detect.boilerplate.template import with_templates

    cfg_for = with_templates(targets, config if callable(config) else (lambda _p: config))
    items = [(t, cfg_for(t.path)) for t in targets]
    if not items:
        return []
    client, cluster = _connect(scheduler, jobs)
    futures: list[Any] = []
    stats: list[FileStats] = []
    try:
        from dask.distributed import as_completed

        workers = sum(client.nthreads().values()) or jobs
        futures = client.map(_shard_task, shards(items, workers), job=job, pure=False)
        for fut in as_completed(futures):
            for s in fut.result():
                if on_done is not None:
                    on_done(s)
                stats.append(s)
    except KeyboardInterrupt:
        client.cancel(futures)
        raise
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    order = {t.display: i for i, t in enumerate(targets)}
    stats.sort(key=lambda s: order.get(s.path, 0))
    return stats
