"""Run `cleaner.cli.main` in process, as the command line would, and capture what it prints.

Why in process: a subprocess per call would cost a Python start-up each; the CLI tests that need the
real console script (exit codes through a shell, signals, pre-commit) run it as a subprocess.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass


@dataclass
class Invocation:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        """stdout, then stderr (what a terminal would show, in an order tests can rely on)."""
        return self.stdout + self.stderr


def _apply(env: Mapping[str, str | None]) -> None:
    for k, v in env.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@contextlib.contextmanager
def _environ(env: Mapping[str, str | None]) -> Iterator[None]:
    """`env` set (None: unset) for the duration, then the environment as it was."""
    saved = {k: os.environ.get(k) for k in env}
    try:
        _apply(env)
        yield
    finally:
        _apply(saved)


def invoke(args: list[str], env: Mapping[str, str | None] | None = None) -> Invocation:
    """`cleaner ARGS` in this process: its exit code and its stdout and stderr."""
    from cleaner.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with _environ(env or {}), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(args)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return Invocation(code, out.getvalue(), err.getvalue())
