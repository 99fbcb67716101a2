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

Every finding spans its whole paragraph, suggests "" and carries a fix that also removes the blank line
that separated it, so nothing piles up. Removal is `safe` only when the confidence reaches
`config.boilerplate_threshold`; everything else is `suggested` for an editor. Headline affixes ("CM – "
before, " | News" after) are flagged as the affix only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex
import yaml

from ..config import Config
from ..document import MASK, Block, Document
from ..model import Applicability, Edit, Finding, Severity
from . import language

PACK = "boilerplate"
CATEGORY = "boilerplate"
#: The rule-pack engine runs `scope: block` entries itself (cleaner/packs), so this detector uses the
#: pack's verdicts as evidence only; set True to emit them from here as well (e.g. without the engine).
EMIT_PACK_HITS = False

# --------------------------------------------------------------------------------------------------
# Block-scope pack: loading and matching
# --------------------------------------------------------------------------------------------------

GUARD_KEYS = ("before", "after", "near", "document")


def rules_dir() -> Path:
    """The shipped rules folder: `cleaner/_rules` in a wheel, `<repo>/rules` in a checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("cannot find the rules folder (cleaner/_rules or rules/)")


@dataclass(frozen=True)
class Guard:
    """An `unless`/`when` condition; for whole-paragraph matches before/after/near all read the block."""

    key: str
    pattern: regex.Pattern[str]
    then: str = "skip"


@dataclass(frozen=True)
class BlockEntry:
    """One compiled `scope: block` entry of a pack."""

    rule: str
    pattern: regex.Pattern[str]
    message: str
    confidence: float
    severity: Severity
    min_cover: float
    max_words: int
    unless: tuple[Guard, ...] = ()
    when: tuple[Guard, ...] = ()
    examples: dict[str, list[str]] = field(default_factory=dict)


def _guards(raw: list[dict[str, Any]] | None) -> tuple[Guard, ...]:
    out: list[Guard] = []
    for g in raw or []:
        for key in GUARD_KEYS:
            if key in g:
                out.append(Guard(key, regex.compile(g[key], regex.IGNORECASE), g.get("then", "skip")))
    return tuple(out)


def _phrase_regex(phrase: str) -> str:
    parts = [regex.escape(w).replace("'", "['’]").replace("’", "['’]") for w in phrase.split()]
    return r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)"


def parse_block_pack(data: dict[str, Any]) -> tuple[BlockEntry, ...]:
    """Compile a loaded `scope: block` pack (raises ValueError/KeyError/regex.error on bad data)."""
    name = data["pack"]
    entries: list[BlockEntry] = []
    seen: set[str] = set()
    for e in data.get("entries", []):
        eid = e["id"]
        if eid in seen:
            raise ValueError(f"{name}: duplicate entry id {eid!r}")
        seen.add(eid)
        if "regex" in e:
            source = e["regex"]
        else:
            phrases = e.get("phrases") or [e["phrase"]]
            source = "|".join(_phrase_regex(p) for p in phrases)
        flags = regex.IGNORECASE if e.get("case", "insensitive") == "insensitive" else 0
        entries.append(
            BlockEntry(
                rule=f"{name}/{eid}",
                pattern=regex.compile(source, flags | regex.DOTALL),
                message=e.get("message", f"boilerplate ({eid})"),
                confidence=float(e.get("confidence", data.get("confidence", 0.9))),
                severity=Severity(e.get("severity", data.get("severity", "warning"))),
                min_cover=float(e.get("min_cover", data.get("min_cover", 0.6))),
                max_words=int(e.get("max_words", data.get("max_words", 25))),
                unless=_guards(e.get("unless")),
                when=_guards(e.get("when")),
                examples=e.get("examples") or {},
            )
        )
    return tuple(entries)


@lru_cache(maxsize=8)
def load_block_pack(path: str | None = None) -> tuple[BlockEntry, ...]:
    """The compiled entries of a block-scope pack (default: the shipped boilerplate pack)."""
    from ..packs.cache import cached

    p = Path(path) if path else rules_dir() / "boilerplate.yaml"
    return cached([p], lambda: parse_block_pack(yaml.safe_load(p.read_text(encoding="utf-8"))), tuple)


_EDGE = regex.compile(r"^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$")


def _core_len(text: str) -> int:
    """Length without leading/trailing spaces, punctuation and symbols (so "Share:" ≈ "Share")."""
    return len(_EDGE.sub("", text)) or len(text.strip())


def _guard_hits(g: Guard, block: str, document: str) -> bool:
    return bool(g.pattern.search(document if g.key == "document" else block, timeout=0.05))


def match_block(
    entries: Iterable[BlockEntry], text: str, n_words: int, document: str = ""
) -> tuple[BlockEntry, float] | None:
    """The first entry whose match covers at least `min_cover` of paragraph `text`, and its confidence."""
    stripped = text.strip()
    if not stripped:
        return None
    core = _core_len(stripped)
    for entry in entries:
        if n_words > entry.max_words:
            continue
        try:
            m = entry.pattern.search(stripped, timeout=0.05)
        except TimeoutError:
            continue
        if not m or (_core_len(m.group()) / core if core else 1.0) < entry.min_cover:
            continue
        if entry.when and not all(_guard_hits(g, stripped, document) for g in entry.when):
            continue
        conf = entry.confidence
        guard = next((g for g in entry.unless if _guard_hits(g, stripped, document)), None)
        if guard is not None:
            if guard.then != "suggest":
                continue
            conf *= 0.6
        return entry, conf
    return None


# --------------------------------------------------------------------------------------------------
# Paragraph features
# --------------------------------------------------------------------------------------------------

_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_TOKEN = regex.compile(r"\w+")
_SENTENCE_END = regex.compile(r"[.!?…][\"'”’»)\]]*\s*$|[.!?…]\s*[\"'”’»][^\w]*$")
_BYLINE_SLASH = regex.compile(r"^\s*\p{Lu}[\p{L}.'’-]*(?:\s+[\p{L}.'’-]+){0,4}\s*/\s*$")
_MENU_SEP = regex.compile(r"\s[|·•»›]\s|\s/\s")
_ALL_STOP = frozenset().union(*language.STOPWORDS.values())
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_LINE = regex.compile(
    rf"(?i)^[|\s]*(?:(?:updated|published|posted|last updated)\s*(?:on|:)?\s*)?(?:\w+day,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})(?:,?\s*(?:at\s*)?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{{2,4}})?)?[|\s]*$"
)
_BYLINE = regex.compile(
    r"^\s*(?:by|par|por|von|di|de)\s+(?:\p{Lu}[\p{L}.'’-]*\s*){1,4}(?:and\s+\p{Lu}[\p{L}.'’-]*\s*){0,3}$",
    regex.IGNORECASE,
)


@dataclass
class Para:
    """What the detector knows about one block."""

    block: Block
    text: str
    tokens: list[str]
    n_words: int
    n_chars: int
    sw: float
    sentence: bool
    content: frozenset[str] = frozenset()
    hit: tuple[str, str, float, Severity] | None = None  # rule, message, confidence, severity
    score: float = 0.0
    kind: str = "short"  # bad | short | medium | good
    weak: bool = False  # `hit` is evidence only outside the article (a date line, a bare byline)


def _content_words(tokens: list[str]) -> frozenset[str]:
    """Topic-bearing words: not function words, 4+ letters, cut to 6 letters (a poor man's stem)."""
    return frozenset(t[:6] for t in tokens if len(t) >= 4 and t not in _ALL_STOP and not t.isdigit())


def _tag_list(text: str) -> float:
    """Confidence that `text` is a comma-separated tag/keyword list (0 when it is not one)."""
    if "\n" in text.strip() or _SENTENCE_END.search(text):
        return 0.0
    fields = text.split(",")
    if len(fields) < 5:
        return 0.0
    empty = sum(1 for f in fields if not f.strip())
    filled = [f for f in fields if f.strip()]
    avg_words = sum(len(f.split()) for f in filled) / max(1, len(filled))
    if avg_words > 4:
        return 0.0
    if empty >= 2:
        return 0.97
    if len(filled) >= 8 and avg_words <= 3:
        return 0.85
    return 0.0


def _menu_row(text: str, n_words: int) -> float:
    """Confidence that `text` is a navigation row ("Home | World | Sport | …")."""
    seps = len(_MENU_SEP.findall(f" {text} "))
    if seps >= 3 and n_words / (seps + 1) <= 3.5 and not _SENTENCE_END.search(text):
        return 0.9
    return 0.0


def _doc_language(paras: list[Para]) -> tuple[str | None, float]:
    toks = [t for p in paras for t in p.tokens]
    return language.guess_by_stopwords(toks)


def analyse(doc: Document) -> tuple[list[Para], str | None]:
    """Features of every prose block, and the article language by stop words (None if unknown)."""
    entries = load_block_pack()
    paras: list[Para] = []
    for b in doc.blocks:
        if b.kind == "meta":
            continue
        text = doc.prose(b).replace(MASK, " ")
        toks = [t.lower() for t in _TOKEN.findall(text)]
        cjk = len(_CJK.findall(text))
        n_words = len(toks) + cjk // 2
        paras.append(
            Para(
                block=b,
                text=text,
                tokens=toks,
                n_words=n_words,
                n_chars=len(text.strip()) + cjk,
                sw=0.0,
                sentence=bool(_SENTENCE_END.search(text)),
            )
        )
    lang, ratio = _doc_language(paras)
    if ratio < 0.12:
        lang = None
    for p in paras:
        p.sw = language.stopword_ratio(p.tokens, lang) if lang else 0.0
        p.content = _content_words(p.tokens)
        _classify(p, lang, entries, doc.text)
    return paras, lang


def _classify(p: Para, lang: str | None, entries: tuple[BlockEntry, ...], document: str) -> None:
    hit = match_block(entries, p.text, p.n_words, document)
    if hit:
        p.hit = (hit[0].rule, hit[0].message, hit[1], hit[0].severity)
    else:
        conf = _tag_list(p.text)
        if conf:
            p.hit = (f"{PACK}/tag-list", "Tag/keyword list", conf, Severity.WARNING)
        elif conf := _menu_row(p.text, p.n_words):
            p.hit = (f"{PACK}/menu-row", "Navigation row", conf, Severity.WARNING)
        elif _BYLINE_SLASH.match(p.text.split("\n", 1)[0]) and "\n" in p.text.strip():
            p.hit = (f"{PACK}/byline-teaser", "Byline and teaser of another story", 0.75, Severity.WARNING)
        elif _DATE_LINE.match(p.text):
            p.hit, p.weak = (f"{PACK}/date-line", "Date line outside the article", 0.9, Severity.WARNING), True
        elif _BYLINE.match(p.text) and p.n_words <= 8:
            p.hit, p.weak = (f"{PACK}/byline", "Byline outside the article", 0.85, Severity.WARNING), True
    if p.hit and not p.weak:
        p.kind, p.score = "bad", -3.0
        return
    rich = p.sw >= 0.2 if lang else True
    if p.n_chars >= 120 and rich:
        p.kind, p.score = "good", min(5.0, p.n_chars / 60)
    elif p.n_chars >= 50 and (rich if lang else p.sentence):
        p.kind, p.score = "medium", 1.0 if p.sentence else 0.3
    else:
        p.kind, p.score = "short", -1.0 if not p.sentence else -0.3


def _best_segment(scores: list[float]) -> tuple[int, int]:
    """[start, end] of the maximum-sum run of `scores` (Kadane); (0, -1) when all are negative."""
    best, best_span = 0.0, (0, -1)
    cur, start = 0.0, 0
    for i, s in enumerate(scores):
        if cur <= 0:
            cur, start = s, i
        else:
            cur += s
        if cur > best:
            best, best_span = cur, (start, i)
    return best_span


def _overlap(p: Para, vocab: Counter[str], own: bool) -> float:
    """Share of `p`'s content words found elsewhere in the article (its own contribution removed)."""
    if not p.content:
        return 1.0
    shared = sum(1 for w in p.content if vocab[w] - (1 if own else 0) > 0)
    return shared / len(p.content)


def find_article(paras: list[Para], title: Para | None) -> tuple[int, int, Counter[str], set[int]]:
    """Locate the article: (first, last) para index, its vocabulary and the indices of off-topic paras.

    Pass 1 finds the densest run by form alone. Its first half (the lead, where the topic is set) and
    the headline give the article's vocabulary; long paragraphs whose content words are mostly absent
    from it are demoted, and the run is found again, so teasers of other stories after the article
    no longer extend it.
    """
    s, e = _best_segment([p.score for p in paras])
    vocab: Counter[str] = Counter()
    if e < s:
        return s, e, vocab, set()
    good = [i for i in range(s, e + 1) if paras[i].kind in ("good", "medium")]
    lead = good[: max(3, (len(good) + 1) // 2)]
    for i in lead:
        vocab.update(paras[i].content)
    if title is not None:
        vocab.update(title.content)
    off: set[int] = set()
    if len(good) >= 4:
        lead_set = set(lead)
        for i, p in enumerate(paras):
            if (
                p.kind in ("good", "medium")
                and len(p.content) >= 6
                and i not in lead_set
                and _overlap(p, vocab, False) < 0.15
            ):
                off.add(i)
        if off:
            scores = [(-1.5 if i in off else p.score) for i, p in enumerate(paras)]
            s, e = _best_segment(scores)
    return s, e, vocab, off


# --------------------------------------------------------------------------------------------------
# Findings
# --------------------------------------------------------------------------------------------------


@dataclass
class Verdict:
    rule: str
    message: str
    confidence: float
    severity: Severity = Severity.WARNING


def _judge(paras: list[Para], doc_lang: str | None, title: Para | None, markdown: bool = False) -> dict[int, Verdict]:
    """Decide, per paragraph index, whether it is boilerplate and how sure we are."""
    out: dict[int, Verdict] = {}
    if not paras:
        return out
    s, e, vocab, off = find_article(paras, title)
    has_article = e >= s
    # short lines seen before the article and again after it: page furniture (share bars, site names)
    chrome = {_norm(p.text) for p in paras[: max(0, s)] if p.kind in ("short", "bad")}
    # paragraphs right after the article, with little in common with it, that run into prompts/teasers
    lead_in: set[int] = set()
    run: list[int] = []
    for i in range(e + 1, len(paras)) if has_article else ():
        p = paras[i]
        if p.kind == "bad":
            lead_in.update(run)
            break
        if p.kind in ("medium", "good") and _overlap(p, vocab, False) < 0.3:
            run.append(i)
        else:
            break
    ended = False  # a prompt ("Share", "Related", "Most read"…) has been seen after the article
    for i, p in enumerate(paras):
        inside = has_article and s <= i <= e
        after = has_article and i > e
        where = "after-article" if after else "before-article"
        if p.hit and not (p.weak and inside):
            rule, msg, conf, sev = p.hit
            if rule.endswith("/byline-teaser") and not inside:
                conf = 0.9
            out[i] = Verdict(rule, msg, conf, sev)
            ended = ended or after
            continue
        if inside or not has_article or (p.block.kind == "heading" and markdown):
            continue  # Markdown headings are the author's structure, not scraped furniture
        if after and p.kind == "short" and not p.sentence and _norm(p.text) in chrome:
            out[i] = Verdict(f"{PACK}/repeated", "Short paragraph repeated from the page furniture", 0.9)
            continue
        foreign = _foreign(p, doc_lang)
        if foreign:
            out[i] = Verdict(
                f"{PACK}/foreign-language", f"Paragraph in {foreign}, not the article's language", 0.9 if after else 0.7
            )
            continue
        ov = _overlap(p, vocab, False)
        if p.kind == "short":
            if after and p.sentence and p.n_words >= 4 and ov >= 0.5:
                continue  # a closing one-liner of the article ("X declined to comment.")
            conf = 0.9 if ended and not p.sentence else 0.6
            out[i] = Verdict(f"{PACK}/{where}", "Short paragraph outside the article (link, label or promo)", conf)
            continue
        if i in off or (len(p.content) >= 4 and ov < 0.15):
            # A full sentence right after the article with no prompt seen yet is usually its closing line
            # ("Officials did not immediately provide any other details."): never remove it on overlap alone.
            conf = 0.85 if after and (ended or i in lead_in or (ov == 0 and not p.sentence)) else 0.6
            out[i] = Verdict(f"{PACK}/off-topic", "Paragraph off the article's topic, outside the article", conf)
        elif p.kind == "medium" and after and ended and not p.sentence:
            out[i] = Verdict(f"{PACK}/after-article", "Headline-like paragraph in the links after the article", 0.85)
        elif p.kind == "medium" and ov < 0.3 and after and i in lead_in:
            out[i] = Verdict(f"{PACK}/after-article", "Promo paragraph leading into the page furniture", 0.85)
        elif p.kind == "medium" and ov < 0.3:
            out[i] = Verdict(f"{PACK}/{where}", "Paragraph outside the article with little in common with it", 0.6)
    return out


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _foreign(p: Para, doc_lang: str | None) -> str | None:
    """Name of the language `p` is written in when it clearly differs from the article's."""
    if doc_lang is None or p.n_words < 2 or not any(len(t) >= 3 for t in p.tokens):
        return None
    if language.stopword_ratio(p.tokens, doc_lang) >= 0.2 and p.n_words >= 5:
        return None
    lang, conf = language.detect(p.text.strip())
    if (
        lang
        and lang != doc_lang
        and conf >= 0.9
        and lang in language.STOPWORDS
        and language.stopword_ratio(p.tokens, lang) >= 0.15
    ):
        return language.LINGUA_LANGUAGES.get(lang, lang).title()
    return None


_LINE_MARKUP = regex.compile(r"^[ \t>#*+\-]*(?:\d{1,9}[.)][ \t]*)?$")


def removal_edits(doc: Document, blocks: list[Block]) -> dict[int, Edit]:
    """Edits (keyed by block index) that delete each block with the blank line that separated it.

    A block is deleted with the whitespace after it, up to the next non-space character; a run of
    deleted blocks that reaches the end of the file takes the whitespace *before* each block instead,
    so the file's last kept paragraph keeps its line ending. In Markdown the line's container markup
    ("- ", "> ", "## ") goes too. Only whitespace and such markup are ever added to a block's span,
    so masked content (code, HTML) between blocks is never touched. Every edit stands alone: applying
    any subset of them leaves well-formed paragraphs.
    """
    text = doc.text
    n = len(text)
    edits: dict[int, Edit] = {}
    chosen = sorted(blocks, key=lambda b: b.start)
    tail: set[int] = set()  # blocks of the run that reaches the end of the file
    pos = n
    for b in reversed(chosen):
        if not _only_ws_markup(text, b.end, pos):
            break
        tail.add(b.index)
        pos = _line_start_if_markup(text, b.start)
    for b in chosen:
        start = _line_start_if_markup(text, b.start)
        eol = _line_end(text, b.end)
        end = eol if _only_ws_markup(text, b.end, eol) else b.end
        if b.index in tail:
            while start > 0 and text[start - 1] in " \t\r\n\u00a0":
                start -= 1
        else:
            while end < n and text[end] in " \t\r\n\u00a0":
                end += 1
            last_break = max(text.rfind("\n", eol, end), text.rfind("\r", eol, end))
            if end < n and last_break >= 0:
                # Stop after the last line break: the next line's indentation belongs to it (an
                # indented code block, a list continuation) and must not be deleted with this block.
                end = last_break + 1
        edits[b.index] = Edit(start, end, "")
    return edits


_EOL = regex.compile(r"[\r\n]")
#: every line boundary `str.splitlines` knows
_LINE_BREAK = regex.compile(r"[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def _line_end(text: str, pos: int) -> int:
    m = _EOL.search(text, pos)
    return m.start() if m else len(text)


def _line_start_if_markup(text: str, pos: int) -> int:
    nl = text.rfind("\n", 0, pos)
    # look for a CR only after the last LF: searching the whole prefix made this quadratic
    ls = max(nl, text.rfind("\r", nl + 1, pos)) + 1
    return ls if _LINE_MARKUP.match(text[ls:pos]) else pos


def _only_ws_markup(text: str, start: int, stop: int) -> bool:
    """Whether every line of `text[start:stop]` is blank or container markup. Stops at the first line
    that is not, and never copies the range: callers ask about the whole rest of a file, which the
    first line usually settles."""
    pos, n, s = start, stop, text
    while pos <= n:
        m = _LINE_BREAK.search(s, pos, n)
        end = m.start() if m else n
        if not _LINE_MARKUP.match(s[pos:end].strip()):
            return False
        if m is None:
            return True
        pos = m.end()
    return True


_PREFIX = regex.compile(r"^(?P<affix>\p{Lu}{1,5}\s*[–—|:]\s+|\p{Lu}{1,5}\s+-\s+)(?=\p{L})")
_SUFFIX = regex.compile(
    r"(?P<affix>\s+[|»]\s*[^|»]{1,40}|\s+[–—-]\s+(?:[\p{Lu}\d][\w.'’&-]*\s*){1,3}"
    r"(?:news|times|post|online|daily|today|herald|tribune|\.com|\.\w{2,3}|tv|network)?)\s*$",
    regex.IGNORECASE,
)
_SITEY = regex.compile(
    r"(?i)\b(?:news|times|post|online|daily|today|herald|tribune|journal|gazette|tv|network|media)\b|"
    r"\.\w{2,3}\b"
)


def title_affixes(doc: Document, config: Config) -> Iterator[Finding]:
    """Site tags glued to the headline: "CM – " before it, " | News" after it. Flags the affix only."""
    title = next((b for b in doc.blocks if b.kind in ("title", "meta", "heading")), None)
    if title is None or (title.kind == "heading" and title.index > 1):
        return
    text = doc.prose(title)
    if MASK in text or "\n" in text or len(text.split()) < 4:
        return
    m = _PREFIX.match(text)
    if m:
        tag = m.group("affix").split()[0]
        if tag not in {"US", "UK", "EU", "UN", "AI"}:
            s, e = title.start + m.start("affix"), title.start + m.end("affix")
            yield _finding(doc, config, f"{PACK}/title-prefix", "Source tag before the headline", s, e, 0.7)
    m = _SUFFIX.search(text)
    if m:
        affix = m.group("affix")
        piped = affix.lstrip()[:1] in "|»"
        if (piped or _SITEY.search(affix)) and len(text[: m.start("affix")].split()) >= 3:
            s, e = title.start + m.start("affix"), title.start + m.end("affix")
            yield _finding(
                doc, config, f"{PACK}/title-suffix", "Site name after the headline", s, e, 0.75 if piped else 0.6
            )


def _finding(
    doc: Document,
    config: Config,
    rule: str,
    message: str,
    start: int,
    end: int,
    conf: float,
    fix: Edit | None = None,
    severity: Severity = Severity.WARNING,
) -> Finding:
    safe = conf >= config.boilerplate_threshold and not rule.endswith(("title-prefix", "title-suffix"))
    return Finding(
        rule=rule,
        category=CATEGORY,
        severity=config.severity_for(rule, CATEGORY, severity),
        message=message,
        start=start,
        end=end,
        text=doc.text[start:end],
        suggestion="",
        applicability=Applicability.SAFE if safe else Applicability.SUGGESTED,
        confidence=conf,
        fix=fix or Edit(start, end, ""),
    )


#: Structural guesses below this confidence are not reported at all: on clean copy they were the only
#: boilerplate flags on body paragraphs (precision first), and they were never removed anyway.
MIN_REPORTED = 0.7


def detect(doc: Document, config: Config) -> Iterator[Finding]:
    """All boilerplate findings of `doc`: whole paragraphs, then headline affixes."""
    paras, lang = analyse(doc)
    title = paras[0] if paras and paras[0].block.kind in ("title", "heading") else None
    body = [p for p in paras if p is not title]
    verdicts = _judge(body, lang, title, doc.markup == "markdown")
    pack_rules = {e.rule for e in load_block_pack()}
    flagged = [
        (body[i], v)
        for i, v in sorted(verdicts.items())
        if config.is_enabled(v.rule, CATEGORY) and v.confidence >= MIN_REPORTED
    ]
    edits = removal_edits(doc, [p.block for p, _ in flagged])
    for p, v in flagged:
        if v.rule in pack_rules and not EMIT_PACK_HITS:
            continue
        b = p.block
        yield _finding(doc, config, v.rule, v.message, b.start, b.end, v.confidence, edits[b.index], v.severity)
    for f in title_affixes(doc, config):
        if config.is_enabled(f.rule, CATEGORY):
            yield f


def flagged_blocks(doc: Document) -> frozenset[int]:
    """Indices of the blocks this detector flags (any confidence), for detectors that defer to it."""
    return _flagged(doc.text, doc.mask, tuple(doc.blocks))


@lru_cache(maxsize=16)
def _flagged(text: str, mask: str, blocks: tuple[Block, ...]) -> frozenset[int]:
    doc = Document(text=text, mask=mask, blocks=list(blocks))
    return frozenset(b.index for f in detect(doc, Config()) for b in blocks if (f.start, f.end) == (b.start, b.end))


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
