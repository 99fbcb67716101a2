"""JSON report, version 1 — the contract other tools rely on (see DESIGN.md)."""

from __future__ import annotations

import json

from ..model import Result
from . import summary


def report_dict(results: list[Result]) -> dict[str, object]:
    return {"version": 1, "files": [r.to_dict() for r in results], "summary": summary(results)}


def render_json(results: list[Result]) -> str:
    """The report, one finding per line (readable, diff-friendly).

    Why not `json.dumps(..., indent=1)`: with `indent` the standard library falls back to its pure-Python
    encoder, which made writing reports slower than cleaning the files. Each finding is encoded by the
    C encoder and only the few levels above it are laid out here.
    """
    return _layout(report_dict(results), 0) + "\n"


#: Nesting levels laid out one item per line (report, files, file, findings); deeper values are compact.
_LAID_OUT = 4


def _layout(value: object, level: int) -> str:
    if level >= _LAID_OUT or not isinstance(value, (dict, list)) or not value:
        return json.dumps(value, ensure_ascii=False)
    pad = " " * (level + 1)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {_layout(v, level + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * level + "}"
    items = [pad + _layout(v, level + 1) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * level + "]"
