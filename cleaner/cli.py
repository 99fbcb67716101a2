"""Command line: parse options, call the library, choose a reporter. Nothing else lives here.

Exit codes (DESIGN.md): 0 nothing at or above `--fail-on`; 1 findings; 2 usage or runtime error.
Errors are one line on stderr, never a traceback.

Parsed with the standard library's argparse. Why not typer or click: a pre-commit hook runs a
one-file check on every commit and the target is 0.3 s (issue 6). typer 0.29 built a pydantic adapter
for every option (~0.35 s a run); click costs ~40 ms to import, an eighth of the budget; argparse ~5 ms.
pre-commit itself, flake8 and pip's own hooks make the same choice.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

FORMATS = ("text", "json", "sarif", "github", "rdjson")
LEVELS = ("error", "warning", "info")
ENGINES = ("local", "dask")
QUOTE_STYLES = ("curly", "straight")


class Exit(Exception):
    """Leave with an exit code (0 nothing to report, 1 findings, 2 errors; DESIGN.md)."""

    def __init__(self, code: int = 0) -> None:
        super().__init__(code)
        self.code = code


def _echo(message: str, err: bool = False, nl: bool = True) -> None:
    stream = sys.stderr if err else sys.stdout
    stream.write(message + ("\n" if nl else ""))
    stream.flush()


#: exit status when the output's reader closed the pipe (a program killed by SIGPIPE: 128 + 13)
SIGPIPE_EXIT = 141


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so that nothing tries to write to a closed pipe again
    (Python's own final flush would print "Exception ignored … BrokenPipeError")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file descriptor (a test's captured stream)
        pass


def _fail(message: str) -> Exit:
    _echo(f"cleaner: error: {message}", err=True)
    return Exit(2)


@dataclass(frozen=True)
class Options:
    """The options every processing command shares (see `_add_common`)."""

    quote_style: str | None = None
    disable: Sequence[str] | None = None
    unsafe_fixes: bool = False
    force_boilerplate: bool = False
    grammar: bool = False
    languagetool_url: str | None = None
    config_file: Path | None = None
    jobs: int = 0

    def resolver(self, paths: Sequence[str], fail_on: str | None = None):  # type: ignore[no-untyped-def]
        """A `settings.Resolver`: each file's Config (nearest configuration file, then these options)."""
        from .model import Severity
        from .settings import ConfigError, Resolver

        overrides: dict[str, object] = {}
        if self.quote_style:
            overrides["quote_style"] = self.quote_style
        if self.disable:
            overrides["disable_extra"] = frozenset(self.disable)
        if self.unsafe_fixes:
            overrides["unsafe_fixes"] = True
        if self.force_boilerplate:
            overrides["boilerplate_max_loss"] = 1.0
        url = self.languagetool_url or os.environ.get("LANGUAGETOOL_URL")
        if self.grammar:
            overrides["grammar"] = "languagetool"
        if url:
            overrides["languagetool_url"] = url
        if fail_on:
            overrides["fail_on"] = Severity(fail_on)
        try:
            resolver = Resolver(overrides, self.config_file)
            for p in paths:  # report a broken configuration file before any work starts
                resolver.loaded(p)
        except ConfigError as exc:
            raise _fail(str(exc)) from None
        return resolver

    def workers(self) -> int:
        """Worker processes: all cores by default, but one when grammar runs on a local LanguageTool
        (each worker would start its own Java server of ~1 GB; a server given by URL is shared)."""
        from .runner import default_jobs

        if self.jobs <= 0 and self.grammar and not (self.languagetool_url or os.environ.get("LANGUAGETOOL_URL")):
            return 1
        return default_jobs() if self.jobs <= 0 else self.jobs


def _targets(paths: Sequence[str], resolver, skip: tuple[Path, ...] = ()):  # type: ignore[no-untyped-def]
    """Files to process, input errors, and how many files the configured `exclude` globs left out."""
    from .files import discover
    from .settings import ConfigError

    excluded: list[Path] = []
    try:
        targets, errors = discover(paths, skip=skip, is_excluded=resolver.excluded, excluded_out=excluded)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    for e in errors:
        _echo(f"cleaner: error: {e.display}: {e.message}", err=True)
    return targets, errors, len(excluded)


