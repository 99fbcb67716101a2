"""argparse, shaped for cleaner: the usage-error line and exit code 2 of every cleaner error, help
sized to the terminal without importing shutil, and a `--version` looked up only when asked.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, NoReturn

from .outcome import _echo


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
