"""`Rule` (what the registry knows about one rule) and `register` (how a code rule is declared)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import CATEGORIES, Applicability, Severity

#: what an example is put into when a rule has no context of its own
EXAMPLE = "{example}"
_ID = re.compile(r"[a-z0-9][a-z0-9-]*/(?:[a-z0-9][a-z0-9-]*|\*)")


@dataclass(frozen=True)
class Rule:
    """One rule: identity, defaults, documentation and examples.

    `context` is the document an example is placed in (`{example}` marks where): boilerplate rules judge
    a paragraph by its place around an article, MT rules need enough English around them to know the
    article is English. `config` holds the `Config` settings an example needs (e.g. a site template).
    A `family` rule (ID `pack/*`) stands for IDs made at run time, such as LanguageTool's rule names.
    """

    id: str
    category: str
    severity: Severity
    applicability: Applicability
    summary: str
    why: str
    flag: tuple[str, ...]
    passes: tuple[str, ...]
    context: str = EXAMPLE
    config: Mapping[str, Any] = field(default_factory=dict)
    markup: str = "text"
    origin: str = "code"  # "code", or the pack file (and line) the entry is in
    suggest: str | None = None  # a pack entry's usual wording ("" deletes)
    source: str | None = None  # where the data of a pack comes from, and its licence
    licence: str | None = None
    #: examples that need something the test run may not have (LanguageTool): listed, not run
    examples_need: str | None = None

    @property
    def pack(self) -> str:
        """The part before the slash: what `disable = ["mt"]` and friends select."""
        return self.id.split("/", 1)[0]

    @property
    def family(self) -> bool:
        return self.id.endswith("/*")

    def covers(self, rule_id: str) -> bool:
        """Whether a reported rule ID is this rule (or, for a family, one of its members)."""
        prefix = self.id[:-1]  # "languagetool/" of "languagetool/*"
        return rule_id == self.id or (self.family and rule_id.startswith(prefix) and len(rule_id) > len(prefix))

    def document(self, example: str) -> str:
        """The text an example is checked in: the example inside the rule's context."""
        return self.context.replace(EXAMPLE, example)

    def as_dict(self) -> dict[str, Any]:
        """The rule as `cleaner rules --format json` prints it."""
        out: dict[str, Any] = {
            "id": self.id,
            "category": self.category,
            "severity": self.severity.value,
            "applicability": self.applicability.value,
            "summary": self.summary,
            "description": self.why,
            "examples": {"flag": list(self.flag), "pass": list(self.passes)},
            "origin": self.origin,
        }
        if self.context != EXAMPLE:
            out["context"] = self.context
        if self.source or self.licence:
            out["source"], out["licence"] = self.source, self.licence
        return out


#: code rules by ID, in the order they were declared
CODE_RULES: dict[str, Rule] = {}


def register(rule: Rule) -> str:
    """Declare a code rule; returns its ID for the detector to report findings under.

    Checked here, at import time, so a malformed declaration fails every test run at once: a known
    category, a `pack/rule` ID declared once, documentation and at least one example of each kind.
    """
    if not _ID.fullmatch(rule.id):
        raise ValueError(f"rule ID {rule.id!r}: expected lower-case 'pack/rule'")
    if rule.id in CODE_RULES:
        raise ValueError(f"rule {rule.id!r} is registered twice")
    if rule.category not in CATEGORIES:
        raise ValueError(f"rule {rule.id!r}: category {rule.category!r} is not one of {', '.join(CATEGORIES)}")
    if not (rule.summary.strip() and rule.why.strip()):
        raise ValueError(f"rule {rule.id!r}: a summary and a 'why' paragraph are required")
    if not (rule.flag and rule.passes):
        raise ValueError(f"rule {rule.id!r}: at least one should-flag and one should-pass example are required")
    if EXAMPLE not in rule.context:
        raise ValueError(f"rule {rule.id!r}: the context must say where the example goes ({EXAMPLE})")
    CODE_RULES[rule.id] = rule
    return rule.id


def code_rule(
    id: str,
    category: str,
    summary: str,
    why: str,
    flag: tuple[str, ...] | list[str],
    passes: tuple[str, ...] | list[str],
    severity: Severity = Severity.WARNING,
    applicability: Applicability = Applicability.SUGGESTED,
    **extra: Any,
) -> str:
    """`register(Rule(...))` with the usual defaults, and the why paragraph's line breaks folded."""
    return register(
        Rule(
            id=id,
            category=category,
            severity=severity,
            applicability=applicability,
            summary=summary,
            why=" ".join(why.split()),
            flag=tuple(flag),
            passes=tuple(passes),
            **extra,
        )
    )


def examples_of(*ids: str) -> dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """rule → (why, should-flag, should-pass) of code rules, for a detector's own unit tests."""
    return {i: (CODE_RULES[i].why, CODE_RULES[i].flag, CODE_RULES[i].passes) for i in ids}
