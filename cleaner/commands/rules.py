"""`cleaner rules …`: list the packs, run their examples as tests, screen their phrases, import PPS."""

from __future__ import annotations

from pathlib import Path

from .outcome import Exit, _echo, _fail, _guard


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
