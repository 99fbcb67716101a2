"""Pack entries as registry rules: what `rules/*.yaml` says about each entry, read through `cleaner.packs`.

An entry's "why" is its own `why:` (or `note:`), else its pack's description; its summary is its message
(or what the matcher would say). Entries without examples of their own (the imported tortured-phrases
pack) get the ones their data implies: each listed phrase must flag, and the suggested replacement must
pass. The pack examples run through the pack engine (`cleaner rules test`, cleaner/packs/examples.py).
"""

from __future__ import annotations

from ..model import Applicability
from .core import Rule


def _derived(phrases: tuple[str, ...], suggest: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    flag = phrases[:3]
    passes = (suggest,) if suggest and suggest.strip() else ()
    return flag, passes


def pack_rules(extra_packs: tuple[str, ...] = ()) -> list[Rule]:
    """A `Rule` for every entry of every loaded pack (the shipped ones, then `extra_packs`)."""
    from ..config import Config
    from ..packs import load_packs, summary

    packs = load_packs(Config(extra_packs=extra_packs) if extra_packs else None)
    out: list[Rule] = []
    for pack in packs.packs:
        for e in pack.entries:
            flag, passes = e.examples_flag, e.examples_pass
            if not flag or not passes:
                derived = _derived(e.phrases, e.suggest)
                flag, passes = flag or derived[0], passes or derived[1]
            out.append(
                Rule(
                    id=e.rule,
                    category=e.category,
                    severity=e.severity,
                    applicability=e.applicability if e.suggest is not None else Applicability.NONE,
                    summary=summary(e),
                    why=" ".join((e.why or pack.description).split()),
                    flag=flag,
                    passes=passes,
                    origin=f"{pack.path.name}:{e.line}" if e.line else pack.path.name,
                    suggest=e.suggest,
                    source=pack.source,
                    licence=pack.licence,
                )
            )
    return out
