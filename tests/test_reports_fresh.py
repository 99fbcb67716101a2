"""`reports/` is the living example of cleaner's output on `seeds/`: it must match what the code does now.

Regenerate with the README's command: `cleaner clean seeds/ --out cleaned/ --report reports/`.
"""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, cleaner


def test_reports_are_fresh(tmp_path: Path) -> None:
    committed = sorted(p.relative_to(ROOT / "reports") for p in (ROOT / "reports").rglob("*") if p.is_file())
    assert committed, "reports/ is empty: run the README's clean command"
    run = cleaner(
        "clean", "seeds/", "--out", str(tmp_path / "cleaned"), "--report", str(tmp_path / "reports"), "-q", "-j", "1"
    )
    assert run.returncode == 0, run.stderr
    fresh_dir = tmp_path / "reports"
    stale = []
    for rel in committed:
        fresh = fresh_dir / rel
        if not fresh.exists() or fresh.read_bytes() != (ROOT / "reports" / rel).read_bytes():
            stale.append(str(rel))
    new = sorted(str(p.relative_to(fresh_dir)) for p in fresh_dir.rglob("*") if p.is_file())
    missing = [n for n in new if not (ROOT / "reports" / n).exists()]
    assert not stale and not missing, (
        f"reports/ is stale ({stale + missing}); regenerate: cleaner clean seeds/ --out cleaned/ --report reports/"
    )
