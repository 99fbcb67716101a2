"""Finding the files to process and writing results back without ever losing data.

Folders are walked for article files (symlinks are not followed into loops; `.git` and similar
folders are skipped; `.gitignore` files are honoured; the output folder is never read back as input).
A file named explicitly is processed whatever its suffix. Every write goes to a temporary file in the
target's folder, is flushed and fsynced, keeps the target's permissions, and is then renamed over the
target, so a crash or a signal leaves either the old file or the new one, never half of either.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".mdown", ".mkd"})
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"})


@dataclass(frozen=True, slots=True)
class Target:
    """One input file: where it is, and its path relative to the folder it was found in."""

    path: Path
    relative: Path
    display: str


@dataclass(frozen=True, slots=True)
class InputError:
    display: str
    message: str


def _gitignore_spec(root: Path):  # type: ignore[no-untyped-def]
    try:
        import pathspec
    except ImportError:  # pragma: no cover - declared dependency
        return None
    lines: list[str] = []
    for gi in [root / ".gitignore"]:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            lines += gi.read_text(encoding="utf-8").splitlines()
    if not lines:
        return None
    return pathspec.PathSpec.from_lines("gitwildmatch", lines)


def _excluded(rel: str, patterns: tuple[str, ...]) -> bool:
    if not patterns:
        return False
    import pathspec

    return pathspec.PathSpec.from_lines("gitwildmatch", patterns).match_file(rel)


def discover(
    paths: Iterable[str],
    exclude: tuple[str, ...] = (),
    skip: Iterable[Path] = (),
    suffixes: frozenset[str] = ARTICLE_SUFFIXES,
) -> tuple[list[Target], list[InputError]]:
    """Expand files and folders into targets (deduplicated), plus one error per bad path."""
    targets: list[Target] = []
    errors: list[InputError] = []
    seen: set[Path] = set()
    skip_resolved = [s.resolve() for s in skip]

    def add(p: Path, rel: Path, display: str) -> None:
        try:
            real = p.resolve()
        except (OSError, RuntimeError) as exc:
            errors.append(InputError(display, f"cannot resolve path: {exc}"))
            return
        if real in seen:
            return
        seen.add(real)
        targets.append(Target(p, rel, display))

    for raw in paths:
        p = Path(raw)
        if p.is_symlink() and not p.exists():
            errors.append(InputError(raw, "dangling symbolic link"))
            continue
        if not p.exists():
            errors.append(InputError(raw, "no such file or directory"))
            continue
        if p.is_dir():
            for f in _walk(p, exclude, skip_resolved, suffixes, errors):
                rel = f.relative_to(p)
                add(f, rel, str(f))
        elif p.is_file():
            add(p, Path(p.name), raw)
        else:
            errors.append(InputError(raw, "not a regular file"))
    return targets, errors


def _walk(
    root: Path, exclude: tuple[str, ...], skip: list[Path], suffixes: frozenset[str], errors: list[InputError]
) -> Iterator[Path]:
    spec = _gitignore_spec(root)
    found: list[Path] = []

    def onerror(exc: OSError) -> None:
        errors.append(InputError(str(exc.filename or root), f"cannot read folder: {exc.strerror}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=False):
        d = Path(dirpath)
        keep = []
        for name in sorted(dirnames):
            sub = d / name
            rel = sub.relative_to(root).as_posix() + "/"
            if name in SKIP_DIRS or (spec and spec.match_file(rel)) or _excluded(rel, exclude):
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
            if (spec and spec.match_file(rel)) or _excluded(rel, exclude):
                continue
            if f.is_symlink() and not f.exists():
                errors.append(InputError(str(f), "dangling symbolic link"))
                continue
            found.append(f)
    return iter(found)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically (temp file in the same folder, fsync, rename)."""
    path = Path(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    mode: int | None = None
    with contextlib.suppress(FileNotFoundError):
        mode = stat.S_IMODE(path.stat().st_mode)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".cleaner-tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
