"""`cleaner check`: lint, optionally fix in place, print findings, and the fail-on verdict (exit 1 when
a finding is at or above each file's `fail_on`, or a file was rewritten with `--exit-non-zero-on-fix`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .options import Options, _run, _targets
from .outcome import NO_FILES, Exit, _fail, _guard


@_guard
def check(
    paths: tuple[str, ...],
    format: str | None,
    fail_on: str | None,
    fix: bool,
    opts: Options,
    quiet: bool,
    exit_on_fix: bool,
) -> None:
    """Lint articles; write nothing unless --fix. Exit 1 on findings, 2 on errors."""
    from ..model import Severity
    from ..runner import Job

    if format is None:
        format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    from ..cliio import STDIN, echo_fixes, from_stdin

    cfg = opts.resolver([p for p in paths if p != STDIN], fail_on)
    if STDIN in paths:
        if fix:
            raise _fail("--fix cannot rewrite standard input; `cleaner clean -` prints the cleaned text")
        targets, errors, excluded, results = [], [], 0, [from_stdin(paths, cfg, fix=False)]
    else:
        targets, errors, excluded = _targets(paths, cfg, (), opts.force_exclude)
        results = _run(
            targets,
            # rdjson's byte columns need the text; the other formats a line index (big files: `bigfile`)
            Job(fix=fix, in_place=fix, recheck=fix, stream=format != "rdjson"),
            cfg,
            opts.workers(),
            sys.stderr.isatty() and format != "text",
            "checking",
        )
    where = {t.display: t.path for t in targets}
    rewritten = fix and any(r.changed for r in results)
    if fix:
        echo_fixes(results, cfg, where, err=format != "text")
    if format == "text":
        from ..report.text import plain_stdout, print_findings, print_summary

        # A hook or a pipe gets plain lines without importing rich; a terminal gets rich's colours.
        console = None
        if not plain_stdout():
            from ..console import stdout_console

            console = stdout_console()
        print_findings(results, console)
        if not quiet and (results or not errors):  # a missing path is an error, not "0 files"
            print_summary(results, console, fixed=fix)
    else:
        from ..report import render

        if format == "json":  # written as it is made: a big file's report need not be whole in memory
            from ..report.json import iter_json

            for piece in iter_json(results):
                sys.stdout.write(piece)
        else:
            sys.stdout.write(render(format, results))
    if errors or any(r.error or r.skipped for r in results):
        raise Exit(2)
    if not results:
        if excluded:  # every file was excluded by configuration (a hook run on drafts/): fine
            raise Exit(0)
        raise _fail(NO_FILES)

    def threshold(r) -> Severity:  # type: ignore[no-untyped-def]
        # --fail-on beats the file; each file's own configuration says its level otherwise.
        return cfg(where.get(str(r.path), Path(str(r.path)))).fail_on

    failed = any(f.severity.rank >= threshold(r).rank for r in results for f in r.findings)
    raise Exit(1 if failed or (exit_on_fix and rewritten) else 0)
