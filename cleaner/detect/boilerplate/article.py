"""Where the article is, and the per-paragraph verdicts around it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ...model import Severity
from ...registry import boilerplate as rules
from .. import language
from .features import Para


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
    # every key of `vocab` counts at least 1 (it is only ever `update`d): membership is enough
    shared = sum(1 for w in p.content if vocab[w] - 1 > 0) if own else sum(map(vocab.__contains__, p.content))
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


#: Furniture that also stands *inside* articles (a photo credit under a picture in a listicle, an ad
#: slot between sections, a date or byline of a sub-entry): seeing one after the article run does not
#: mean the article has ended, so it does not turn the short lines after it into removable links.
MID_ARTICLE = frozenset(
    {"date-line", "byline", "photo-credit", "click-prompt", "source-link", "video-of-the-day", "wire-credit"}
)


#: more date lines (or bylines) than this in one page are data, not furniture
MAX_WEAK_REPEATS = 3


@dataclass
class Verdict:
    rule: str
    message: str
    confidence: float
    severity: Severity = Severity.WARNING


@dataclass
class Layout:
    """Where the article run is and its vocabulary: what the rules and the signal model both read."""

    start: int
    end: int
    vocab: Counter[str]
    off: set[int]


def rule_verdicts(
    paras: list[Para], doc_lang: str | None, title: Para | None, markdown: bool = False
) -> tuple[dict[int, Verdict], Layout]:
    """The rule-based verdicts per paragraph index (prompts, structure, position, topic, language)."""
    out: dict[int, Verdict] = {}
    if not paras:
        return out, Layout(0, -1, Counter(), set())
    s, e, vocab, off = find_article(paras, title)
    layout = Layout(s, e, vocab, off)
    has_article = e >= s
    # short lines seen before the article and again after it: page furniture (share bars, site names)
    chrome = {_para_norm(p) for p in paras[: max(0, s)] if p.kind in ("short", "bad")}
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
    # A date or byline shape that recurs through the page is a column of data (a table of dates, a list
    # of entries with their authors), not the page's one date line or byline: not evidence then.
    weak_counts = Counter(p.hit[0] for p in paras if p.hit and p.weak)
    for i, p in enumerate(paras):
        inside = has_article and s <= i <= e
        after = has_article and i > e
        where = rules.AFTER_ARTICLE if after else rules.BEFORE_ARTICLE
        if p.hit and p.weak and weak_counts[p.hit[0]] > MAX_WEAK_REPEATS:
            continue
        if p.hit and not (p.weak and inside):
            rule, msg, conf, sev = p.hit
            if rule.endswith("/byline-teaser") and not inside:
                conf = 0.9
            out[i] = Verdict(rule, msg, conf, sev)
            ended = ended or (after and rule.rsplit("/", 1)[1] not in MID_ARTICLE)
            continue
        if inside or not has_article or (p.block.kind == "heading" and markdown):
            continue  # Markdown headings are the author's structure, not scraped furniture
        if after and p.kind == "short" and not p.sentence and _para_norm(p) in chrome:
            out[i] = Verdict(rules.REPEATED, "Short paragraph repeated from the page furniture", 0.9)
            continue
        foreign = _foreign(p, doc_lang)
        if foreign:
            out[i] = Verdict(
                rules.FOREIGN_LANGUAGE, f"Paragraph in {foreign}, not the article's language", 0.9 if after else 0.7
            )
            continue
        ov = _overlap(p, vocab, False)
        if p.kind == "short":
            if after and p.sentence and p.n_words >= 4 and ov >= 0.5:
                continue  # a closing one-liner of the article ("X declined to comment.")
            conf = 0.9 if ended and not p.sentence else 0.6
            out[i] = Verdict(where, "Short paragraph outside the article (link, label or promo)", conf)
            continue
        if i in off or (len(p.content) >= 4 and ov < 0.15):
            # A full sentence right after the article with no prompt seen yet is usually its closing line
            # ("Officials did not immediately provide any other details."): never remove it on overlap alone.
            conf = 0.85 if after and (ended or i in lead_in or (ov == 0 and not p.sentence)) else 0.6
            out[i] = Verdict(rules.OFF_TOPIC, "Paragraph off the article's topic, outside the article", conf)
        elif p.kind == "medium" and after and ended and not p.sentence:
            out[i] = Verdict(rules.AFTER_ARTICLE, "Headline-like paragraph in the links after the article", 0.85)
        elif p.kind == "medium" and ov < 0.3 and after and i in lead_in:
            out[i] = Verdict(rules.AFTER_ARTICLE, "Promo paragraph leading into the page furniture", 0.85)
        elif p.kind == "medium" and ov < 0.3:
            out[i] = Verdict(where, "Paragraph outside the article with little in common with it", 0.6)
    return out, layout


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _para_norm(p: Para) -> str:
    if p.feat.norm is None:
        p.feat.norm = _norm(p.text)
    return p.feat.norm


def _foreign(p: Para, doc_lang: str | None) -> str | None:
    """Name of the language `p` is written in when it clearly differs from the article's."""
    key = ("foreign", doc_lang)
    if key not in p.feat.ratios:
        p.feat.ratios[key] = _foreign_language(p, doc_lang)
    return p.feat.ratios[key]  # type: ignore[no-any-return]


def _foreign_language(p: Para, doc_lang: str | None) -> str | None:
    f = p.feat
    if doc_lang is None or p.n_words < 2 or not f.has_long:
        return None
    if f.ratio(doc_lang) >= 0.2 and p.n_words >= 5:
        return None
    # lingua's answer only counts for a stop-word language the paragraph has 15 % of: without one,
    # don't ask (lingua is the slow part)
    if not any(f.ratio(other) >= 0.15 for other in language.STOPWORDS if other != doc_lang):
        return None
    lang, conf = language.detect(p.text.strip())
    if lang and lang != doc_lang and conf >= 0.9 and lang in language.STOPWORDS and f.ratio(lang) >= 0.15:
        return language.LINGUA_LANGUAGES.get(lang, lang).title()
    return None
