"""Every pack example is a test: flag examples must produce the entry's rule, pass examples must not.

Used by `cleaner rules test` and by pytest (tests/test_rule_examples.py), so a pack author finds out
that an entry or a guard does not do what the examples say before users do.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..segment import segment
from . import PackSet


@dataclass(frozen=True, slots=True)
class ExampleFailure:
    rule: str
    kind: str  # "flag" or "pass"
    example: str
    location: str

    def __str__(self) -> str:
        verb = "did not flag" if self.kind == "flag" else "flagged"
        return f"{self.location}: {self.rule} {verb} {self.example!r}"


def check_examples(packs: PackSet, pack_names: set[str] | None = None) -> tuple[int, list[ExampleFailure]]:
    """Run every example; return (number run, failures)."""
    run = 0
    failures: list[ExampleFailure] = []
    for pack in packs.packs:
        if pack_names and pack.name not in pack_names:
            continue
        rules = {e.rule for e in pack.entries}
        for kind, examples in (("flag", pack.examples_flag), ("pass", pack.examples_pass)):
            for ex in examples:
                run += 1
                hit = bool(packs.scan(segment(ex), only=rules))
                if hit != (kind == "flag"):
                    failures.append(ExampleFailure(pack.name, kind, ex, str(pack.path)))
        for e in pack.entries:
            for kind, examples in (("flag", e.examples_flag), ("pass", e.examples_pass)):
                for ex in examples:
                    run += 1
                    found = packs.scan(segment(ex), only={e.rule})
                    if bool(found) != (kind == "flag"):
                        failures.append(ExampleFailure(e.rule, kind, ex, f"{pack.path}:{e.line}"))
    return run, failures
