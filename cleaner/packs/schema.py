"""Rule-pack files: YAML → validated `Pack`/`Entry` objects, errors naming file, line and key.

A malformed pack must never surface as a traceback deep inside matching; every problem is reported as
`PackError("rules/x.yaml:12: entries[3].regex: …")` when the pack is loaded. Regex entries are compiled
here and rejected when they contain the shapes that backtrack catastrophically (nested quantifiers
such as `(a+)+`), and they additionally run with a timeout at match time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..model import CATEGORIES, Applicability, Severity
from .backtrack import backtracking_risk

APPLICABILITIES = {a.value for a in Applicability}
SEVERITIES = {s.value for s in Severity}
GUARD_KEYS = ("after", "before", "near", "document")
PACK_KEYS = {
    "pack",
    "version",
    "description",
    "category",
    "severity",
    "applicability",
    "confidence",
    "source",
    "licence",
    "license",
    "url",
    "message",
    "examples",
    "entries",
    "notes",
    "scope",
    "coverage",
    "min_cover",
    "max_words",
}
ENTRY_KEYS = {
    "id",
    "phrase",
    "phrases",
    "regex",
    "suggest",
    "message",
    "applicability",
    "confidence",
    "severity",
    "case",
    "unless",
    "when",
    "examples",
    "category",
    "scope",
    "coverage",
    "min_cover",
    "max_words",
    "note",
    "why",
}


class PackError(ValueError):
    """A rule pack is malformed; the message names the file, line and key."""


@dataclass(frozen=True, slots=True)
class Guard:
    where: str  # after | before | near | document
    pattern: Any  # compiled regex.Pattern
    then: str = "skip"  # skip | suggest


@dataclass(slots=True)
class Entry:
    pack: str
    id: str
    category: str
    severity: Severity
    applicability: Applicability
    confidence: float
    phrases: tuple[str, ...] = ()
    regex: Any = None  # compiled regex.Pattern
    suggest: str | None = None
    message: str | None = None
    case_sensitive: bool = False
    unless: tuple[Guard, ...] = ()
    when: tuple[Guard, ...] = ()
    scope: str = "match"  # match | block
    coverage: float = 0.6  # scope block: share of the block's characters the match must cover
    max_words: int | None = None  # scope block: only blocks of at most this many words
    examples_flag: tuple[str, ...] = ()
    examples_pass: tuple[str, ...] = ()
    line: int = 0
    why: str | None = None

    @property
    def rule(self) -> str:
        return f"{self.pack}/{self.id}"


@dataclass(slots=True)
class Pack:
    name: str
    path: Path
    description: str
    category: str
    severity: Severity
    entries: list[Entry] = field(default_factory=list)
    source: str | None = None
    licence: str | None = None
    url: str | None = None
    examples_flag: tuple[str, ...] = ()
    examples_pass: tuple[str, ...] = ()


@cache
def _line_loader() -> Any:
    """A SafeLoader that records the line of every mapping as `__line__` (for error messages).

    Built on first use: PyYAML costs ~25 ms to import, and a warm `cleaner check` gets its packs from
    the compiled-pack cache without parsing any YAML.
    """
    import yaml

    # libyaml's loader when PyYAML has it: the pure-Python one spent ~10 s parsing the shipped packs on a
    # cold start (the 7,942 tortured phrases), the C one well under a second
    class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
        mapping = loader.construct_mapping(node, deep=True)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping

    _LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    return _LineLoader


def _compile(pattern: str, where: str, case_sensitive: bool = False) -> Any:
    import regex

    if not isinstance(pattern, str) or not pattern:
        raise PackError(f"{where}: expected a non-empty regular expression")
    risk = backtracking_risk(pattern, case_sensitive)
    if risk:
        raise PackError(f"{where}: {risk} can backtrack catastrophically; rewrite it")
    try:
        flags = regex.VERSION1 | (0 if case_sensitive else regex.IGNORECASE)
        # VERSION1 + IGNORECASE switches on *full* case folding (ß = ss, ﬁ = fi), under which a plain
        # `[\w .-]{0,40}` backtracks exponentially on a run of f, i or s: 3,000 of them took longer than
        # any timeout. Simple case folding, as in `re`, is what an English pack means anyway.
        compiled = regex.compile(pattern, flags)
        if compiled.flags & regex.FULLCASE:
            compiled = regex.compile("(?-f)" + pattern, flags)
        return compiled
    except regex.error as exc:
        raise PackError(f"{where}: invalid regular expression: {exc}") from exc


def _examples(raw: Any, where: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if raw is None:
        return (), ()
    if not isinstance(raw, dict):
        raise PackError(f"{where}: expected a mapping with 'flag' and/or 'pass'")
    out = []
    for key in ("flag", "pass"):
        vals = raw.get(key) or []
        if isinstance(vals, str):
            vals = [vals]
        if not all(isinstance(v, str) for v in vals):
            raise PackError(f"{where}.{key}: expected a list of strings")
        out.append(tuple(vals))
    extra = set(raw) - {"flag", "pass", "__line__"}
    if extra:
        raise PackError(f"{where}: unknown key {sorted(extra)[0]!r} (expected 'flag' or 'pass')")
    return out[0], out[1]


def _guards(raw: Any, where: str) -> tuple[Guard, ...]:
    if raw is None:
        return ()
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list):
        raise PackError(f"{where}: expected a list of guards")
    out = []
    for i, g in enumerate(raw):
        gw = f"{where}[{i}]"
        if not isinstance(g, dict):
            raise PackError(f"{gw}: expected a mapping like {{near: 'pattern'}}")
        keys = [k for k in g if k in GUARD_KEYS]
        unknown = [k for k in g if k not in (*GUARD_KEYS, "then", "__line__")]
        if unknown:
            raise PackError(f"{gw}: unknown key {unknown[0]!r} (expected one of {', '.join(GUARD_KEYS)}, then)")
        if len(keys) != 1:
            raise PackError(f"{gw}: a guard needs exactly one of {', '.join(GUARD_KEYS)}")
        then = g.get("then", "skip")
        if then not in ("skip", "suggest"):
            raise PackError(f"{gw}.then: expected 'skip' or 'suggest', got {then!r}")
        out.append(Guard(keys[0], _compile(g[keys[0]], f"{gw}.{keys[0]}"), then))
    return tuple(out)


def load_pack(path: Path) -> Pack:
    """Parse and validate one pack file."""
    import yaml

    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_line_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise PackError(f"{path}{line}: invalid YAML: {getattr(exc, 'problem', exc)}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: cannot read rule pack: {exc}") from exc
    return pack_from_data(raw, path)


def pack_from_data(raw: Any, path: Path) -> Pack:
    """Validate a pack already read from YAML (`path` names it in error messages)."""
    if not isinstance(raw, dict):
        raise PackError(f"{path}: a rule pack is a mapping with 'pack' and 'entries'")
    where = f"{path}:{raw.get('__line__', 1)}"
    unknown = set(raw) - PACK_KEYS - {"__line__"}
    if unknown:
        raise PackError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    name = raw.get("pack") or path.stem
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", str(name)):
        raise PackError(f"{where}: pack: {name!r} must be lower-case kebab-case")
    category = raw.get("category", "style")
    if category not in CATEGORIES:
        raise PackError(f"{where}: category: {category!r} is not one of {', '.join(CATEGORIES)}")
    severity = raw.get("severity", "warning")
    if severity not in SEVERITIES:
        raise PackError(f"{where}: severity: {severity!r} is not one of {', '.join(sorted(SEVERITIES))}")
    applicability = raw.get("applicability", "suggested")
    if applicability not in APPLICABILITIES:
        raise PackError(f"{where}: applicability: {applicability!r} is not one of {', '.join(sorted(APPLICABILITIES))}")
    confidence = float(raw.get("confidence", 0.8))
    flag, passes = _examples(raw.get("examples"), f"{where}: examples")
    pack = Pack(
        name=str(name),
        path=path,
        description=str(raw.get("description", "")),
        category=category,
        severity=Severity(severity),
        source=raw.get("source"),
        licence=raw.get("licence") or raw.get("license"),
        url=raw.get("url"),
        examples_flag=flag,
        examples_pass=passes,
    )
    entries = raw.get("entries")
    if not isinstance(entries, list):
        raise PackError(f"{where}: entries: expected a list")
    seen: set[str] = set()
    default_message = raw.get("message")
    defaults = {
        "scope": raw.get("scope", "match"),
        "coverage": raw.get("coverage", raw.get("min_cover", 0.6)),
        "max_words": raw.get("max_words"),
    }
    for i, e in enumerate(entries):
        pack.entries.append(_entry(pack, e, i, path, seen, applicability, confidence, default_message, defaults))
    return pack


def _entry(
    pack: Pack,
    e: Any,
    i: int,
    path: Path,
    seen: set[str],
    applicability: str,
    confidence: float,
    default_message: str | None,
    defaults: dict[str, Any],
) -> Entry:
    line = e.get("__line__", 0) if isinstance(e, dict) else 0
    where = f"{path}:{line}: entries[{i}]"
    if not isinstance(e, dict):
        raise PackError(f"{where}: expected a mapping")
    unknown = set(e) - ENTRY_KEYS - {"__line__"}
    if unknown:
        raise PackError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    eid = e.get("id")
    if not isinstance(eid, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", eid):
        raise PackError(f"{where}.id: {eid!r} must be a lower-case kebab-case string")
    if eid in seen:
        raise PackError(f"{where}.id: duplicate id {eid!r} in pack {pack.name}")
    seen.add(eid)
    kinds = [k for k in ("phrase", "phrases", "regex") if k in e]
    if len(kinds) != 1:
        raise PackError(f"{where}: an entry needs exactly one of 'phrase', 'phrases', 'regex'")
    case_sensitive = e.get("case", "insensitive") == "sensitive"
    if e.get("case", "insensitive") not in ("sensitive", "insensitive"):
        raise PackError(f"{where}.case: expected 'sensitive' or 'insensitive'")
    phrases: tuple[str, ...] = ()
    compiled = None
    if "regex" in e:
        compiled = _compile(e["regex"], f"{where}.regex", case_sensitive)
    else:
        raw_phrases = [e["phrase"]] if "phrase" in e else e["phrases"]
        if (
            not isinstance(raw_phrases, list)
            or not raw_phrases
            or not all(isinstance(p, str) and p.strip() for p in raw_phrases)
        ):
            raise PackError(f"{where}.{kinds[0]}: expected a non-empty string (or list of them)")
        phrases = tuple(" ".join(p.split()) for p in raw_phrases)
    suggest = e.get("suggest")
    if suggest is not None and not isinstance(suggest, str):
        raise PackError(f"{where}.suggest: expected a string")
    appl = e.get("applicability", applicability if suggest is not None else "none")
    if appl not in APPLICABILITIES:
        raise PackError(f"{where}.applicability: {appl!r} is not one of {', '.join(sorted(APPLICABILITIES))}")
    sev = e.get("severity", pack.severity.value)
    if sev not in SEVERITIES:
        raise PackError(f"{where}.severity: {sev!r} is not one of {', '.join(sorted(SEVERITIES))}")
    cat = e.get("category", pack.category)
    if cat not in CATEGORIES:
        raise PackError(f"{where}.category: {cat!r} is not one of {', '.join(CATEGORIES)}")
    scope = e.get("scope", defaults["scope"])
    if scope not in ("match", "block"):
        raise PackError(f"{where}.scope: expected 'match' or 'block'")
    try:
        conf = float(e.get("confidence", confidence))
        coverage = float(e.get("coverage", e.get("min_cover", defaults["coverage"])))
        max_words = e.get("max_words", defaults["max_words"])
        max_words = None if max_words is None else int(max_words)
    except (TypeError, ValueError) as exc:
        raise PackError(f"{where}: confidence, coverage and max_words must be numbers") from exc
    if not 0.0 <= conf <= 1.0:
        raise PackError(f"{where}.confidence: {conf} is outside [0, 1]")
    flag, passes = _examples(e.get("examples"), f"{where}.examples")
    return Entry(
        pack=pack.name,
        id=eid,
        category=cat,
        severity=Severity(sev),
        applicability=Applicability(appl),
        confidence=conf,
        phrases=phrases,
        regex=compiled,
        suggest=suggest,
        message=e.get("message", default_message),
        case_sensitive=case_sensitive,
        unless=_guards(e.get("unless"), f"{where}.unless"),
        when=_guards(e.get("when"), f"{where}.when"),
        scope=scope,
        coverage=coverage,
        max_words=max_words,
        examples_flag=flag,
        examples_pass=passes,
        line=line,
        why=e.get("why") or e.get("note"),
    )
