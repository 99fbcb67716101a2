"""Reading a user's file safely and writing results back without ever losing data.

Every write goes to a temporary file in the target's folder, is flushed and fsynced, keeps the
target's permissions, and is then renamed over the target, so a crash or a signal leaves either the
old file or the new one, never half of either. Rewriting a user's own file also checks that it was
not edited since it was read, writes through symbolic links and keeps hard links (`write_atomic`).
Split from `files` (which finds the files) to keep each module to one concern.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO


class NotRegularFileError(OSError):
    pass


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file; anything else (FIFO, device, socket) raises instead of blocking."""
    return read_with_stamp(path)[0]


@dataclass(frozen=True, slots=True)
class Stamp:
    """What a file was when it was read: size, modification time (ns) and a hash of its content.

    `--fix` and `--in-place` compare it with the file just before the atomic rename: a file edited
    while it was being cleaned is left as the user saved it (issue 26: an appended line was lost).
    """

    size: int
    mtime_ns: int
    digest: bytes


def _digest(data: bytes) -> bytes:
    import hashlib

    return hashlib.blake2b(data, digest_size=16).digest()


def read_with_stamp(path: Path) -> tuple[bytes, Stamp]:
    """The bytes of a regular file and its `Stamp`; anything else (FIFO, device, socket) raises.

    See `open_regular`."""
    with open_regular(path) as (fh, st):
        data = fh.read()
    return data, Stamp(st.st_size, st.st_mtime_ns, _digest(data))


