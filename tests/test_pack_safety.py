"""User rule packs cannot hang or crash the tool (issue 9, item 5), and the shipped packs are safe.

Why: a pack is data a user writes; a regex with nested quantifiers can take longer than the age of
the universe on a 40-character line, and a typo must be reported as `file:line: key: problem`, not as
a traceback. Three defences are tested: (1) schema.py refuses patterns known to backtrack
catastrophically; (2) what slips through runs with a timeout, and an entry that timed out once is not
run again on the same document; (3) malformed packs fail with one line naming file, line and key.
The shipped packs are also checked: every regex survives adversarial input quickly, and no chain of
suggestions loops (`a → b → a` makes `clean` oscillate and never reach a fixed point).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import cleaner

from cleaner.packs import PackError, PackSet, load_packs
from cleaner.packs.matcher import fold
from cleaner.packs.schema import backtracking_risk, load_pack
from cleaner.segment import segment

CATASTROPHIC = [
    r"(a+)+b",
    r"(a*)*b",
    r"((a+))+$",
    r"(\w+\s?)*$",
    r"(?:[a-z]+\s*)+:",
    r"(x+x+)+y",
    r"(.*,)*x",
    r"(a|a)*b",
    r"(?:a|aa)+$",
    r"(?:foo|foobar)*$",
    r"(?:\d+|\d+\.\d+)+%",
    r"^(?:(?:\w+)\s?){20,}$",
]
SAFE = [
    r"\bat the minimum\b",
    r"(?:\d+,)*\d+",
    r"[^\W\d]+(?:-[^\W\d]+)*",
    r"(?:[-–] \w+)*",
    r"(?:\w+,\s*)*and",
    r"(?:foo|bar)+",
    r"(?:(?:share|share this)[\s:|]*){1,12}$",
    r"(?>a+)+b",
    r"(?:a++)+b",
    r"^(?:read more|see also)\s*[:.]?$",
    r"\b(?P<fix>informed)\s+(?:Reuters|AFP)\b",
]


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_catastrophic_patterns_are_refused(pattern: str) -> None:
    assert backtracking_risk(pattern), pattern


@pytest.mark.parametrize("pattern", SAFE)
def test_ordinary_patterns_are_accepted(pattern: str) -> None:
    assert backtracking_risk(pattern) is None, pattern


def _pack(folder: Path, body: str, name: str = "house.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


GOOD_ENTRY = """\
pack: house
category: style
entries:
  - id: utilise
    phrase: utilise
    suggest: use
    applicability: safe
    examples:
      flag: ["We utilise it."]
      pass: ["We use it."]
