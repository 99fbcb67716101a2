"""`cleaner clean`: cleaned copies (or in place), an issue list per file, the review index pages, and
batches through an engine (`--engine dask`, `--resume`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .options import Options, _echo_unprocessed, _run, _targets
from .outcome import NO_FILES, Exit, _echo, _fail, _guard, _write_or_fail


@_guard
def clean(
    paths: tuple[str, ...],
    out: Path | None,
    in_place: bool,
    report: Path | None,
    opts: Options,
    quiet: bool,
    engine: str,
    scheduler: str | None,
    resume: bool,
) -> None:
    """Write a cleaned copy of every article (or rewrite in place) plus an issue list per file."""
    from ..cliio import STDIN, from_stdin
    from ..console import stderr_console
    from ..runner import Job

    if STDIN in paths:
        if out is not None or in_place or report is not None:
            raise _fail("standard input (-) is cleaned to standard output: drop --out, --in-place and --report")
        result = from_stdin(paths, opts.resolver([]), fix=True)
        sys.stdout.buffer.write(result.cleaned.encode("utf-8"))
        sys.stdout.flush()
        return
    if out is None and not in_place:
        raise _fail("say where cleaned files go: --out DIR, or --in-place to rewrite them")
    if out is not None and in_place:
        raise _fail("--out and --in-place exclude each other")
    _check_folder_option("--out", out)
    _check_folder_option("--report", report)
    cfg = opts.resolver(paths)
    workers = opts.workers()
    skip = tuple(p for p in (out, report) if p is not None)
    targets, errors, excluded = _targets(paths, cfg, skip, opts.force_exclude)
    if out is not None:
        _refuse_output_onto_input(targets, out)
    if scheduler and engine != "dask":
        raise _fail("--scheduler needs --engine dask")
    if resume and in_place:
        raise _fail("--resume needs --out: in place, a finished file cannot be told from an unstarted one")
    index = report is not None and len(targets) <= INDEX_MAX_FILES
    job = Job(
        fix=True, out_dir=out, in_place=in_place, report_dir=report, keep_text=index, html_view=index, stream=not index
    )
    if engine == "dask" or resume:
        _clean_with_engine(targets, job, cfg, engine, workers, scheduler, resume, quiet)
        if errors:
            raise Exit(2)
        return
    results = _run(targets, job, cfg, workers, sys.stderr.isatty(), "cleaning")
    console = stderr_console()
    _echo_unprocessed(results)
    if report is not None and results:
        _write_index(results, report)
    if not quiet and results:
        from ..report.text import summary_table

        console.print(summary_table(results, console.width))
    if errors or any(r.error or r.skipped for r in results):
        raise Exit(2)
    if not targets and not excluded:
        raise _fail(NO_FILES)


def _check_folder_option(option: str, folder: Path | None) -> None:
    """`--out FILE` used to fail once per article ("a/post.md: cannot write: Not a directory")."""
    if folder is not None and folder.exists() and not folder.is_dir():
        raise _fail(f"{option} {folder}: exists and is not a folder")


def _refuse_output_onto_input(targets, out: Path) -> None:  # type: ignore[no-untyped-def]
    """`clean a --out a` would rewrite the articles themselves: that is what --in-place is for."""
    from ..files import safe_name

    for t in targets:
        dest = out / t.relative
        try:
            same = dest.exists() and os.path.samefile(dest, t.path)
        except OSError:
            same = False
        if same:
            raise _fail(
                f"--out {safe_name(str(out))} would overwrite the input {t.display}; "
                "use --in-place to rewrite the files themselves, or another folder"
            )


def _clean_with_engine(targets, job, cfg, engine: str, jobs: int, scheduler, resume: bool, quiet: bool) -> None:  # type: ignore[no-untyped-def]
    """`clean` through `cleaner.engines`: results come back as small per-file statistics, so the
    summary is a few lines rather than a table, and there is no index.html."""
    from ..engines import EngineError, render_stats, run_engine

    try:
        stats, resumed = run_engine(engine, targets, job, cfg, jobs=jobs, scheduler=scheduler, resume=resume)
    except EngineError as exc:
        raise _fail(str(exc)) from None
    bad = _echo_unprocessed(stats)
    if not quiet:
        _echo(render_stats(stats, resumed), err=True, nl=False)
    if bad:
        raise Exit(2)


#: Above this many files `clean --report` writes no index.html (one page of 100,000 articles helps
#: nobody and costs memory); `cleaner report` on a sub-folder gives an editor's page for a batch.
INDEX_MAX_FILES = 1000


def _write_index(results, report: Path) -> None:  # type: ignore[no-untyped-def]
    """`index.html` (the editors' review page) and `index.md` beside the per-file issue lists."""
    from ..report.markdown import render_markdown

    if len(results) > INDEX_MAX_FILES:
        _echo(
            f"cleaner: {len(results)} files: no index.html in {report} (limit {INDEX_MAX_FILES}); "
            "use `cleaner report FOLDER --html FILE` on a smaller batch",
            err=True,
        )
        return
    from ..cliio import write_review_pages

    write_review_pages(results, report / "index.html", "cleaner review", sys.stderr.isatty())
    _write_or_fail(report / "index.md", render_markdown(results, title="cleaner review").encode("utf-8"))
