"""An on-disk cache of the compiled rule packs, so a one-file `cleaner check` in a hook starts at once.

Parsing ~10,000 YAML entries with PyYAML and compiling them takes seconds; unpickling the compiled
`PackSet` (Aho-Corasick automaton included: pyahocorasick automatons pickle) takes well under 0.1 s.
The cache key is a hash of everything the compiled object depends on: the cleaner version, the Python
version, the code that builds it (`cleaner/packs/*.py`, `cleaner/model.py`, `cleaner/patterns.py`, so a
development checkout never unpickles objects of an older shape), and the path and bytes of every pack
file. Editing a pack therefore invalidates the entry; nothing has to be cleared by hand.

The cache lives in the user cache folder (`cleaner.cachedir`: `~/.cache/cleaner` on Linux), or in
`$CLEANER_CACHE_DIR` (tests point it at a temporary folder; an empty value switches the cache off).
It is an optimisation only: a missing, corrupt, truncated or unwritable cache silently falls back to
building the packs, and writes are atomic (temp file + rename) so concurrent workers never read half
a file. Like any pickle, the cache is trusted
because it sits in the user's own cache directory, written by the user's own process.

Loading is the larger part of a warm start, so the pickle is shaped for it (`dump`, below): the
~10,000 pack entries are stored as one byte string and an entry becomes an object only when something
asks for it (a phrase that hit, `rules list`), and compiled patterns are compiled again on first use
only (unpickling a `regex` pattern recompiles it, ~1 ms each).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO, TypeVar, cast, overload

from ..cachedir import cache_root
from ..patterns import LazyPattern

T = TypeVar("T")

PREFIX = "packs-"
SUFFIX = ".pickle"
KEEP = 8  # entries kept (different extra-pack sets, versions); older ones are removed on write
_CODE = Path(__file__).resolve().parent


def _hasher() -> Any:
    """BLAKE2b from CPython's built-in module: `hashlib` loads OpenSSL first (~5 ms of a hook's start)."""
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - an interpreter built without it
        from hashlib import blake2b
    return blake2b(digest_size=16)


def cache_key(files: Iterable[Path], builder: Path | None = None) -> str:
    """Hash of the version, the building code (with `builder`, the module the build function is in) and
    every pack file's path and bytes."""
    from .. import __version__

    h = _hasher()
    h.update(f"{__version__}\0{sys.version_info[:2]}\0{pickle.HIGHEST_PROTOCOL}\0".encode())
    code = [*sorted(_CODE.glob("*.py")), _CODE.parent / "model.py", _CODE.parent / "patterns.py"]
    if builder is not None and builder.is_file() and builder not in code:
        code.append(builder)
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
    folder = cache_root()
    if folder is None:
        return build()
    try:
        code = getattr(build, "__code__", None)
        key = cache_key(files, Path(code.co_filename) if code is not None else None)
    except OSError:
        return build()
    path = folder / f"{PREFIX}{key}{SUFFIX}"
    hit = _read(path, kind)
    if hit is not None:
        return cast(T, hit)  # `kind` checked it, when given
    obj = build()
    _write(folder, path, obj)
    return obj


def _read(path: Path, kind: type | None) -> object | None:
    try:
        with path.open("rb") as fh:
            obj = load(fh)
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
        import tempfile

        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".packs-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            dump(obj, fh)
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


# -- a pickle shaped for loading ---------------------------------------------------------------------
# Unpickling ~10,000 `Entry` objects (each a dataclass of 20 fields) was ~70 ms of a warm start, and
# recompiling every pattern (guards, regex entries, the boilerplate pack) another ~15 ms; a one-file
# check then uses a handful of entries. So a cache file holds two pickles:
#
# 1. a header: format tag, every `Entry` reachable from the object as one byte string of small
#    per-entry pickles, and their offsets;
# 2. the object itself, in which (through `persistent_id`) each list of entries is a `LazyEntries`
#    view of that store, each dict of entries keyed by strings a `LazyEntryMap`, and each compiled
#    `re`/`regex` pattern a `LazyPattern` compiled on first use.
#
# Views build an entry the first time it is read and keep it, so an entry is the same object through
# every view. Read-only use is unchanged: the views are a `Sequence` and a `Mapping` with what the
# code uses of lists and dicts (len, index, slice, iterate, `in`, `get`).

FORMAT = "cleaner-packs-2"


class _EntryStore:
    """Every entry of a cache file, each pickled on its own; an entry is built when first read."""

    __slots__ = ("_blob", "_built", "_offsets")

    def __init__(self, blob: bytes, offsets: bytes) -> None:
        self._blob = blob
        self._offsets = array("Q")
        self._offsets.frombytes(offsets)
        self._built: dict[int, Any] = {}

    def get(self, i: int) -> Any:
        e = self._built.get(i)
        if e is None:
            from .schema import Entry

            start, end = self._offsets[i], self._offsets[i + 1]
            e = self._built[i] = Entry(*pickle.loads(self._blob[start:end]))
        return e

    def __reduce__(self) -> tuple[Any, ...]:
        return (_EntryStore, (self._blob, self._offsets.tobytes()))


class LazyEntries(Sequence[Any]):
    """A read-only list of entries, built from the store as they are read."""

    __slots__ = ("_index", "_store")

    def __init__(self, store: _EntryStore, index: bytes) -> None:
        self._store = store
        self._index = array("I")
        self._index.frombytes(index)

    def __len__(self) -> int:
        return len(self._index)

    @overload
    def __getitem__(self, i: int) -> Any: ...

    @overload
    def __getitem__(self, i: slice) -> list[Any]: ...

    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return [self._store.get(k) for k in self._index[i]]
        return self._store.get(self._index[i])

    def __iter__(self) -> Iterator[Any]:
        get = self._store.get
        return (get(k) for k in self._index)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, LazyEntries)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # unhashable, like the list it stands for

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyEntries, (self._store, self._index.tobytes()))

    def __repr__(self) -> str:
        return f"<LazyEntries: {len(self)} pack entries>"


