"""What every processing command shares: each file's configuration (`Options.resolver`), the worker
policy (`Options.workers`), the file list (`_targets`) and running a batch with a progress bar.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .outcome import _echo, _fail


@dataclass(frozen=True)
class Options:
    """The options every processing command shares (see `_add_common`)."""

    quote_style: str | None = None
    disable: Sequence[str] | None = None
    unsafe_fixes: bool = False
    force_boilerplate: bool = False
    grammar: bool = False
    languagetool_url: str | None = None
    config_file: Path | None = None
    jobs: int = 0
    force_exclude: bool = False

    def resolver(self, paths: Sequence[str], fail_on: str | None = None):  # type: ignore[no-untyped-def]
        """A `settings.Resolver`: each file's Config (nearest configuration file, then these options)."""
        from ..model import Severity
        from ..settings import ConfigError, Resolver

        overrides: dict[str, object] = {}
        if self.quote_style:
            overrides["quote_style"] = self.quote_style
        if self.disable:
            overrides["disable_extra"] = frozenset(self.disable)
        if self.unsafe_fixes:
            overrides["unsafe_fixes"] = True
        if self.force_boilerplate:
            overrides["boilerplate_max_loss"] = 1.0
        url = self.languagetool_url or os.environ.get("LANGUAGETOOL_URL")
        if self.grammar:
            overrides["grammar"] = "languagetool"
        if url:
            overrides["languagetool_url"] = url
        if fail_on:
            overrides["fail_on"] = Severity(fail_on)
        try:
            resolver = Resolver(overrides, self.config_file)
            for p in paths:  # report a broken configuration file before any work starts
                resolver.loaded(p)
        except ConfigError as exc:
            raise _fail(str(exc)) from None
        return resolver

    def workers(self) -> int:
        """Worker processes: all cores by default, but one when grammar runs on a local LanguageTool
        (each worker would start its own Java server of ~1 GB; a server given by URL is shared)."""
        from ..runner import default_jobs

        if self.jobs <= 0 and self.grammar and not (self.languagetool_url or os.environ.get("LANGUAGETOOL_URL")):
            return 1
        return default_jobs() if self.jobs <= 0 else self.jobs


def _targets(paths: Sequence[str], resolver, skip: tuple[Path, ...] = (), force_exclude: bool = False):  # type: ignore[no-untyped-def]
    """Files to process, input errors, and how many files the configured `exclude` globs left out.

    A file named on the command line is processed even when an `exclude` glob matches it, as ruff does:
    naming it is asking for it. `--force-exclude` applies the globs to named files too (for pre-commit,
    which names every staged file)."""
    from ..files import OutputClash, discover
    from ..settings import ConfigError

    excluded: list[Path] = []
    is_excluded = resolver.excluded
    if not force_exclude:
        named = {Path(p) for p in paths if os.path.isfile(p)}
        if named:
            is_excluded = lambda p: p not in named and resolver.excluded(p)  # noqa: E731
    try:
        targets, errors = discover(paths, skip=skip, is_excluded=is_excluded, excluded_out=excluded)
    except (ConfigError, OutputClash) as exc:
        raise _fail(str(exc)) from None
    for e in errors:
        _echo(f"cleaner: error: {e.display}: {e.message}", err=True)
    return targets, errors, len(excluded)


def _echo_unprocessed(items) -> bool:  # type: ignore[no-untyped-def]
    """One stderr line per file not processed (`Result`s or engine `FileStats`); whether there was one."""
    bad = False
    for r in items:
        if r.error or r.skipped:
            bad = True
            _echo(f"cleaner: {'error' if r.error else 'skipped'}: {r.path}: {r.error or r.skipped}", err=True)
    return bad


def _run(targets, job, cfg, jobs: int, progress: bool, label: str):  # type: ignore[no-untyped-def]
    from ..runner import run

    if not progress or len(targets) < 2:
        return run(targets, job, cfg, jobs=jobs)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from ..console import stderr_console

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=stderr_console(),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=len(targets))
        return run(targets, job, cfg, jobs=jobs, on_done=lambda _r: bar.advance(task))
