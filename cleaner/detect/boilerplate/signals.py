"""Site-independent boilerplate signals, combined into one probability per paragraph.

A rule list names the furniture of the sites it was written for; on a site nobody has seen, what still
tells page furniture from article text in plain text is its *shape*: short lines in runs, Title Case
menu items, call-to-action verbs ("Share", "Abonnez-vous", "Jetzt spenden"), counts and timestamps
("12 comments", "3 hours ago"), pipes, bullets and arrows, link-like text (domains, handles), and
distance from the article's vocabulary and names. Each is a number in `features`; a logistic model
(`Model`, fitted by `bench/bp_fit.py` on the fit half of WCXB dev: cleaner/data/boilerplate_model.json,
which records the threshold and its precision) turns them
into P(boilerplate).

The call-to-action and furniture words are common interface words of English, French, German,
Spanish, Italian, Portuguese and Russian sites (the words of the interface, not of any one site).

Text-only features are memoised on the paragraph's `_Features.ratios` (keyed "sig"), like the other
per-text values, so the fix loop's second pass costs a dictionary look-up per paragraph.
"""

from __future__ import annotations

import json
import math
import operator
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ...patterns import lazy, lazy_re
from .. import language
from .features import Para, _tokens
from .zones import in_tail, zone_mean

_COUNT_TIME = lazy(
    r"(?i)\b\d[\d.,]*\s*(?:k\s+)?(?:comments?|shares?|views?|likes?|replies|votes|reviews|ratings?|followers|"
    r"min(?:ute)?s?(?:\s+read)?|hours?\s+ago|days?\s+ago|weeks?\s+ago|months?\s+ago|h\b|m\b)"
    r"|\bago\b|\bil y a \d|\bvor \d|\bhace \d|\b\d+\s+(?:ore|giorni)\s+fa\b|\bhá \d|назад"
    r"|\b\d{1,2}:\d{2}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b"
)
_SEPARATOR = lazy(r"[|•·»›→▶►◄«‹/]|\s[–—-]\s")
_LINK_LIKE = lazy(
    r"(?i)https?://|\bwww\.|\b[\w-]+\.(?:com|org|net|co|io|uk|de|fr|es|it|ru|info|news|tv)\b|(?<!\w)[@#]\w{2,}"
)
#: a necessary condition of `_LINK_LIKE` (one of its alternatives' literals), searched by the stdlib
#: engine first: most paragraphs have none, and the full pattern tries every word start
_LINK_HINT = lazy_re(r"(?i)http|www\.|[@#]|\.(?:com|org|net|co|io|uk|de|fr|es|it|ru|info|news|tv)\b")


def _link_like(text: str) -> bool:
    return bool(_LINK_HINT.search(text)) and bool(_LINK_LIKE.search(text))


_BULLET = lazy(r"^\s*(?:[-*•·▪◦►▶✓✔→]|\d{1,3}[.)])\s")
_WORD = lazy(r"\b\p{L}[\p{L}'’-]*")
#: the same words in ASCII text, by the stdlib engine (several times quicker there)
_ASCII_WORD = lazy_re(r"\b[A-Za-z][A-Za-z'-]*")


def _words(p: Para) -> list[str]:
    """The paragraph's words (`_WORD`), memoised with its text: the text signals and the names read them."""
    found = p.feat.ratios.get("words")
    if found is None:
        text = p.text
        if not text.isascii():
            # curly apostrophes and dashes are most of what is not ASCII in English news: the stdlib
            # engine finds the same words once "’" stands in as "'" (no ASCII word holds a "'" first)
            # and the dashes and quotes as spaces, when nothing else is beyond ASCII
            plain = language.blank_typography(text.replace("\u2019", "'")) if "'" not in text else text
            if plain.isascii():
                found = [w.replace("'", "\u2019") for w in _ASCII_WORD.findall(plain)]
            else:
                found = _WORD.findall(text)
        else:
            found = _ASCII_WORD.findall(text)
        p.feat.ratios["words"] = found
    return found  # type: ignore[no-any-return]


