"""Where cleaner's caches live: `$CLEANER_CACHE_DIR`, else the user cache folder of this OS.

One place for both caches (compiled rule packs, grammar-checker answers), so they agree on the
variable's meaning: set to a path, that folder; set but empty, caching is off; unset, the folder
platformdirs names (`~/.cache/cleaner` on Linux, `~/Library/Caches/cleaner` on macOS,
`%LOCALAPPDATA%\\cleaner\\Cache` on Windows).

Why Linux is worked out here: importing platformdirs costs 7–13 ms (it imports `tempfile`, which
imports `random`, which seeds itself), a twentieth of a pre-commit hook's whole start. On Linux the
answer is the XDG rule, `$XDG_CACHE_HOME` when it is an absolute path, else `$HOME/.cache`; that
case is computed directly, and everything less plain (Android, a relative or missing `HOME`, other
systems) is left to platformdirs. A test checks the two agree.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

CACHE_ENV = "CLEANER_CACHE_DIR"
APP = "cleaner"


def cache_root() -> Path | None:
    """The folder every cleaner cache lives under (not created here), or None when caching is off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured).expanduser() if configured.strip() else None
    return user_cache_dir()


def user_cache_dir() -> Path:
    """This OS's cache folder for cleaner, as `platformdirs.user_cache_dir("cleaner")` gives it."""
    plain = _xdg_cache_dir()
    if plain is not None:
        return plain
    from platformdirs import user_cache_dir as platform_cache_dir

    return Path(platform_cache_dir(APP, appauthor=False))


def _xdg_cache_dir() -> Path | None:
    """The XDG answer on plain Linux; None where platformdirs has more to consider."""
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel"):
        return None
    if os.environ.get("ANDROID_DATA") == "/data" and os.environ.get("ANDROID_ROOT") == "/system":
        return None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg) / APP
    home = os.environ.get("HOME", "")
    if not os.path.isabs(home):
        return None
    return Path(home) / ".cache" / APP
