"""Words glued together ("thepresident", "saidon") or split apart ("govern ment") by scraping and re-flowing.

Found with word frequencies (`freq`, from wordfreq), not word lists:

- `mt/glued-words`: a lower-case token that English (nearly) never writes splits into two or three
  frequent words whose sequence is far likelier than the token itself. The score of a split is the
  independence estimate of its sequence, `sum(zipf(part)) - 9 * (parts - 1)`, against the token's own
  Zipf; "thepresident" (absent) splits as the 7.7 + 5.5 - 9 = 4.2, "bestrode" (rare but a word)
  does not beat its own frequency by enough.
- `mt/split-word`: two lower-case tokens that are one frequent word, one of them a fragment that is far
  rarer on its own than the joined word ("govern ment" → "government": "ment" 3.1, "government" 5.6);
  "tax payers", "may be", "in to" have two real words and pass.

Never on capitalised tokens (names, camelCase products), tokens touching "@", "#", "/", "_", ".",
digits, hyphens or apostrophes (handles, hashtags, URLs, domains, code, numbers with units), masked
text, or blocks that do not read as English (a foreign paragraph splits into English-looking pieces).
A fix is `safe` only when the evidence is overwhelming and unambiguous (the token is absent from the
frequency list, no other split comes close, every part is common); otherwise it is `suggested`.
Thresholds were chosen on the MT development set (`bench/mt_dev.py`), figures in bench/README.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from ..config import Config
from ..document import Block, Document
from ..model import Applicability, Finding, Severity
from ..patterns import lazy_re
from . import freq, lexicon

CATEGORY = "mt"
GLUED = "mt/glued-words"
SPLIT = "mt/split-word"

#: rule → (why, should-flag, should-pass); tests run the examples.
RULES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    GLUED: (
        "A space lost in scraping or re-flowing glues two words into a token no dictionary has.",
        (
            "The visit of thepresident was postponed.",
            "The minister saidon Tuesday that talks would resume.",
            "Thegovernment announced the measures on Monday.",
        ),
        (
            "The nonetheless surprising result stood.",
            "Follow @thepresident and #saidon for updates.",
            "See thepresident.com for details.",
            "The iPhone and YouTube were mentioned by Thepresident Ltd and Thepresident Inc.",
            "Theodore and Thebes were named.",
        ),
    ),
    SPLIT: (
        "A stray space splits one word into a fragment and a rest (line re-flowing, hyphenation lost).",
        ("The govern ment announced new measures.", "The na tional team won."),
        ("Many tax payers may be affected.", "He gave in to pressure.", "Prices rose 5 per cent."),
    ),
}

#: a lower-case run that is a whole token: not next to a letter, digit, "_", "@", "#", "/", "-",
#: apostrophe or "&", and not followed by ".x" (a domain) — names, handles, URLs and code fall out here
#: (stdlib `re`, ASCII letters: about twice as fast as `regex` here, and an English glue is ASCII; a
#: token with other letters, "café", is not matched at all since "é" is a word character)
#: a capitalised "The" glued to the next word ("Thepresident said…"): the one capitalised case taken,
#: since names begin with "In", "At", "On" ("Inman", "Atwood", "Onslow") far more often than with "The"
_THE_GLUED = lazy_re(r"(?<![\w@#/\-'’&.`\ufffc])The([a-z]{3,25})(?![\w@#/\-'’&`\ufffc]|\.\w)")
_TOKEN = lazy_re(r"(?<![\w@#/\-'’&.`\ufffc])[a-z]{2,30}(?![\w@#/\-'’&`\ufffc]|\.\w)")
#: English function words: a block with few of them is not English prose (see `english_blocks`)
_FUNCTION = lexicon.words_of(
    """the a an of to in on at by for with from and or but is are was were be been has have had it its
    this that these those he she they we his her their not as which who will would said i you so if all
    can after about also into than there what when up out no one"""
)

#: words a glue error involves: scraping drops the space at any word boundary, but two content words
#: run together ("workpaper", "secondplace", "yearslong") are often a closed compound English writes
#: solid, so a glued token must contain one of these to be flagged
_GLUE_WORDS = lexicon.words_of(
    """the an of to in on at by for with from and or but is are was were be been being has have had it its
    this that these those he she they we his her their our not as which who whom whose will would can
    could should may might must said says told also than then into about after before during since
    while when where there here what very more most some such only me you him them us i my your"""
)
#: first parts that are productive prefixes of real words ("upcharge", "overbuy", "onchain",
#: "outrun"): with one of these first, the second part must itself be a glue word ("inthe", "onthe")
_PREFIX_LIKE = lexicon.words_of("up over under out off on in down back by after fore through self non re pre co")

#: thresholds (chosen on the MT development set; see module docstring)
PART_MIN = 3.0  # every part of a glued token is at least this common
GLUE_MARGIN = 2.0  # the split's sequence score beats the token's own Zipf by this much
ABSENT_MIN = 2.0  # ... or, for a token absent from the list, the split's score is at least this
SAFE_MARGIN = 3.0  # ... by this much, with the token absent from the list, for a safe fix
AMBIGUOUS = 1.0  # another split within this much of the best: suggested only
JOINED_MIN = 3.0  # a split word's joined form is at least this common
FRAGMENT_GAP = 2.0  # the rarer part is this much rarer than the joined word
SPLIT_MARGIN = 2.0  # joined word beats the two-word sequence estimate by this much


def _splits(token: str, common: dict[str, float]) -> list[tuple[float, tuple[str, ...]]]:
    """Every split of `token` into 2 parts (3 when no 2-part split exists) of common words, scored."""
    out: list[tuple[float, tuple[str, ...]]] = []
    n = len(token)
    for i in range(2, n - 1):
        a, b = token[:i], token[i:]
        za, zb = common.get(a, 0.0), common.get(b, 0.0)
        if za >= PART_MIN and zb >= PART_MIN and _plausible((a, b)):
            out.append((za + zb - 9, (a, b)))
    if not out and n >= 8:
        for i in range(2, n - 3):
            za = common.get(token[:i], 0.0)
            if za < PART_MIN:
                continue
            for j in range(i + 2, n - 1):
                b, c = token[i:j], token[j:]
                zb, zc = common.get(b, 0.0), common.get(c, 0.0)
                if zb >= PART_MIN and zc >= PART_MIN and _plausible((token[:i], b, c)):
                    out.append((za + zb + zc - 18, (token[:i], b, c)))
    out.sort(reverse=True)
    return out


def _plausible(parts: tuple[str, ...]) -> bool:
    """A split worth reporting: it has a glue word, and a prefix-like first part is followed by one."""
    if parts[0] in _PREFIX_LIKE:
        return parts[1] in _GLUE_WORDS
    return any(p in _GLUE_WORDS for p in parts)


def english_blocks(doc: Document) -> list[tuple[Block, str]]:
    """(block, prose text) of the blocks that read as English: 12 % function words, or for a block of
    fewer than 8 words, in a document that does. A foreign paragraph's words split into English-looking
    pieces and its numbers follow its own conventions; neither is an English artefact. Computed once per
    document (`doc.meta`): the glued-word, convention and name detectors all ask."""
    cached = doc.meta.get("mt.english_blocks")
    if cached is not None:
        return cached  # type: ignore[return-value]
    blocks = [(b, doc.prose(b)) for b in doc.blocks]
    counts = []
    for _, t in blocks:
        words = t.lower().split()
        counts.append((len(words), sum(map(_FUNCTION.__contains__, words))))
    total = sum(n for n, _ in counts)
    if total < 20:
        out = blocks  # a sentence or two: too little text to tell its language, and nothing to lose
    else:
        ratio = sum(f for _, f in counts) / total
        out = [bt for bt, (n, f) in zip(blocks, counts, strict=True) if (f >= 0.12 * n if n >= 8 else ratio >= 0.12)]
    doc.meta["mt.english_blocks"] = out
    return out


def english_text(doc: Document) -> str:
    """`doc.mask` with the blocks that do not read as English (`english_blocks`) blanked to spaces: one
    string the detectors scan in a single pass, offsets unchanged. Cached in `doc.meta`."""
    cached = doc.meta.get("mt.english_text")
    if isinstance(cached, str):
        return cached
    keep = {b.start for b, _ in english_blocks(doc)}
    if len(keep) == len(doc.blocks):
        out = doc.mask
    else:
        parts: list[str] = []
        last = 0
        for b in doc.blocks:
            if b.start not in keep:
                parts += [doc.mask[last : b.start], " " * (b.end - b.start)]
                last = b.end
        parts.append(doc.mask[last:])
        out = "".join(parts)
    doc.meta["mt.english_text"] = out
    return out


def detect(doc: Document, config: Config) -> Iterator[Finding]:
    """Glued and split words in English prose.

    One pass over the document's English text: the tokens not in the frequent-word dict and the
    adjacent pairs whose concatenation is in it are found with set operations and judged once per
    distinct form; only a document with a form judged glued or split is walked token by token."""
    glued_on = config.is_enabled(GLUED, CATEGORY)
    split_on = config.is_enabled(SPLIT, CATEGORY)
    if not (glued_on or split_on) or not doc.blocks:
        return
    text = english_text(doc)
    words = _TOKEN.findall(text)
    if not words:
        return
    common = freq.frequent()
    if glued_on and "The" in text:
        yield from _the_glued(doc, config, text, common)
    verdicts: dict[str, tuple[tuple[str, ...], bool]] = {}
    if glued_on:
        # comprehensions, not `set - common.keys()`: that builds a set of the 54k keys every time
        for w in {w for w in set(words) if w not in common and len(w) >= 5}:
            v = _verdict(w, common)
            if v is not None:
                verdicts[w] = v
    pairs: set[tuple[str, str]] = set()
    if split_on and len(words) > 1:
        joined = {j for j in map(str.__add__, words, words[1:]) if j in common}
        if joined:
            pairs = {(x, y) for x, y in pairwise(words) if x + y in joined and _split_ok(x, y, common)}
    if not verdicts and not pairs:
        return
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    in_split = -1  # a token that is half of a split word is not also a glued one ("enfor cement")
    for k, (s, e, tok) in enumerate(toks):
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if (
            pairs
            and nxt is not None
            and (tok, nxt[2]) in pairs
            and nxt[0] == e + 1
            and text[e] == " "
            and doc.is_prose(s, nxt[1])
        ):
            in_split = k + 1
            yield _split(doc, config, s, nxt[1], tok, nxt[2])
            continue
        if tok in verdicts and k != in_split:
            f = _glued(doc, config, s, e, tok, *verdicts[tok])
            if f:
                yield f


def _the_glued(doc: Document, config: Config, text: str, common: dict[str, float]) -> Iterator[Finding]:
    """ "Thepresident": "The" and a frequent word (Zipf >= 4) run together, a form absent from the list and
    used once in the document (a name would recur: "Thebes", "Thewlis" are not frequent words anyway)."""
    for m in _THE_GLUED.finditer(text):
        rest = m.group(1)
        if common.get(rest, 0.0) < 4.0 or freq.zipf("the" + rest) > 0.0 or doc.text.count(m.group()) > 1:
            continue
        s, e = m.start(), m.end()
        if doc.is_prose(s, e):
            yield Finding(
                rule=GLUED,
                category=CATEGORY,
                severity=config.severity_for(GLUED, CATEGORY, Severity.WARNING),
                message=f"“{m.group()}” looks like words run together: “The {rest}”",
                start=s,
                end=e,
                text=doc.text[s:e],
                suggestion=f"The {rest}",
                applicability=Applicability.SUGGESTED,
                confidence=0.7,
            )


def _verdict(tok: str, common: dict[str, float]) -> tuple[tuple[str, ...], bool] | None:
    """(parts, safe) when `tok` is judged words run together, wherever it stands; None otherwise."""
    splits = _splits(tok, common)
    if not splits:
        return None
    own = freq.zipf(tok)
    best, parts = splits[0]
    if best - own < (ABSENT_MIN if own == 0.0 else GLUE_MARGIN):
        return None
    runner_up = splits[1][0] if len(splits) > 1 else float("-inf")
    # a two-letter glue word last ("personal|is", "campus" → "camp|us") is how Latin and foreign words
    # end too: such a split is never safe
    anchored = parts[0] in _GLUE_WORDS or (parts[1] in _GLUE_WORDS and len(parts[1]) >= 3)
    safe = own == 0.0 and best >= SAFE_MARGIN and best - runner_up >= AMBIGUOUS and len(parts) == 2 and anchored
    return parts, safe


def _glued(
    doc: Document, config: Config, s: int, e: int, tok: str, parts: tuple[str, ...], safe: bool
) -> Finding | None:
    if not doc.is_prose(s, e):
        return None
    if len(parts[-1]) == 2 and parts[-1] in _GLUE_WORDS and not _english_before(doc.text, s):
        return None  # "cura personalis", "in situs": a foreign phrase whose word ends like "is", "us", "as"
    fixed = " ".join(parts)
    return Finding(
        rule=GLUED,
        category=CATEGORY,
        severity=config.severity_for(GLUED, CATEGORY, Severity.WARNING),
        message=f"“{tok}” looks like words run together: “{fixed}”",
        start=s,
        end=e,
        text=doc.text[s:e],
        suggestion=fixed,
        applicability=Applicability.SAFE if safe else Applicability.SUGGESTED,
        confidence=0.95 if safe else 0.7,
    )


def _english_before(text: str, start: int) -> bool:
    """Whether the word before `start` is a common English word (Zipf >= 3), or there is none."""
    before = text[max(0, start - 40) : start].split()
    if not before:
        return True
    word = before[-1].strip(".,;:!?\"'“”‘’()[]—–-").lower()
    return not word.isalpha() or freq.zipf(word) >= 3.0


def _split_ok(a: str, b: str, common: dict[str, float]) -> bool:
    """Whether "a b" is one frequent word split in two: see the module docstring."""
    zj = common.get(a + b, 0.0)
    if zj < JOINED_MIN:
        return False
    za, zb = freq.zipf(a), freq.zipf(b)
    return zj - min(za, zb) >= FRAGMENT_GAP and zj - (za + zb - 9) >= SPLIT_MARGIN


def _split(doc: Document, config: Config, s: int, e: int, a: str, b: str) -> Finding:
    joined = a + b
    return Finding(
        rule=SPLIT,
        category=CATEGORY,
        severity=config.severity_for(SPLIT, CATEGORY, Severity.WARNING),
        message=f"“{a} {b}” looks like one word split in two: “{joined}”",
        start=s,
        end=e,
        text=doc.text[s:e],
        suggestion=joined,
        applicability=Applicability.SUGGESTED,
        confidence=0.75,
    )
