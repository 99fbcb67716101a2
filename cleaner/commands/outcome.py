"""How a command ends: exit codes (0 nothing to report, 1 findings, 2 errors; DESIGN.md), the one-line
error on stderr, and every library error turned into that line and exit code 2 (`_guard`).
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path


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


def _guard(fn):  # type: ignore[no-untyped-def]
    """Turn every library error into one line and exit code 2."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        from ..grammar import GrammarUnavailable
        from ..packs import PackError

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
            from ..runner import Terminated

            # the shell's convention: 128 + signal number (SIGTERM 15, SIGINT 2)
            terminated = isinstance(exc, Terminated)
            _echo(f"cleaner: {'terminated' if terminated else 'interrupted'}", err=True)
            raise Exit(143 if terminated else 130) from None
        except Exception as exc:  # one line, never a traceback
            from ..errors import describe

            raise _fail(describe(exc)) from None

    return wrapper


def _write_or_fail(path: Path, data: bytes) -> None:
    """Write a report file; a failure names that file (a full disk said only "No space left on device")."""
    from ..files import safe_name, write_atomic

    try:
        write_atomic(path, data)
    except OSError as exc:
        raise _fail(f"cannot write {safe_name(str(path))}: {exc.strerror or exc}") from None


NO_FILES = "no article files found (.txt, .md, .markdown, .html)"