#: The features, in the order of `Model.weights`.
FEATURES = (
    "bias",
    "inside",
    "after",
    "before",
    "distance",
    "log_words",
    "sentence",
    "stopwords",
    "overlap",
    "names",
    "title_case",
    "cta",
    "furniture",
    "count_time",
    "separators",
    "link_like",
    "bullet",
    "short_run",
    "repeated",
    "colon_end",
    "all_caps",
    "kind_good",
    "kind_medium",
    "digits",
    "rule_after",
    "rule_before",
    "rule_off_topic",
    "rule_repeated",
    "rule_date_or_byline",
    "rule_other",
    "same_shape",
    "prose_before",
    "prose_after",
    "between_prose",
    "beyond_last_prose",
    "before_first_prose",
    "headline_beyond",
    "short_beyond",
    "digit_run",
    "hits_near",
    "cta_near",
    "good_later",
    "zone_overlap",
    "off_topic_near",
)

#: rule-verdict one-hots: the rule-based position/topic verdicts are evidence the model weighs
_RULE_SLOT = {
    "after-article": "rule_after",
    "before-article": "rule_before",
    "off-topic": "rule_off_topic",
    "repeated": "rule_repeated",
    "date-line": "rule_date_or_byline",
    "byline": "rule_date_or_byline",
}


def _text_signals(p: Para) -> tuple[float, ...]:
    """(title_case, cta, furniture, count_time, separators, link_like, bullet, colon_end, all_caps, digits)."""
    cached = p.feat.ratios.get("sig")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    text = p.text.strip()
    words = _words(p)
    n = max(1, len(words))
    caps = sum(1 for w in words if w[:1].isupper())
    # every letter upper case: only a text `isupper` can be (C-level counts, not a loop per character)
    all_caps = 0.0
    if text.isupper():
        letters = sum(map(str.isalpha, text))
        all_caps = float(letters >= 4 and sum(1 for c in text if c.isalpha() and c.isupper()) == letters)
    digits = sum(map(str.isdigit, text)) / max(1, len(text))
    out = (
        caps / n,
        p.feat.cta / max(1.0, math.sqrt(n)),
        p.feat.furniture / max(1.0, math.sqrt(n)),
        float(bool(_COUNT_TIME.search(text))),
        min(5, len(_SEPARATOR.findall(text))) / 5,
        float(_link_like(text)),
        float(bool(_BULLET.match(text))),
        float(text.endswith(":")),
        all_caps,
        min(1.0, digits * 4),
    )
    p.feat.ratios["sig"] = out
    return out


def _caps(p: Para) -> tuple[str, ...]:
    """The paragraph's capitalised words of 3+ letters (memoised with its text)."""
    caps = p.feat.ratios.get("caps")
    if caps is None:
        caps = p.feat.ratios["caps"] = tuple(w for w in _words(p) if w[:1].isupper() and len(w) > 2)
    return caps  # type: ignore[no-any-return]


def article_names(paras: Sequence[Para], start: int, end: int) -> frozenset[str]:
    """Capitalised words of the article's own paragraphs (its people, places, products)."""
    names: set[str] = set()
    for p in paras[start : end + 1]:
        if p.kind in ("good", "medium"):
            names.update(_caps(p))
    return frozenset(names)


def names_share(p: Para, names: frozenset[str]) -> float:
    """Share of the paragraph's capitalised words that the article itself uses (0.0 without any)."""
    caps = _caps(p)
    if not caps:
        return 0.0
    return sum(w in names for w in caps) / len(caps)


def _gap(i: int, anchor: int | None) -> float:
    """Distance to an anchor paragraph, log-scaled (1.2 when there is none on that side)."""
    return 1.2 if anchor is None else min(1.2, math.log1p(abs(i - anchor)) / 3)


def _digit_share(p: Para) -> float:
    """Share of digits among a short paragraph's characters (long ones: 0, never looked at)."""
    if p.kind != "short":
        return 0.0
    share = p.feat.ratios.get("digits")
    if share is None:
        text = p.text
        share = p.feat.ratios["digits"] = sum(map(str.isdigit, text)) / max(1, len(text))
    return share  # type: ignore[no-any-return]


def _ctaish(p: Para) -> bool:
    """A call-to-action, furniture or link-like line (signals 1, 2 and 5 of `_text_signals`, without
    computing the others for a neighbour whose own row is not wanted)."""
    if p.feat.cta or p.feat.furniture:
        return True
    sig = p.feat.ratios.get("sig")
    if sig is not None:
        return sig[5] > 0  # type: ignore[no-any-return]
    link = p.feat.ratios.get("link")
    if link is None:
        link = p.feat.ratios["link"] = _link_like(p.text.strip())
    return link  # type: ignore[no-any-return]


