"""Rule packs: loading the YAML under `rules/`, compiling them once, and scanning documents.

Packs are data (`rules/*.yaml`, shipped in the wheel as `cleaner/_rules`); this package is the code
that runs them. All phrase entries of all packs share one Aho-Corasick automaton; regex entries run
per prose block with a timeout. Context guards (`unless`, `when`) and `scope: block` are applied
here, so a pack author never writes code.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Applicability, Edit, Finding
from .location import rules_dir
from .schema import Entry, Pack, PackError, load_pack

if TYPE_CHECKING:
    from ..config import Config
    from ..document import Block, Document

__all__ = ["Entry", "Pack", "PackError", "PackSet", "load_packs", "rules_dir", "summary"]

REGEX_TIMEOUT = 1.0  # seconds per block and entry; a pack regex that needs more is broken
BLOCK_MEMO = 50_000  # blocks whose matches are remembered (~15 MB); the memo is emptied when full


def _pack_files(extra: Iterable[str] = ()) -> list[Path]:
    files = sorted(rules_dir().glob("*.yaml")) + sorted(rules_dir().glob("*.yml"))
    for item in extra:
        p = Path(item)
        if p.is_dir():
            files += sorted(p.glob("*.y*ml"))
        elif p.exists():
            files.append(p)
        else:
            raise PackError(f"{p}: rule pack not found")
    return files


def match_case(original: str, suggestion: str) -> str:
    """Give `suggestion` the capitalisation of `original` (Title → Title, UPPER → UPPER)."""
    if not suggestion or not original:
        return suggestion
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return suggestion.upper()
    if original[0].isupper() and suggestion[0].islower():
        return suggestion[0].upper() + suggestion[1:]
    return suggestion


def match_apostrophes(original: str, suggestion: str) -> str:
    if "’" in original and "'" in suggestion:
        return suggestion.replace("'", "’")
    if "'" in original and "’" in suggestion:
        return suggestion.replace("’", "'")
    return suggestion


def block_deletion(doc: Document, block: Block) -> Edit:
    """The edit that removes a whole block with its separator, never touching masked content."""
    from ..detect.boilerplate import removal_edits

    return removal_edits(doc, [block])[block.index]


@dataclass(slots=True)
class _Hit:
    entry: Entry
    start: int
    end: int


class PackSet:
    """Every loaded pack, compiled once."""

    def __init__(self, packs: list[Pack]) -> None:
        from .matcher import PhraseMatcher

        self.packs = packs
        self.entries: list[Entry] = [e for p in packs for e in p.entries]
        self.by_rule: dict[str, Entry] = {}
        home: dict[str, Pack] = {}
        for p in packs:
            for e in p.entries:
                home.setdefault(e.rule, p)
        for p in packs:  # a house pack reusing a built-in rule ID would silently share its switches
            for e in p.entries:
                first = home[e.rule]
                if first is not p:
                    raise PackError(
                        f"{p.path}: rule ID {e.rule!r} is already defined by {first.path}; give the pack another name"
                    )
                self.by_rule[e.rule] = e
        self.matcher = PhraseMatcher()
        self.regex_entries: list[Entry] = []
        for i, e in enumerate(self.entries):
            if e.regex is not None:
                self.regex_entries.append(e)
            for phrase in e.phrases:
                self.matcher.add(phrase, i)
        from .prefilter import Prefilter, shape

        shapes = [shape(e.regex.pattern, e.regex.flags) for e in self.regex_entries]
        self.prefilter = Prefilter(shapes, self.matcher)  # adds the literals it looks for to the matcher
        self.matcher.build()

    # -- scanning ---------------------------------------------------------------------------------
    def scan(self, doc: Document, config: Config | None = None, only: set[str] | None = None) -> list[Finding]:
        """All pack findings in `doc`; `only` restricts to these rule ids (used by example tests)."""
        hits = [h for h in self._raw_hits(doc) if self._enabled(h.entry, config, only)]
        # the longest match first; on the same span, the surest entry (a pack's strict entry before its
        # suggested fallback), then the rule id
        hits.sort(key=lambda h: (h.start, -(h.end - h.start), -h.entry.confidence, h.entry.rule))
        findings: list[Finding] = []
        last_cat: dict[str, int] = {}
        doc_cache: dict[int, bool] = {}
        for h in hits:
            # Longest match wins among overlapping matches of the same category.
            if h.start < last_cat.get(h.entry.category, -1):
                continue
            f = self._finding(doc, h, doc_cache)
            if f is None:
                continue
            last_cat[h.entry.category] = h.end
            findings.append(f)
        return findings

    def _enabled(self, e: Entry, config: Config | None, only: set[str] | None) -> bool:
        if only is not None:
            return e.rule in only
        return config is None or config.is_enabled(e.rule, e.category)

    def forget(self) -> None:
        """Empty the per-block memo (benchmarks time a first sight of the text with it)."""
        self._memo().clear()

    def _memo(self) -> dict[str, tuple[tuple[Entry, int, int], ...]]:
        # not set in __init__: a PackSet unpickled from the cache skips it
        memo = self.__dict__.get("_block_memo")
        if memo is None:
            memo = self.__dict__["_block_memo"] = {}
        return memo  # type: ignore[no-any-return]

    def _raw_hits(self, doc: Document) -> list[_Hit]:
        """Every phrase and regex match of every entry (enabled or not), before guards.

        Matches never cross a block (phrases stop at block edges as at blank lines; regexes run per
        block), so they are a function of the block's masked text alone and are memoised on it: the fix
        loop's next pass finds most blocks unchanged, and a site's recurring lines ("Share this article")
        recur across its files. Only blocks not seen before are scanned, laid end to end.
        """
        memo = self._memo()
        proses = [doc.mask[b.start : b.end] for b in doc.blocks]
        known = [memo.get(p) for p in proses]
        todo = [i for i, k in enumerate(known) if k is None]
        if todo:
            fresh, complete = self._scan_blocks([proses[i] for i in todo])
            if len(memo) + len(todo) > BLOCK_MEMO:
                memo.clear()
            for i, found in zip(todo, fresh, strict=True):
                known[i] = found
                if complete:
                    memo[proses[i]] = found
        out: list[_Hit] = []
        for b, hits in zip(doc.blocks, known, strict=True):
            for e, s, t in hits or ():
                start, end = b.start + s, b.start + t
                if e.case_sensitive and e.regex is None and " ".join(doc.text[start:end].split()) not in e.phrases:
                    continue
                out.append(_Hit(e, start, end))
        return out

    def _scan_blocks(self, proses: list[str]) -> tuple[list[tuple[tuple[Entry, int, int], ...]], bool]:
        """Matches per block (offsets relative to the block) and whether every entry ran to the end
        (a regex that timed out did not, and its blocks must not be memoised)."""
        from .matcher import fold
        from .prefilter import lay_out

        text, starts, ends = lay_out(proses)  # joints are barriers to phrases, as blank lines are
        found: list[list[tuple[Entry, int, int]]] = [[] for _ in proses]
        folded = fold(text)
        phrase_hits, literal_hits = self.matcher.find(folded.text)  # one walk for phrases and literals
        for fs, fe, payload in phrase_hits:
            start, end = folded.original(fs), folded.original(fe - 1) + 1
            b = bisect_right(starts, start) - 1
            if b < 0 or end > ends[b]:
                continue
            for i in payload:
                found[b].append((self.entries[i], start - starts[b], end - starts[b]))
        complete = True
        if self.regex_entries:
            shortlist = self.prefilter.candidates(text, starts, ends, folded, literal_hits)
            joined: tuple[str, list[int]] | None = None
            for e, candidates in zip(self.regex_entries, shortlist, strict=True):
                if candidates is None:
                    # Nothing the pattern requires is known: fall back to one overlapped search of all
                    # the blocks (see `_candidate_blocks`) to find the blocks worth a per-block run.
                    joined = joined or _join_blocks(proses)
                    candidates = _candidate_blocks(_prefilter(e), *joined)
                try:
                    for i in range(len(proses)) if candidates is None else candidates:
                        prose = proses[i]
                        for m in e.regex.finditer(prose, timeout=REGEX_TIMEOUT):
                            if "fix" in e.regex.groupindex and m.start("fix") >= 0:
                                s, t = m.span("fix")
                            else:
                                s, t = m.span()
                            if t > s and "\ufffc" not in prose[s:t]:
                                found[i].append((e, s, t))
                except TimeoutError:
                    # One timeout marks the entry as broken for this document: a 10,000-paragraph file
                    # must not cost 10,000 timeouts.
                    complete = False
        return [tuple(f) for f in found], complete

    def _guard_hit(
        self, doc: Document, guard: Any, start: int, end: int, doc_cache: dict[int, bool], timed_out: bool = True
    ) -> bool:
        """Whether the guard's pattern matches; a guard that times out counts as `timed_out`.

        Guards are user regexes too, and `document` guards search the whole file, so they run with
        the same timeout as regex entries. Callers pass the value that drops the finding.
        """
        if guard.where == "after":
            window = doc.mask[end : end + 60]
        elif guard.where == "before":
            window = doc.mask[max(0, start - 60) : start]
        elif guard.where == "near":
            window = doc.mask[max(0, start - 200) : end + 200]
        else:
            key = id(guard)
            if key not in doc_cache:
                try:
                    doc_cache[key] = guard.pattern.search(doc.mask, timeout=REGEX_TIMEOUT) is not None
                except TimeoutError:
                    doc_cache[key] = timed_out
            return doc_cache[key]
        broken = -id(guard)  # a guard that timed out once in this document is not run again in it
        if broken in doc_cache:
            return timed_out
        try:
            return guard.pattern.search(window, timeout=REGEX_TIMEOUT) is not None
        except TimeoutError:
            doc_cache[broken] = True
            return timed_out

    def _finding(self, doc: Document, h: _Hit, doc_cache: dict[int, bool]) -> Finding | None:
        e = h.entry
        for g in e.when:
            if not self._guard_hit(doc, g, h.start, h.end, doc_cache, timed_out=False):
                return None
        applicability, confidence = e.applicability, e.confidence
        for g in e.unless:
            if self._guard_hit(doc, g, h.start, h.end, doc_cache):
                if g.then == "skip":
                    return None
                if applicability == Applicability.SAFE:
                    applicability = Applicability.SUGGESTED
                confidence *= 0.6
                break
        start, end = h.start, h.end
        matched = doc.text[start:end]
        fix: Edit | None = None
        suggestion = e.suggest
        if e.scope == "block":
            block = doc.block_at(start)
            if block is None or block.kind == "meta":
                # A front-matter value is data the site needs (a title field reading "Follow us"
                # is odd, but deleting it would break the page): never a block to remove.
                return None
            body = doc.text[block.start : block.end]
            if e.max_words is not None and len(body.split()) > e.max_words:
                return None
            if len(_letters(matched)) < e.coverage * len(_letters(body)):
                return None
            start, end, matched = block.start, block.end, body
            suggestion = "" if e.suggest is not None else None
            if suggestion is not None:
                fix = block_deletion(doc, block)
        elif suggestion:
            suggestion = match_apostrophes(matched, match_case(matched, suggestion))
        if applicability == Applicability.NONE:
            fix = None
        message = _message(e, matched, suggestion)
        return Finding(
            rule=e.rule,
            category=e.category,
            severity=e.severity,
            message=message,
            start=start,
            end=end,
            text=matched,
            suggestion=suggestion,
            applicability=applicability,
            confidence=confidence,
            fix=fix,
        )


# -- regex prefilter fallback ------------------------------------------------------------------------
# Running every regex entry on every block costs a call (and a timeout timer) per block and entry:
# 40 entries x 10,000 paragraphs was most of the packs' time, though nearly all calls find nothing.
# The prefilter in prefilter.py (required literals, anchored widths and edges) settles that for nearly
# every entry without running it. An entry it cannot analyse is first run once over the document's
# blocks joined by newlines, compiled with
# MULTILINE, with `overlapped=True` (a match reported at every start position that has one). That
# finds a superset of the per-block matches: `^`/`$` match at every block edge, `\b` sees the same
# boundary at a newline as at a string edge, and plain backtracking can always fall back to the path
# it took inside the block alone. The entry then runs as before, but only on blocks where a joined
# match starts. Constructs for which the superset argument fails (negative lookarounds, atomic groups
# and possessive quantifiers, which may consume across the newline and not give it back; absolute
# anchors; an inline flag switching MULTILINE off) get no prefilter and run on every block.
_PREFILTER_UNSAFE = re.compile(
    r"\(\?<?!"  # negative lookahead / lookbehind
    r"|\(\?>|[*+?}]\+"  # atomic group, possessive quantifier
    r"|\\[AZzGK]"  # absolute anchors, \G, \K
    r"|\(\?[A-Za-z]*-[A-Za-z]*m"  # inline flags switching MULTILINE off
    r"|\(\?[R0-9&(]|\(\?P>"  # recursion, conditionals
    r"|\{[^}]*[eisd][<=]"  # fuzzy matching
)


def _prefilter(e: Entry) -> Any:
    """The entry's regex for the joined-blocks search, or None when it gets no prefilter."""
    key = (e.regex.pattern, e.regex.flags)
    if key not in _PREFILTERS:
        rx = None
        if not _PREFILTER_UNSAFE.search(e.regex.pattern):
            try:
                import regex

                rx = regex.compile(e.regex.pattern, e.regex.flags | regex.MULTILINE)
            except Exception:  # no prefilter is always correct
                rx = None
        _PREFILTERS[key] = rx
    return _PREFILTERS[key]


