"""Detectors: code that reads a `Document` and yields `Finding`s.

A detector is a plain function `detect(doc: Document, config: Config) -> Iterable[Finding]` in a
module of this package, registered in `DETECTORS` by dotted name so that importing the package costs
nothing until a detector is used. Detectors must report offsets into `doc.text`, skip anything masked
(`doc.is_prose(start, end)`), and never mutate the document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Config
    from ..document import Document
    from ..model import Finding

Detector = Callable[["Document", "Config"], Iterable["Finding"]]

#: (module, function) pairs, run in this order after the normalisers and rule packs.
DETECTORS: list[tuple[str, str]] = []


def load_detectors() -> list[Detector]:
    out: list[Detector] = []
    for module, func in DETECTORS:
        out.append(getattr(import_module(f"{__name__}.{module}"), func))
    return out
