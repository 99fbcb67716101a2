"""Pack entries as registry rules: what `rules/*.yaml` says about each entry, read through `cleaner.packs`.

An entry's "why" is its own `why:` (or `note:`), else its pack's description; its summary is its message
(or what the matcher would say). Entries without examples of their own (the imported tortured-phrases
pack) get the ones their data implies (`packs.examples.implied_examples`: each listed phrase must flag,
the suggested wording must pass), else the pack's own. All of them run through the pack engine
(`cleaner rules test`, cleaner/packs/examples.py; tests/test_packs.py).
"""

from __future__ import annotations

from ..model import Applicability
from .core import Rule


def pack_rules(extra_packs: tuple[str, ...] = ()) -> list[Rule]:
    """A `Rule` for every entry of every loaded pack (the shipped ones, then `extra_packs`)."""
    from ..config import Config
    from ..packs import load_packs, summary
    from ..packs.examples import implied_examples

    packs = load_packs(Config(extra_packs=extra_packs) if extra_packs else None)
    out: list[Rule] = []
    for pack in packs.packs:
        for e in pack.entries:
            flag, passes = e.examples_flag, e.examples_pass
            if not flag or not passes:
                implied = implied_examples(e)
                # and at worst the pack's own examples, which no entry of the pack may contradict
                flag = flag or implied[0] or pack.examples_flag
                passes = passes or implied[1] or pack.examples_pass
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
