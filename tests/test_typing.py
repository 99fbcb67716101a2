"""The package type-checks: mypy, with the settings in pyproject.toml, finds no error in `cleaner/`.

Type hints are the project's documentation of every function's contract, and `bench/compiled.py`
compiles the hot modules with mypyc, which refuses code that does not type-check.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytest.importorskip("mypy", reason="mypy is in the [test] extra")


def test_mypy_finds_no_error_in_the_package(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), "--no-error-summary"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
