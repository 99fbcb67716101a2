"""No data loss: atomic writes, and runs killed midway (issue 9, item 4).

Why: `cleaner clean --in-place` rewrites the user's only copy. Every write goes to a temp file in the
same folder, is flushed and fsynced and renamed over the target (files.write_atomic); SIGINT and
SIGTERM become a clean stop that lets the write in progress finish (runner.stop_on_signals). So
whenever the run is killed, every file is byte-identical to its original or to its cleaned version,
and no temp file is left behind. The end-to-end tests kill a real `python -m cleaner` run.
"""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from cleaner import atomic, clean_text
from cleaner.decode import decode, encode
from cleaner.files import write_atomic
from cleaner.runner import Terminated, stop_on_signals

N_FILES = 40


def _variants() -> list[bytes]:
    """A few article bodies with plenty to fix, ~30 KB each, in different encodings and line endings."""
    seed = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    body = (seed + "\n\nHe said « yes » , and left .\n\n") * 2
    return [
        body.encode("utf-8"),
        body.replace("\n", "\r\n").encode("utf-8"),
        b"\xef\xbb\xbf" + body.encode("utf-8"),
        body.encode("utf-16"),
    ]


def _cleaned(data: bytes) -> bytes:
    decoded = decode(data)
    result = clean_text(decoded.text, "a.txt", encoding=decoded.label)
    return encode(result.cleaned, decoded)[0]


@pytest.fixture(scope="module")
def versions() -> list[tuple[bytes, bytes]]:
    out = [(v, _cleaned(v)) for v in _variants()]
    assert all(old != new for old, new in out), "the articles must have something to fix"
    return out


def _start(folder: Path, jobs: int) -> subprocess.Popen[bytes]:
    env = {**os.environ}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.Popen(
        [sys.executable, "-m", "cleaner", "clean", "--in-place", "-q", "-j", str(jobs), str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env,
    )


@pytest.mark.parametrize(
    ("signum", "jobs"),
    [(signal.SIGTERM, 1), (signal.SIGINT, 1), (signal.SIGTERM, 2)],
    ids=["sigterm", "sigint", "sigterm-2-workers"],
)
def test_killed_run_leaves_every_file_old_or_new(
    tmp_path: Path, versions: list[tuple[bytes, bytes]], signum: int, jobs: int
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    expected: dict[Path, tuple[bytes, bytes]] = {}
    for i in range(N_FILES):
        old, new = versions[i % len(versions)]
        f = folder / f"story-{i:03d}.txt"
        f.write_bytes(old)
        expected[f] = (old, new)

    proc = _start(folder, jobs)
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if any(f.read_bytes() == new for f, (_, new) in expected.items()):
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the run finished before it could be interrupted"
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    stderr = err.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    assert proc.returncode == 128 + signum, (proc.returncode, stderr)  # 130 for Ctrl-C, 143 for SIGTERM
    assert ("terminated" if signum == signal.SIGTERM else "interrupted") in stderr
    states = []
    for f, (old, new) in expected.items():
        data = f.read_bytes()
        assert data in (old, new), f"{f.name} is neither the original nor the cleaned version"
        states.append(data == new)
    assert any(states) and not all(states), states  # it really was stopped midway
    leftovers = [p.name for p in folder.iterdir() if p not in expected]
    assert leftovers == [], leftovers


def test_write_atomic_keeps_old_file_when_rename_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old\n")

    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(target, b"new\n")
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_write_atomic_fsyncs_then_renames_and_keeps_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        calls.append("fsync")
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        assert Path(src).parent == tmp_path, "the temp file must be in the target's folder"
        assert Path(src).read_bytes() == b"new\n"
        calls.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_atomic(target, b"new\n")
    assert calls[:2] == ["fsync", "replace"]
    assert target.read_bytes() == b"new\n"
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_signal_during_write_is_deferred_until_the_file_is_complete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int
) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old\n")
    real_fsync = os.fsync

    def fsync_and_get_killed(fd: int) -> None:
        os.kill(os.getpid(), signum)  # arrives in the middle of the write
        time.sleep(0.05)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_and_get_killed)
    expected = Terminated if signum == signal.SIGTERM else KeyboardInterrupt
    before = signal.getsignal(signum)
    with pytest.raises(expected), stop_on_signals():
        write_atomic(target, b"new\n")
        pytest.fail("the signal was lost")  # pragma: no cover
    assert target.read_bytes() == b"new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
    assert signal.getsignal(signum) == before, "the previous handler is restored"


def test_write_atomic_keeps_bits_the_umask_would_strip(tmp_path: Path) -> None:
    target = tmp_path / "shared.txt"
    target.write_bytes(b"old\n")
    target.chmod(0o666)
    old = os.umask(0o022)
    try:
        write_atomic(target, b"new\n", durable=False)
    finally:
        os.umask(old)
    assert target.read_bytes() == b"new\n"
    assert target.stat().st_mode & 0o777 == 0o666


def test_write_atomic_creates_missing_folders_and_skips_taken_temp_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "new" / "deeper" / "a.txt"
    write_atomic(target, b"one\n", durable=False)
    assert target.read_bytes() == b"one\n"
    # A temp file left by a crashed run under the name the next write would pick is not touched.
    monkeypatch.setattr(atomic, "_TMP_SEQ", itertools.count(7))
    stale = target.parent / f".a.txt.{os.getpid()}.7.cleaner-tmp"
    stale.write_bytes(b"stale\n")
    write_atomic(target, b"two\n", durable=False)
    assert target.read_bytes() == b"two\n"
    assert stale.read_bytes() == b"stale\n"
    assert sorted(p.name for p in target.parent.iterdir()) == sorted(["a.txt", stale.name])
