"""The per-paragraph decision: rule verdicts and site-independent signals, under the article-text guard.

`article.rule_verdicts` says what the rules see (prompts, structure, position, topic); `signals` turns
form, position and those verdicts into P(boilerplate). Outside the article run (pack prompts and
structural patterns aside, which stand on their own wherever they are):

- P >= `Model.threshold`: removed (`safe`), confidence mapped into [threshold, 0.99]; a rule verdict
  that was safe stays safe when P >= `Model.veto` (the rules were written for news pages and are
  precise there); one the model does not back stays a finding for an editor (`suggested`, 0.7);
- in the page's tail (`zones.in_tail`: no long paragraph follows, the neighbours are off the
  article's topic: teaser lists, comment threads) the model's safe probability is
  `Model.tail_threshold` and a safe rule verdict stands without the model's backing;
- a line the article run itself contains (a source tag after every section, a table's row labels)
  is the article's own pattern: kept for review, never removed as `safe` by position or model;
- a paragraph that reads like the article (`signals.article_like`: full sentence, the article's
  vocabulary or names) is never removed as `safe` because of its position: it is reported at 0.7 with
  a message saying it looks like article text, for the review page's warning.

Inside the article run only pack prompts and structural patterns are removed, as before.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...config import Config
from ...registry import boilerplate as rules
from . import signals
from .article import Layout, Verdict, _para_norm, rule_verdicts
from .features import Para

#: confidence given to a verdict kept for an editor only (reported: `MIN_REPORTED` is 0.7)
REVIEW_CONFIDENCE = 0.7
#: rule of paragraphs removed on the model's signals alone
SIGNALS_RULE = rules.PAGE_FURNITURE
#: marker at the end of a message whose paragraph reads like article text (review page: warning band)
ARTICLE_LIKE_NOTE = " (reads like article text: kept for review)"
_SAFE = Config().boilerplate_threshold
#: the position/topic verdicts that stand in the page's tail (a repeated line may be the article's own)
_TAIL_RULES = frozenset({rules.AFTER_ARTICLE, rules.OFF_TOPIC})


def eligible(paras: Sequence[Para], i: int, layout: Layout, markdown: bool) -> bool:
    """Whether the model decides paragraph `i` (outside the article run, not a strong prompt)."""
    p = paras[i]
    if layout.end < layout.start or layout.start <= i <= layout.end:
        return False
    if p.hit and not p.weak:
        return False
    return not (markdown and p.block.kind == "heading")


def model_confidence(prob: float) -> float:
    """P(boilerplate) at or above the safe probability, mapped onto [threshold, 0.99]."""
    t = signals.model().threshold
    if t >= 1.0:
        return REVIEW_CONFIDENCE
    return round(_SAFE + (0.99 - _SAFE) * max(0.0, prob - t) / (1.0 - t), 3)


def _why(row: Sequence[float]) -> str:
    """The two signals that weigh most towards boilerplate in this row, for the message."""
    weights = signals.model().weights
    parts = sorted(
        ((w * x, name) for name, w, x in zip(signals.FEATURES, weights, row, strict=True) if name != "bias"),
        reverse=True,
    )
    return ", ".join(name.replace("_", " ") for c, name in parts[:2] if c > 0)


def judge(paras: list[Para], doc_lang: str | None, title: Para | None, markdown: bool = False) -> dict[int, Verdict]:
    """Final verdicts per paragraph index (see the module docstring)."""
    rules, layout = rule_verdicts(paras, doc_lang, title, markdown)
    if layout.end < layout.start:
        return rules
    chosen = [i for i in range(len(paras)) if eligible(paras, i, layout, markdown)]
    rows = signals.vectors(paras, layout.start, layout.end, layout.vocab, rules, chosen)
    english = doc_lang == "en"
    # lines the article itself uses (a source tag after each section, a table's row labels): the
    # article's own pattern, not furniture, wherever else they stand
    own = {_para_norm(p) for p in paras[layout.start : layout.end + 1] if not p.hit}
    model = signals.model()
    threshold = model.threshold
    out: dict[int, Verdict] = {}
    for i in range(len(paras)):
        v = rules.get(i)
        if not eligible(paras, i, layout, markdown):
            if v is not None:
                out[i] = v
            continue
        row = rows[i]
        prob = signals.probability(row, paras[i], english)
        tail = signals.tail_zone(row)
        backed = v is not None and (prob >= model.veto_for(v.rule) or (tail and v.rule in _TAIL_RULES))
        sure = prob >= (model.tail_threshold if tail else threshold) or (
            v is not None and v.confidence >= _SAFE and backed
        )
        if v is None and not sure:
            continue
        rule = v.rule if v is not None else SIGNALS_RULE
        message = v.message if v is not None else f"Page furniture by its form ({_why(row)})"
        conf = (
            max(v.confidence if v else 0.0, model_confidence(prob))
            if sure
            else min(v.confidence, REVIEW_CONFIDENCE)
            if v
            else 0.0
        )
        if sure and _para_norm(paras[i]) in own:
            if v is None or v.confidence < REVIEW_CONFIDENCE:
                continue
            conf = REVIEW_CONFIDENCE
        if signals.article_like(row):
            conf, message = min(conf, REVIEW_CONFIDENCE), message + ARTICLE_LIKE_NOTE
        out[i] = Verdict(rule, message, conf, v.severity if v else Verdict(rule, "", 0).severity)
    return out
