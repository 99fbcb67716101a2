"""The pipeline: segment → normalise → detect → plan fixes → apply, repeated to a fixed point.

`clean_text` is the library entry point (usable without the CLI, e.g. inside a Spark or Dask job).
Findings are always those of the *original* text, so their offsets point into the file the user has;
the fix loop then re-runs detection on the fixed text until no safe fix is left (at most MAX_PASSES),
which is what makes `clean(clean(x)) == clean(x)`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING

from .config import DEFAULT, Config
from .document import MASK, Block, Document, Markup
from .fixes import applicable, apply, plan
from .merge import merge_duplicates
from .model import Applicability, Edit, Finding, Result
from .normalise import NORMALISERS
from .segment import markup_for, segment

if TYPE_CHECKING:
    from .packs import PackSet

MAX_PASSES = 5

#: Detector functions by dotted path; imported on first use. Each is `f(doc, config) -> Iterable[Finding]`.
DETECTORS: tuple[str, ...] = (
    "cleaner.detect.boilerplate.detect",
    "cleaner.detect.mt.detect",
    "cleaner.detect.foreign.detect",
    "cleaner.detect.names.detect",
    "cleaner.detect.glued.detect",
    "cleaner.detect.conventions.detect",
    "cleaner.detect.spin.detect_verb_slot",
    "cleaner.detect.spin.detect_broken_title",
    "cleaner.detect.spin.detect_chief_minister",
)
#: Adjusters see every finding of a document and may change or drop them (document-level evidence).
ADJUSTERS: tuple[str, ...] = (
    "cleaner.detect.spin.adjust",
    "cleaner.detect.boilerplate.guard.adjust",
    "cleaner.detect.spin_context.adjust",
    "cleaner.detect.foreign.adjust",
)
#: Scores per file: name → `f(doc, findings) -> float`.
SCORERS: dict[str, str] = {
    "boilerplate_share": "cleaner.detect.boilerplate.boilerplate_share",
    "spin": "cleaner.detect.spin_context.spin_score",
}
#: Detectors that never produce *safe* fixes. Passes after the first only look for fixes to apply, so
#: without `unsafe_fixes` these are skipped there (with it, their suggested fixes apply and they run).
#: MT artefacts, name variants and broken titles always need an editor; the first two were ~40% of a
#: second pass's time. (A test checks that none of them gives a safe fix.)
REPORT_ONLY: tuple[str, ...] = (
    "cleaner.detect.mt.detect",
    "cleaner.detect.foreign.detect",
    "cleaner.detect.names.detect",
    "cleaner.detect.conventions.detect",
    "cleaner.detect.spin.detect_broken_title",
)
#: Adjusters that never give safe fixes (the spin gate and its suggested swaps): first pass only, with
#: --unsafe-fixes too (re-judged on fixed text, a swap and a pack entry could undo each other's fix in
#: turn, and `clean` would not be idempotent).
REPORT_ONLY_ADJUSTERS: tuple[str, ...] = ("cleaner.detect.spin_context.adjust",)


@cache
def _resolve(dotted: str) -> Callable[..., object]:
    module, _, name = dotted.rpartition(".")
    return getattr(import_module(module), name)  # type: ignore[no-any-return]


def _packs(config: Config) -> PackSet:
    from .packs import load_packs

    return load_packs(config)


BlockKey = tuple[str, str, str]


def _block_key(doc: Document, b: Block) -> BlockKey:
    return (b.kind, doc.text[b.start : b.end], doc.mask[b.start : b.end])


def _settled(doc: Document, pending: list[Finding], config: Config) -> set[BlockKey]:
    """Blocks of `doc` that hold no applicable fix at all.

    Normalisers look at one block at a time, so such a block, found again in the fixed text (same
    kind, text and mask), cannot have a normaliser fix left: the next pass skips it. A block with a fix,
    applied or not, is never settled: its fixed text is a new block, and the block it was before may
    come back elsewhere (a fuzz find, seed 3270843413: `"` converted in one block, `&quot;` decoded to
    `"` in another, and the second was skipped as the first had been)."""
    dirty_blocks: dict[int, Block] = {}
    for f in pending:
        if f.fix is not None and applicable(f, config):
            b = doc.block_at(f.fix.start)
            if b is not None:
                dirty_blocks[b.start] = b
    # one key per block, not per finding: a key holds the block's text, and 10,000 fixes in one
    # 200 KB block made 10,000 copies of it (quadratic; issue 26)
    dirty = {_block_key(doc, b) for b in dirty_blocks.values()}
    return {_block_key(doc, b) for b in doc.blocks} - dirty


def detect(
    doc: Document, config: Config = DEFAULT, first_pass: bool = True, settled: set[BlockKey] | None = None
) -> list[Finding]:
    """Every finding for `doc`, filtered and re-levelled by `config`, sorted by position.

    `settled` (fix-loop passes after the first): blocks the normalisers need not look at again."""
    found: list[Finding] = []
    view = doc
    if settled:
        view = replace(doc, blocks=[b for b in doc.blocks if _block_key(doc, b) not in settled])
    for normaliser in NORMALISERS:
        found.extend(normaliser(view, config))
    found.extend(_packs(config).scan(doc, config))
    for dotted in DETECTORS:
        if not first_pass and dotted in REPORT_ONLY and not config.unsafe_fixes:
            continue
        found.extend(_resolve(dotted)(doc, config))  # type: ignore[arg-type]
    if first_pass and config.grammar:
        from .grammar import detect_grammar

        found.extend(detect_grammar(doc, config, found))
    for dotted in ADJUSTERS:
        if not first_pass and dotted in REPORT_ONLY_ADJUSTERS:
            continue  # even with --unsafe-fixes: a swap re-judged on fixed text can undo a pack's fix, forever
        found = list(_resolve(dotted)(doc, found, config))  # type: ignore[call-overload]
    return _finalise(doc, found, config)


def _finalise(doc: Document, found: list[Finding], config: Config) -> list[Finding]:
    from .controls import suppressed

    out: list[Finding] = []
    seen: dict[tuple[int, int, str | None], Finding] = {}
    for f in found:
        if not config.is_enabled(f.rule, f.category):
            continue
        if f.text != doc.text[f.start : f.end]:  # offsets are sacred: a detector bug must not leak out
            raise AssertionError(f"{f.rule}: finding text {f.text!r} does not match the document at {f.start}")
        f.severity = config.severity_for(f.rule, f.category, f.severity)
        key = (f.start, f.end, f.suggestion)
        other = seen.get(key)
        if other is not None:
            if f.confidence > other.confidence and not (other.fix and not f.fix):
                out[out.index(other)] = f
                seen[key] = f
            continue
        seen[key] = f
        out.append(f)
    return merge_duplicates(suppressed(doc, out, config.extra_packs))  # one defect, one finding (sorted)


def forget(config: Config = DEFAULT) -> None:
    """Forget what the detectors remember about texts already seen (matches per block, features per
    paragraph, recent document analyses), keeping what is compiled. Benchmarks call it so that a figure
    measures a first sight of the text, not a replay from memory."""
    from .detect import boilerplate, english, glued, language, spin

    _packs(config).forget()
    english.forget()
    glued._scan.cache_clear()
    spin._slot_hits.cache_clear()
    boilerplate._features.cache_clear()
    boilerplate._RECENT.clear()
    language.detect.cache_clear()
    language._words.cache_clear()


def scores(doc: Document, findings: list[Finding]) -> dict[str, float]:
    result = {"spin": 0.0, "boilerplate_share": 0.0}
    for name, dotted in SCORERS.items():
        result[name] = float(_resolve(dotted)(doc, findings))  # type: ignore[arg-type]
    return result


def clean_text(
    text: str,
    path: str | None = None,
    markup: Markup | None = None,
    config: Config = DEFAULT,
    fix: bool = True,
    encoding: str = "utf-8",
) -> Result:
    """Analyse `text` and, when `fix`, apply the applicable fixes to a fixed point."""
    markup = markup or markup_for(path)
    spans = chunks(text, markup)
    if len(spans) > 1:
        return _clean_chunked(text, spans, path, markup, config, fix, encoding)
    doc = segment(text, markup, path, encoding)
    findings = detect(doc, config)
    result = Result(
        path=path, original=text, cleaned=text, encoding=encoding, findings=findings, scores=scores(doc, findings)
    )
    if not fix:
        return result
    withheld: set[tuple[str, str]] = set()
    while True:
        current, restart = _fix_loop(text, doc, findings, config, result, markup, path, encoding, withheld)
        if not restart:
            break
        withheld |= restart  # suggested rewrites that fed each other: leave that text as it was, and retry
        result.fixes_applied = 0
    if current.startswith("\ufeff") and not text.startswith("\ufeff"):
        # A deletion at the start left a U+FEFF (zero-width no-break space) first: written out, every
        # reader would take it for a byte-order mark and drop it. It is invisible; drop it here.
        current = current.lstrip("\ufeff")
    result.cleaned = current
    return result


def _foreign(doc: Document) -> bool:
    from .detect import language

    return language.document_is_foreign(doc.mask[: language.DOCUMENT_SAMPLE])


def _without(findings: list[Finding], withheld: set[tuple[str, str]]) -> list[Finding]:
    if not withheld:
        return findings
    return [f for f in findings if f.fix is None or (f.rule, f.text) not in withheld]


def _written(edits: list[Edit]) -> list[tuple[int, int]]:
    """Where each edit's replacement stands in the text the (sorted, disjoint) edits produce."""
    spans, shift = [], 0
    for e in sorted(edits, key=lambda e: e.start):
        spans.append((e.start + shift, e.start + shift + len(e.replacement)))
        shift += len(e.replacement) - (e.end - e.start)
    return spans


