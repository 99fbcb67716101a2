"""Every rule in one place: the code rules and the pack entries, looked up by ID, and selectors checked.

A *selector* is what configuration, `--disable` and inline controls name: a rule ID
(`spin-news/at-the-minimum`), a pack (`spin-news`, or a code pack such as `mt`), or a category (`spin`),
the three levels `Config.is_enabled` matches. A selector that names nothing is an error that suggests
the closest names: a misspelt `disable` silently doing nothing is worse than a failing hook.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import lru_cache
from importlib import import_module
from pathlib import Path
from typing import Any

from ..model import CATEGORIES
from .core import CODE_RULES, Rule

#: the modules that declare code rules (imported on first use: a rule list, not the detectors)
CATALOGUES = ("typography", "mt", "spin", "names", "boilerplate", "grammar")


class UnknownRuleError(ValueError):
    """A selector that names no rule, pack or category (the message suggests close matches)."""

    def __init__(self, selector: str, where: str = "", suggestions: Iterable[str] = ()) -> None:
        self.selector = selector
        self.suggestions = tuple(suggestions)
        hint = f" (did you mean {' or '.join(repr(s) for s in self.suggestions)}?)" if self.suggestions else ""
        prefix = f"{where}: " if where else ""
        super().__init__(f"{prefix}unknown rule, pack or category {selector!r}{hint}; `cleaner rules` lists them")


def code_rules() -> dict[str, Rule]:
    """The rules declared in code, by ID."""
    for name in CATALOGUES:
        import_module(f"{__package__}.{name}")
    return CODE_RULES


@lru_cache(maxsize=8)
def _all(extra_packs: tuple[str, ...]) -> dict[str, Rule]:
    from .packs import pack_rules

    out = dict(code_rules())
    for r in pack_rules(extra_packs):
        other = out.get(r.id)
        if other is not None:
            raise ValueError(f"rule ID {r.id!r} of {r.origin} is already defined by {other.origin}")
        out[r.id] = r
    return out


def all_rules(extra_packs: Iterable[str] = ()) -> dict[str, Rule]:
    """Every rule by ID: code rules first, then pack entries (shipped packs, then `extra_packs`)."""
    return _all(tuple(extra_packs))


def get(rule_id: str, extra_packs: Iterable[str] = ()) -> Rule | None:
    """The rule a reported ID belongs to (a member of a family such as `languagetool/…` included)."""
    from .packs import pack_rule

    code = code_rules()
    hit = code.get(rule_id) or next((r for r in code.values() if r.family and r.covers(rule_id)), None)
    if hit is not None:
        return hit
    return pack_rule(rule_id, tuple(extra_packs))


@lru_cache(maxsize=8)
def _ids(extra_packs: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """(rule IDs that are selectors, pack names) of code and packs, without building pack rules."""
    from .packs import pack_rule_ids

    ids = {i for i, r in code_rules().items() if not r.family} | pack_rule_ids(extra_packs)
    packs = frozenset({r.pack for r in code_rules().values()} | {i.split("/", 1)[0] for i in ids})
    return frozenset(ids), packs


def closest(name: str, extra_packs: Iterable[str] = (), n: int = 3) -> list[str]:
    """The known rule IDs, packs and categories nearest to `name` (difflib), best first."""
    ids, packs = _ids(tuple(extra_packs))
    rules = sorted(ids)
    if name.endswith("/*") and name[:-2] in packs:
        return [name[:-2]]  # a whole pack is selected by its name: `boilerplate`, not `boilerplate/*`
    names = list(dict.fromkeys([*CATEGORIES, *sorted(packs), *rules]))
    if "/" in name:  # compare like with like: a misspelt ID with IDs (and with IDs of its pack first)
        pack = name.split("/", 1)[0]
        same = [r for r in rules if r.startswith(pack + "/")]
        found = difflib.get_close_matches(name, same, n=n, cutoff=0.6) if same else []
        if len(found) < n:
            found += [m for m in difflib.get_close_matches(name, list(rules), n=n, cutoff=0.6) if m not in found]
        return found[:n]
    return difflib.get_close_matches(name, names, n=n, cutoff=0.6)


def pack_file_names(extra_packs: Iterable[str] = ()) -> set[str]:
    """Pack names from file names alone (parsing the packs costs seconds on a cold cache)."""
    from ..packs import rules_dir

    names = {p.stem for p in rules_dir().glob("*.y*ml")}
    for item in extra_packs:
        p = Path(item)
        names |= {q.stem for q in p.glob("*.y*ml")} if p.is_dir() else {p.stem}
    return names


def is_known(selector: str, extra_packs: Iterable[str] = ()) -> bool:
    """Whether a selector names a rule, a pack or a category.

    The cheap answers come first (categories, code rules, pack file names), so a configuration that
    only switches categories or packs off never loads the packs; a pack rule ID loads them once.
    """
    extra = tuple(extra_packs)
    if selector in CATEGORIES:
        return True
    code = code_rules()
    if (selector in code and not code[selector].family) or any(
        r.family and r.covers(selector) and selector != r.id for r in code.values()
    ):
        return True
    if "/" not in selector and (selector in {r.pack for r in code.values()} or selector in pack_file_names(extra)):
        return True
    ids, packs = _ids(extra)
    return selector in ids or ("/" not in selector and selector in packs)


def check_selectors(selectors: Iterable[str], where: str = "", extra_packs: Iterable[str] = ()) -> None:
    """Raise `UnknownRuleError` for the first selector that names nothing (with close matches)."""
    extra = tuple(extra_packs)
    for s in selectors:
        if not is_known(s, extra):
            raise UnknownRuleError(s, where, closest(s, extra))


def info(rule_id: str, extra_packs: Iterable[str] = ()) -> dict[str, Any] | None:
    """What reporters say about a rule (SARIF `tool.driver.rules`, the review page's notes), or None for
    an ID the registry does not know (or when the packs cannot be loaded: a report must still come out)."""
    try:
        r = get(rule_id, extra_packs)
    except Exception:
        return None
    if r is None:
        return None
    return {
        "pack": r.pack,
        "category": r.category,
        "message": r.summary,
        "why": r.why,
        "suggest": r.suggest,
        "source": r.source,
        "licence": r.licence,
        "examples": {"flag": list(r.flag), "pass": list(r.passes)},
    }
