"""Reporters: the same list of results rendered for people (text, Markdown, HTML) and for tools
(JSON v1, SARIF 2.1.0, GitHub annotations, reviewdog rdjson). Each is `render(results, **opts) -> str`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..model import Result

FORMATS = ("text", "json", "sarif", "github", "rdjson", "markdown")


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


def render(fmt: str, results: list[Result], **options: Any) -> str:
    if fmt == "json":
        from .json import render_json

        return render_json(results)
    if fmt == "markdown":
        from .markdown import render_markdown

        return render_markdown(results)
    if fmt == "sarif":
        from .sarif import render_sarif

        return render_sarif(results)
    if fmt == "github":
        from .github import render_github

        return render_github(results)
    if fmt == "rdjson":
        from .rdjson import render_rdjson

        return render_rdjson(results)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