def _fix_loop(
    text: str,
    doc: Document,
    findings: list[Finding],
    config: Config,
    result: Result,
    markup: Markup,
    path: str | None,
    encoding: str,
    withheld: set[tuple[str, str]],
) -> tuple[str, set[tuple[str, str]]]:
    """Apply fixes to a fixed point. Returns the text, and the (rule, text) of the first pass's suggested
    fixes to withhold in every pass
    when a suggested fix of the second pass rewrites what one of them wrote (`--unsafe-fixes`: two
    contextual entries, "strength grid" → "power grid" and "splitting tensile power" → "splitting tensile
    strength", would otherwise rewrite each other's output, and `clean` would not be idempotent)."""
    current, current_doc = text, doc
    pending = _without(findings, withheld)
    seen = {hash(text)}  # hashes, not texts: five copies of a 40 MB file would be 200 MB
    first: list[tuple[int, int, Edit]] = []  # spans written by the first pass's suggested edits
    for n in range(MAX_PASSES):
        edits = plan(pending, config, current, current_doc.mask)
        if not edits:
            break
        fixed = apply(current, edits)
        if hash(fixed) in seen:
            # Two rules undoing each other (a → b, b → a) would oscillate: stop at the last new text.
            break
        fixed_doc = segment(fixed, markup, path, encoding)
        while (bad := _unmasking_edit(current_doc, fixed_doc, edits)) is not None:
            # Markdown structure is context: deleting the paragraph between a list and an indented
            # code block makes the code a list paragraph. Withdraw the edit next to it; the finding stays.
            del edits[bad]
            fixed = apply(current, edits)
            fixed_doc = segment(fixed, markup, path, encoding)
        if not edits or hash(fixed) in seen:
            break
        seen.add(hash(fixed))
        settled = _settled(current_doc, pending, config)
        if settled and _foreign(current_doc) != _foreign(fixed_doc):
            # The document's language decides whether a paragraph's quotes and spacing are English
            # house style; when a fix changes that verdict, no block is settled (a fresh run would
            # look at every block again, and `clean` would not be idempotent: found by test_fuzz).
            settled = set()
        if n == 0 and config.unsafe_fixes:
            suggested = {f.fix for f in pending if f.fix is not None and f.applicability == Applicability.SUGGESTED}
            order = sorted(edits, key=lambda e: e.start)
            first = [(s, e, edit) for (s, e), edit in zip(_written(order), order, strict=True) if edit in suggested]
            by_edit = {f.fix: (f.rule, f.text) for f in pending if f.fix is not None}
        current, current_doc = fixed, fixed_doc
        result.fixes_applied += len(edits)
        pending = _without(detect(current_doc, config, first_pass=False, settled=settled), withheld)
        if n == 0 and first:
            clash = {
                by_edit[edit]
                for f in pending
                if f.fix is not None and f.applicability == Applicability.SUGGESTED and applicable(f, config)
                for s, e, edit in first
                if f.fix.start < e and s < f.fix.end
            }
            if clash:
                return current, clash
    return current, set()


