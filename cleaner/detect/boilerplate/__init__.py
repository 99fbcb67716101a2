"""Boilerplate paragraphs: site furniture around the article, flagged paragraph by paragraph.

Plain text has no markup, links or CSS classes to go by, so the detector reads what an editor reads:

1. **Prompts** (rules/boilerplate.yaml, `scope: block`): a paragraph that is mostly "Leave a Reply",
   "Advertisement", "Read more", a copyright or photo-credit line… is boilerplate wherever it stands.
2. **Structure**: tag/keyword lists (comma-separated, empty fields), menu rows, byline-teaser blocks
   ("Vikas Pathak /" followed by someone else's story).
3. **Position**: the article is the densest run of long, stop-word-rich paragraphs (found as a
   maximum-sum segment, as in BTE-style extractors). Short, list-like or off-topic paragraphs *outside*
   that run (the promo blurbs, teasers and link lists after the article has ended) are boilerplate.
   Inside it only prompts and tag lists are removed: short body paragraphs (sub-headings, one-line
   quotes) look exactly like junk, and dropping a body paragraph is data loss.
4. **Topic**: a long paragraph after the article whose content words barely occur in the headline and
   the article (teasers of other stories, promo copy) is off-topic.
5. **Language**: a paragraph in another language than the article's, after the article (a French
   "Vidéo du jour:" under an English story).

Speed: what a paragraph's text says on its own (tokens, stop words, the pack prompt or structural
pattern it is) is memoised by text (`_features`), because the fix loop runs this detector again on a
document where most paragraphs are unchanged; the document-level analysis is kept for the MT detector's
`flagged_blocks` (`_analysis`); pack entries are screened by required literals, prefixes and width
before their regex runs (`_Pack.match`). None of this changes a verdict.

Every finding spans its whole paragraph, suggests "" and carries a fix that also removes the blank line
that separated it, so nothing piles up. Removal is `safe` only when the confidence reaches
`config.boilerplate_threshold`; everything else is `suggested` for an editor. Headline affixes ("CM – "
before, " | News" after) are flagged as the affix only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ...config import Config
from ...document import MASK, Block, Document
from ...model import Finding
from . import template
from .article import Verdict, find_article
from .decide import judge as _judge
from .edits import _finding, removal_edits, title_affixes
from .features import (
    _CJK,
    _TOKEN,
    FEATURES_CACHE,
    Para,
    _features,
    _tokens,
    analyse,
)
from .pack import (
    _MAYBE_RISKY,
    CATEGORY,
    LATIN1_LOWER,
    PACK,
    TWINS,
    BlockEntry,
    Guard,
    _Pack,
    _pack,
    _risky,
    load_block_pack,
    match_block,
    parse_block_pack,
    rules_dir,
)

#: The rule-pack engine runs `scope: block` entries itself (cleaner/packs), so this detector uses the
#: pack's verdicts as evidence only; set True to emit them from here as well (e.g. without the engine).
__all__ = [
    "CATEGORY",
    "FEATURES_CACHE",
    "LATIN1_LOWER",
    "MIN_REPORTED",
    "PACK",
    "RECENT_ANALYSES",
    "TWINS",
    "_CJK",
    "_MAYBE_RISKY",
    "_RECENT",
    "_TOKEN",
    "BlockEntry",
    "Guard",
    "Para",
    "Verdict",
    "_features",
    "_pack",
    "_risky",
    "_tokens",
    "analyse",
    "boilerplate_share",
    "detect",
    "find_article",
    "flagged_blocks",
    "load_block_pack",
    "match_block",
    "parse_block_pack",
    "removal_edits",
    "rules_dir",
    "title_affixes",
]

EMIT_PACK_HITS = False

MIN_REPORTED = 0.7


@dataclass(frozen=True, slots=True)
class _Analysis:
    """A document's paragraphs and their verdicts: what `detect` and `flagged_blocks` both need."""

    text: str
    mask: str
    blocks: tuple[Block, ...]
    pack: _Pack
    body: list[Para]
    lang: str | None
    title: Para | None
    by_markdown: dict[bool, dict[int, Verdict]] = field(default_factory=dict)

    def layout(self, markdown: bool) -> tuple[int, int]:
        """(first, last) index of the article run (empty when first > last)."""
        s, e, _vocab, _off = find_article(self.body, self.title)
        return s, e

    def verdicts(self, markdown: bool) -> dict[int, Verdict]:
        """Verdicts per body index; Markdown only spares headings, so both readings share the paragraphs."""
        v = self.by_markdown.get(markdown)
        if v is None:
            v = self.by_markdown[markdown] = _judge(self.body, self.lang, self.title, markdown)
        return v


#: The last few analyses. The pipeline asks about one document twice in a row (this detector, then the
#: MT detector's `flagged_blocks`); a longer memory would only hold big documents alive.
_RECENT: list[_Analysis] = []
RECENT_ANALYSES = 2


