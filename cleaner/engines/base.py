"""What every engine shares: the error an engine raises and the per-file statistics a task sends back
(re-exported by `cleaner.engines`). Its own module so that an engine (`dask_engine`) does not import
the package that chooses it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import Result

DASK_HINT = "the dask engine needs Dask: pip install 'cleaner[dask]'"


class EngineError(Exception):
    """An engine cannot run (not installed, cluster unreachable): one line, exit code 2."""


@dataclass(slots=True)
class FileStats:
    """What a remote task sends back about one file: counts, not texts or findings."""

    path: str
    changed: bool = False
    fixes_applied: int = 0
    by_category: dict[str, int] = field(default_factory=dict)
    by_severity: dict[str, int] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    skipped: str | None = None

    @classmethod
    def of(cls, r: Result) -> FileStats:
        return cls(
            path=str(r.path),
            changed=r.changed,
            fixes_applied=r.fixes_applied,
            by_category=dict(Counter(f.category for f in r.findings)),
            by_severity=dict(Counter(f.severity.value for f in r.findings)),
            scores=dict(r.scores),
            error=r.error,
            skipped=r.skipped,
        )
