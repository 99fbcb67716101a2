"""Engines (issue 8): every engine writes byte-identical outputs, `--resume` skips finished files, and
a missing Dask is one clear error.

Why: a cluster run that differs from the local run by one byte is a run nobody can trust, and an
aggregator restarting a half-done batch of 500,000 articles must not redo the first half. The Dask
test starts a real LocalCluster on 127.0.0.1 (no network beyond loopback); it is skipped when Dask is
not installed (`pip install 'cleaner[dask]'`; the `test` extra installs it, so CI runs it).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from conftest import cleaner

from cleaner.config import DEFAULT
from cleaner.engines import DASK_HINT, EngineError, FileStats, is_done, run_engine
from cleaner.engines.dask_engine import shards
from cleaner.files import Target, discover
from cleaner.runner import Job, run

# Small articles that exercise every kind of output: fixes (quotes, spacing, boilerplate removal),
# findings without fixes, Markdown, CRLF line ends, a legacy encoding, a nested folder, a binary file.
ARTICLES: dict[str, bytes] = {
    "storm.txt": (
        "Storm hits coast\n\nPolice said at the minimum six people died when the storm hit the coast .\n\n"
        "« The damage is severe » , the mayor said on Monday.\n\nShare this article\n\n"
        "Subscribe to our newsletter for daily updates.\n"
    ).encode(),
    "crlf.txt": b'Election results\r\n\r\nThe minister said  "we will win" on Sunday.\r\n\r\nRead more\r\n',
    "legacy.txt": b"Caf\xe9 owners say the \x93new rules\x94 hurt trade.\n\nCopyright 2024 News Ltd.\n",  # cp1252
    "nested/post.md": (
        b"---\ntitle: Flood report\n---\n\n# Flood\n\nRivers rose by 2 metres, officials said .\n\n"
        b"```\ncode  stays  as is\n```\n\n- Follow us on Twitter\n"
    ),
    "nested/deeper/clean.txt": b"A clean paragraph with nothing to change.\n",
    "binary.txt": b"\x00\x01\x02binary\x00\x00",
}


def corpus(root: Path) -> Path:
    src = root / "in"
    for rel, data in ARTICLES.items():
        p = src / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    return src


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def job_for(root: Path, name: str) -> Job:
    return Job(fix=True, out_dir=root / name / "out", report_dir=root / name / "reports")


def targets_of(src: Path) -> list[Target]:
    targets, errors = discover([str(src)])
    assert not errors
    return targets


def test_local_pool_matches_serial_run(tmp_path: Path) -> None:
    src = corpus(tmp_path)
    targets = targets_of(src)
    one, two = job_for(tmp_path, "j1"), job_for(tmp_path, "j2")
    r1 = run(targets, one, DEFAULT, jobs=1)
    r2 = run(targets, two, DEFAULT, jobs=2)
    assert [r.path for r in r1] == [r.path for r in r2]
    assert tree(tmp_path / "j1") == tree(tmp_path / "j2")
    assert any(r.changed for r in r1) and any(r.skipped for r in r1)  # the corpus exercises both


def test_dask_output_is_byte_identical_to_local(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed", reason="Dask not installed (pip install 'cleaner[dask]')")
    src = corpus(tmp_path)
    targets = targets_of(src)
    local, _ = run_engine("local", targets, job_for(tmp_path, "local"), DEFAULT, jobs=1)
    seen: list[str] = []
    remote, resumed = run_engine(
        "dask", targets, job_for(tmp_path, "dask"), DEFAULT, jobs=2, on_done=lambda s: seen.append(s.path)
    )
    assert resumed == 0
    expected = tree(tmp_path / "local")
    assert len(expected) > 10
    assert tree(tmp_path / "dask") == expected
    assert remote == local  # same statistics, same (input) order
    assert sorted(seen) == sorted(s.path for s in local)
    assert all(isinstance(s, FileStats) for s in remote)


def test_resume_skips_finished_files_and_redoes_changed_ones(tmp_path: Path) -> None:
    src = corpus(tmp_path)
    targets = targets_of(src)
    job = job_for(tmp_path, "run")
    past = 1_000_000_000  # inputs older than any output, whatever the file system's time resolution
    for t in targets:
        os.utime(t.path, (past, past))
    first, resumed = run_engine("local", targets, job, DEFAULT, resume=True)
    assert resumed == 0 and len(first) == len(targets)
    done = [t for t in targets if is_done(t, job)]
    assert {t.relative.as_posix() for t in done} == set(ARTICLES) - {"binary.txt"}  # a skipped file has no output

    second, resumed = run_engine("local", targets, job, DEFAULT, resume=True)
    assert resumed == len(done)
    assert [s.path for s in second] == [t.display for t in targets if not is_done(t, job)]

    storm = next(t for t in targets if t.relative.name == "storm.txt")
    storm.path.write_bytes(b"Fresh copy of the story , rewritten.\n")  # newer than its outputs now
    (job.report_dir / "nested" / "post.md.md").unlink()  # one output missing: redo that file
    third, _ = run_engine("local", targets, job, DEFAULT, resume=True)
    assert {Path(s.path).name for s in third} == {"storm.txt", "post.md", "binary.txt"}
    assert (job.out_dir / "storm.txt").read_bytes() == b"Fresh copy of the story, rewritten.\n"


def test_resume_never_skips_in_place_runs(tmp_path: Path) -> None:
    src = corpus(tmp_path)
    t = targets_of(src)[0]
    assert not is_done(t, Job(fix=True, in_place=True))
    assert not is_done(t, Job(fix=False))


def test_missing_dask_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    targets = targets_of(corpus(tmp_path))
    with pytest.raises(EngineError) as err:
        run_engine("dask", targets, job_for(tmp_path, "x"), DEFAULT, jobs=1)
    assert str(err.value) == DASK_HINT
    assert "pip install 'cleaner[dask]'" in DASK_HINT
    assert not (tmp_path / "x").exists()


def test_unknown_engine(tmp_path: Path) -> None:
    with pytest.raises(EngineError, match="unknown engine"):
        run_engine("spark", [], Job(), DEFAULT)


@pytest.mark.parametrize(("n", "workers"), [(0, 2), (1, 2), (7, 2), (100, 2), (10_000, 4)])
def test_shards_cover_every_item_once_in_order(n: int, workers: int) -> None:
    items = list(range(n))
    parts = shards(items, workers)
    assert [x for part in parts for x in part] == items
    assert all(0 < len(p) <= 64 for p in parts)
    if n >= 8 * workers:
        assert len(parts) >= 4 * workers  # enough tasks to balance the load


def test_cli_engine_dask_and_resume(tmp_path: Path) -> None:
    """The command line a user types: `--engine dask` writes what the default run writes, and
    `--resume` on a finished batch does nothing and says so."""
    pytest.importorskip("dask.distributed", reason="Dask not installed (pip install 'cleaner[dask]')")
    src = corpus(tmp_path)
    (src / "binary.txt").unlink()  # a skipped file makes the run exit 2, tested elsewhere
    local = cleaner("clean", str(src), "--out", str(tmp_path / "local"), "-j", "1", "-q")
    assert local.returncode == 0, local.stderr
    dask = cleaner("clean", str(src), "--out", str(tmp_path / "dask"), "--engine", "dask", "-j", "2")
    assert dask.returncode == 0, dask.stderr
    assert f"{len(ARTICLES) - 1} files processed" in dask.stderr
    assert tree(tmp_path / "dask") == tree(tmp_path / "local")
    again = cleaner("clean", str(src), "--out", str(tmp_path / "dask"), "--resume")
    assert again.returncode == 0, again.stderr
    assert "0 files processed" in again.stderr and f"{len(ARTICLES) - 1} already done" in again.stderr


def test_cli_engine_option_errors(tmp_path: Path) -> None:
    src = corpus(tmp_path)
    r = cleaner("clean", str(src), "--out", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:1")
    assert r.returncode == 2 and "--scheduler needs --engine dask" in r.stderr
    r = cleaner("clean", str(src), "--in-place", "--resume")
    assert r.returncode == 2 and "--resume needs --out" in r.stderr
