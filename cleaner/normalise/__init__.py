"""Normalisers: small, pure, documented functions (ftfy style) that return findings with edits.

Each normaliser takes the `Document` and the `Config` and yields `Finding`s whose `fix` repairs a
typographic or encoding defect; none of them ever returns a new string behind the caller's back.
They run in the order below; the fix planner resolves overlaps and the pipeline re-runs everything
on the fixed text until nothing more changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from .encoding import fix_encoding
from .quotes import fix_quotes
from .spacing import fix_spacing

if TYPE_CHECKING:
    from ..config import Config
    from ..document import Document
    from ..model import Finding

Normaliser = Callable[["Document", "Config"], Iterable["Finding"]]

NORMALISERS: tuple[Normaliser, ...] = (fix_encoding, fix_quotes, fix_spacing)

__all__ = ["NORMALISERS", "Normaliser", "fix_encoding", "fix_quotes", "fix_spacing"]