def _echo_unprocessed(items) -> bool:  # type: ignore[no-untyped-def]
    """One stderr line per file not processed (`Result`s or engine `FileStats`); whether there was one."""
    bad = False
    for r in items:
        if r.error or r.skipped:
            bad = True
            _echo(f"cleaner: {'error' if r.error else 'skipped'}: {r.path}: {r.error or r.skipped}", err=True)
    return bad


NO_FILES = "no article files found (.txt, .md, .markdown, .html)"


def _run(targets, job, cfg, jobs: int, progress: bool, label: str):  # type: ignore[no-untyped-def]
    from .runner import run

    if not progress or len(targets) < 2:
        return run(targets, job, cfg, jobs=jobs)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .console import stderr_console

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=stderr_console(),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=len(targets))
        return run(targets, job, cfg, jobs=jobs, on_done=lambda _r: bar.advance(task))


def _guard(fn):  # type: ignore[no-untyped-def]
    """Turn every library error into one line and exit code 2."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        from .grammar import GrammarUnavailable
        from .packs import PackError

        try:
            return fn(*args, **kwargs)
        except (Exit, SystemExit):
            raise
        except PackError as exc:
            raise _fail(f"rule pack: {exc}") from None
        except GrammarUnavailable as exc:  # already one actionable line
            raise _fail(str(exc)) from None
        except BrokenPipeError:
            # The reader of the output went away (`cleaner check … | head`): stop without a word, with
            # the status of a program killed by SIGPIPE (128 + 13), as grep or cat would end.
            _quiet_stdout()
            raise Exit(SIGPIPE_EXIT) from None
        except KeyboardInterrupt as exc:
            from .runner import Terminated

            # the shell's convention: 128 + signal number (SIGTERM 15, SIGINT 2)
            terminated = isinstance(exc, Terminated)
            _echo(f"cleaner: {'terminated' if terminated else 'interrupted'}", err=True)
            raise Exit(143 if terminated else 130) from None
        except Exception as exc:  # one line, never a traceback
            from .errors import describe

            raise _fail(describe(exc)) from None

    return wrapper


@_guard
def clean(
    paths: tuple[str, ...],
    out: Path | None,
    in_place: bool,
    report: Path | None,
    opts: Options,
    quiet: bool,
    engine: str,
    scheduler: str | None,
    resume: bool,
) -> None:
    """Write a cleaned copy of every article (or rewrite in place) plus an issue list per file."""
    from .console import stderr_console
    from .runner import Job

    if out is None and not in_place:
        raise _fail("say where cleaned files go: --out DIR, or --in-place to rewrite them")
    if out is not None and in_place:
        raise _fail("--out and --in-place exclude each other")
    cfg = opts.resolver(paths)
    workers = opts.workers()
    skip = tuple(p for p in (out, report) if p is not None)
    targets, errors, excluded = _targets(paths, cfg, skip)
    if scheduler and engine != "dask":
        raise _fail("--scheduler needs --engine dask")
    if resume and in_place:
        raise _fail("--resume needs --out: in place, a finished file cannot be told from an unstarted one")
    index = report is not None and len(targets) <= INDEX_MAX_FILES
    job = Job(fix=True, out_dir=out, in_place=in_place, report_dir=report, keep_text=index, html_view=index)
    if engine == "dask" or resume:
        _clean_with_engine(targets, job, cfg, engine, workers, scheduler, resume, quiet)
        if errors:
            raise Exit(2)
        return
    results = _run(targets, job, cfg, workers, sys.stderr.isatty(), "cleaning")
    console = stderr_console()
    _echo_unprocessed(results)
    if report is not None and results:
        _write_index(results, report)
    if not quiet and results:
        from .report.text import summary_table

        console.print(summary_table(results, console.width))
    if errors or any(r.error or r.skipped for r in results):
        raise Exit(2)
    if not targets and not excluded:
        raise _fail(NO_FILES)


def _clean_with_engine(targets, job, cfg, engine: str, jobs: int, scheduler, resume: bool, quiet: bool) -> None:  # type: ignore[no-untyped-def]
    """`clean` through `cleaner.engines`: results come back as small per-file statistics, so the
    summary is a few lines rather than a table, and there is no index.html."""
    from .engines import EngineError, render_stats, run_engine

    try:
        stats, resumed = run_engine(engine, targets, job, cfg, jobs=jobs, scheduler=scheduler, resume=resume)
    except EngineError as exc:
        raise _fail(str(exc)) from None
    bad = _echo_unprocessed(stats)
    if not quiet:
        _echo(render_stats(stats, resumed), err=True, nl=False)
    if bad:
        raise Exit(2)


#: Above this many files `clean --report` writes no index.html (one page of 100,000 articles helps
#: nobody and costs memory); `cleaner report` on a sub-folder gives an editor's page for a batch.
INDEX_MAX_FILES = 1000


def _write_index(results, report: Path) -> None:  # type: ignore[no-untyped-def]
    """`index.html` (the editors' review page) and `index.md` beside the per-file issue lists."""
    from .files import write_atomic
    from .report.html import render_html
    from .report.markdown import render_markdown

    if len(results) > INDEX_MAX_FILES:
        _echo(
            f"cleaner: {len(results)} files: no index.html in {report} (limit {INDEX_MAX_FILES}); "
            "use `cleaner report FOLDER --html FILE` on a smaller batch",
            err=True,
        )
        return
    write_atomic(report / "index.html", render_html(results, title="cleaner review").encode("utf-8"))
    write_atomic(report / "index.md", render_markdown(results, title="cleaner review").encode("utf-8"))


@_guard
def report(
    paths: tuple[str, ...],
    html: Path | None,
    markdown: Path | None,
    title: str,
    opts: Options,
) -> None:
    """Review report for editors: findings highlighted in each article, the fixes as a diff. Writes
    only the report files (the articles are not touched)."""
    from .files import write_atomic
    from .runner import Job

    if html is None and markdown is None:
        raise _fail("say where the report goes: --html FILE and/or --markdown FILE")
    cfg = opts.resolver(paths)
    workers = opts.workers()
    targets, errors, excluded = _targets(paths, cfg, tuple(p for p in (html, markdown) if p is not None))
    if not targets:
        if errors:
            raise Exit(2)
        raise _fail(f"every file was excluded by configuration ({excluded})" if excluded else NO_FILES)
    results = _run(targets, Job(fix=True, html_view=html is not None), cfg, workers, sys.stderr.isatty(), "reviewing")
    _echo_unprocessed(results)
    if html is not None:
        from .report.html import render_html

        write_atomic(html, render_html(results, title=title).encode("utf-8"))
    if markdown is not None:
        from .report.markdown import render_markdown

        write_atomic(markdown, render_markdown(results, title=title).encode("utf-8"))
    written = " and ".join(str(p) for p in (html, markdown) if p is not None)
    _echo(f"cleaner: report for {len(results)} file(s) written to {written}", err=True)
    if errors or any(r.error or r.skipped for r in results):
        raise Exit(2)


@_guard
def check(
    paths: tuple[str, ...],
    format: str | None,
    fail_on: str | None,
    fix: bool,
    opts: Options,
    quiet: bool,
    exit_on_fix: bool,
) -> None:
    """Lint articles; write nothing unless --fix. Exit 1 on findings, 2 on errors."""
    from .model import Severity
    from .runner import Job

    if format is None:
        format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    cfg = opts.resolver(paths, fail_on)
    workers = opts.workers()
    targets, errors, excluded = _targets(paths, cfg)
    results = _run(
        targets,
        Job(fix=fix, in_place=fix),
        cfg,
        workers,
        sys.stderr.isatty() and format != "text",
        "checking",
    )
    where = {t.display: t.path for t in targets}
    rewritten = fix and any(r.changed for r in results)
    if fix:
        # What is left to report after fixing is what the fixed files still contain.
        for r in results:
            if r.changed:
                from .pipeline import clean_text

                left = clean_text(
                    r.cleaned,
                    str(r.path),
                    config=cfg(where.get(str(r.path), Path(str(r.path)))),
                    fix=False,
                    encoding=r.encoding,
                )
                r.fixes_applied, fixed_count = r.fixes_applied, r.fixes_applied
                r.findings, r.original = left.findings, r.cleaned
                r.fixes_applied = fixed_count
    if format == "text":
        from .report.text import plain_stdout, print_findings, print_summary

        # A hook or a pipe gets plain lines without importing rich; a terminal gets rich's colours.
        console = None
        if not plain_stdout():
            from .console import stdout_console

            console = stdout_console()
        print_findings(results, console)
        if not quiet:
            print_summary(results, console, fixed=fix)
    else:
        from .report import render

        sys.stdout.write(render(format, results))
    if errors or any(r.error or r.skipped for r in results):
        raise Exit(2)
    if not targets:
        if excluded:  # every file named was excluded by configuration (a hook run on drafts/): fine
            raise Exit(0)
        raise _fail(NO_FILES)

    def threshold(r) -> Severity:  # type: ignore[no-untyped-def]
        # --fail-on beats the file; each file's own configuration says its level otherwise.
        return cfg(where.get(str(r.path), Path(str(r.path)))).fail_on

    failed = any(f.severity.rank >= threshold(r).rank for r in results for f in r.findings)
    raise Exit(1 if failed or (exit_on_fix and rewritten) else 0)


@_guard
def config_cmd(
    path: Path | None,
    opts: Options,
    fail_on: str | None,
) -> None:
    """Print the effective configuration for PATH (default: the current folder) and where each value
    came from."""
    from .settings import ConfigError, describe

    target = str(path) if path is not None else "."
    resolver = opts.resolver([target], fail_on)
    try:
        loaded = resolver.loaded(target)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    _echo(describe(loaded), nl=False)


@_guard
def rules_list() -> None:
    """Show every pack: name, category, entry count, source."""
    from rich.table import Table

    from .console import stdout_console
    from .packs import load_packs

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
    from .packs import load_packs
    from .packs.examples import check_examples

    count, failures = check_examples(load_packs(), set(packs) if packs else None)
    for f in failures:
        _echo(str(f))
    _echo(f"{count - len(failures)} passed, {len(failures)} failed")
    raise Exit(1 if failures else 0)


@_guard
def rules_import_pps(source: Path, output: Path, clean_corpus: Path | None) -> None:
    """Build the tortured-phrases pack from a Problematic Paper Screener export."""
    import yaml

    from .decode import decode
    from .files import write_atomic
    from .packs.pps import import_pps

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


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter, sized to the terminal as argparse sizes it, without importing shutil.

    Why: argparse makes a formatter for every option it is given (to check its metavar), and the
    first one imported shutil (with zlib, bz2 and lzma) for `get_terminal_size`: ~4 ms of a hook's
    start. The width is worked out as `shutil.get_terminal_size` does: `$COLUMNS`, else the terminal
    on standard output, else 80 columns.
    """

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None, **kw: Any
    ) -> None:
        super().__init__(
            prog, indent_increment, max_help_position, _terminal_columns() - 2 if width is None else width, **kw
        )


def _terminal_columns() -> int:
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Parser(argparse.ArgumentParser):
    """argparse with the usage-error line every cleaner error has, and exit code 2 (DESIGN.md); help
    keeps descriptions as written and is sized by `_Formatter`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        _echo(f"cleaner: error: {message}", err=True)
        raise SystemExit(2)


def _add_paths(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (.txt, .md, .markdown, .html)")


def _add_common(p: argparse.ArgumentParser, jobs: bool = True) -> None:
    """The options every processing command shares (quote style, rules switched off, fixes, grammar…)."""
    p.add_argument("--quote-style", choices=QUOTE_STYLES, help="house quote style")
    p.add_argument(
        "--disable", action="append", metavar="RULE", help="rule id, pack or category to switch off (repeatable)"
    )
    p.add_argument("--unsafe-fixes", action="store_true", help="also apply 'suggested' fixes")
    p.add_argument(
        "--force-boilerplate",
        action="store_true",
        help="remove boilerplate even from files that would lose more than boilerplate-max-loss of their text",
    )
    if jobs:
        p.add_argument("-j", "--jobs", type=int, default=0, metavar="N", help="worker processes (default 0: all cores)")
    p.add_argument("--grammar", action="store_true", help="check grammar with LanguageTool")
    p.add_argument("--languagetool-url", metavar="URL", help="LanguageTool server URL (or env LANGUAGETOOL_URL)")
    p.add_argument(
        "--config",
        dest="config_file",
        type=Path,
        metavar="FILE",
        help="configuration file (default: the nearest .cleaner.toml or pyproject.toml)",
    )


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("cleaner")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "dev"


class _Version(argparse.Action):
    """`--version`, with the version looked up only when asked (importlib.metadata costs ~15 ms)."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kw: object) -> NoReturn:
        _echo(f"cleaner {_version()}")
        raise SystemExit(0)


def _declare_check(sub: argparse._SubParsersAction[_Parser]) -> None:
    p = sub.add_parser(
        "check",
        help="lint articles; write nothing unless --fix",
        description="Lint articles; write nothing unless --fix. Exit 1 on findings, 2 on errors.",
    )
    _add_paths(p)
    p.add_argument("-f", "--format", choices=FORMATS, help="output format (default: text; github in GitHub Actions)")
    p.add_argument("--fail-on", choices=LEVELS, help="exit 1 on findings at or above this level (default: warning)")
    p.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    _add_common(p)
    p.add_argument("-q", "--quiet", action="store_true", help="findings only, no summary")
    p.add_argument(
        "--exit-non-zero-on-fix",
        dest="exit_on_fix",
        action="store_true",
        help="with --fix: exit 1 when a file was changed (pre-commit)",
    )
    p.set_defaults(run=check)


def _declare_clean(sub: argparse._SubParsersAction[_Parser]) -> None:
    p = sub.add_parser(
        "clean",
        help="write cleaned copies and an issue list per file",
        description="Write a cleaned copy of every article (or rewrite in place) plus an issue list per file.",
    )
    _add_paths(p)
    p.add_argument("-o", "--out", type=Path, metavar="DIR", help="write cleaned copies here")
    p.add_argument("--in-place", action="store_true", help="rewrite the files themselves (atomically)")
    p.add_argument(
        "--report", type=Path, metavar="DIR", help="write each file's issue list (JSON v1 and Markdown) here"
    )
    _add_common(p)
    p.add_argument("-q", "--quiet", action="store_true", help="no summary table")
    p.add_argument(
        "--engine", choices=ENGINES, default="local", help="where the work runs: this machine (default) or Dask"
    )
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler (tcp://host:8786); none: a local cluster")
    p.add_argument(
        "--resume", action="store_true", help="skip files whose outputs exist and are newer (restart a batch)"
    )
    p.set_defaults(run=clean)


def _declare_report(sub: argparse._SubParsersAction[_Parser]) -> None:
    p = sub.add_parser(
        "report",
        help="review report for editors (HTML, Markdown)",
        description="Review report for editors: findings highlighted in each article, the fixes as a diff. "
        "Writes only the report files (the articles are not touched).",
    )
    _add_paths(p)
    p.add_argument("--html", type=Path, metavar="FILE", help="write the HTML review page here")
    p.add_argument("--markdown", type=Path, metavar="FILE", help="write the Markdown issue list here")
    p.add_argument("--title", default="cleaner review", help="title of the report (default: %(default)s)")
    _add_common(p)
    p.set_defaults(run=report)


def _declare_config(sub: argparse._SubParsersAction[_Parser]) -> None:
    p = sub.add_parser(
        "config",
        help="print the effective configuration",
        description="Print the effective configuration for PATH (default: the current folder) and where each "
        "value came from.",
    )
    p.add_argument("path", nargs="?", type=Path, help="file or folder whose configuration to show")
    _add_common(p, jobs=False)
    p.add_argument("--fail-on", choices=LEVELS, help="exit 1 on findings at or above this level")
    p.set_defaults(run=config_cmd)


def _declare_rules(sub: argparse._SubParsersAction[_Parser]) -> None:
    rules = sub.add_parser(
        "rules", help="list, test and import rule packs", description="List, test and import rule packs."
    )
    rules.set_defaults(usage_help=rules.format_help)
    rsub = rules.add_subparsers(dest="rules_command", metavar="COMMAND", parser_class=_Parser)
    p = rsub.add_parser("list", help="every pack: name, category, entry count, source")
    p.set_defaults(run=rules_list)
    p = rsub.add_parser("test", help="run every entry's flag/pass examples as tests")
    p.add_argument("packs", nargs="*", metavar="PACK", help="only these packs")
    p.set_defaults(run=rules_test)
    p = rsub.add_parser("import-pps", help="build the tortured-phrases pack from a Problematic Paper Screener export")
    p.add_argument("source", type=Path, help="Problematic Paper Screener JSON export")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("rules/tortured-phrases.yaml"),
        help="pack file to write (default: %(default)s)",
    )
    p.add_argument(
        "--clean-corpus", type=Path, metavar="DIR", help="folder of clean articles: drop entries found in them"
    )
    p.set_defaults(run=rules_import_pps)


#: the commands, in the order `cleaner -h` lists them
COMMANDS: dict[str, Callable[[argparse._SubParsersAction[_Parser]], None]] = {
    "check": _declare_check,
    "clean": _declare_clean,
    "report": _declare_report,
    "config": _declare_config,
    "rules": _declare_rules,
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line: `cleaner {check,clean,report,config,rules}`.

    With `only`, the command a run names, only that command is declared. Why: argparse builds a help
    formatter for every option it is given, and declaring all five commands cost ~10 ms of a hook's
    start for a run that parses one. Without it (`cleaner -h`, an unknown command) all are declared.
    """
    root = _Parser(
        prog="cleaner",
        description="Clean machine-translated and synonym-spun news: repair what is safe, flag what needs an editor.",
    )
    root.add_argument(
        "--version", action=_Version, nargs=0, default=argparse.SUPPRESS, help="show the version and exit"
    )
    sub = root.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, declare in COMMANDS.items():
        if only is None or name == only:
            declare(sub)
    return root


def _parse(parser: argparse.ArgumentParser, args: list[str]) -> argparse.Namespace:
    """Parse `args` down to the command they name; the command's own options and paths may come in
    any order (`cleaner check a.md --fix b.md`, as with most linters and as pre-commit appends files)."""
    group = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
    if group is None:
        return parser.parse_intermixed_args(args)
    if not args or args[0] not in group.choices:  # help, --version, a missing or unknown command
        return parser.parse_args(args)
    return _parse(group.choices[args[0]], args[1:])


def tune_gc() -> None:
    """Collect cyclic garbage less often (a command line's run is short and its objects long-lived).

    Why: a run allocates hundreds of thousands of long-lived objects (modules, the unpickled packs,
    compiled patterns) and few cycles; with the default threshold (700 allocations) the collector
    walked them 75 times in a one-file check (10–13 ms of a hook's start; 17 times and ~4 ms now) and
    kept walking them for every file of a batch. Objects outside cycles are freed by reference
    counting as before; the threshold only delays the search for cycles.
    """
    import gc

    gc.set_threshold(50_000, 20, 20)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """`cleaner …`: parse, run the command, exit with its code."""
    tune_gc()
    args = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(only=args[0] if args and args[0] in COMMANDS else None)
    if not args:
        parser.print_help(sys.stderr)
        raise SystemExit(2)
    ns = _parse(parser, args)
    run: Callable[..., None] | None = getattr(ns, "run", None)
    if run is None:  # a command group without its subcommand (`cleaner rules`), or options only
        sys.stderr.write(getattr(ns, "usage_help", parser.format_help)())
        raise SystemExit(2)
    kwargs = {k: v for k, v in vars(ns).items() if k not in ("run", "command", "rules_command", "usage_help")}
    if "quote_style" in kwargs:  # a command with the shared options (`_add_common`)
        kwargs["opts"] = Options(**{f: kwargs.pop(f) for f in Options.__dataclass_fields__ if f in kwargs})
    try:
        run(**kwargs)
    except Exit as exc:
        raise SystemExit(exc.code) from None
    except KeyboardInterrupt:  # pragma: no cover - interactive
        sys.stderr.write("cleaner: interrupted\n")
        raise SystemExit(130) from None
    raise SystemExit(0)


def entry() -> NoReturn:
    """The `cleaner` command (console script and `python -m cleaner`): `main`, then a fast exit.

    Why: at a normal exit Python frees every object one by one (the unpickled packs, the automaton,
    ~230 modules); in a one-file check that took ~40 ms, an eighth of a pre-commit hook's run. Like
    mypy, the command leaves with `os._exit` once its work is safely done: exit handlers run
    (`atexit`: worker pools, temporary folders, coverage), standard streams are flushed, and nothing
    else of Python's shutdown remains to do. Where that is not plainly so (another thread still
    running, an exit message instead of a code, a stream that cannot be flushed) Python exits normally.
    Tests call `main` in process and never reach this.
    """
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    else:  # pragma: no cover - main always exits
        code = 0
    if code is None:
        code = 0
    if not isinstance(code, int) or _threads_running():
        raise SystemExit(code)
    import atexit

    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away after the last line was written
        os._exit(SIGPIPE_EXIT)
    except (OSError, ValueError):  # anything else: let Python report it as it always has
        raise SystemExit(code) from None
    os._exit(code)


def _threads_running() -> bool:
    """Whether a thread other than the main one is still running (Python would wait for it)."""
    import threading

    main_thread = threading.main_thread()
    return any(t is not main_thread and not t.daemon and t.is_alive() for t in threading.enumerate())
