"""Pack entries as registry rules: what `rules/*.yaml` says about each entry, read through `cleaner.packs`.

An entry's "why" is its own `why:` (or `note:`), else its pack's description; its summary is its message
(or what the matcher would say). Entries without examples of their own (the imported tortured-phrases
pack) get the ones their data implies (`packs.examples.implied_examples`: each listed phrase must flag,
the suggested wording must pass), else the pack's own. All of them run through the pack engine
(`cleaner rules test`, cleaner/packs/examples.py; tests/test_packs.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Applicability
from .core import Rule

if TYPE_CHECKING:
    from ..packs import PackSet
    from ..packs.schema import Entry, Pack


def _packs(extra_packs: tuple[str, ...]) -> PackSet:
    from ..config import Config
    from ..packs import load_packs

    return load_packs(Config(extra_packs=extra_packs) if extra_packs else None)


def pack_rule_ids(extra_packs: tuple[str, ...] = ()) -> frozenset[str]:
    """The IDs of every pack entry: what selector checks need, without building the entries (the
    compiled-pack cache builds an entry only when asked for it; all 10,000 cost ~0.3 s)."""
    return frozenset(_packs(extra_packs).by_rule)


def pack_rule(rule_id: str, extra_packs: tuple[str, ...] = ()) -> Rule | None:
    """The rule of one pack entry, or None."""
    packs = _packs(extra_packs)
    e = packs.by_rule.get(rule_id)
    if e is None:
        return None
    return _rule(e, next(p for p in packs.packs if p.name == e.pack))


def pack_rules(extra_packs: tuple[str, ...] = ()) -> list[Rule]:
    """A `Rule` for every entry of every loaded pack (the shipped ones, then `extra_packs`)."""
    return [_rule(e, pack) for pack in _packs(extra_packs).packs for e in pack.entries]


def _rule(e: Entry, pack: Pack) -> Rule:
    from ..packs import summary
    from ..packs.examples import implied_examples

    flag, passes = e.examples_flag, e.examples_pass
    if not flag or not passes:
        implied = implied_examples(e)
        # and at worst the pack's own examples, which no entry of the pack may contradict
        flag = flag or implied[0] or pack.examples_flag
        passes = passes or implied[1] or pack.examples_pass
    return Rule(
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
