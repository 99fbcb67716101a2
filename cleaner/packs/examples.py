"""Every pack example is a test: flag examples must produce the entry's rule, pass examples must not.

Used by `cleaner rules test` and by pytest (tests/test_rule_examples.py), so a pack author finds out
that an entry or a guard does not do what the examples say before users do.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..segment import segment
from . import PackSet
from .schema import Entry


@dataclass(frozen=True, slots=True)
class ExampleFailure:
    rule: str
    kind: str  # "flag" or "pass"
    example: str
    location: str

    def __str__(self) -> str:
        verb = "did not flag" if self.kind == "flag" else "flagged"
        return f"{self.location}: {self.rule} {verb} {self.example!r}"


def implied_examples(e: Entry) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(should-flag, should-pass) of an entry without examples of its own (the imported tortured-phrases
    pack): each listed phrase must flag, and the suggested wording must pass (unless it contains the
    phrase: "benign cancer" → "benign cancer/tumor"). Regex entries imply nothing."""
    flag = e.phrases[:3]
    suggest = " ".join((e.suggest or "").split())
    passes = (suggest,) if suggest and not any(p.lower() in suggest.lower() for p in e.phrases) else ()
    return flag, passes


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
            implied = implied_examples(e) if not (e.examples_flag and e.examples_pass) else ((), ())
            flag, passes = e.examples_flag or implied[0], e.examples_pass or implied[1]
            for kind, examples in (("flag", flag), ("pass", passes)):
                for ex in examples:
                    run += 1
                    found = packs.scan(segment(ex), only={e.rule})
                    if bool(found) != (kind == "flag"):
                        failures.append(ExampleFailure(e.rule, kind, ex, f"{pack.path}:{e.line}"))
    return run, failures
