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
from functools import lru_cache
from itertools import compress

from ..config import Config
from ..document import Document
from ..model import Applicability, Finding, Severity
from ..patterns import lazy_re
from ..registry import mt as rules
from ..registry.core import examples_of
from . import english, freq, lexicon

CATEGORY = "mt"
GLUED, SPLIT = rules.GLUED_WORDS, rules.SPLIT_WORD

#: rule → (why, should-flag, should-pass) from the registry (cleaner/registry/mt.py); tests run the examples.
RULES = examples_of(GLUED, SPLIT)

#: a lower-case run that is a whole token: not next to a letter, digit, "_", "@", "#", "/", "-",
#: apostrophe or "&", and not followed by ".x" (a domain) — names, handles, URLs and code fall out here
#: (stdlib `re`, ASCII letters: about twice as fast as `regex` here, and an English glue is ASCII; a
#: token with other letters, "café", is not matched at all since "é" is a word character)
#: a capitalised "The" glued to the next word ("Thepresident said…"): the one capitalised case taken,
#: since names begin with "In", "At", "On" ("Inman", "Atwood", "Onslow") far more often than with "The"
#: (the literal first, so that `re` searches for it; the character before is checked with _TOKEN_EDGE)
_THE_GLUED = lazy_re(r"The([a-z]{3,25})(?![\w@#/\-'’&`\ufffc]|\.\w)")
_TOKEN_EDGE = lazy_re(r"[\w@#/\-'’&.`\ufffc]")
_TOKEN = lazy_re(r"(?<![\w@#/\-'’&.`\ufffc])[a-z]{2,30}(?![\w@#/\-'’&`\ufffc]|\.\w)")
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
FRAGMENT_MAX = 4.0  # ... and rarer than this on its own ("ment" 3.1, "tional" 1.7, "cement" 3.9)
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


@lru_cache(maxsize=8192)
def _scan(prose: str, glued_on: bool, split_on: bool) -> tuple[tuple[int, int, str, tuple[str, ...], bool], ...]:
    """What one block holds, position-free of the document: (start, end, rule, parts, safe) per glued
    token ("the"-glued included) or split pair. Cached by block text: the fix loop's later passes see
    nearly every block again unchanged (`pipeline.forget` clears it)."""
    words = _TOKEN.findall(prose)
    if not words:
        return ()
    common = freq.frequent()
    out: list[tuple[int, int, str, tuple[str, ...], bool]] = []
    if glued_on and "The" in prose:
        for m in _THE_GLUED.finditer(prose):
            rest = m.group(1)
            if m.start() and _TOKEN_EDGE.match(prose, m.start() - 1):
                continue
            if common.get(rest, 0.0) >= 4.0 and freq.zipf("the" + rest) == 0.0:
                out.append((m.start(), m.end(), "the", ("The", rest), False))
    verdicts: dict[str, tuple[tuple[str, ...], bool]] = {}
    if glued_on:
        # comprehensions, not `set - common.keys()`: that builds a set of the 54k keys every time
        for w in {w for w in set(words) if w not in common and len(w) >= 5}:
            v = _verdict(w, common)
            if v is not None:
                verdicts[w] = v
    pairs: set[tuple[str, str]] = set()
    if split_on and len(words) > 1:
        # a split word has a fragment rarer than FRAGMENT_MAX: only pairs touching one are joined
        rare = {w for w in set(words) if common.get(w, 0.0) < FRAGMENT_MAX}
        at = list(compress(range(len(words)), map(rare.__contains__, words)))
        starts = {i - 1 for i in at if i} | {i for i in at if i + 1 < len(words)}
        pairs = {
            (words[i], words[i + 1])
            for i in starts
            if words[i] + words[i + 1] in common and _split_ok(words[i], words[i + 1], common)
        }
    if verdicts or pairs:
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(prose)]
        in_split = -1  # a token that is half of a split word is not also a glued one ("enfor cement")
        for k, (s, e, tok) in enumerate(toks):
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if nxt is not None and (tok, nxt[2]) in pairs and nxt[0] == e + 1 and prose[e] == " ":
                in_split = k + 1
                out.append((s, nxt[1], SPLIT, (tok, nxt[2]), False))
            elif tok in verdicts and k != in_split:
                out.append((s, e, GLUED, *verdicts[tok]))
    return tuple(out)


def detect(doc: Document, config: Config) -> Iterator[Finding]:
    """Glued and split words in the English prose blocks of `doc` (see `english.blocks`).

    Per block, the tokens not in the frequent-word dict and the adjacent pairs whose concatenation is
    in it are found with set operations and judged once per distinct form (`_scan`); only a block with
    a form judged glued or split is walked token by token."""
    glued_on = config.is_enabled(GLUED, CATEGORY)
    split_on = config.is_enabled(SPLIT, CATEGORY)
    if not (glued_on or split_on):
        return
    for b, prose in english.blocks(doc):
        for s, e, kind, parts, safe in _scan(prose, glued_on, split_on):
            start, end = b.start + s, b.start + e
            if not doc.is_prose(start, end):
                continue
            if kind == SPLIT:
                yield _split(doc, config, start, end, *parts)
            elif kind == "the":
                if doc.text.count(doc.text[start:end]) == 1:  # a name recurs ("Thebes", a company)
                    yield _glued(doc, config, start, end, parts, False)
            elif not (len(parts[-1]) == 2 and parts[-1] in _GLUE_WORDS and not _english_before(doc.text, start)):
                # (else "cura personalis", "in situs": a foreign phrase whose word ends like "is", "us")
                yield _glued(doc, config, start, end, parts, safe)


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


def _glued(doc: Document, config: Config, s: int, e: int, parts: tuple[str, ...], safe: bool) -> Finding:
    tok = doc.text[s:e]
    fixed = " ".join(parts)
    return Finding(
        rule=GLUED,
        category=CATEGORY,
        severity=config.severity_for(GLUED, CATEGORY, Severity.WARNING),
        message=f"“{tok}” looks like words run together: “{fixed}”",
        start=s,
        end=e,
        text=tok,
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
    return min(za, zb) < FRAGMENT_MAX and zj - min(za, zb) >= FRAGMENT_GAP and zj - (za + zb - 9) >= SPLIT_MARGIN


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
