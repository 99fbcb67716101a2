"""Command line wiring: declare the commands and their options, parse, dispatch. Nothing else lives here.

What each command does is in `cleaner/commands/` (one module per command, plus the policy they share:
exit codes and one-line errors in `outcome`, configuration and worker policy in `options`, gc tuning
and the fast exit in `process`). A command's module is imported only when that command is declared.

Exit codes (DESIGN.md): 0 nothing at or above `--fail-on`; 1 findings; 2 usage or runtime error.
Errors are one line on stderr, never a traceback.

Parsed with the standard library's argparse. Why not typer or click: a pre-commit hook runs a
one-file check on every commit and the target is 0.3 s (issue 6). typer 0.29 built a pydantic adapter
for every option (~0.35 s a run); click costs ~40 ms to import, an eighth of the budget; argparse ~5 ms.
pre-commit itself, flake8 and pip's own hooks make the same choice.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import NoReturn

from .commands.options import Options
from .commands.outcome import Exit
from .commands.parsing import _Parser, _Version
from .commands.process import run_and_exit, tune_gc
from .model import CATEGORIES

__all__ = ["COMMANDS", "build_parser", "entry", "main", "tune_gc"]

FORMATS = ("text", "json", "sarif", "github", "rdjson")
LEVELS = ("error", "warning", "info")
ENGINES = ("local", "dask")
QUOTE_STYLES = ("curly", "straight")


def _add_paths(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files or folders (.txt, .md, .markdown, .html); - reads standard input",
    )


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
    p.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply the configured exclude globs to files named on the command line too (pre-commit)",
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


def _declare_check(sub: argparse._SubParsersAction[_Parser]) -> None:
    from .commands.check import check

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
    from .commands.clean import clean

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
    from .commands.review import report

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
    from .commands.config import config_cmd

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


@cache
def _without_table_options(run: Callable[..., None]) -> Callable[..., None]:
    """A `rules` subcommand, called without the options of the rule table (`--format`, `--category`);
    one wrapper per command (cached), so every parser built declares the same one."""
    return lambda output_format="text", category=None, **kwargs: run(**kwargs)


def _declare_rules(sub: argparse._SubParsersAction[_Parser]) -> None:
    from .commands.rules import rules_import_pps, rules_list, rules_screen, rules_table, rules_test

    rules = sub.add_parser(
        "rules",
        help="list every rule; test and import rule packs",
        description="Without a command: every rule (code and packs) as a table or JSON. "
        "`cleaner explain ID` prints one.",
    )
    rules.add_argument("--format", dest="output_format", choices=("text", "json"), default="text")
    rules.add_argument("--category", choices=CATEGORIES, help="only the rules of this category")
    rules.set_defaults(run=rules_table)
    rsub = rules.add_subparsers(dest="rules_command", metavar="COMMAND", parser_class=_Parser)
    p = rsub.add_parser("list", help="every pack: name, category, entry count, source")
    p.set_defaults(run=_without_table_options(rules_list))
    p = rsub.add_parser("test", help="run every entry's flag/pass examples as tests")
    p.add_argument("packs", nargs="*", metavar="PACK", help="only these packs")
    p.set_defaults(run=_without_table_options(rules_test))
    p = rsub.add_parser("screen", help="print pack phrases that are ordinary English, and why")
    p.add_argument("packs", nargs="*", metavar="PACK", help="only these packs")
    p.add_argument("--all", dest="show_all", action="store_true", help="also show guarded and regex entries")
    p.set_defaults(run=_without_table_options(rules_screen))
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
    p.set_defaults(run=_without_table_options(rules_import_pps))


def _declare_explain(sub: argparse._SubParsersAction[_Parser]) -> None:
    from .commands.rules import explain

    p = sub.add_parser("explain", help="explain one rule (why, examples)", description="Explain one rule.")
    p.add_argument("rule", metavar="ID", help="a rule ID, e.g. spin-news/at-the-minimum")
    p.set_defaults(run=explain)


#: the commands, in the order `cleaner -h` lists them
COMMANDS: dict[str, Callable[[argparse._SubParsersAction[_Parser]], None]] = {
    "check": _declare_check,
    "clean": _declare_clean,
    "report": _declare_report,
    "config": _declare_config,
    "rules": _declare_rules,
    "explain": _declare_explain,
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
    """The `cleaner` command (console script and `python -m cleaner`): `main`, then a fast exit
    (`commands.process.run_and_exit` says why)."""
    run_and_exit(main)
