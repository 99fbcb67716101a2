"""Machine-translation artefacts: what a translation engine or its scraper leaves behind.

- `mt/ampersand-debris`: a bare "&" where no "and" belongs ("the & support for the & terrorist groups"):
  translation of HTML with broken entities leaves them after function words. Informal English writes
  "&" for "and" ("salt & pepper", "log in & create", "the larder & the delta", "his & hers"), so the
  test is whether "and" would be grammatical there: never right after an article, a possessive
  determiner that cannot stand alone, or "of" ("the and support"). Company names ("AT&T",
  "Johnson & Johnson", "M&A") have capitals or no spaces around the "&" and pass.
- `mt/entity-debris`: HTML entities printed literally ("&nbsp;", "&#8217;") in prose.
- `mt/capital-after-comma`: ", He said" — the engine closed the sentence where the quote should have
  closed; the attribution verb shows it ("…groups, He said.").
- `mt/unclosed-quote`: a quote opened and never closed, where the next paragraph does not continue it
  (English continues a multi-paragraph quote by opening the next paragraph with a quote mark).
- `mt/foreign-sentence` (and other untranslated leftovers) live in `foreign.py`.
- `mt/stray-participle`: a past participle after a verb's object pronoun at the end of a clause, where
  that verb takes no participle there ("…did not name him forgotten."): a garbled sentence. Verbs that
  do ("had him arrested", "found them wounded", "left her shaken") pass.

Nothing here is fixed automatically: every finding needs an editor's eye, so the applicability is
`suggested` where a fix is obvious and `none` otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Config
from ..document import Block, Document
from ..model import Finding, Severity
from ..patterns import lazy, lazy_re
from ..registry import mt as rules
from . import language, lexicon, prose_finding

CATEGORY = "mt"

#: words no conjunct can end with: after them "and" is ungrammatical, so an "&" there is debris. Not
#: prepositions or particles ("to & from", "log in & out", "by & large") nor words that can be pronouns
#: ("his & hers", "this & that")
_NO_CONJUNCT_END = r"(?:the|a|an|its|their|our|your|of)"
_AMP = lazy(rf"(?i:\b{_NO_CONJUNCT_END})\s+(&)\s+(?=\p{{Ll}})")
_ENTITY = lazy(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")
_ATTRIB = r"(?:said|says|added|adds|told|wrote|writes|stated|explained|insisted|declared|continued|tweeted)"
_CAP_AFTER_COMMA = lazy(rf",\s+(?P<fix>(?:He|She|They|It|We)\s+{_ATTRIB})\b")
_OPEN = "«“"
_MISDIRECTED = lazy(rf"[«“]\s*(?:he|she|they|it|we)\s+{_ATTRIB}\b")
_CLOSE = {"«": "»", "“": "”"}
_STRAY = lazy(r"\b(?P<v>\p{L}+)\s+(?:him|her|them|us|me)\s+(?P<w>\p{Ll}+(?:ed|en|wn))(?=\s*[.!?;:])")
#: verbs an object and then a participle or adjective may follow ("had him arrested", "found them
#: wounded", "want it finished", "call them biased"): with these the pattern is English
_COMPLEMENT_VERBS = lexicon.words_of(
    """have has had having get gets got gotten getting see sees saw seen seeing hear hears heard hearing
    watch watches watched watching want wants wanted wanting need needs needed like likes liked love loves
    loved hate hates hated prefer prefers preferred find finds found finding leave leaves left leaving keep
    keeps kept keeping make makes made making consider considers considered declare declares declared
    pronounce pronounced let lets letting call calls called calling deem deems deemed think thinks thought
    believe believes believed prove proves proved proven render renders rendered label labels labelled
    labeled brand branded paint painted portray portrays portrayed rate rated judge judged report reports
    reported presume presumed assume assumed wish wished order orders ordered imagine imagined picture
    pictured catch catches caught notice noticed show shows showed shown feel feels felt"""
)
#: plain character classes: the stdlib `re` matches them exactly as `regex` does, and faster


def _finding(
    doc: Document,
    config: Config,
    rule: str,
    message: str,
    start: int,
    end: int,
    suggestion: str | None = None,
    confidence: float = 0.8,
    severity: Severity = Severity.WARNING,
) -> Finding | None:
    return prose_finding(doc, config, rule, CATEGORY, message, start, end, suggestion, confidence, severity)


def detect(doc: Document, config: Config) -> Iterator[Finding]:
    """All MT-artefact findings of `doc`, block by block.

    Each check first asks whether the block holds the character its pattern cannot match without
    ("&", ",", an opening quote): most blocks hold none of them, and a substring test costs far less
    than a regex call.
    """
    block_words: dict[int, list[str]] = {}  # words of a block (by start), shared with _foreign_sentences
    english = _is_english(doc, block_words)
    from .boilerplate import flagged_blocks

    skip = flagged_blocks(doc) if english else frozenset()
    blocks = doc.blocks
    for k, b in enumerate(blocks):
        text = doc.prose(b)
        base = b.start
        if "&" in text:
            yield from _ampersands(doc, config, b, text)
        if "," in text:
            for m in _CAP_AFTER_COMMA.finditer(text):
                s, e = base + m.start("fix"), base + m.end("fix")
                fixed = doc.text[s].lower() + doc.text[s + 1 : e]
                f = _finding(
                    doc,
                    config,
                    rules.CAPITAL_AFTER_COMMA,
                    "Capital after a comma: the quotation probably should have closed before it",
                    s,
                    e,
                    fixed,
                    0.8,
                )
                if f:
                    yield f
        if ("«" in text or "“" in text or "„" in text) and not _foreign_block(doc, text):
            nxt = doc.text[blocks[k + 1].start : blocks[k + 1].start + 2] if k + 1 < len(blocks) else ""
            for pos in _unclosed(text):
                continues = any(c in nxt for c in _OPEN) and not _CAP_AFTER_COMMA.search(text, pos)
                if continues:
                    continue
                f = _finding(
                    doc,
                    config,
                    rules.UNCLOSED_QUOTE,
                    "Quotation opened and never closed",
                    base + pos,
                    base + pos + 1,
                    None,
                    0.7,
                )
                if f:
                    yield f
        stray = " him " in text or " her " in text or " them " in text or " us " in text or " me " in text
        if english and b.index not in skip and stray:
            yield from _stray_participles(doc, config, base, text)


def _foreign_block(doc: Document, text: str) -> bool:
    """A paragraph in another language: its quotation marks follow that language's conventions
    (German »…« and „…“), which the unclosed-quote check does not model."""
    sample = doc.mask[: language.DOCUMENT_SAMPLE]
    return language.is_foreign_prose(text, language.document_is_foreign(sample))


def _stray_participles(doc: Document, config: Config, base: int, text: str) -> Iterator[Finding]:
    for m in _STRAY.finditer(text):
        verb, word = m.group("v"), m.group("w")
        low = verb.lower()
        if low in _COMPLEMENT_VERBS or low in lexicon.FUNCTION_WORDS or not lexicon.can_be_verb(low):
            continue
        t = lexicon.tags(word)
        if not t:
            continue  # not a word the lexicon knows: nothing to judge
        if "r" in t or not ("V" in t or "a" in t):
            continue  # a particle or adverb ("them down") or a plain noun ("her lawn"): not a participle
        f = _finding(
            doc,
            config,
            rules.STRAY_PARTICIPLE,
            f"“{word}” after “{m.group(0)[: m.start('w') - m.start()].strip()}”: a garbled sentence? "
            f"(“{verb}” takes no participle after its object)",
            base + m.start("w"),
            base + m.end("w"),
            None,
            0.5,
            Severity.INFO,
        )
        if f:
            yield f


def _ampersands(doc: Document, config: Config, b: Block, text: str) -> Iterator[Finding]:
    base = b.start
    for m in _AMP.finditer(text):
        s, e = base + m.start(1), base + m.end(1)
        # take the following space too, so deleting leaves one space
        e = e + 1 if e < b.end and doc.text[e] == " " else e
        f = _finding(doc, config, rules.AMPERSAND_DEBRIS, "Stray “&” left by translation or scraping", s, e, "", 0.85)
        if f:
            yield f
    for m in _ENTITY.finditer(text):
        f = _finding(
            doc,
            config,
            rules.ENTITY_DEBRIS,
            "HTML entity printed literally",
            base + m.start(),
            base + m.end(),
            None,
            0.9,
            Severity.INFO,
        )
        if f:
            yield f


_QUOTE = lazy_re('[«“»”„"]')


def _unclosed(text: str) -> list[int]:
    """Offsets of opening quote marks («, “, „) that no matching closing mark follows.

    Scraped copy mixes glyphs: a straight " closes a “ (`“It is over," he said`), and German closes „
    with “ (`„Vivy“`); both count as closed. A straight quote that closes nothing is left to the quotes
    normaliser (it cannot be told from an opening one here), and what that normaliser does not take for
    a quotation mark at all (an inch sign, `Back to Top «`) is skipped here too.
    """
    from ..normalise.quotes import not_a_quote

    stack: list[tuple[str, int]] = []
    for q in _QUOTE.finditer(text):  # only quote marks change the stack
        c, i = q.group(), q.start()
        top = stack[-1][0] if stack else ""
        if not_a_quote(text, i, c, text[i - 1] if i else "", text[i + 1 : i + 2], len(stack)):
            continue  # an inch sign, an arrow
        if c == '"':
            if top == "“":
                stack.pop()
        elif c == "„":
            stack.append((c, i))
        elif c == "“" and top == "„":
            stack.pop()
        elif c in _OPEN and stack and _MISDIRECTED.match(text, i):
            stack.pop()  # "…this attack, « he added": an opening mark used to close
        elif c in _OPEN:
            stack.append((c, i))
        elif stack and c == _CLOSE.get(top):
            stack.pop()
        elif c in "»”":
            for j in range(len(stack) - 1, -1, -1):
                if _CLOSE.get(stack[j][0]) == c:
                    del stack[j:]
                    break
    return [i for _, i in stack]


#: how much of the document `_is_english` reads
ENGLISH_SAMPLE = 20000
#: what a word can touch (letters, marks, apostrophes): a gap between blocks without any splits words
_WORDISH = lazy(r"[\p{L}\p{M}'’]")


def _is_english(doc: Document, block_words: dict[int, list[str]] | None = None) -> bool:
    """Whether the first ENGLISH_SAMPLE characters of the mask are English by their function words.

    When the blocks there are separated by gaps without letters or apostrophes (the usual case), the
    words of the sample are those of its blocks, which are kept in `block_words` (by block index) for
    `_foreign_sentences`, so the text is read once instead of twice.
    """
    words = _sample_words(doc, block_words) if block_words is not None else None
    toks = words if words is not None else language.words(doc.mask[:ENGLISH_SAMPLE])
    return len(toks) >= 30 and language.stopword_ratio(toks, "en") >= 0.2


def _sample_words(doc: Document, block_words: dict[int, list[str]]) -> list[str] | None:
    """`language.words(doc.mask[:ENGLISH_SAMPLE])` put together block by block (the words of whole
    blocks kept in `block_words`, by block start), or None when a gap between blocks could join or
    hold words: then the caller reads the sample as one string."""
    mask, stop = doc.mask, min(len(doc.mask), ENGLISH_SAMPLE)
    gaps: list[str] = []
    inside: list[tuple[Block, int]] = []  # blocks in the sample, with their end clipped to it
    pos = 0
    for b in doc.blocks:
        if b.start >= stop:
            break
        if b.start < pos or (b.start == pos and pos > 0):
            return None  # overlapping or touching blocks: a word could run across
        gaps.append(mask[pos : b.start])
        inside.append((b, min(b.end, stop)))
        pos = b.end
    gaps.append(mask[pos:stop])
    if _WORDISH.search("\n".join(gaps)):
        return None
    out: list[str] = []
    for b, end in inside:
        if end < b.end:
            out.extend(language.words(mask[b.start : end]))
            continue
        words = block_words.get(b.start)
        if words is None:
            words = block_words[b.start] = language.words(mask[b.start : b.end])
        out.extend(words)
    return out
