"""Shared fixtures. Tests never read ../shared: everything they need is in the repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# Tests must not depend on (or write to) the user's cache directory.
os.environ.setdefault("CLEANER_CACHE_DIR", str(ROOT / ".pytest_cache" / "cleaner-cache"))


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_texts(seed_paths: list[Path]) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in seed_paths}
