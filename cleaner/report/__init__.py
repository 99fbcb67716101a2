"""Reporters: the same list of results rendered for people (text, Markdown, HTML) and for tools
(JSON v1, SARIF 2.1.0, GitHub annotations, reviewdog rdjson). Each is `render(results, **opts) -> str`.
"""

from __future__ import annotations

from typing import Any

from ..model import Result
from .counts import summary

__all__ = ["FORMATS", "render", "summary"]

FORMATS = ("text", "json", "sarif", "github", "rdjson", "markdown")


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
