"""Inline controls: let a writer switch checks off for a passage, in the file itself (like `<!-- vale off -->`).

The syntax is an HTML comment, so it is invisible when Markdown or HTML is rendered, and the same
comment works in plain text:

    <!-- cleaner: off -->               nothing between here and `on` is flagged or changed
    <!-- cleaner: on -->
    <!-- cleaner: disable=spin-news/at-the-minimum,mt -->   until `enable=` names it again, or the end
    <!-- cleaner: enable=spin-news/at-the-minimum -->
    <!-- cleaner: ignore-next-line -->   the next non-blank line (optionally `=SELECTOR,...`)

Selectors are rule ids, pack names or categories, as in the configuration file. Several commands may
share one comment (`<!-- cleaner: disable=mt enable=spin -->`).

Why findings are dropped here rather than detectors being told: every detector (and every future one)
is covered without knowing about controls, and the guarantee is simple to state and test — a finding
is dropped when it falls in a suppressed passage, and in an `off` region (and on a directive comment)
any finding whose span *or fix* touches the region is dropped, so the region stays byte-identical.
A comment that starts `cleaner:` but says something unknown is reported (`controls/unknown-directive`):
a misspelt `of` silently doing nothing is worse than a warning. A selector that names no rule, pack or
category (`disable=spin-nws`) is an error (`UnknownRuleError`, naming the line and the closest names), as
it is in the configuration file: the writer believes a passage is excluded that is not. In Markdown,
directives inside code blocks and inline code are examples, not directives, and are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import Finding, Severity
from .registry.typography import UNKNOWN_DIRECTIVE

if TYPE_CHECKING:
    from .document import Document

_DIRECTIVE = re.compile(r"<!--[ \t]*cleaner:(?P<body>.*?)-->", re.DOTALL | re.IGNORECASE)
_COMMAND = re.compile(r"(?P<cmd>[A-Za-z-]+)(?:[ \t]*=[ \t]*(?P<arg>[^\s=]+(?:[ \t]*,[ \t]*[^\s=,]+)*))?")
_LINE_END = re.compile(r"\r\n|\n|\r")
UNKNOWN_RULE = UNKNOWN_DIRECTIVE


@dataclass(frozen=True, slots=True)
class Zone:
    """A suppressed passage `[start, end)`: all rules (`selectors` None) or the named ones."""

    start: int
    end: int
    selectors: frozenset[str] | None = None
    protect: bool = False  # off regions and directive comments: no fix may touch them either


def _selects(selectors: frozenset[str] | None, f: Finding) -> bool:
    if selectors is None:
        return True
    return f.rule in selectors or f.rule.split("/", 1)[0] in selectors or f.category in selectors


def _touches(s: int, e: int, z: Zone) -> bool:
    if s == e:  # an insertion touches a region only strictly inside it
        return z.start < s < z.end
    return s < z.end and e > z.start


def _code_ranges(doc: Document) -> list[tuple[int, int]]:
    """Offsets of fenced and indented code blocks in Markdown (directives there are examples)."""
    if doc.markup != "markdown":
        return []
    from .segment import _line_starts, _md

    starts = _line_starts(doc.text)
    out: list[tuple[int, int]] = []
    for tok in _md().parse(doc.text):
        if tok.type in ("fence", "code_block") and tok.map:
            a, b = tok.map
            out.append((starts[a], starts[b] if b < len(starts) else len(doc.text)))
    return out


def _in_inline_code(text: str, pos: int) -> bool:
    line_start = max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1
    return text.count("`", line_start, pos) % 2 == 1


def _next_line(text: str, pos: int) -> tuple[int, int] | None:
    """The span of the first non-blank line after the line holding `pos`."""
    m = _LINE_END.search(text, pos)
    while m:
        start = m.end()
        n = _LINE_END.search(text, start)
        end = n.start() if n else len(text)
        if text[start:end].strip():
            return start, end
        m = n
    return None


def _split(arg: str | None) -> frozenset[str]:
    return frozenset(a.strip() for a in (arg or "").split(",") if a.strip())


def _check(text: str, pos: int, selectors: frozenset[str], extra_packs: tuple[str, ...]) -> None:
    from .registry.lookup import check_selectors

    if selectors:
        line = text.count("\n", 0, pos) + 1 if "\n" in text else text.count("\r", 0, pos) + 1
        check_selectors(sorted(selectors), f"line {line}: <!-- cleaner: … -->", extra_packs)


def zones(doc: Document, extra_packs: tuple[str, ...] = ()) -> tuple[list[Zone], list[Finding]]:
    """The suppressed passages of `doc`, and a finding for each directive that was not understood.

    Raises `registry.lookup.UnknownRuleError` for a selector that names nothing (`extra_packs`: the house
    packs the configuration loads, whose rules are names too)."""
    text = doc.text
    if "cleaner:" not in text.lower():
        return [], []
    code = _code_ranges(doc)
    out: list[Zone] = []
    problems: list[Finding] = []
    off_at: int | None = None
    disabled: dict[str, int] = {}  # selector -> where its disable took effect
    for m in _DIRECTIVE.finditer(text):
        if any(a <= m.start() < b for a, b in code) or (doc.markup == "markdown" and _in_inline_code(text, m.start())):
            continue
        out.append(Zone(m.start(), m.end(), None, protect=True))
        body = m.group("body")
        pos = 0
        bad: list[str] = []
        commands = []
        for c in _COMMAND.finditer(body):
            if body[pos : c.start()].strip(" \t\r\n,"):
                bad.append(body[pos : c.start()].strip())
            pos = c.end()
            commands.append((c.group("cmd").lower(), c.group("arg")))
        if body[pos:].strip(" \t\r\n,"):
            bad.append(body[pos:].strip())
        if not commands and not bad:
            bad.append("(nothing)")
        for cmd, arg in commands:
            if cmd in ("disable", "enable", "ignore-next-line"):
                _check(text, m.start(), _split(arg), extra_packs)
            if cmd == "off" and arg is None:
                if off_at is None:
                    off_at = m.start()
            elif cmd == "on" and arg is None:
                if off_at is not None:
                    out.append(Zone(off_at, m.end(), None, protect=True))
                    off_at = None
            elif cmd == "disable" and arg:
                for sel in _split(arg):
                    disabled.setdefault(sel, m.end())
            elif cmd == "enable" and arg:
                for sel in _split(arg):
                    if sel in disabled:
                        out.append(Zone(disabled.pop(sel), m.start(), frozenset({sel})))
            elif cmd == "ignore-next-line":
                span = _next_line(text, m.end())
                if span:
                    out.append(Zone(span[0], span[1], _split(arg) or None))
            else:
                bad.append(f"{cmd}={arg}" if arg else cmd)
        if bad:
            problems.append(
                Finding(
                    rule=UNKNOWN_RULE,
                    category="style",
                    severity=Severity.WARNING,
                    message=f"unknown cleaner directive {bad[0]!r} (expected off, on, disable=…, enable=…, "
                    "ignore-next-line)",
                    start=m.start(),
                    end=m.end(),
                    text=m.group(),
                )
            )
    if off_at is not None:
        out.append(Zone(off_at, len(text), None, protect=True))
    for sel, start in disabled.items():
        out.append(Zone(start, len(text), frozenset({sel})))
    return out, problems


def suppressed(doc: Document, findings: list[Finding], extra_packs: tuple[str, ...] = ()) -> list[Finding]:
    """`findings` without those the document's inline controls switch off (see module docstring)."""
    found, problems = zones(doc, extra_packs)
    if not found and not problems:
        return findings
    kept: list[Finding] = []
    for f in findings:
        drop = False
        for z in found:
            if z.protect:
                if _touches(f.start, f.end, z) or (f.fix is not None and _touches(f.fix.start, f.fix.end, z)):
                    drop = True
                    break
            elif z.start <= f.start < z.end and _selects(z.selectors, f):
                drop = True
                break
        if not drop:
            kept.append(f)
    return kept + problems