class LazyEntryMap(Mapping[str, Any]):
    """A read-only dict of entries by string key (`PackSet.by_rule`); the key index is built on first use."""

    __slots__ = ("_keys", "_map", "_values")

    def __init__(self, keys: str, values: LazyEntries) -> None:
        self._keys = keys  # the keys joined by NUL, in order
        self._values = values
        self._map: dict[str, int] | None = None

    def _positions(self) -> dict[str, int]:
        if self._map is None:
            self._map = {k: i for i, k in enumerate(self._keys.split("\0"))} if len(self._values) else {}
        return self._map

    def __getitem__(self, key: str) -> Any:
        return self._values[self._positions()[key]]

    def __contains__(self, key: object) -> bool:
        return key in self._positions()

    def __iter__(self) -> Iterator[str]:
        return iter(self._positions())

    def __len__(self) -> int:
        return len(self._values)

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyEntryMap, (self._keys, self._values))


def _pattern_types() -> dict[type, str]:
    """Compiled-pattern types and the module that compiles them."""
    import re

    types: dict[type, str] = {re.Pattern: "re"}
    with contextlib.suppress(ImportError):
        import regex

        types[type(regex.compile(""))] = "regex"
    return types


def dump(obj: object, fh: BinaryIO) -> None:
    """Write `obj` as a cache file: header (entry store), then the object with lazy views."""
    import io
    from dataclasses import fields

    from .schema import Entry

    patterns = _pattern_types()

    def pattern_id(o: object) -> tuple[str, str, str, int] | None:
        module = patterns.get(type(o))
        return None if module is None else ("pattern", module, o.pattern, o.flags)  # type: ignore[attr-defined]

    class _Collect(pickle.Pickler):
        """First pass: every entry reachable from `obj`, in the order pickling meets them."""

        def __init__(self) -> None:
            super().__init__(io.BytesIO(), protocol=pickle.HIGHEST_PROTOCOL)
            self.position: dict[int, int] = {}
            self.entries: list[Any] = []

        def persistent_id(self, o: object) -> object:
            t = type(o)
            if t is Entry:
                if id(o) not in self.position:
                    self.position[id(o)] = len(self.entries)
                    self.entries.append(o)
                return "entry"  # its fields are pickled in the store, not walked here (no entry holds one)
            return "pattern" if t in patterns else None  # nor patterns (a `regex` one recompiles to pickle)

    class _Fields(pickle.Pickler):
        """One entry's field values; its patterns (a regex entry's, its guards') as `LazyPattern`s."""

        def reducer_override(self, o: object) -> Any:
            pid = pattern_id(o)
            return NotImplemented if pid is None else (LazyPattern, pid[1:])

    collect = _Collect()
    collect.dump(obj)
    position = collect.position
    names = [f.name for f in fields(Entry)]
    blob = io.BytesIO()
    offsets = array("Q", [0])
    one = _Fields(blob, protocol=pickle.HIGHEST_PROTOCOL)
    for e in collect.entries:
        one.clear_memo()  # each entry's pickle stands alone: it is loaded on its own
        one.dump(tuple(getattr(e, n) for n in names))
        offsets.append(blob.tell())

    def index(items: Iterable[Any]) -> bytes | None:
        out = array("I")
        for x in items:
            if type(x) is not Entry:
                return None
            out.append(position[id(x)])
        return out.tobytes()

    class _Lazy(pickle.Pickler):
        def persistent_id(self, o: object) -> object:
            t = type(o)
            if t is Entry:
                return ("entry", position[id(o)])
            if t is list and o and type(o[0]) is Entry:  # type: ignore[index]
                at = index(o)  # type: ignore[arg-type]
                return None if at is None else ("entries", at)
            if (
                t is dict
                and o
                and type(next(iter(o.values()))) is Entry  # type: ignore[attr-defined]
                and all(type(k) is str and "\0" not in k for k in o)  # type: ignore[attr-defined]
            ):
                at = index(o.values())  # type: ignore[attr-defined]
                return None if at is None else ("map", "\0".join(o), at)  # type: ignore[arg-type]
            return pattern_id(o)

    pickle.dump((FORMAT, blob.getvalue(), offsets.tobytes()), fh, protocol=pickle.HIGHEST_PROTOCOL)
    _Lazy(fh, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)


def load(fh: BinaryIO) -> object:
    """Read a cache file written by `dump`."""
    header = pickle.load(fh)
    if not (isinstance(header, tuple) and len(header) == 3 and header[0] == FORMAT):
        raise ValueError("not a cleaner pack cache")
    store = _EntryStore(header[1], header[2])

    class _Unpickler(pickle.Unpickler):
        def persistent_load(self, pid: Any) -> object:
            kind = pid[0]
            if kind == "entries":
                return LazyEntries(store, pid[1])
            if kind == "map":
                return LazyEntryMap(pid[1], LazyEntries(store, pid[2]))
            if kind == "entry":
                return store.get(pid[1])
            if kind == "pattern":
                return LazyPattern(pid[1], pid[2], pid[3])
            raise pickle.UnpicklingError(f"unknown reference {kind!r}")

    return _Unpickler(fh).load()
