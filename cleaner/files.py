"""Finding the files to process and writing results back without ever losing data.

Folders are walked for article files (symlinks are not followed into loops; `.git` and similar
folders are skipped; the output folder is never read back as input). `.gitignore` files are honoured
the way git does: every `.gitignore` from the repository root (the nearest folder above with `.git`)
down to the file's folder applies, patterns relative to their own folder, the deepest match deciding
(so a nested `!keep.md` re-includes). A file named explicitly is processed whatever its suffix and
whatever `.gitignore` says (as with git and ruff), but configured `exclude` globs apply to it too,
because pre-commit passes every changed file by name. Every write goes to a temporary file in the
target's folder, is flushed and fsynced, keeps the target's permissions, and is then renamed over the
target, so a crash or a signal leaves either the old file or the new one, never half of either.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".mdown", ".mkd", ".html", ".htm"})
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"})


def safe_name(name: str) -> str:
    """`name` as text any output can hold: bytes that are not UTF-8 (kept by Python as surrogate
    escapes, which no encoder accepts) are shown as `\\xNN`. A file name of such bytes crashed
    `check -f sarif`, `report` and `clean --report` (issue 26)."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that is not an escaped byte
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


class OutputClash(ValueError):
    """Two inputs would be written to the same output path (the message names both)."""


@dataclass(frozen=True, slots=True)
class Target:
    """One input file: where it is, and its path relative to the folder it was found in."""

    path: Path
    relative: Path  # where its outputs go under --out/--report: its path below the inputs' common folder
    display: str  # safe to print (see `safe_name`)


@dataclass(frozen=True, slots=True)
class InputError:
    display: str
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "display", safe_name(self.display))


def _gitignore_spec(folder: Path):  # type: ignore[no-untyped-def]
    """The compiled `.gitignore` of one folder, or None when it has none (or it cannot be read)."""
    gi = folder / ".gitignore"
    try:
        lines = gi.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    lines = [ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


class _GitIgnores:
    """Every `.gitignore` that applies under a walk root (see module docstring), each read once.

    Why the chain cache: each folder's list of applicable `(folder, spec)` pairs is its parent's list
    plus its own spec, built once; asking about a path costs one lookup plus one check per
    `.gitignore` that applies, not a walk over all its parents (a folder 500 deep took 245 s).
    """

    def __init__(self, root: Path) -> None:
        root = root.resolve()
        self.top = next((f for f in (root, *root.parents) if (f / ".git").exists()), root)
        self._specs: dict[Path, object] = {}
        self._chains: dict[Path, tuple[bool, tuple[tuple[Path, object], ...]]] = {}
        if self.top != root and self.ignored(root, True):
            self.top = root  # a folder named explicitly is walked even when git ignores it
            self._chains.clear()

    def _spec(self, folder: Path):  # type: ignore[no-untyped-def]
        if folder not in self._specs:
            self._specs[folder] = _gitignore_spec(folder)
        return self._specs[folder]

    def _chain(self, folder: Path) -> tuple[tuple[Path, object], ...]:
        """The `.gitignore` specs that apply to entries of `folder`, shallowest first."""
        pending: list[Path] = []
        under: bool = False
        base: tuple[tuple[Path, object], ...] = ()  # the state of the folder above the highest pending one
        f = folder
        while True:
            if f in self._chains:
                under, base = self._chains[f]
                break
            pending.append(f)
            if f == self.top or f.parent == f:
                break
            f = f.parent
        for g in reversed(pending):
            under = under or g == self.top
            spec = self._spec(g) if under else None
            if spec is not None:
                base = (*base, (g, spec))
            self._chains[g] = (under, base)
        return base

    def ignored(self, path: Path, is_dir: bool) -> bool:
        """Whether git would ignore `path` (resolved); deeper `.gitignore` files decide over shallower ones."""
        result = False
        for folder, spec in self._chain(path.parent):
            check = spec.check_file(path.relative_to(folder).as_posix() + ("/" if is_dir else ""))  # type: ignore[attr-defined]
            if check.include is not None:
                result = check.include
        return result


def _excluded(rel: str, patterns: tuple[str, ...]) -> bool:
    if not patterns:
        return False
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns).match_file(rel)


