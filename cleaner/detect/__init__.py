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
    from ..model import Finding, Severity

Detector = Callable[["Document", "Config"], Iterable["Finding"]]

#: (module, function) pairs, run in this order after the normalisers and rule packs.
DETECTORS: list[tuple[str, str]] = []


def load_detectors() -> list[Detector]:
    out: list[Detector] = []
    for module, func in DETECTORS:
        out.append(getattr(import_module(f"{__name__}.{module}"), func))
    return out


def prose_finding(
    doc: Document,
    config: Config,
    rule: str,
    category: str,
    message: str,
    start: int,
    end: int,
    suggestion: str | None,
    confidence: float,
    severity: Severity,
) -> Finding | None:
    """A finding on prose at `[start, end)` as the rule's configuration has it (re-levelled), or None
    when the span is not prose or the rule is switched off; suggested when it has a suggestion."""
    from ..model import Applicability, Finding

    if not doc.is_prose(start, end) or not config.is_enabled(rule, category):
        return None
    return Finding(
        rule=rule,
        category=category,
        severity=config.severity_for(rule, category, severity),
        message=message,
        start=start,
        end=end,
        text=doc.text[start:end],
        suggestion=suggestion,
        applicability=Applicability.SUGGESTED if suggestion is not None else Applicability.NONE,
        confidence=confidence,
    )
