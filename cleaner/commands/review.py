"""`cleaner report`: the editors' review report (HTML, Markdown); the articles are not touched."""

from __future__ import annotations

import sys
from pathlib import Path

from .options import Options, _echo_unprocessed, _run, _targets
from .outcome import NO_FILES, Exit, _echo, _fail, _guard, _write_or_fail


@_guard
def report(
    paths: tuple[str, ...],
    html: Path | None,
    markdown: Path | None,
    title: str,
    opts: Options,
) -> None:
    """Review report for editors: findings highlighted in each article, the fixes as a diff. Writes
    only the report files (the articles are not touched)."""
    from ..files import safe_name
    from ..runner import Job

    if html is None and markdown is None:
        raise _fail("say where the report goes: --html FILE and/or --markdown FILE")
    cfg = opts.resolver(paths)
    workers = opts.workers()
    skip = tuple(p for p in (html, markdown) if p is not None)
    targets, errors, excluded = _targets(paths, cfg, skip, opts.force_exclude)
    if not targets:
        if errors:
            raise Exit(2)
        raise _fail(f"every file was excluded by configuration ({excluded})" if excluded else NO_FILES)
    progress = sys.stderr.isatty()
    results = _run(targets, Job(fix=True, html_view=html is not None), cfg, workers, progress, "reviewing")
    _echo_unprocessed(results)
    if html is not None:
        from ..cliio import write_review_pages

        write_review_pages(results, html, title, progress)
    if markdown is not None:
        from ..report.markdown import render_markdown

        _write_or_fail(markdown, render_markdown(results, title=title).encode("utf-8"))
    written = " and ".join(safe_name(str(p)) for p in (html, markdown) if p is not None)
    _echo(f"cleaner: report for {len(results)} file(s) written to {written}", err=True)
    if errors or any(r.error or r.skipped for r in results):
        raise Exit(2)