def _analysis(doc: Document) -> _Analysis:
    """The analysis of `doc`, shared by every caller that asks about the same text, mask and blocks."""
    pack = _pack()
    blocks = tuple(doc.blocks)
    for a in _RECENT:
        # str and tuple equality look at identity first: the usual hit costs next to nothing
        if a.pack is pack and a.text == doc.text and a.mask == doc.mask and a.blocks == blocks:
            return a
    paras, lang = analyse(doc)
    title = paras[0] if paras and paras[0].block.kind in ("title", "heading") else None
    body = [p for p in paras if p is not title]
    a = _Analysis(doc.text, doc.mask, blocks, pack, body, lang, title)
    _RECENT[:] = [a, *_RECENT[: RECENT_ANALYSES - 1]]
    return a


def _flagged_paras(a: _Analysis, config: Config, markdown: bool) -> list[tuple[Para, Verdict]]:
    return [
        (a.body[i], v)
        for i, v in sorted(a.verdicts(markdown).items())
        if config.is_enabled(v.rule, CATEGORY) and v.confidence >= MIN_REPORTED
    ]


def _with_template(
    a: _Analysis, flagged: list[tuple[Para, Verdict]], config: Config, markdown: bool
) -> list[tuple[Para, Verdict]]:
    """`flagged` plus the paragraphs made of the folder's template lines (see template.py): removed
    outside the article run, suggested inside it; a pack prompt keeps its own verdict."""
    if not config.is_enabled(template.TEMPLATE_RULE, CATEGORY):
        return flagged
    have = {id(p): i for i, (p, _) in enumerate(flagged)}
    s, e = a.layout(markdown)
    out = list(flagged)
    # the first line too: a "title" every page of the folder shares is the site's name, not a headline
    candidates = [(-1, a.title)] if a.title is not None else []
    for i, p in [*candidates, *enumerate(a.body)]:
        if (p.hit and not p.weak) or (markdown and p.block.kind == "heading"):
            continue
        if not template.is_template(p.text, config.site_template):
            continue
        inside = s <= i <= e
        conf = template.REVIEW_CONFIDENCE if inside else template.TEMPLATE_CONFIDENCE
        v = Verdict(template.TEMPLATE_RULE, "Line repeated on most pages of this folder (site template)", conf)
        j = have.get(id(p))
        if j is None:
            out.append((p, v))
        elif out[j][1].confidence < conf:
            out[j] = (p, v)
    out.sort(key=lambda pv: pv[0].block.start)
    return out


def detect(doc: Document, config: Config) -> Iterator[Finding]:
    """All boilerplate findings of `doc`: whole paragraphs, then headline affixes."""
    a = _analysis(doc)
    # Markdown and HTML headings are the author's structure, not scraped furniture
    flagged = _flagged_paras(a, config, doc.markup in ("markdown", "html"))
    edits = removal_edits(doc, [p.block for p, _ in flagged])
    if config.site_template:
        flagged = _with_template(a, flagged, config, doc.markup in ("markdown", "html"))
        edits = removal_edits(doc, [p.block for p, _ in flagged])
    for p, v in flagged:
        if v.rule in a.pack.rules and not EMIT_PACK_HITS:
            continue
        b = p.block
        yield _finding(doc, config, v.rule, v.message, b.start, b.end, v.confidence, edits[b.index], v.severity)
    for f in title_affixes(doc, config):
        if config.is_enabled(f.rule, CATEGORY):
            yield f


_DEFAULT_CONFIG = Config()


def flagged_blocks(doc: Document) -> frozenset[int]:
    """Indices of the blocks this detector flags (any confidence), for detectors that defer to it.

    Those are the blocks whose span a finding of `detect(doc, Config())` covers exactly, worked out
    from the shared analysis instead of building every finding and fix again.
    """
    a = _analysis(doc)
    # Read as plain text whatever `doc.markup` says, as this always has: Markdown headings count too.
    spans = {
        (p.block.start, p.block.end)
        for p, v in _flagged_paras(a, _DEFAULT_CONFIG, False)
        if EMIT_PACK_HITS or v.rule not in a.pack.rules
    }
    spans.update((f.start, f.end) for f in title_affixes(doc, _DEFAULT_CONFIG))
    return frozenset(b.index for b in doc.blocks if (b.start, b.end) in spans)


def boilerplate_share(doc: Document, findings: Iterable[Finding]) -> float:
    """Share of the document's prose characters that boilerplate findings cover (0..1)."""
    total = sum(len(doc.prose(b).replace(MASK, "")) for b in doc.blocks)
    if not total:
        return 0.0
    spans = sorted((f.start, f.end) for f in findings if f.category == CATEGORY)
    covered, last = 0, -1
    for s, e in spans:
        s = max(s, last)
        if e > s:
            covered += len(doc.mask[s:e].replace(MASK, ""))
            last = e
    return min(1.0, covered / total)
