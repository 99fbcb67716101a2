"""The command's process: gc tuning at start, and the fast exit (`os._exit`) at the end."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import NoReturn

from .outcome import SIGPIPE_EXIT


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


def run_and_exit(main: Callable[[], object]) -> NoReturn:
    """Run the command's `main` (`cli.main`, which always exits), then leave with a fast exit.

    Why: at a normal exit Python frees every object one by one (the unpickled packs, the automaton,
    ~230 modules); in a one-file check that took ~40 ms, an eighth of a pre-commit hook's run. Like
    mypy, the command leaves with `os._exit` once its work is safely done: exit handlers run
    (`atexit`: worker pools, temporary folders, coverage), standard streams are flushed, and nothing
    else of Python's shutdown remains to do. Where that is not plainly so (another thread still
    running, an exit message instead of a code, a stream that cannot be flushed) Python exits normally.
    Tests call `cli.main` in process and never reach this.
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
