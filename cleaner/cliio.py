"""Command-line input and output beyond the file list: standard input (`-`), what `check --fix`
says it changed, and writing the review pages with a progress bar. Kept apart from `cli.py`, which is
wiring; the commands (`cleaner/commands/`) import this module lazily.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from .commands.outcome import _echo, _fail

#: the path that means standard input (`cleaner check -`, `cleaner clean -`)
STDIN = "-"


def from_stdin(paths: Sequence[str], resolver, fix: bool):  # type: ignore[no-untyped-def]
    """The `Result` for standard input: read whole, decoded as files are, checked as plain text with
    the configuration of the current folder. `-` must be the only path."""
    from .decode import DecodeError, decode
    from .pipeline import clean_text

    if len(paths) != 1:
        raise _fail("standard input (-) cannot be combined with other paths")
    data = sys.stdin.buffer.read()
    try:
        decoded = decode(data)
    except DecodeError as exc:
        raise _fail(f"standard input: {exc}") from None
    from .registry.lookup import UnknownRuleError

    try:
        result = clean_text(
            decoded.text, None, config=resolver(Path.cwd() / "stdin.txt"), fix=fix, encoding=decoded.label
        )
    except UnknownRuleError as exc:
        raise _fail(f"standard input: {exc}") from None
    result.path = STDIN
    return result


def echo_fixes(results, cfg, where: dict[str, Path], err: bool) -> None:  # type: ignore[no-untyped-def]
    """`path: fixed N (rule ×n, …)` for every file `--fix` rewrote, so a hook says what it changed.

    The rules are those of the first pass's findings whose fix was applied or merged into one that was
    (a later pass may add a fix the first did not plan, e.g. a space left by a removed quote)."""
    from .fixes import applicable

    for r in results:
        if not r.changed:
            continue
        rules: dict[str, int] = {}
        if r.fixed_rules is not None:  # re-checked in the worker: `findings` are what is left
            rules = dict(r.fixed_rules)
        else:
            config = cfg(where.get(str(r.path), Path(str(r.path))))
            for f in r.findings:
                if f.fix is not None and applicable(f, config):
                    rules[f.rule] = rules.get(f.rule, 0) + 1
        listed = ", ".join(f"{rule} ×{n}" if n > 1 else rule for rule, n in sorted(rules.items()))
        count = r.fixes_applied
        _echo(f"{r.path}: fixed {count} issue{'s' if count != 1 else ''}" + (f" ({listed})" if listed else ""), err=err)


def write_review_pages(results, index: Path, title: str, progress: bool) -> None:  # type: ignore[no-untyped-def]
    """The HTML review (`report.pages`: one page, or an index and pages of details for a large
    batch), with a progress bar on a terminal while the pages are written."""
    from .files import write_atomic
    from .report.pages import write_review

    def write(path: Path, data: bytes) -> None:
        try:
            write_atomic(path, data, durable=False)
        except OSError as exc:  # a full disk names the page it could not write
            from .files import safe_name

            raise _fail(f"cannot write {safe_name(str(path))}: {exc.strerror or exc}") from None

    if not progress or len(results) < 2:
        write_review(results, index, title, write)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from .console import stderr_console

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=stderr_console(), transient=True
    ) as bar:
        task = bar.add_task("writing pages", total=None)
        write_review(
            results, index, title, write, on_page=lambda done, total: bar.update(task, completed=done, total=total)
        )
