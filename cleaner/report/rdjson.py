"""reviewdog's Diagnostic Format, JSON flavour (`rdjson`): `reviewdog -f=rdjson` posts these as review
comments on GitHub/GitLab/Gerrit, and turns `suggestions` into one-click suggested changes.

One thing differs from every other cleaner output: reviewdog's `Position.column` counts **UTF-8
bytes** (1-based), not code points (its proto: "Column number, starting at 1 (byte count in UTF-8)"),
so a column after a curly quote moves by 3 per quote. Ranges are end-exclusive, which lets a zero-width
range express an insertion and an empty `text` a deletion.
"""

from __future__ import annotations

import json
import os
from typing import Any

from ..model import Finding, LineIndex, Result, Severity
from .github import relative_path

__all__ = ["rdjson_dict", "render_rdjson"]

_SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}
SOURCE = {"name": "cleaner"}


class _ByteColumns:
    """Maps code-point offsets to reviewdog positions (1-based line, 1-based UTF-8 byte column)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.index = LineIndex(text)

    def position(self, offset: int) -> dict[str, int]:
        line, col = self.index.position(offset)
        line_start = offset - (col - 1)
        return {"line": line, "column": len(self.text[line_start:offset].encode("utf-8")) + 1}

    def range(self, start: int, end: int) -> dict[str, dict[str, int]]:
        return {"start": self.position(start), "end": self.position(end)}


def _diagnostic(f: Finding, path: str, cols: _ByteColumns) -> dict[str, Any]:
    d: dict[str, Any] = {
        "message": f.message,
        "location": {"path": path, "range": cols.range(f.start, f.end)},
        "severity": _SEVERITY[f.severity],
        "source": SOURCE,
        "code": {"value": f.rule},
    }
    if f.fix is not None:
        d["suggestions"] = [{"range": cols.range(f.fix.start, f.fix.end), "text": f.fix.replacement}]
    elif f.suggestion is not None:
        d["suggestions"] = [{"range": cols.range(f.start, f.end), "text": f.suggestion}]
    return d


def rdjson_dict(results: list[Result], root: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    diagnostics: list[dict[str, Any]] = []
    for r in results:
        path = relative_path(r.path, root)
        if r.error or r.skipped:
            diagnostics.append(
                {
                    "message": r.error or r.skipped,
                    "location": {"path": path},
                    "severity": "ERROR" if r.error else "INFO",
                    "source": SOURCE,
                }
            )
            continue
        cols = _ByteColumns(r.original)
        diagnostics.extend(_diagnostic(f, path, cols) for f in r.findings)
    return {"source": SOURCE, "diagnostics": diagnostics}


def render_rdjson(results: list[Result], root: str | os.PathLike[str] | None = None) -> str:
    """reviewdog rdjson for `results` (feed it to `reviewdog -f=rdjson`)."""
    return json.dumps(rdjson_dict(results, root), ensure_ascii=False, indent=1) + "\n"
