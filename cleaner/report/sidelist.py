"""The side list of the review page: one entry per finding, identical findings once with a count,
informational ones folded away, short findings shown with the words around them.

Built as HTML strings rather than in the template: a batch report holds thousands of findings, and
Jinja's attribute lookups for each took longer than the rest of the page (0.8 s of 1.8 s on the
benchmark corpus's 5,900 findings). Every value is escaped.
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup, escape

from ..model import Finding, LineIndex
from .triage import group_key

__all__ = ["CONTEXT_CHARS", "SHORT_SPAN", "finding_list", "shorten"]

#: a finding this short (code points) is drawn as a ring and listed with the words around it
SHORT_SPAN = 2
#: characters of context shown on each side of a short finding in the side list
CONTEXT_CHARS = 24


@lru_cache(maxsize=512)
def _note(rule: str) -> str:
    """The rule's note for the review page (a tooltip on its ID): what it flags and why, from the registry
    (`cleaner explain ID` prints the whole entry). Empty for a rule the registry does not know."""
    from ..registry.lookup import info

    found = info(rule)
    if not found:
        return ""
    note = f"{found['message']} — {shorten(found['why'], 240)} (cleaner explain {rule})"
    return f' title="{escape(note)}"'


def shorten(text: str, limit: int = 110) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


_VISIBLE = str.maketrans({" ": "␣", "\u00a0": "⍽", "\u202f": "⍽", "\n": "↵", "\r": "", "\t": "⇥"})


def _shown(text: str) -> str:
    """How a finding's text or suggestion reads in the side list: a short piece whose whitespace
    matters (a space inside quotes, a no-break space) gets visible whitespace marks (␣ space,
    ⍽ no-break space, ↵ line break); anything else is shortened to one line."""
    if len(text) <= 12 and text != text.strip():
        return text.translate(_VISIBLE)
    return shorten(text)


def _context(text: str, f: Finding) -> str:
    """A short finding with the words around it on one line, the finding itself marked: a comma or a
    quote mark alone tells an editor nothing about where it is."""
    a = max(0, f.start - CONTEXT_CHARS)
    b = min(len(text), f.end + CONTEXT_CHARS)
    before = " ".join(text[a : f.start].split("\n")[-1:])  # stay on the finding's line
    after = text[f.end : b].split("\n")[0]
    piece = text[f.start : f.end].translate(_VISIBLE) if f.end > f.start else "‸"
    lead = "…" if a > 0 and "\n" not in text[a : f.start] else ""
    tail = "…" if b < len(text) and "\n" not in text[f.end : b] else ""
    return (
        f'<span class="ctx">{lead}{escape(before.lstrip())}<span class="ctxhl">{escape(piece)}</span>'
        f"{escape(after.rstrip())}{tail}</span>"
    )


_FIX_KIND = {"safe": "auto-fix", "suggested": "suggestion"}


def _li_attrs(fidx: int, i: int, f: Finding, cls: str) -> str:
    return (
        f'<li class="{cls}" id="fi{fidx}-{i}" data-i="{i}" data-cat="{escape(f.category)}"'
        f' data-sev="{escape(f.severity.value)}" data-len="{f.end - f.start}">'
    )


def _loc(fidx: int, i: int, f: Finding, index: LineIndex, swatch: bool = True) -> str:
    line, col = index.position(f.start)
    sw = f'<span class="sw sw-{escape(f.category)}" aria-hidden="true"></span>' if swatch else ""
    return f'<a class="loc" href="#m{fidx}-{i}" title="line {line}, column {col}">{sw}{line}:{col}</a>'


def _finding_item(
    fidx: int, members: list[int], findings: list[Finding], index: LineIndex, text: str, warn: bool
) -> str:
    """One entry of the side list as HTML, every value escaped: a finding, or a finding repeated
    (`members`: the same rule, text and suggestion) with its count and the other places folded.

    Built here rather than in the template: a batch report holds thousands of findings, and Jinja's
    attribute lookups for each took longer than the rest of the page (0.8 s of 1.8 s on the benchmark
    corpus's 5,900 findings).
    """
    i = members[0]
    f = findings[i]
    cat, sev = escape(f.category), escape(f.severity.value)
    shown = escape(_shown(f.text))
    if f.suggestion is None:
        change = f"<q>{shown}</q>" if shown else ""
    elif f.suggestion == "":
        change = f'<del>{shown}</del> <span class="arrow">→ delete</span>'
    else:
        suggestion = escape(_shown(f.suggestion))
        change = f'<del>{shown}</del> <span class="arrow" aria-label="suggested">→</span> <ins>{suggestion}</ins>'
    if f.end - f.start <= SHORT_SPAN:
        change = _context(text, f) + (f" {change}" if f.suggestion is not None else "")
    kind = _FIX_KIND.get(f.applicability.value, "no fix")
    count = (
        f' <span class="count" title="{len(members)} identical findings">×{len(members)}</span>'
        if len(members) > 1
        else ""
    )
    flag = ' <span class="artflag">⚠ reads like article text</span>' if warn else ""
    parts = [
        "        " + _li_attrs(fidx, i, f, "finding group" if len(members) > 1 else "finding"),
        _loc(fidx, i, f, index),
        f' <span class="badge">{cat}</span> <span class="sev sev-{sev}">{sev}</span>{count}{flag}',
        f'<span class="msg">{escape(f.message)}</span>',
        f'<span class="change">{change}</span>',
        f'<span class="rule"><code{_note(f.rule)}>{escape(f.rule)}</code> · {kind} · {f.confidence * 100:.0f}%</span>',
    ]
    if len(members) > 1:
        rest = "".join(
            _li_attrs(fidx, j, findings[j], "finding dup") + _loc(fidx, j, findings[j], index, swatch=False) + "</li>"
            for j in members[1:]
        )
        parts.append(
            f'<details class="more"><summary>{len(members) - 1} more place{"s" if len(members) > 2 else ""}</summary>'
            f'<ol class="dups">{rest}</ol></details>'
        )
    parts.append("</li>\n")
    return "".join(parts)


def finding_list(fidx: int, findings: list[Finding], text: str, warn: set[int]) -> tuple[Markup, int]:
    """The side list: identical findings grouped (in order of first appearance), informational ones
    folded into a closed <details> at the end. Also returns the number of distinct entries."""
    index = LineIndex(text)
    groups: dict[tuple[str, str, str | None, str, str], list[int]] = {}
    for i, f in enumerate(findings):
        groups.setdefault(group_key(f), []).append(i)
    main: list[str] = []
    info: list[str] = []
    info_n = 0
    for members in groups.values():
        item = _finding_item(fidx, members, findings, index, text, members[0] in warn)
        if findings[members[0]].severity.value == "info":
            info.append(item)
            info_n += len(members)
        else:
            main.append(item)
    if info:
        main.append(
            f'        <li class="infofold"><details><summary>{info_n} informational finding{"s" if info_n != 1 else ""}'
            f"</summary><ol>\n{''.join(info)}        </ol></details></li>\n"
        )
    return Markup("".join(main)), len(groups)