_MASKED = re.compile(MASK + "+")


def _unmasking_edit(before: Document, after: Document, edits: list[Edit]) -> int | None:
    """The index in `edits` (sorted, disjoint) of an edit to withdraw because applying them unmasked
    text they do not touch (code, HTML, front matter turned prose), or None when every such run of
    `before` is still masked in `after`.

    Only Markdown can do this: its blocks are read in context. The edit withdrawn is the nearest one
    before the run (what preceded the run changed), else the nearest after it.
    """
    if before.markup != "markdown" or MASK not in before.mask:
        return None
    starts = [e.start for e in edits]
    shift = [0]
    for edit in edits:
        shift.append(shift[-1] + len(edit.replacement) - (edit.end - edit.start))
    old, new = before.mask, after.mask
    for m in _MASKED.finditer(old):
        s, e = m.span()
        i = bisect_right(starts, s)  # edits[:i] start at or before s
        if (i and edits[i - 1].end > s) or (i < len(edits) and edits[i].start < e):
            continue  # the run is edited itself (a boilerplate block holding a link target)
        t = s + shift[i]
        if new[t : t + e - s] != old[s:e]:
            return i - 1 if i else i
    return None


#: Files longer than this (characters) are cleaned in windows of about CHUNK_CHARS, cut at blank lines.
CHUNK_THRESHOLD = 4_000_000
CHUNK_CHARS = 1_000_000
_BLANK_LINE = re.compile(r"\r?\n[ \t]*\r?\n")
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)", re.MULTILINE)


