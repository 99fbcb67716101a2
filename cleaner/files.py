"""Finding the files to process and writing results back without ever losing data.

Folders are walked for article files (symlinks are not followed into loops; `.git` and similar
folders are skipped; the output folder is never read back as input). `.gitignore` files are honoured
the way git does: every `.gitignore` from the repository root (the nearest folder above with `.git`)
down to the file's folder applies, patterns relative to their own folder, the deepest match deciding
(so a nested `!keep.md` re-includes). A file named explicitly is processed whatever its suffix and
whatever `.gitignore` says (as with git and ruff), but configured `exclude` globs apply to it too,
because pre-commit passes every changed file by name. Every write goes to a temporary file in the
target's folder, is flushed and fsynced, keeps the target's permissions, and is then renamed over the
target, so a crash or a signal leaves either the old file or the new one, never half of either
(`cleaner.atomic`).
"""

from __future__ import annotations

import os
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


# Reading and writing live in `atomic`; these names stay importable from here.
from .atomic import (  # noqa: E402
    ChangedError,
    NotRegularFileError,
    Stamp,
    defer_signal,
    read_regular,
    read_with_stamp,
    sweep_stale_temps,
    write_atomic,
)

__all__ = [
    "ChangedError",
    "InputError",
    "NotRegularFileError",
    "OutputClash",
    "Stamp",
    "Target",
    "defer_signal",
    "discover",
    "read_regular",
    "read_with_stamp",
    "safe_name",
    "sweep_stale_temps",
    "write_atomic",
]