_PREFILTERS: dict[tuple[str, int], Any] = {}


def _join_blocks(proses: list[str]) -> tuple[str, list[int]]:
    offsets: list[int] = []
    pos = 0
    for p in proses:
        offsets.append(pos)
        pos += len(p) + 1
    return "\n".join(proses), offsets


def _candidate_blocks(rx: Any, joined: str, offsets: list[int]) -> list[int] | None:
    """Indexes of blocks where a match may start (sorted), or None to run on every block."""
    if rx is None:
        return None
    starts: set[int] = set()
    try:
        for m in rx.finditer(joined, overlapped=True, timeout=REGEX_TIMEOUT):
            starts.add(bisect_right(offsets, m.start()) - 1)
    except TimeoutError:
        return None
    return sorted(starts)


_NOT_LETTER = re.compile(r"[\W_]+")


def _letters(s: str) -> str:
    """The letters and digits of `s` (what `str.isalnum` accepts: `re`'s \\w without the underscore)."""
    return _NOT_LETTER.sub("", s)


def _message(e: Entry, matched: str, suggestion: str | None) -> str:
    flat = " ".join(matched.split())
    if e.message:
        try:
            return e.message.format(match=flat, suggest=suggestion or "")
        except (KeyError, IndexError, ValueError):
            return e.message
    if e.scope == "block":
        return f"boilerplate: {flat[:60]!r}"
    if suggestion is None:
        return f"“{flat}”"
    if e.category == "spin":
        return f"“{flat}” looks synonym-spun; the usual phrase is “{suggestion}”"
    if suggestion == "":
        return f"“{flat}”: delete"
    return f"“{flat}”: use “{suggestion}”"


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> PackSet:
    from .cache import cached

    files = _pack_files(extra)
    return cached(files, lambda: PackSet([load_pack(p) for p in files]), PackSet)


def load_packs(config: Config | None = None) -> PackSet:
    """Load and compile every pack (cached per process)."""
    return _load(tuple(config.extra_packs) if config else ())


def summary(e: Entry) -> str:
    """One line saying what an entry flags: its message, or what the engine would say on its first phrase."""
    return e.message or _message(e, (e.phrases or ("…",))[0], e.suggest)
