"""Where the shipped rule packs are: one answer for every reader (the pack engine, the boilerplate
detector's block pack, the configuration's pack names, the rule registry)."""

from __future__ import annotations

import os
from pathlib import Path


def rules_dir() -> Path:
    """The shipped packs: `cleaner/_rules` in a wheel, `<repo>/rules` in a checkout."""
    env = os.environ.get("CLEANER_RULES_DIR")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent.parent
    wheel = here / "_rules"
    if wheel.is_dir():
        return wheel
    return here.parent / "rules"
