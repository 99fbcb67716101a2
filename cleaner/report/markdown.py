"""Markdown issue list: what an editor reads in a pull request or a ticket.

As on the review page (`triage.py`): files in order of risk, riskiest first, and identical findings
(same rule, text, suggestion) on one row with every place they occur, so 22 converted quote marks
take one row and do not bury the machine-translation findings of the same file."""

from __future__ import annotations

from ..model import Finding, LineIndex, Result
from .counts import summary
from .triage import UNREADABLE_RISK, article_like, group_key, risk

#: a grouped row lists this many places, then "+N more"
PLACES = 6


def _risk(r: Result) -> float:
    if r.error or r.skipped:
        return UNREADABLE_RISK
    return risk(r.findings, r.scores, len(article_like(r.findings)))


def _places(members: list[Finding], n: int, idx: LineIndex) -> str:
    """Where a group's `n` findings are: the first PLACES of them (`members`), then a count."""
    shown = [":".join(map(str, idx.position(f.start))) for f in members[:PLACES]]
    more = f" +{n - PLACES} more" if n > PLACES else ""
    count = f" (×{n})" if n > 1 else ""
    return ", ".join(shown) + more + count


def _cell(s: str) -> str:
    flat = " ".join(s.split())
    if len(flat) > 80:
        flat = flat[:77] + "…"
    return flat.replace("|", "\\|").replace("`", "ˋ")


_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>()#+!|~&"})


def _inline(s: str) -> str:
    """Text (a file name, an error) safe inside a heading or a line: Markdown's special characters
    backslash-escaped, line breaks flattened, bytes that are not UTF-8 shown as `\\xNN`."""
    from ..files import safe_name

    return " ".join(safe_name(s).split()).translate(_SPECIAL)


def render_markdown(results: list[Result], title: str = "cleaner report") -> str:
    s = summary(results)
    out = [f"# {_inline(title)}", ""]
    out.append(f"{s['files']} file(s), {s['findings']} finding(s), {s['fixes_applied']} fix(es) applied.")
    out.append("")
    if s["by_category"]:
        out += ["| category | findings |", "|---|---:|"]
        out += [f"| {c} | {n} |" for c, n in s["by_category"].items()]
        out.append("")
    ordered = sorted(enumerate(results), key=lambda p: (-_risk(p[1]), p[0])) if len(results) > 1 else enumerate(results)
    for _, r in ordered:
        out.append(f"## {_inline(str(r.path))}")
        out.append("")
        if r.error or r.skipped:
            out += [f"**{'error' if r.error else 'skipped'}:** {_inline(str(r.error or r.skipped))}", ""]
            continue
        scores = ", ".join(f"{k} {v:.2f}" for k, v in sorted(r.scores.items()))
        out.append(
            f"Encoding {r.encoding}; scores: {scores or 'none'}; "
            f"{len(r.findings)} finding(s); {'changed' if r.changed else 'unchanged'} by cleaning."
        )
        out.append("")
        if not r.findings:
            continue
        idx = r.line_index()
        out += ["| line:col | severity | rule | text | suggestion | message |", "|---|---|---|---|---|---|"]
        # a group keeps the findings it shows and a count (a big file's group may have 100,000)
        groups: dict[tuple[str, str, str | None, str, str], list[Finding]] = {}
        counts: dict[tuple[str, str, str | None, str, str], int] = {}
        for f in r.findings:
            key = group_key(f)
            members = groups.setdefault(key, [])
            if len(members) < PLACES:
                members.append(f)
            counts[key] = counts.get(key, 0) + 1
        for key, members in groups.items():
            f = members[0]
            sugg = "—" if f.suggestion is None else ("*(delete)*" if f.suggestion == "" else f"`{_cell(f.suggestion)}`")
            fixed = " ✔" if f.fix and f.applicability.value == "safe" else ""
            out.append(
                f"| {_places(members, counts[key], idx)} | {f.severity.value} | `{f.rule}`{fixed} | "
                f"`{_cell(f.text)}` | {sugg} | {_cell(f.message)} |"
            )
        out.append("")
    out.append("✔ = fixed automatically by `cleaner clean` (safe fix).")
    return "\n".join(out) + "\n"