def chunks(text: str, markup: Markup) -> list[tuple[int, int]]:
    """Where a very large file is cut: `[(start, end), …]` covering `text`, one span for normal files.

    Why: a 40 MB dump of scraped pages must be cleaned in bounded memory and linear time, and what
    cleaner looks at (a paragraph, an article's evidence) is far smaller than a megabyte. Each window is
    cleaned as a document of its own and the results are joined; the cut is made just before a blank
    line, so the blank line starts the next window and no paragraph is split. In Markdown a cut never
    falls inside a fenced code block or in front matter; a file with inline controls (`<!-- cleaner:
    ... -->`) is never cut, since a control's reach would end at the cut.
    """
    n = len(text)
    if n <= CHUNK_THRESHOLD or "cleaner:" in text:
        return [(0, n)]
    spans: list[tuple[int, int]] = []
    last = 0
    for m in _BLANK_LINE.finditer(text, CHUNK_CHARS):
        cut = m.start()
        if cut - last < CHUNK_CHARS or n - cut < CHUNK_CHARS:
            continue
        if markup == "markdown" and len(_FENCE.findall(text, last, cut)) % 2:
            continue  # inside a fenced code block
        if markup == "markdown" and last == 0 and text.startswith(("---", "+++")) and _in_front_matter(text, cut):
            continue
        spans.append((last, cut))
        last = cut
    spans.append((last, n))
    return spans


def _in_front_matter(text: str, pos: int) -> bool:
    fence = text[:3]
    close = text.find("\n" + fence, 3)
    return close == -1 or pos <= close


def _shifted(f: Finding, delta: int) -> Finding:
    if delta == 0:
        return f
    fix = None if f.fix is None else Edit(f.fix.start + delta, f.fix.end + delta, f.fix.replacement)
    return replace(f, start=f.start + delta, end=f.end + delta, fix=fix)


def _clean_chunked(
    text: str,
    spans: list[tuple[int, int]],
    path: str | None,
    markup: Markup,
    config: Config,
    fix: bool,
    encoding: str,
) -> Result:
    """`clean_text` window by window (see `chunks`): findings shifted to offsets in the whole file,
    cleaned windows joined, scores averaged over the windows weighted by their length."""
    findings: list[Finding] = []
    cleaned: list[str] = []
    weighted: dict[str, float] = {}
    fixes = 0
    for start, end in spans:
        part = clean_text(text[start:end], path, markup, config, fix, encoding)
        findings.extend(_shifted(f, start) for f in part.findings)
        cleaned.append(part.cleaned)
        fixes += part.fixes_applied
        for name, value in part.scores.items():
            weighted[name] = weighted.get(name, 0.0) + value * (end - start)
        del part
    total = max(1, len(text))
    return Result(
        path=path,
        original=text,
        cleaned="".join(cleaned),
        encoding=encoding,
        findings=findings,
        scores={k: round(v / total, 4) for k, v in weighted.items()},
        fixes_applied=fixes,
    )
