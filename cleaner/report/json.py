"""JSON report, version 1 — the contract other tools rely on (see DESIGN.md)."""

from __future__ import annotations

import json

from ..model import Result
from . import summary


def report_dict(results: list[Result]) -> dict[str, object]:
    return {"version": 1, "files": [r.to_dict() for r in results], "summary": summary(results)}


def render_json(results: list[Result]) -> str:
    return json.dumps(report_dict(results), ensure_ascii=False, indent=1) + "\n"
