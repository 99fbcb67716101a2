"""The `summary` object of the JSON contract (re-exported by `cleaner.report`). Its own module so
that the reporters (`json`, `markdown`) do not import the package that dispatches to them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..model import Result


def summary(results: list[Result]) -> dict[str, Any]:
    """The `summary` object of the JSON contract (plus counts tools find useful)."""
    cats: Counter[str] = Counter()
    sev: Counter[str] = Counter()
    for r in results:
        for f in r.findings:
            cats[f.category] += 1
            sev[f.severity.value] += 1
    return {
        "files": len(results),
        "findings": sum(cats.values()),
        "by_category": dict(sorted(cats.items())),
        "by_severity": dict(sorted(sev.items())),
        "changed": sum(1 for r in results if r.changed),
        "fixes_applied": sum(r.fixes_applied for r in results),
        "skipped": sum(1 for r in results if r.skipped),
        "errors": sum(1 for r in results if r.error),
    }