def vectors(
    paras: Sequence[Para],
    start: int,
    end: int,
    vocab: Counter[str],
    rules: Mapping[int, Any] | None = None,
    only: Collection[int] | None = None,
) -> list[list[float]]:
    """The feature vector (see `FEATURES`) of every paragraph, given the article run [start, end] and
    the rule verdicts (objects with `rule` and `confidence`) by paragraph index. With `only`, just those
    paragraphs get a row (the others an empty list): the text signals are the costly part."""
    rules = rules or {}
    from .article import _overlap, _para_norm

    has_article = end >= start
    names = article_names(paras, start, end) if has_article else frozenset()
    norms = Counter(_para_norm(p) for p in paras)
    shortish = [p.kind == "short" and not p.sentence for p in paras]
    rows: list[list[float]] = []
    n = len(paras)
    digits = [_digit_share(p) for p in paras]
    shapes = [(digits[i] > 0.125, min(3, p.n_words // 4), p.sentence) for i, p in enumerate(paras)]
    digity = [d > 0 for d in digits]
    slots = [_RULE_SLOT.get(v.rule.rsplit("/", 1)[1], "rule_other") if (v := rules.get(i)) else "" for i in range(n)]
    # article-like prose anchors: long sentences on the article's topic (listicle items and table cells
    # stand between them; furniture stands beyond the first and the last)
    anchors = [
        i
        for i, p in enumerate(paras)
        if p.kind == "good" and p.sentence and ((start <= i <= end) or _overlap(p, vocab, False) >= 0.3)
    ]
    anchor_ids = frozenset(anchors)
    prev_anchor: list[int | None] = []
    last: int | None = None
    for i in range(n):
        prev_anchor.append(last)
        if i in anchor_ids:
            last = i
    next_anchor: list[int | None] = [None] * n
    last = None
    for i in range(n - 1, -1, -1):
        next_anchor[i] = last
        if i in anchor_ids:
            last = i
    wanted = None if only is None else frozenset(only)
    # the neighbourhood: furniture comes in zones (prompts, link and call-to-action lines together);
    # a listicle or long how-to goes on with long paragraphs after a short stretch, a page's tail does not
    hits = [bool(p.hit) and not p.weak for p in paras]
    # a teaser list is off the article's topic as a whole; a listicle's later items share its words
    overlaps = [_overlap(p, vocab, False) if has_article and p.n_words >= 4 else -1.0 for p in paras]
    off = [s_ in ("rule_off_topic", "rule_date_or_byline") for s_ in slots]
    good_later = [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        good_later[i] = good_later[i + 1] + (paras[i].kind == "good")
    for i, p in enumerate(paras):
        if wanted is not None and i not in wanted:
            rows.append([])
            continue
        inside = has_article and start <= i <= end
        after = has_article and i > end
        before = has_article and i < start
        dist = 0 if inside or not has_article else (i - end if after else start - i)
        lo, hi = max(0, i - 3), min(n, i + 4)
        run = sum(shortish[lo:hi]) - shortish[i]
        sig = _text_signals(p)
        gap_prev, gap_next = _gap(i, prev_anchor[i]), _gap(i, next_anchor[i])
        rows.append(
            [
                1.0,
                float(inside),
                float(after),
                float(before),
                math.log1p(dist) / 3,
                math.log1p(p.n_words) / 4,
                float(p.sentence),
                p.sw,
                (overlaps[i] if overlaps[i] >= 0 else _overlap(p, vocab, False)) if has_article else 0.0,
                names_share(p, names) if has_article else 0.0,
                sig[0],
                sig[1],
                sig[2],
                sig[3],
                sig[4],
                sig[5],
                sig[6],
                run / 6,
                float(norms[_para_norm(p)] > 1),
                sig[7],
                sig[8],
                float(p.kind == "good"),
                float(p.kind == "medium"),
                sig[9],
                float(slots[i] == "rule_after"),
                float(slots[i] == "rule_before"),
                float(slots[i] == "rule_off_topic"),
                float(slots[i] == "rule_repeated"),
                float(slots[i] == "rule_date_or_byline"),
                float(slots[i] == "rule_other"),
                (sum(1 for j in range(lo, hi) if shapes[j] == shapes[i]) - 1) / 6,
                gap_prev,
                gap_next,
                float(gap_prev < 0.6 and gap_next < 0.6),
                float(next_anchor[i] is None),
                float(prev_anchor[i] is None),
                float(next_anchor[i] is None and not p.sentence and sig[0] >= 0.5),
                float((next_anchor[i] is None or prev_anchor[i] is None) and p.kind == "short"),
                (sum(1 for j in range(lo, hi) if digity[j]) - digity[i]) / 6 if digity[i] else 0.0,
                (sum(hits[lo:hi]) - hits[i]) / 6,
                sum(1 for j in range(lo, hi) if j != i and _ctaish(paras[j])) / 6,
                min(1.0, math.log1p(good_later[i + 1]) / 3),
                zone_mean(overlaps, lo, hi, i),
                (sum(off[lo:hi]) - off[i]) / 6,
            ]
        )
    return rows


_I = {name: i for i, name in enumerate(FEATURES)}
#: `log_words` of an 8-word paragraph
_EIGHT_WORDS = math.log1p(8) / 4


def article_like(row: Sequence[float]) -> bool:
    """Whether a paragraph reads like the article: a full sentence of 8+ words, rich in function
    words, sharing the article's vocabulary or names. Such a paragraph is never removed as `safe` on
    the strength of where it stands (issue 23: lost article text costs more than missed furniture)."""
    return (
        row[_I["sentence"]] > 0
        and row[_I["log_words"]] >= _EIGHT_WORDS
        and row[_I["stopwords"]] >= 0.25
        and (row[_I["overlap"]] >= 0.4 or row[_I["names"]] >= 0.5)
    )


def tail_zone(row: Sequence[float]) -> bool:
    """Whether the paragraph stands in the page's tail (`zones.in_tail`), after the article run."""
    return row[_I["after"]] > 0 and in_tail(row[_I["good_later"]], row[_I["zone_overlap"]])


MODEL_PATH = Path(__file__).resolve().parent.parent.parent / "data" / "boilerplate_model.json"


@dataclass(frozen=True)
class Model:
    """The fitted logistic model (cleaner/data/boilerplate_model.json, written by bench/bp_fit.py).

    `weights` follow `FEATURES`; `words` are weights of English words (present in the paragraph,
    scaled by 1/sqrt(its distinct words)), used in English articles only; `threshold` is the safe
    P(boilerplate) of the model alone, chosen on the fit half of WCXB dev, `veto` the one a rule's
    position/topic verdict needs; `note` records the data and the precision.
    """

    weights: tuple[float, ...]
    words: dict[str, float]
    threshold: float
    note: str
    #: a rule's position/topic verdict is removed as safe only at this P(boilerplate) or above
    veto: float = 1.0
    #: the same, per rule name ("after-article"), where the rule's own precision warrants another value
    veto_by_rule: dict[str, float] = field(default_factory=dict)
    #: the safe P(boilerplate) in the page's tail (`tail_zone`), chosen on the fit half as `threshold`
    tail_threshold: float = 1.0

    def veto_for(self, rule: str) -> float:
        return self.veto_by_rule.get(rule.rsplit("/", 1)[-1], self.veto)


@lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model, loaded once (a missing or stale file turns the model off: threshold 1.0)."""
    try:
        data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Model((0.0,) * len(FEATURES), {}, 1.0, "no model file")
    if list(data.get("features", [])) != list(FEATURES):
        return Model((0.0,) * len(FEATURES), {}, 1.0, "model file does not match FEATURES")
    return Model(
        tuple(data["weights"]),
        dict(data.get("words", {})),
        float(data["threshold"]),
        data.get("note", ""),
        float(data.get("veto", 1.0)),
        {k: float(v) for k, v in data.get("veto_by_rule", {}).items()},
        float(data.get("tail_threshold", 1.0)),
    )


def lexical_words(p: Para) -> frozenset[str]:
    """Distinct lower-case word tokens of the paragraph (the lexical part of the model reads these)."""
    cached = p.feat.ratios.get("words")
    if cached is None:
        cached = p.feat.ratios["words"] = frozenset(_tokens(p.text))
    return cached  # type: ignore[no-any-return]


def lexical_score(p: Para, words: Mapping[str, float]) -> float:
    toks = lexical_words(p)
    if not toks or not words:
        return 0.0
    return sum(words.get(w, 0.0) for w in toks) / math.sqrt(len(toks))


def probability(row: Sequence[float], p: Para | None = None, english: bool = False, m: Model | None = None) -> float:
    """P(boilerplate) of one feature row (plus the paragraph's words in an English article)."""
    m = m or model()
    z = sum(map(operator.mul, m.weights, row))  # rows are built from FEATURES, as the weights
    if english and p is not None:
        z += lexical_score(p, m.words)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