"""

MALFORMED = {
    "bad-yaml": ("entries:\n  - id: x\n    phrase: [unclosed\n", r"house\.yaml:\d+: invalid YAML"),
    "unknown-entry-key": (
        GOOD_ENTRY.replace("    suggest: use\n", "    sugest: use\n"),
        r"house\.yaml:4: entries\[0\]: unknown key 'sugest'",
    ),
    "nested-quantifier": (
        GOOD_ENTRY.replace("phrase: utilise", "regex: '(\\w+\\s?)*$'"),
        r"house\.yaml:4: entries\[0\]\.regex: nested quantifier",
    ),
    "overlapping-alternatives": (
        GOOD_ENTRY.replace("phrase: utilise", "regex: '(?:a|aa)+$'"),
        r"house\.yaml:4: entries\[0\]\.regex: repeated alternatives",
    ),
    "invalid-regex": (
        GOOD_ENTRY.replace("phrase: utilise", "regex: '(unclosed'"),
        r"house\.yaml:4: entries\[0\]\.regex: invalid regular expression",
    ),
    "bad-guard": (
        GOOD_ENTRY.replace("    applicability: safe\n", "    applicability: safe\n    unless:\n      - near: '(a+)+'\n")
        + "",
        r"house\.yaml:4: entries\[0\]\.unless\[0\]\.near: nested quantifier",
    ),
    "bad-applicability": (
        GOOD_ENTRY.replace("applicability: safe", "applicability: always"),
        r"house\.yaml:4: entries\[0\]\.applicability: 'always'",
    ),
    "duplicate-id": (
        GOOD_ENTRY + GOOD_ENTRY.split("entries:\n", 1)[1],
        r"house\.yaml:11: entries\[1\]\.id: duplicate id 'utilise'",
    ),
    "entries-not-a-list": ("pack: house\nentries: {}\n", r"house\.yaml:1: entries: expected a list"),
    "not-a-mapping": ("- just\n- a list\n", r"house\.yaml: a rule pack is a mapping"),
    "bad-confidence": (
        GOOD_ENTRY.replace("applicability: safe", "applicability: safe\n    confidence: high"),
        r"house\.yaml:4: entries\[0\]: confidence",
    ),
    "invalid-utf8": ("\udcff", r"house\.yaml: cannot read rule pack"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_pack_names_file_line_and_key(tmp_path: Path, case: str) -> None:
    body, expected = MALFORMED[case]
    path = tmp_path / "house.yaml"
    path.write_bytes(body.encode("utf-8", "surrogateescape"))
    with pytest.raises(PackError) as err:
        load_pack(path)
    message = str(err.value)
    assert re.search(expected, message), message
    assert "\n" not in message


def test_malformed_user_pack_through_the_cli(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    _pack(rules, MALFORMED["unknown-entry-key"][0])
    article = tmp_path / "a.txt"
    article.write_text("We utilise it.\n", encoding="utf-8")
    r = cleaner("check", str(article), env={"CLEANER_RULES_DIR": str(rules)})
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and re.search(r"house\.yaml:4: entries\[0\]: unknown key 'sugest'", lines[0]), lines


def test_malformed_pack_named_in_config_file(tmp_path: Path) -> None:
    _pack(tmp_path / "style", MALFORMED["nested-quantifier"][0])
    (tmp_path / ".cleaner.toml").write_text('packs = ["style/house.yaml"]\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("We utilise it.\n", encoding="utf-8")
    r = cleaner("check", "--config", str(tmp_path / ".cleaner.toml"), str(article), timeout=300)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    assert re.search(r"style/house\.yaml:4: entries\[0\]\.regex: nested quantifier", r.stderr), r.stderr


#: Accepted by the static check (`\p{L}` is regex-module syntax, so only the textual test applies) but
#: exponential on a long run of letters followed by a non-letter: only the timeout stops it. (An earlier
#: `(?:\p{L}|a)+$` is matched in microseconds by today's `regex` module; `test_the_slow_pattern_is_slow`
#: keeps this one honest.)
SLOW_BUT_ACCEPTED = r"(?:\p{L}|[a-z])+$"
#: Paragraphs on which SLOW_BUT_ACCEPTED backtracks until its timeout.
SLOW_PARAGRAPH = "a" * 40 + "!"


class Counting:
    """A compiled pattern that counts its runs (`finditer`/`search`) and how many of them timed out."""

    def __init__(self, pattern: Any) -> None:
        self.compiled = pattern
        self.runs = 0
        self.timeouts = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled, name)

    def _count(self, method: str, *args: Any, **kwargs: Any) -> Any:
        self.runs += 1
        try:
            return getattr(self.compiled, method)(*args, **kwargs)
        except TimeoutError:
            self.timeouts += 1
            raise

    def finditer(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        self.runs += 1
        try:
            yield from self.compiled.finditer(*args, **kwargs)
        except TimeoutError:
            self.timeouts += 1
            raise

    def search(self, *args: Any, **kwargs: Any) -> Any:
        return self._count("search", *args, **kwargs)


def test_the_slow_pattern_is_slow(tmp_path: Path) -> None:
    """The tests below are only worth something if the pattern, as a pack compiles it, needs the timeout."""
    assert backtracking_risk(SLOW_BUT_ACCEPTED) is None
    pack = load_pack(_pack(tmp_path, GOOD_ENTRY.replace("phrase: utilise", f"regex: '{SLOW_BUT_ACCEPTED}'")))
    with pytest.raises(TimeoutError):
        pack.entries[0].regex.search(SLOW_PARAGRAPH, timeout=0.1)


def test_slow_user_regex_is_stopped_by_the_timeout(tmp_path: Path) -> None:
    """Through the CLI: a pack entry and a `document` guard that both hit the timeout. The run ends
    normally; the entry reports nothing, and a guard that timed out counts as matching, so its entry's
    finding is dropped (a false flag costs more than a miss). Each runs once per document (see the next
    tests): 200 paragraphs at one timeout each would take minutes and hit the subprocess's timeout."""
    rules = tmp_path / "rules"
    _pack(
        rules,
        GOOD_ENTRY.replace("phrase: utilise", f"regex: '{SLOW_BUT_ACCEPTED}'")
        + "  - id: slow-guard\n    phrase: colour\n    unless:\n      - document: '"
        + SLOW_BUT_ACCEPTED
        + "'\n",
    )
    article = tmp_path / "a.txt"
    paragraphs = [SLOW_PARAGRAPH for _ in range(200)] + ["The colour red."]
    article.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    r = cleaner("check", "--format", "json", str(article), env={"CLEANER_RULES_DIR": str(rules)}, timeout=150)
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode == 0, r.stdout + r.stderr
    (reported,) = json.loads(r.stdout)["files"]
    assert reported["findings"] == []


