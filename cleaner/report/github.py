"""GitHub Actions workflow commands: one `::warning file=…::message` line per finding.

GitHub turns these lines, printed by any step, into annotations on the pull request's diff, so a
content repo's CI shows "at the minimum → at least" right on the changed line. The escaping follows
GitHub's runner (`ActionCommand.EscapeData`/`EscapeProperty`): in the message `%`, CR and LF are
percent-encoded; in property values (`file`, `title`, …) `:` and `,` are too, because they delimit
the properties. Columns are 1-based code points with an exclusive end, the same as `--format json`.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath

from ..model import Result, Severity

__all__ = ["escape_data", "escape_property", "relative_path", "render_github"]

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    """Escape a workflow-command message (the part after `::`)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a workflow-command property value (`file=`, `title=`, …)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def relative_path(path: str | None, root: str | os.PathLike[str] | None = None) -> str:
    """The path as CI tools want it: relative to `root` (default: the working directory) when it lies
    below it, with forward slashes; `<stdin>` for text that came from no file."""
    if not path:
        return "<stdin>"
    p = Path(path)
    if p.is_absolute():
        base = Path(root) if root is not None else Path.cwd()
        try:
            p = p.resolve().relative_to(base.resolve())
        except ValueError:
            return p.as_posix()
    return PurePath(p).as_posix().removeprefix("./")


def _one_line(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def render_github(results: list[Result], root: str | os.PathLike[str] | None = None) -> str:
    """One annotation per finding (and one `::error` per file that could not be read)."""
    out: list[str] = []
    for r in results:
        file = escape_property(relative_path(r.path, root))
        if r.error or r.skipped:
            kind = "error" if r.error else "notice"
            out.append(
                f"::{kind} file={file},title={escape_property('cleaner')}::{escape_data(r.error or r.skipped or '')}"
            )
            continue
        index = r.line_index()
        for f in r.findings:
            line, col = index.position(f.start)
            end_line, end_col = index.position(f.end)
            title = escape_property(f"{f.rule} ({f.category})")
            message = f.message
            if f.suggestion is not None and not (f.suggestion and f"“{f.suggestion}”" in message):
                message += (
                    f" → delete “{_one_line(f.text)}”" if f.suggestion == "" else f" → “{_one_line(f.suggestion)}”"
                )
            out.append(
                f"::{_COMMAND[f.severity]} file={file},line={line},col={col},endLine={end_line},"
                f"endColumn={end_col},title={title}::{escape_data(message)}"
            )
    return "".join(line + "\n" for line in out)
