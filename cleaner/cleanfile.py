"""`cleaner.clean_file`: clean one file from disk, as a batch would, without writing anything.

Why not in `pipeline.py`: reading and decoding a file is the batch runner's job (`runner.process_one`),
which itself calls the pipeline; the pipeline importing the runner back made the two a cycle. This
module sits above both.
"""

from __future__ import annotations

from pathlib import Path

from .config import DEFAULT, Config
from .model import Result


def clean_file(path: str | Path, config: Config = DEFAULT, fix: bool = True) -> Result:
    """Read, decode and clean one file; nothing is written (see `cleaner.runner` for that).

    Decoding problems come back as a `Result` with `skipped` (binary) or `error` set, never raised, so
    a batch goes on with the other files.
    """
    from .files import Target
    from .runner import Job, process_one

    p = Path(path)
    return process_one(Target(p, Path(p.name), str(path)), Job(fix=fix), config)
