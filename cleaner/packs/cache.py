"""An on-disk cache of the compiled rule packs, so a one-file `cleaner check` in a hook starts at once.

Parsing ~10,000 YAML entries with PyYAML and compiling them takes seconds; unpickling the compiled
`PackSet` (Aho-Corasick automaton included: pyahocorasick automatons pickle) takes well under 0.1 s.
The cache key is a hash of everything the compiled object depends on: the cleaner version, the Python
version, the code that builds it (`cleaner/packs/*.py`, `cleaner/model.py`, so a development checkout
never unpickles objects of an older shape), and the path and bytes of every pack file. Editing a pack
therefore invalidates the entry; nothing has to be cleared by hand.

The cache lives in `platformdirs.user_cache_dir("cleaner")`, or in `$CLEANER_CACHE_DIR` (tests point it
at a temporary folder; an empty value switches the cache off). It is an optimisation only: a missing,
corrupt, truncated or unwritable cache silently falls back to building the packs, and writes are atomic
(temp file + rename) so concurrent workers never read half a file. Like any pickle, the cache is trusted
because it sits in the user's own cache directory, written by the user's own process.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

PREFIX = "packs-"
SUFFIX = ".pickle"
KEEP = 8  # entries kept (different extra-pack sets, versions); older ones are removed on write
_CODE = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    """Where the cache lives, or None when it is switched off (`CLEANER_CACHE_DIR=""`)."""
    env = os.environ.get("CLEANER_CACHE_DIR")
    if env is not None:
        return Path(env) if env.strip() else None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("cleaner", appauthor=False))


def cache_key(files: Iterable[Path]) -> str:
    """Hash of the version, the building code and every pack file's path and bytes."""
    from .. import __version__

    h = hashlib.sha256()
    h.update(f"{__version__}\0{sys.version_info[:2]}\0{pickle.HIGHEST_PROTOCOL}\0".encode())
    code = [*sorted(_CODE.glob("*.py")), _CODE.parent / "model.py"]
    for f in [*code, *files]:
        h.update(str(f).encode("utf-8", "surrogateescape") + b"\0")
        h.update(f.read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:32]


def cached(files: list[Path], build: Callable[[], T], kind: type | None = None) -> T:
    """The object `build()` returns for `files`, from the cache when an entry for them exists.

    `kind`, when given, is checked on what comes out of the cache (a stale or foreign file rebuilds).
    Errors reading pack files are left to `build`, which reports them properly.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        key = cache_key(files)
    except OSError:
        return build()
    path = folder / f"{PREFIX}{key}{SUFFIX}"
    obj = _read(path, kind)
    if obj is not None:
        return obj  # type: ignore[no-any-return]
    obj = build()
    _write(folder, path, obj)
    return obj


def _read(path: Path, kind: type | None) -> object | None:
    try:
        with path.open("rb") as fh:
            obj = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception:  # corrupt, truncated, written by other code: rebuild (and overwrite it)
        return None
    if kind is not None and not isinstance(obj, kind):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # most recently used survives pruning
    return obj


def _write(folder: Path, path: Path, obj: object) -> None:
    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".packs-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        _prune(folder)
    except Exception:  # unwritable, full disk, unpicklable: the cache is only an optimisation
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob(f"{PREFIX}*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