def discover(
    paths: Iterable[str],
    exclude: tuple[str, ...] = (),
    skip: Iterable[Path] = (),
    suffixes: frozenset[str] = ARTICLE_SUFFIXES,
    is_excluded: Callable[[Path], bool] | None = None,
    excluded_out: list[Path] | None = None,
) -> tuple[list[Target], list[InputError]]:
    """Expand files and folders into targets (deduplicated), plus one error per bad path.

    `exclude` globs are relative to each walked folder; `is_excluded(path)` is asked about every
    folder and file (named ones included) — the CLI passes the per-file configuration's `exclude`.
    Files left out that way are appended to `excluded_out` when given (a hook run on only excluded
    files is a success, not "no files found").
    """
    found: list[tuple[Path, str]] = []
    bases: list[str] = []
    errors: list[InputError] = []
    seen: set[tuple[int, int]] = set()
    skip_resolved = [s.resolve() for s in skip]

    def add(p: Path, display: str) -> None:
        # One file reached twice (a symlink, a hard link, a folder and a file in it) is one target:
        # fixed twice, the second write would find the file changed by the first.
        try:
            st = os.stat(p)
        except (OSError, RuntimeError) as exc:
            errors.append(InputError(display, f"cannot resolve path: {getattr(exc, 'strerror', None) or exc}"))
            return
        if (st.st_dev, st.st_ino) in seen:
            return
        seen.add((st.st_dev, st.st_ino))
        found.append((p, display))

    for raw in paths:
        p = Path(raw)
        if p.is_symlink() and not p.exists():
            errors.append(InputError(raw, "dangling symbolic link"))
            continue
        if not p.exists():
            errors.append(InputError(raw, "no such file or directory"))
            continue
        if p.is_dir():
            bases.append(os.path.abspath(p))
            for f in _walk(p, exclude, skip_resolved, suffixes, errors, is_excluded, excluded_out):
                add(f, str(f))
        elif p.is_file():
            if is_excluded is not None and is_excluded(p):
                if excluded_out is not None:
                    excluded_out.append(p)
                continue
            bases.append(os.path.dirname(os.path.abspath(p)))
            add(p, raw)
        else:
            errors.append(InputError(raw, "not a regular file"))
    return _relative_to_common(found, bases), errors


def _relative_to_common(found: list[tuple[Path, str]], bases: list[str]) -> list[Target]:
    """Targets whose `relative` paths lie below the common folder of every input, so that outputs
    mirror the inputs and two inputs never share one output (`a/post.md b/post.md --out o` writes
    `o/a/post.md` and `o/b/post.md`; one folder or one file alone keeps its plain names, as before)."""
    if not found:
        return []
    try:
        root = os.path.commonpath(bases)
    except ValueError:  # different drives (Windows): no common folder to mirror below
        raise OutputClash(
            f"{found[0][1]} and {found[-1][1]}: no common folder to mirror in the output; run them separately"
        ) from None
    targets: list[Target] = []
    taken: dict[str, str] = {}
    for p, display in found:
        rel = os.path.relpath(os.path.abspath(p), root)
        key = os.path.normcase(rel)
        if key in taken:
            raise OutputClash(f"{taken[key]} and {display} would both be written to {rel}; run them separately")
        taken[key] = display
        targets.append(Target(p, Path(rel), safe_name(display)))
    return targets


def _walk(
    root: Path,
    exclude: tuple[str, ...],
    skip: list[Path],
    suffixes: frozenset[str],
    errors: list[InputError],
    is_excluded: Callable[[Path], bool] | None = None,
    excluded_out: list[Path] | None = None,
) -> Iterator[Path]:
    gitignores = _GitIgnores(root)
    root_real = root.resolve()
    found: list[Path] = []

    def onerror(exc: OSError) -> None:
        errors.append(InputError(str(exc.filename or root), f"cannot read folder: {exc.strerror}"))

    def ignored(path: Path, is_dir: bool) -> bool:
        try:
            return gitignores.ignored(root_real / path.relative_to(root), is_dir)
        except ValueError:  # pragma: no cover - os.walk stays under root
            return False

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=False):
        d = Path(dirpath)
        keep = []
        for name in sorted(dirnames):
            sub = d / name
            rel = sub.relative_to(root).as_posix() + "/"
            if name in SKIP_DIRS or ignored(sub, True) or _excluded(rel, exclude):
                continue
            if is_excluded is not None and is_excluded(sub):
                continue
            if any(sub.resolve() == s for s in skip):
                continue
            keep.append(name)
        dirnames[:] = keep
        for name in sorted(filenames):
            f = d / name
            if f.suffix.lower() not in suffixes:
                continue
            rel = f.relative_to(root).as_posix()
            if ignored(f, False) or _excluded(rel, exclude):
                continue
            if is_excluded is not None and is_excluded(f):
                if excluded_out is not None:
                    excluded_out.append(f)
                continue
            if f.is_symlink() and not f.exists():
                errors.append(InputError(str(f), "dangling symbolic link"))
                continue
            if not f.is_file():  # a FIFO named x.txt would block the read forever
                errors.append(InputError(str(f), "not a regular file"))
                continue
            found.append(f)
    return iter(found)


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

    The file is opened non-blocking and checked with fstat on the open descriptor, so a path that
    changes into a named pipe between discovery and reading cannot hang the run.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFileError(0, "not a regular file", str(path))
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read()
    finally:
        os.close(fd)
    return data, Stamp(st.st_size, st.st_mtime_ns, _digest(data))


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
    for attempt in range(1000):
        tmp = os.path.join(folder, f".{name}.{os.getpid()}.{next(_TMP_SEQ)}.cleaner-tmp")
        try:
            return os.open(tmp, _TMP_FLAGS, mode), tmp
        except FileExistsError:
            continue
        except FileNotFoundError:
            if attempt or folder.is_dir():
                raise
            folder.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileExistsError):
                return os.open(tmp, _TMP_FLAGS, mode), tmp
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
