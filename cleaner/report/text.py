"""Terminal output: one finding a line, `path:line:col: severity [rule] message (→ suggestion)`,
coloured on a terminal, like ruff or Vale; then a short summary.

Rich is imported only when the output goes to a terminal: in a pre-commit hook or a pipe the lines are
plain text, and importing rich for them cost ~40 ms of a one-file check's start-up.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ..model import Result
from . import summary

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

_SEV_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _sugg(s: str | None) -> str:
    if s is None:
        return ""
    if s == "":
        return " (→ delete)"
    flat = " ".join(s.split())
    return f" (→ {flat[:80]})"


def plain_stdout() -> bool:
    """Whether rich would see standard output as no terminal (a hook, a pipe, a file), decided without
    importing rich. It mirrors `rich.console.Console.is_terminal`: `TTY_COMPATIBLE=1` or a non-empty
    `FORCE_COLOR` make rich colour even a pipe, so then the answer is False and rich does the output."""
    if os.environ.get("TTY_COMPATIBLE", "") == "1" or os.environ.get("FORCE_COLOR"):
        return False
    isatty = getattr(sys.stdout, "isatty", None)
    try:
        return isatty is None or not isatty()
    except ValueError:  # closed stream: rich treats it as no terminal as well
        return True


def finding_lines(results: list[Result], markup: bool = True) -> Iterator[tuple[str, str]]:
    """(plain line, rich-markup line) for every finding and every file error; with `markup=False` the
    second item is left empty (plain output needs no rich). Made one at a time as they are printed:
    a 40 MB file has ~170,000 findings, and the list of their lines was ~45 MB (issue 26)."""
    escape = _escape() if markup else None
    for r in results:
        if r.error or r.skipped:
            msg = f"{r.path}: {'error' if r.error else 'skipped'}: {r.error or r.skipped}"
            yield (msg, f"[bold red]{escape(msg)}[/]" if escape else "")
            continue
        idx = r.line_index()
        for f in r.findings:
            line, col = idx.position(f.start)
            flat = " ".join(f.message.split())
            plain = f"{r.path}:{line}:{col}: {f.severity.value} [{f.rule}] {flat}{_sugg(f.suggestion)}"
            rich_line = ""
            if escape:
                style = _SEV_STYLE[f.severity.value]
                fix = " [green]✔[/]" if f.fix is not None and f.applicability.value == "safe" else ""
                rich_line = (
                    f"[bold]{escape(str(r.path))}[/]:{line}:{col}: [{style}]{f.severity.value}[/] "
                    f"[dim]\\[{escape(f.rule)}][/] {escape(flat)}[green]{escape(_sugg(f.suggestion))}[/]{fix}"
                )
            yield (plain, rich_line)


def _escape() -> Callable[[str], str]:
    from rich.markup import escape

    return escape


def print_findings(results: list[Result], console: Console | None) -> None:
    """Findings on `console`, or as plain lines on standard output when `console` is None."""
    if console is None or not console.is_terminal:
        out = sys.stdout if console is None else console.file
        for plain, _ in finding_lines(results, markup=False):
            out.write(plain + "\n")
        return
    for _, rich_line in finding_lines(results):
        console.print(rich_line, highlight=False, soft_wrap=True)


def print_summary(results: list[Result], console: Console | None, fixed: bool = False) -> None:
    """The one-line summary on `console`, or on standard output as plain text when `console` is None
    (the text holds no markup, so that is what rich would print to a pipe)."""
    s = summary(results)
    safe = sum(1 for r in results for f in r.findings if f.fix is not None and f.applicability.value == "safe")
    spin = [r.scores.get("spin", 0.0) for r in results if not (r.error or r.skipped)]
    parts = [f"{s['files']} file(s)", f"{s['findings']} finding(s)"]
    if s["by_category"]:
        parts.append("(" + ", ".join(f"{c} {n}" for c, n in s["by_category"].items()) + ")")
    if fixed:
        parts.append(f"{s['fixes_applied']} fix(es) applied in {s['changed']} file(s)")
    elif safe:
        parts.append(f"{safe} fixable with --fix")
    if spin:
        parts.append(f"max spin score {max(spin):.2f}")
    if s["skipped"] or s["errors"]:
        parts.append(f"{s['skipped'] + s['errors']} file(s) not processed")
    if console is None:
        sys.stdout.write(", ".join(parts) + "\n")
    else:
        console.print(", ".join(parts), highlight=False)


#: Rows of the summary table; a batch of thousands shows the files with most findings and a count.
TABLE_ROWS = 25


def _by_category(counts: dict[str, int]) -> str:
    return ", ".join(f"{c} {n}" for c, n in sorted(counts.items()) if n)


def summary_table(results: list[Result], width: int | None = None) -> Table:
    """The table `cleaner clean` prints at the end: one row per file (the busiest when there are
    many), totals last. Findings by category are one wrapping cell rather than a column each, so the
    table fits an 80-column terminal and the path, which is what a user acts on, is never cut."""
    from rich.markup import escape
    from rich.table import Table

    s = summary(results)
    shown = results
    if len(results) > TABLE_ROWS:
        busiest = sorted(range(len(results)), key=lambda i: (-len(results[i].findings), i))[:TABLE_ROWS]
        shown = [results[i] for i in sorted(busiest)]
    table = Table(title="cleaner summary", show_footer=True)
    path_width = max([len(str(r.path)) for r in shown] + [5])
    # Rich shrinks every column to fit; the findings column wraps well, a path does not.
    findings_width = max(16, width - 22 - min(path_width, 48)) if width else None
    table.add_column("file", footer="total", overflow="fold")
    table.add_column("findings by category", footer=_by_category(s["by_category"]) or "none", max_width=findings_width)
    table.add_column("fixes", justify="right", footer=str(s["fixes_applied"]), no_wrap=True)
    table.add_column("spin", justify="right", footer="", no_wrap=True)
    for r in shown:
        if r.error or r.skipped:
            table.add_row(escape(str(r.path)), f"[red]{escape(r.error or r.skipped or '')}[/]", "", "")
            continue
        counts: dict[str, int] = {}
        for f in r.findings:
            counts[f.category] = counts.get(f.category, 0) + 1
        table.add_row(
            escape(str(r.path)),
            _by_category(counts) or "none",
            str(r.fixes_applied),
            f"{r.scores.get('spin', 0.0):.2f}",
        )
    if len(shown) < len(results):
        table.caption = f"the {len(shown)} files with most findings of {len(results)}"
    return table