def test_timed_out_entry_is_not_retried_in_the_same_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import cleaner.packs as packs_module

    monkeypatch.setattr(packs_module, "REGEX_TIMEOUT", 0.1)
    pack = load_pack(_pack(tmp_path, GOOD_ENTRY.replace("phrase: utilise", f"regex: '{SLOW_BUT_ACCEPTED}'")))
    (entry,) = pack.entries
    entry.regex = counted = Counting(entry.regex)
    doc = segment("\n\n".join(SLOW_PARAGRAPH for _ in range(100)) + "\n")
    assert PackSet([pack]).scan(doc) == []
    assert (counted.runs, counted.timeouts) == (1, 1)  # not 100 runs, 100 timeouts


@pytest.mark.parametrize("where", ["near", "document"])
def test_timed_out_guard_is_not_retried_in_the_same_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """A guard that timed out counts as matching (its finding is dropped) and is not run again."""
    import cleaner.packs as packs_module

    monkeypatch.setattr(packs_module, "REGEX_TIMEOUT", 0.1)
    body = GOOD_ENTRY.replace("phrase: utilise", "phrase: colour").replace(
        "    applicability: safe\n", f"    applicability: safe\n    unless:\n      - {where}: '{SLOW_BUT_ACCEPTED}'\n"
    )
    pack = load_pack(_pack(tmp_path, body))
    (entry,) = pack.entries
    (guard,) = entry.unless
    counted = Counting(guard.pattern)
    object.__setattr__(guard, "pattern", counted)  # Guard is frozen
    doc = segment("\n\n".join(f"The colour red. {SLOW_PARAGRAPH}" for _ in range(100)) + "\n")
    assert PackSet([pack]).scan(doc) == []
    assert (counted.runs, counted.timeouts) == (1, 1)
    # the same entry without the guard reports all 100: the guard, not the phrase, dropped them
    object.__setattr__(entry, "unless", ())
    assert len(PackSet([pack]).scan(doc)) == 100


# -- the shipped packs ----------------------------------------------------------------------------


def _adversarial(pattern: str) -> list[str]:
    """Long runs of the characters the pattern mentions, each ending in a character that fails it."""
    literals = set(re.sub(r"\\[pPdDwWsSbB]|\\.|[\[\](){}|*+?^$.]", "", pattern).lower())
    alphabet = [*sorted(literals & set("abcdefghijklmnopqrstuvwxyz0123456789 ,.-:/")), "a", " ", "1"]
    out = []
    for ch in dict.fromkeys(alphabet):
        out.append(ch * 3000 + "\x00")
        out.append((ch + " ") * 1500 + "\x00")
    words = re.findall(r"[a-z]{2,}", pattern.lower())[:20]
    if words:
        out.append(" ".join(words * 30) + " \x00")
        out.append("".join(words * 30) + "\x00")
    return out


def _shipped_regexes() -> list[tuple[str, object]]:
    packs = load_packs()
    found = []
    for e in packs.entries:
        if e.regex is not None:
            found.append((e.rule, e.regex))
        for g in (*e.unless, *e.when):
            found.append((f"{e.rule} ({g.where} guard)", g.pattern))
    return found


def test_shipped_regexes_survive_adversarial_input() -> None:
    slow = []
    for rule, pattern in _shipped_regexes():
        for text in _adversarial(pattern.pattern):  # type: ignore[attr-defined]
            try:
                for _ in pattern.finditer(text, timeout=0.5):  # type: ignore[attr-defined]
                    pass
            except TimeoutError:
                slow.append(rule)
                break
    assert slow == [], f"regexes that backtrack catastrophically: {slow}"


def test_shipped_regexes_pass_the_static_check() -> None:
    patterns = [(rule, p.pattern.removeprefix("(?-f)")) for rule, p in _shipped_regexes()]  # type: ignore[attr-defined]
    risky = [(rule, p) for rule, p in patterns if backtracking_risk(p)]
    assert risky == []


def test_no_suggestion_cycles_in_shipped_packs() -> None:
    """`a → b` and `b → a` (directly or through a chain) make the fix loop oscillate for ever."""
    packs = load_packs()
    suggests: dict[str, set[str]] = {}
    for e in packs.entries:
        if e.suggest and e.regex is None:
            for phrase in e.phrases:
                key = fold(phrase).text.lower()
                suggests.setdefault(key, set()).add(fold(e.suggest).text.lower())
    cycles = []
    for start in suggests:
        seen = [start]
        frontier = list(suggests[start])
        while frontier:
            nxt = frontier.pop()
            if nxt == start:
                cycles.append(" → ".join([*seen, start]))
                break
            if nxt in seen or nxt not in suggests or len(seen) > 20:
                continue
            seen.append(nxt)
            frontier += suggests[nxt]
    assert cycles == [], f"{len(cycles)} suggestion cycles, e.g. {cycles[:5]}"
