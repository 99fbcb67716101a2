"""SARIF 2.1.0: the format code-scanning dashboards read (GitHub code scanning, Azure DevOps, IDEs).

A run lists every rule that fired (`tool.driver.rules`, with the pack's description, the why and the
examples as help) and one result per finding, with its region and, where cleaner has a replacement,
a `fix` (an `artifactChange` whose `deletedRegion` + `insertedContent` is the edit), so a SARIF viewer
can offer the same fix `cleaner check --fix` would apply.

Columns and character offsets: cleaner counts Unicode code points of the decoded text (BOM excluded,
line endings as in the file), which is why the run declares `columnKind: "unicodeCodePoints"`; SARIF's
default, `utf16CodeUnits`, would put every column after an emoji or a rare CJK character one off.
SARIF columns are 1-based and `endColumn` is exclusive (one past the last character), which is
exactly what `LineIndex.position(end)` gives.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from ..model import Finding, LineIndex, Result, Severity
from .github import relative_path

__all__ = ["SARIF_SCHEMA", "SARIF_VERSION", "render_sarif", "sarif_log"]

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
TOOL_NAME = "cleaner"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _tool_metadata() -> tuple[str, str | None]:
    """(version, informationUri) from the installed distribution's metadata.

    The URI comes from `[project.urls]` in pyproject.toml; without one it is left out rather than
    guessed (a dashboard link to somebody else's project is worse than none).
    """
    from importlib import metadata

    try:
        dist = metadata.distribution(TOOL_NAME)
    except metadata.PackageNotFoundError:
        return "0.0.0", None
    uri: str | None = None
    for entry in dist.metadata.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in {"homepage", "documentation", "repository", "source"} and url.strip():
            uri = url.strip()
            break
    else:
        home = dist.metadata.get("Home-page")  # type: ignore[attr-defined]  # an email.message.Message
        if home and home != "UNKNOWN":
            uri = home
    return dist.version, uri


def _rule_info(rule_id: str) -> dict[str, Any] | None:
    """The registry's documentation of a rule (cleaner/registry), pack entry or detector alike; None
    for an ID it does not know (or if packs fail to load: a report must still come out)."""
    from ..registry.lookup import info

    return info(rule_id)


def _artifact_uri(path: str | None, root: str | os.PathLike[str] | None) -> str:
    rel = relative_path(path, root)
    if rel.startswith("/"):
        return "file://" + quote(rel)
    return quote(rel)


def _region(index: LineIndex, start: int, end: int, text: str | None = None) -> dict[str, Any]:
    line, col = index.position(start)
    end_line, end_col = index.position(end)
    region: dict[str, Any] = {
        "startLine": line,
        "startColumn": col,
        "endLine": end_line,
        "endColumn": end_col,
        "charOffset": start,
        "charLength": end - start,
    }
    if text:
        region["snippet"] = {"text": text}
    return region


def _help(rule_id: str, info: dict[str, Any] | None, example: Finding) -> dict[str, str]:
    lines: list[str] = []
    md: list[str] = []
    why = (info or {}).get("why") or (info or {}).get("description") or example.message
    lines.append(why)
    md.append(why)
    suggest = (info or {}).get("suggest")
    if suggest is not None:
        lines.append(f"Usual wording: {suggest or '(delete)'}")
        md.append(f"Usual wording: **{suggest or '(delete)'}**")
    examples = (info or {}).get("examples") or {}
    if examples.get("flag"):
        lines.append("Flagged: " + " | ".join(examples["flag"][:3]))
        md.append("Flagged:\n" + "\n".join(f"- {e}" for e in examples["flag"][:3]))
    if examples.get("pass"):
        lines.append("Not flagged: " + " | ".join(examples["pass"][:3]))
        md.append("Not flagged:\n" + "\n".join(f"- {e}" for e in examples["pass"][:3]))
    if info and info.get("source"):
        src = f"Data: {info['source']}" + (f" ({info['licence']})" if info.get("licence") else "")
        lines.append(src)
        md.append(src)
    return {"text": "\n".join(lines), "markdown": "\n\n".join(md)}


def _rule(rule_id: str, first: Finding) -> dict[str, Any]:
    info = _rule_info(rule_id)
    short = (info or {}).get("message") or first.message
    full = (info or {}).get("why") or (info or {}).get("description") or short
    rule: dict[str, Any] = {
        "id": rule_id,
        "name": rule_id.split("/", 1)[-1],
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": _help(rule_id, info, first),
        "defaultConfiguration": {"level": _LEVEL[first.severity]},
        "properties": {"category": first.category, "pack": first.pack, "tags": [first.category]},
    }
    return rule


def _fix(f: Finding, uri: str, index: LineIndex) -> dict[str, Any] | None:
    if f.fix is not None:
        start, end, new = f.fix.start, f.fix.end, f.fix.replacement
    elif f.suggestion is not None:
        start, end, new = f.start, f.end, f.suggestion
    else:
        return None
    what = "Delete" if new == "" else f"Replace with “{new}”"
    return {
        "description": {"text": f"{what} ({f.applicability.value})"},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": uri},
                "replacements": [{"deletedRegion": _region(index, start, end), "insertedContent": {"text": new}}],
            }
        ],
    }


def _message(f: Finding) -> str:
    if f.suggestion is None or (f.suggestion and f"“{f.suggestion}”" in f.message):
        return f.message
    return f"{f.message} (suggested: {'delete' if f.suggestion == '' else '“' + f.suggestion + '”'})"


def sarif_log(results: Iterable[Result], root: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The SARIF log as a dict (one run); `render_sarif` serialises it."""
    results = list(results)
    version, info_uri = _tool_metadata()
    rule_index: dict[str, int] = {}
    rules: list[dict[str, Any]] = []
    artifacts: list[dict[str, Any]] = []
    out: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for r in results:
        uri = _artifact_uri(r.path, root)
        if r.error or r.skipped:
            notifications.append(
                {
                    "level": "error" if r.error else "note",
                    "message": {"text": f"{relative_path(r.path, root)}: {r.error or r.skipped}"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                }
            )
            continue
        artifact_idx = len(artifacts)
        artifacts.append(
            {
                "location": {"uri": uri},
                "length": r.original_length,
                "encoding": r.encoding,
                "properties": {"scores": {k: round(v, 3) for k, v in r.scores.items()}},
            }
        )
        index = r.line_index()
        for f in r.findings:
            if f.rule not in rule_index:
                rule_index[f.rule] = len(rules)
                rules.append(_rule(f.rule, f))
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "ruleIndex": rule_index[f.rule],
                "level": _LEVEL[f.severity],
                "message": {"text": _message(f)},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri, "index": artifact_idx},
                            "region": _region(index, f.start, f.end, f.text),
                        }
                    }
                ],
                "properties": {
                    "category": f.category,
                    "applicability": f.applicability.value,
                    "confidence": round(f.confidence, 3),
                },
            }
            fix = _fix(f, uri, index)
            if fix is not None:
                result["fixes"] = [fix]
            out.append(result)
    invocation: dict[str, Any] = {
        "executionSuccessful": not any(r.error for r in results),
    }
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    driver: dict[str, Any] = {"name": TOOL_NAME, "version": version, "semanticVersion": version}
    if info_uri:
        driver["informationUri"] = info_uri
    driver["rules"] = rules
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        # cleaner's offsets and columns count code points (see the module docstring)
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": out,
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(results: list[Result], root: str | os.PathLike[str] | None = None) -> str:
    """SARIF 2.1.0 JSON text for `results` (one run, every finding a result)."""
    return json.dumps(sarif_log(results, root), ensure_ascii=False, indent=1) + "\n"
