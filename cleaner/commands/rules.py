"""`cleaner rules …`: list every rule (or the packs), run the examples as tests, screen the pack phrases,
import PPS; and `cleaner explain ID`, one rule's documentation (what `ruff rule` prints)."""

from __future__ import annotations

from pathlib import Path

from .outcome import Exit, _echo, _fail, _guard


@_guard
def rules_table(output_format: str = "text", category: str | None = None) -> None:
    """Every registered rule (code and packs): a table, or JSON with each rule's documentation."""
    import json

    from ..registry.lookup import all_rules

    rules = [r for r in all_rules().values() if category is None or r.category == category]
    if output_format == "json":
        _echo(json.dumps([r.as_dict() for r in rules], ensure_ascii=False, indent=1))
        return
    from rich.table import Table

    from ..console import stdout_console

    table = Table(title=f"{len(rules)} rules (cleaner explain ID for one)")
    for col in ("id", "category", "severity", "fix", "summary"):
        table.add_column(col, overflow="fold")
    for r in rules:
        table.add_row(r.id, r.category, r.severity.value, r.applicability.value, r.summary)
    stdout_console().print(table)


@_guard
def explain(rule: str) -> None:
    """One rule: what it flags, why, its examples; an unknown ID exits 2 naming the closest ones."""
    import json

    from ..registry.core import EXAMPLE
    from ..registry.lookup import closest, get

    r = get(rule)
    if r is None:
        near = closest(rule)
        hint = f"; did you mean {', '.join(near)}?" if near else "; `cleaner rules` lists them"
        raise _fail(f"unknown rule {rule!r}{hint}")
    lines = [f"# {r.summary} ({r.id})", ""]
    lines.append(f"Category: {r.category}. Default severity: {r.severity.value}. Fix: {r.applicability.value}.")
    where = "cleaner/registry (a detector in code)" if r.origin == "code" else f"rule pack {r.origin}"
    lines.append(f"Defined in: {where}.")
    if r.source:
        lines.append(f"Data: {' '.join(r.source.split())}" + (f" ({r.licence})" if r.licence else "") + ".")
    lines += ["", "## Why", "", r.why, "", "## Flagged", ""]
    lines += [f"    {line}" for ex in r.flag for line in ex.splitlines() or [""]]
    lines += ["", "## Not flagged", ""]
    lines += [f"    {line}" for ex in r.passes for line in ex.splitlines() or [""]]
    if r.examples_need:
        lines += ["", f"(These examples need {r.examples_need}.)"]
    elif r.context != EXAMPLE:
        lines += ["", "(Each example is judged inside the rule's context document: `cleaner rules --format json`.)"]
    off = r.pack if r.family else r.id  # a family is switched off by its pack name
    lines += ["", f"Switch it off with `disable = [{json.dumps(off)}]` or `<!-- cleaner: disable={off} -->`."]
    _echo("\n".join(lines))


@_guard
def rules_list() -> None:
    """Show every pack: name, category, entry count, source."""
    from rich.table import Table

    from ..console import stdout_console
    from ..packs import load_packs

    packs = load_packs()
    table = Table(title=f"rule packs ({len(packs.entries)} entries, {len(packs.matcher)} phrases)")
    for col in ("pack", "category", "entries", "description", "source / licence"):
        table.add_column(col)
    for p in packs.packs:
        src = " / ".join(x for x in (p.source, p.licence) if x)
        table.add_row(p.name, p.category, str(len(p.entries)), " ".join(p.description.split())[:70], src[:50])
    stdout_console().print(table)


@_guard
def rules_test(packs: tuple[str, ...]) -> None:
    """Run every entry's flag/pass examples as tests."""
    from ..packs import load_packs
    from ..packs.examples import check_examples

    count, failures = check_examples(load_packs(), set(packs) if packs else None)
    for f in failures:
        _echo(str(f))
    _echo(f"{count - len(failures)} passed, {len(failures)} failed")
    raise Exit(1 if failures else 0)


@_guard
def rules_screen(packs: tuple[str, ...], show_all: bool) -> None:
    """Print the pack phrases that are ordinary English (cleaner/packs/screen.py); exit 1 if any."""
    from ..packs import load_packs
    from ..packs.screen import screen_packs

    verdicts = screen_packs(p for p in load_packs().packs if not packs or p.name in packs)
    bad = [v for v in verdicts if v.status in ("rejected", "missing")]
    for v in verdicts:
        if v.status != "ok" and (show_all or v in bad):
            _echo(f"{v.status}\t{v.rule}\t{v.phrase}\t{v.reason}")
    _echo(f"{len(verdicts)} phrases screened, {len(bad)} rejected")
    raise Exit(1 if bad else 0)


@_guard
def rules_import_pps(source: Path, output: Path, clean_corpus: Path | None) -> None:
    """Build the tortured-phrases pack from a Problematic Paper Screener export."""
    import yaml

    from ..decode import decode
    from ..files import write_atomic
    from ..packs.pps import import_pps

    texts: list[str] = []
    if clean_corpus is not None:
        if not clean_corpus.is_dir():
            raise _fail(f"{clean_corpus}: not a folder")
        for p in sorted(clean_corpus.rglob("*")):
            if p.suffix.lower() in (".txt", ".md", ".markdown") and p.is_file():
                texts.append(decode(p.read_bytes()).text)
    pack = import_pps(source, clean_texts=texts)
    text = yaml.safe_dump(pack, allow_unicode=True, sort_keys=False, width=120)
    write_atomic(output, text.encode("utf-8"))
    _echo(f"wrote {output}: {len(pack['entries'])} entries")
