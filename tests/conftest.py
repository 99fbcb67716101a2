"""Shared fixtures and helpers. Tests never read ../shared: everything they need is in the repository.

What lives here, so that no test module redefines it or imports another test module:
- `ROOT`, `SEEDS`, `DATA`, `SCHEMAS`: where the repository, the seed articles, the test data and the
  JSON schemas are;
- `cleaner(...)`: the real command line in a fresh interpreter (`python -m cleaner`), for the tests that
  need a process of their own (exit status through a shell, standard input, encodings of stdout,
  signals). Tests that only need what a command prints use `clirunner.invoke`, which runs it in process.
- `seed_paths`, `seed_texts`: the seed articles.

Larger shared helpers are plain modules next to this file (not collected as tests): `clirunner.py` (the
CLI in process), `lt_server.py` (a LanguageTool replay server), `invariants.py` (generated texts and the
pipeline's invariants), `report_data.py` (results the report tests render, the HTML parser and the
headless-browser helpers).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = ROOT / "tests" / "data"
SCHEMAS = ROOT / "tests" / "schemas"

# Tests must not depend on (or write to) the user's cache directory.
os.environ.setdefault("CLEANER_CACHE_DIR", str(ROOT / ".pytest_cache" / "cleaner-cache"))


def cleaner(
    *args: str,
    cwd: Path = ROOT,
    env: Mapping[str, str] | None = None,
    stdin: str = "",
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """`cleaner ARGS` as a user runs it: `python -m cleaner` in a new process, stdout and stderr captured.

    `env` is added to this process's environment, after a fixed wide terminal (COLUMNS=200: output
    does not depend on the developer's terminal, nor wrap inside what a test looks for). GITHUB_ACTIONS
    is removed so that the default output format is the one a terminal gets, also when the suite itself
    runs in GitHub Actions. Standard input is `stdin` (empty by default: a command never waits on the
    terminal). Output is decoded as UTF-8
    with undecodable bytes replaced, so a test can still assert on the rest of it; `timeout` only stops
    a hung process (the test then fails), it is not a speed requirement.
    """
    full = {**os.environ, "COLUMNS": "200", **(env or {})}
    full.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=cwd,
        env=full,
        timeout=timeout,
    )


@pytest.fixture(scope="session")
def sarif_schema() -> dict[str, object]:
    """The official SARIF 2.1.0 JSON schema, vendored (tests never fetch it)."""
    return json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_texts(seed_paths: list[Path]) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in seed_paths}
