"""A small on-disk cache of grammar-checker answers, one JSON file per key.

Why: a LanguageTool round trip costs far more than everything else cleaner does to a paragraph, and
editors re-run `cleaner check` on the same files again and again (pre-commit, CI, report refreshes).
Keying each paragraph's answer by a hash of its text plus the checker's version and settings makes a
re-check of an unchanged file send nothing at all, and a one-paragraph edit send one paragraph.

Why files and not sqlite: several worker processes may check files at the same time; a write here is
a temp file plus an atomic rename, so readers never see half an entry and writers never lock each
other out. A broken or unwritable cache only costs speed: reads that fail are misses, writes that fail
are dropped.

Location: `cleaner.cachedir.cache_root()`: `$CLEANER_CACHE_DIR` when set (tests point it at a temporary
folder; an empty value switches caching off), otherwise the user cache folder of this OS
(`~/.cache/cleaner` on Linux).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ..cachedir import cache_root


def make_key(*parts: str) -> str:
    """A stable hex digest of `parts` (separated so that ("ab", "c") != ("a", "bc"))."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


class JsonCache:
    """Key → JSON value, stored as `<root>/<namespace>/<key[:2]>/<key>.json`."""

    def __init__(self, namespace: str, root: Path | None = None) -> None:
        base = root if root is not None else cache_root()
        #: None when caching is switched off (`CLEANER_CACHE_DIR=""`): every get misses, puts are dropped
        self.directory = base / namespace if base is not None else None

    def _path(self, key: str) -> Path:
        assert self.directory is not None
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> Any | None:
        """The stored value, or None when absent or unreadable (a corrupt entry is just a miss)."""
        if self.directory is None:
            return None
        try:
            with self._path(key).open("r", encoding="utf-8") as fh:
                return json.load(fh)
        except (OSError, ValueError):
            return None

    def put(self, key: str, value: Any) -> None:
        """Store `value` atomically; failures are ignored (the cache is an optimisation)."""
        if self.directory is None:
            return
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(value, fh, ensure_ascii=False, separators=(",", ":"))
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            return