@contextlib.contextmanager
def open_regular(path: Path) -> Iterator[tuple[BinaryIO, os.stat_result]]:
    """A regular file opened for reading, and its fstat; anything else (FIFO, device, socket) raises.

    The file is opened non-blocking and checked with fstat on the open descriptor, so a path that
    changes into a named pipe between discovery and reading cannot hang the run."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFileError(0, "not a regular file", str(path))
        with os.fdopen(fd, "rb", closefd=False) as fh:
            yield fh, st
    finally:
        os.close(fd)


class ChangedError(OSError):
    """The file changed on disk after it was read; the cleaned text was not written over it."""


def _unchanged(path: str, stamp: Stamp) -> bool:
    """Whether `path` still holds what `stamp` describes (size and mtime first, then the content,
    read in blocks: an edit inside the same clock tick keeps size and mtime)."""
    import hashlib

    try:
        st = os.stat(path)
    except OSError:
        return False
    if st.st_size != stamp.size or st.st_mtime_ns != stamp.mtime_ns:
        return False
    h = hashlib.blake2b(digest_size=16)
    try:
        with open(path, "rb") as fh:
            while block := fh.read(1 << 20):
                h.update(block)
    except OSError:
        return False
    return h.digest() == stamp.digest


# -- signals during a write ------------------------------------------------------------------------
# The runner turns SIGINT and SIGTERM into an exception (runner.stop_on_signals). Raised between
# mkstemp and rename it would leave a temp file behind, so its handler asks `defer_signal` first: while
# a write is in progress the signal is remembered and raised again as soon as the write is complete.
_writing = 0
_pending: list[int] = []


def defer_signal(signum: int) -> bool:
    """True (and the signal is re-raised after the current write) when a write is in progress."""
    if _writing:
        _pending.append(signum)
        return True
    return False


@contextlib.contextmanager
def _whole_write() -> Iterator[None]:
    global _writing
    _writing += 1
    try:
        yield
    finally:
        _writing -= 1
        if not _writing and _pending:
            import signal

            signum = _pending.pop()
            _pending.clear()
            signal.raise_signal(signum)


@functools.cache
def _umask() -> int:
    umask = os.umask(0o022)  # reading the umask means setting it; done once, before any worker starts
    os.umask(umask)
    return umask


#: temp-file names: `.<name>.<pid>.<n>.cleaner-tmp`, created with O_EXCL (a name left over from a
#: crashed run is skipped, not reused); the pid keeps forked workers apart
_TMP_SEQ = itertools.count()
_TMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


#: temp names left by a run that was killed (kill -9, power cut): `.<name>.<pid>.<n>.cleaner-tmp`
_TMP_NAME = re.compile(r"\A\..+\.(\d+)\.\d+\.cleaner-tmp\Z", re.DOTALL)
_swept: set[str] = set()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # another user's process (or an unknowable pid): leave its file alone
    return True


def sweep_stale_temps(folder: str | Path) -> int:
    """Delete temp files of runs that no longer exist from `folder`; how many were deleted.

    Why: kill -9 (or a crash) between creating a temp file and renaming it leaves the temp file; the
    next run that writes into the folder removes it. A temp file whose process still runs (another
    cleaner at work in the same folder) is kept. Done once per folder and process (one `scandir`).
    """
    key = os.fspath(folder)
    if key in _swept:
        return 0
    _swept.add(key)
    removed = 0
    try:
        entries = list(os.scandir(key))
    except OSError:
        return 0
    for entry in entries:
        if not entry.name.endswith(".cleaner-tmp"):
            continue
        m = _TMP_NAME.match(entry.name)
        if m is None or _alive(int(m.group(1))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed += 1
    return removed


def _create_temp(folder: Path, name: str, mode: int) -> tuple[int, str]:
    """A new, empty temp file beside the target, opened for writing with `mode` (less the umask).

    Not `tempfile.mkstemp`: with its random names, the 0600 file it makes chmod-ed afterwards and the
    folder created on every call, a report's write took 60 µs, now 50, where the syscalls alone take 37
    (a run over a folder writes three files per article). A missing folder is made on the first failure.
    """
    sweep_stale_temps(folder)
    made = False
    for _ in range(1000):
        tmp = os.path.join(folder, f".{name}.{os.getpid()}.{next(_TMP_SEQ)}.cleaner-tmp")
        try:
            return os.open(tmp, _TMP_FLAGS, mode), tmp
        except FileExistsError:
            continue
        except FileNotFoundError:
            if made:
                raise
            # Make the folder and try again. Not "raise if it exists now": another worker may have
            # made it between our open and this check (two workers writing the first reports of a
            # batch into a new folder: one lost its report, 1 run in ~6 of test_engines).
            folder.mkdir(parents=True, exist_ok=True)
            made = True
    raise FileExistsError(17, "no free temporary file name", str(folder))


def write_atomic(
    path: Path, data: bytes, durable: bool = True, expect: Stamp | None = None, follow: bool = False
) -> None:
    """Replace `path` with `data` atomically (temp file in the same folder, fsync, rename).

    `durable=False` skips the two fsyncs: for files cleaner derives and rewrites on every run (reports),
    where surviving a power cut is not worth ~1 ms per file. The replacement is atomic either way. A
    replaced file keeps its permission bits; a new one gets the usual 0666 less the umask.

    For rewriting a user's own file (`--fix`, `--in-place`): `expect` is the file as it was read — if
    it differs now, `ChangedError` is raised and nothing is written; `follow=True` writes through a
    symbolic link to its target (the link stays a link), and a file with several hard links is
    rewritten in its own inode (all links keep seeing one file; see `_rewrite_in_place`).
    """
    path = Path(path)
    if follow:
        path = Path(os.path.realpath(path))
    folder = path.parent
    try:
        st: os.stat_result | None = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        st = None
    mode = None if st is None else stat.S_IMODE(st.st_mode)
    if follow and st is not None and st.st_nlink > 1:
        _rewrite_in_place(path, data, durable, expect)
        return
    with _whole_write():
        fd, tmp = _create_temp(folder, path.name, 0o666 if mode is None else mode & 0o777)
        try:
            with os.fdopen(fd, "wb") as fh:
                if mode is not None and (mode & ~0o777 or mode & _umask()):
                    os.chmod(tmp, mode)  # what the umask took off, and setuid/setgid/sticky
                fh.write(data)
                fh.flush()
                if durable:
                    os.fsync(fh.fileno())
            if expect is not None and not _unchanged(str(path), expect):
                raise ChangedError(0, "changed on disk while it was being cleaned; left as it is", str(path))
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    if not durable:
        return
    with contextlib.suppress(OSError):
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def _rewrite_in_place(path: Path, data: bytes, durable: bool, expect: Stamp | None) -> None:
    """Write `data` into the existing inode of a file with several hard links.

    Why not rename: a rename gives the name a new inode, splitting it from its other links (which
    would keep the old text). The price: this write is not atomic against a power cut or kill -9 in
    its middle (SIGINT/SIGTERM wait for it, as for every write). The new content is written over the
    old from the start and the file then cut to length, so it is never empty on the way.
    """
    with _whole_write():
        if expect is not None and not _unchanged(str(path), expect):
            raise ChangedError(0, "changed on disk while it was being cleaned; left as it is", str(path))
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.ftruncate(fd, len(data))
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)


class StreamedWrite:
    """The temp file of an `atomic_writer`: `write` pieces into it; `discard()` to leave the target as
    it is (an in-place rewrite that turned out to change nothing)."""

    __slots__ = ("_fh", "discarded")

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self.discarded = False

    def write(self, data: bytes) -> None:
        self._fh.write(data)

    def discard(self) -> None:
        self.discarded = True


@contextlib.contextmanager
def atomic_writer(
    path: Path, durable: bool = True, expect: Stamp | None = None, follow: bool = False
) -> Iterator[StreamedWrite]:
    """`write_atomic` for output made piece by piece (a big file cleaned window by window): the pieces
    go into a temp file beside `path` as they come, and only when the block ends without an exception
    is the temp file checked (`expect`), synced and renamed over `path` (or, for a file with several
    hard links, copied into its inode). Nothing of the output is held in memory.

    Why signals are not deferred for the whole block (as `write_atomic` does): cleaning a 200 MB file
    takes minutes; Ctrl-C raises here as anywhere, the temp file is deleted on the way out, and only
    the final check-and-rename runs with signals deferred.
    """
    path = Path(path)
    if follow:
        path = Path(os.path.realpath(path))
    folder = path.parent
    try:
        st: os.stat_result | None = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        st = None
    mode = None if st is None else stat.S_IMODE(st.st_mode)
    linked = follow and st is not None and st.st_nlink > 1
    fd, tmp = _create_temp(folder, path.name, 0o666 if mode is None else mode & 0o777)
    try:
        with os.fdopen(fd, "wb") as fh:
            if mode is not None and (mode & ~0o777 or mode & _umask()):
                os.chmod(tmp, mode)
            out = StreamedWrite(fh)
            yield out
            fh.flush()
            if durable and not linked and not out.discarded:
                os.fsync(fh.fileno())
        if out.discarded:
            os.unlink(tmp)
            return
        with _whole_write():
            if linked:
                _copy_in_place(tmp, path, durable, expect)
                os.unlink(tmp)
            else:
                if expect is not None and not _unchanged(str(path), expect):
                    raise ChangedError(0, "changed on disk while it was being cleaned; left as it is", str(path))
                os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable and not linked:
        with contextlib.suppress(OSError):
            dfd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)


def _copy_in_place(src: str, path: Path, durable: bool, expect: Stamp | None) -> None:
    """`_rewrite_in_place` from a file, block by block (see there for why and what it costs)."""
    if expect is not None and not _unchanged(str(path), expect):
        raise ChangedError(0, "changed on disk while it was being cleaned; left as it is", str(path))
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    try:
        size = 0
        with open(src, "rb") as fh:
            while block := fh.read(1 << 20):
                view = memoryview(block)
                while view:
                    view = view[os.write(fd, view) :]
                size += len(block)
        os.ftruncate(fd, size)
        if durable:
            os.fsync(fd)
    finally:
        os.close(fd)
