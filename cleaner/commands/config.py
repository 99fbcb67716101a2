"""`cleaner config`: the effective configuration of a path and where each value came from."""

from __future__ import annotations

from pathlib import Path

from .options import Options
from .outcome import _echo, _fail, _guard


@_guard
def config_cmd(
    path: Path | None,
    opts: Options,
    fail_on: str | None,
) -> None:
    """Print the effective configuration for PATH (default: the current folder) and where each value
    came from."""
    from ..settings import ConfigError, describe

    target = str(path) if path is not None else "."
    resolver = opts.resolver([target], fail_on)
    try:
        loaded = resolver.loaded(target)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    _echo(describe(loaded), nl=False)
