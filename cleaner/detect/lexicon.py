"""A compact part-of-speech lexicon for the structural spin detectors.

Why: a spinner swaps words for thesaurus synonyms blind to part of speech, so a verb slot ends up
holding an adjective or noun ("he additional.", "who argument the results"). To see that, the detector
needs to know whether a word *can* be a verb at all. `cleaner/data/pos_lexicon.tsv` lists ~49k common
English words with the senses the LibreOffice English thesaurus (mythes-en-us, WordNet-based; Kevin
Atkinson's permissive licence, see the file header) gives them, plus regular inflections
(built by bench/tools/build_lexicon.py). Closed-class words and irregular verb forms, which the
thesaurus does not cover, are listed here.

`REVERSE` proposes the likely original of a spun word where one is clear: spinners' favourite swaps of
common news verbs and adverbs (hand-curated, checked against the thesaurus's synonym sets).
"""

from __future__ import annotations

from pathlib import Path


def words_of(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`: how word lists are written in the detectors."""
    return frozenset(text.split())


IRREGULAR_VERBS = words_of(
    """said says told tells took taken takes went gone goes came comes come made makes gave given gives
    got gotten gets saw seen sees knew known knows thought thinks found finds left leaves felt feels
    kept keeps held holds brought brings began begun begins stood stands heard hears met meets ran runs
    paid pays sent sends built builds spent spends lost loses fell fallen falls led leads won wins wrote
    written writes spoke spoken speaks rose risen rises drove driven drives broke broken breaks chose
    chosen chooses fought fights caught catches sought seeks taught teaches bought buys sold sells
    struck strikes hit hits shot shoots fled flees hid hidden hides threw thrown throws grew grown grows
    drew drawn draws shook shaken shakes swore sworn swears stole stolen steals froze frozen freezes
    bore borne bears tore torn tears wore worn wears beat beaten beats bit bitten bites blew blown blows
    sank sunk sinks sang sung sings rang rung rings forgave forgiven forbade forbidden overtook overtaken
    withdrew withdrawn withdraws undertook undertaken understood understands upheld upholds
    is was were are be been being am has had have having do does did done doing"""
)

#: Past tenses and past participles of irregular verbs. The thesaurus derived only regular inflections,
#: and tags some of these as nouns or adjectives alone ("ate", "sat", "fed", "dug", "laid", "lit"), so
#: "the man who ate the cake" read as a verb slot holding a noun.
IRREGULAR_VERBS |= words_of(
    """arose arisen awoke awoken bore borne born became become began begun bent bet bid bound bit bitten
    bled blew blown broke broken bred brought broadcast built burnt burst bought cast caught chose chosen
    clung came come cost crept cut dealt dug dove dived did done drew drawn dreamt drank drunk drove
    driven dwelt ate eaten fell fallen fed felt fought found fled flung flew flown forbade forbidden
    forecast foresaw foreseen foretold forgot forgotten forgave forgiven forsook forsaken froze frozen got
    gotten gave given went gone ground grew grown hung had heard hid hidden hit held hurt kept knelt knew
    known laid led leant leapt learnt left lent let lay lain lit lost made meant met misled mistook
    mistaken misunderstood overcame overcome overdid overdone overheard overrode overridden overran
    overrun oversaw overseen overtook overtaken overthrew overthrown paid proven put quit read rebuilt
    redid redone repaid rethought rewrote rewritten rid rode ridden rang rung rose risen ran run sawn
    said saw seen sought sold sent set sewn shook shaken shed shone shot shown shrank shrunk shut sang
    sung sank sunk sat slew slain slept slid slung slit smelt sowed sown spoke spoken sped spelt spent
    spilt spun spat split spoilt spread sprang sprung stood stole stolen stuck stung stank stunk strode
    stridden struck stricken strung strove striven swore sworn swept swollen swam swum swung took taken
    taught tore torn told thought threw thrown thrust trod trodden underwent undergone understood
    undertook undertaken undid undone upheld upset woke woken wore worn wove woven wept won wound
    withdrew withdrawn withheld withstood wrung wrote written"""
)
PRONOUNS = words_of("i you he she it we they me him her us them myself himself herself itself")
#: Verbs of news and informal English the thesaurus lists only as nouns ("Braun, who reps the likes of
#: Justin Bieber": a false verb-slot flag on clean copy before this list).
NEWS_VERBS = words_of(
    """rep reps repped repping text texts texted texting helm helms helmed helming nix nixes nixed
    nixing dm dms dmed dming ok oks oked oking okay okays okayed okaying livestream livestreams
    livestreamed livestreaming upvote upvotes upvoted greenlight greenlights greenlighted greenlit"""
)
#: forms that are verbs whatever the thesaurus tags them
_VERB_FORMS = IRREGULAR_VERBS | NEWS_VERBS
#: Words that may stand where a verb is expected without being one (adverbs, particles, pronouns…).
FUNCTION_WORDS = words_of(
    """a an the this that these those his her its their our my your some any no every each all both
    either neither not never also too only just still even already again alone together first then
    now later soon once instead indeed though although however so and or but nor yet for of to in
    on at by with from as than into onto about over under after before between through during without
    within against among around across up down out off away back here there where when why how who
    whom whose which what whatever himself herself itself themselves ourselves yourself myself else
    very quite rather more most less least much many few several such same other another own one
    two three four five six seven eight nine ten hundred thousand million billion"""
)
#: Flat adverbs and sentence adverbs the thesaurus labels adjectives.
FLAT_ADVERBS = words_of(
    "fast hard late early long right straight well ill high low deep close near far daily weekly "
    "monthly yearly likewise otherwise alike ahead abroad overnight outright"
)

#: spun word → likely original, per slot ("past" after a reporting pronoun, "base" after who/to/modal,
#: "adverb" before a verb). Hand-curated from spinner output; used only where the detector fires.
REVERSE: dict[str, dict[str, str]] = {
    "additional": {"past": "added", "base": "add"},
    "extra": {"past": "added"},
    "argument": {"base": "dispute", "past": "disputed"},
    "assistance": {"base": "benefit", "past": "benefited"},
    "support": {},
    "closest": {"adverb": "immediately"},
    "nearest": {"adverb": "immediately"},
    "instant": {"adverb": "immediately"},
    "rapid": {"adverb": "quickly"},
    "swift": {"adverb": "quickly"},
    "previous": {"adverb": "previously"},
    "statement": {"past": "said", "base": "say"},
    "declaration": {"past": "declared", "base": "declare"},
    "claim": {},
    "denial": {"past": "denied", "base": "deny"},
    "rejection": {"past": "rejected", "base": "reject"},
    "condemnation": {"past": "condemned", "base": "condemn"},
    "warning": {"past": "warned", "base": "warn"},
    "caution": {"past": "warned", "base": "warn"},
    "insistence": {"past": "insisted", "base": "insist"},
    "explanation": {"past": "explained", "base": "explain"},
    "confirmation": {"past": "confirmed", "base": "confirm"},
    "announcement": {"past": "announced", "base": "announce"},
    "accusation": {"past": "accused", "base": "accuse"},
    "advice": {"past": "advised", "base": "advise"},
    "dispute": {},
    "contention": {"base": "dispute"},
    "controversy": {"base": "dispute"},
    "profit": {},
    "welfare": {"base": "benefit"},
    "aid": {},
    "demand": {},
    "necessity": {"base": "need"},
    "requirement": {"base": "require"},
    "request": {},
    "guidance": {"base": "lead"},
    "leadership": {"base": "lead"},
    "rule": {},
}


#: beside this package's modules in a checkout and in the wheel alike (`importlib.resources` would
#: also find it in a zip, and costs ~10 ms to import in a hook's start-up)
_DATA = Path(__file__).resolve().parent.parent / "data" / "pos_lexicon.tsv"


class _Lexicon:
    """word → tags, read from `data/pos_lexicon.tsv`.

    Why not simply a dict: building the 49k-entry dict costs ~40 ms, which a pre-commit hook checking
    one short file pays for a handful of lookups. The first lookups search the file's text instead
    (`str.find` over 0.5 MB, ~0.1 ms each); once a run has made `BUILD_AFTER` of them the dict is
    built, so a large batch pays the 40 ms once and then looks words up in constant time.
    """

    BUILD_AFTER = 64

    def __init__(self) -> None:
        self._text: str | None = None
        self._table: dict[str, str] | None = None
        self._lookups = 0

    def _read(self) -> str:
        if self._text is None:
            body = _DATA.read_text(encoding="utf-8")
            self._text = "\n" + body if not body.startswith("\n") else body
        return self._text

    def load(self) -> None:
        """Build the dict now (a process about to fork its workers: they then share it)."""
        self._lookups = self.BUILD_AFTER
        self.get("")

    def get(self, word: str) -> str:
        if self._table is not None:
            return self._table.get(word, "")
        self._lookups += 1
        if self._lookups > self.BUILD_AFTER:
            self._table = {}
            for line in self._read().splitlines():
                if line and not line.startswith("#"):
                    w, _, t = line.partition("\t")
                    self._table.setdefault(w, t)
            self._text = None
            return self._table.get(word, "")
        if not word or "\t" in word or "\n" in word:
            return ""
        text = self._read()
        at = text.find(f"\n{word}\t")
        if at < 0:
            return ""
        start = at + len(word) + 2
        end = text.find("\n", start)
        return text[start:] if end < 0 else text[start:end]


_LEXICON = _Lexicon()


def load() -> None:
    """Build the lexicon's dict now (see `_Lexicon.load`)."""
    _LEXICON.load()


def tags(word: str) -> str:
    """Thesaurus tags of `word` (n/v/a/r senses, N/V/A inflections); '' when unknown."""
    return _LEXICON.get(word.lower())


def known(word: str) -> bool:
    w = word.lower()
    return bool(tags(w)) or w in IRREGULAR_VERBS or w in FUNCTION_WORDS or w in PRONOUNS


#: particles that make a phrasal verb; glued to a verb they form a noun that writers also use as the
#: verb ("checkout", "plug-in", "setup", "login", "workout": "this will checkout a branch")
PARTICLES = ("up", "out", "in", "on", "off", "over", "down", "back", "away", "through")


def _phrasal_compound(w: str) -> bool:
    """`w` is a verb glued (or hyphenated) to a particle: a noun-verb conversion, not a spun noun."""
    for p in PARTICLES:
        if w.endswith(p) and len(w) > len(p) + 2:
            head = w[: -len(p)].rstrip("-")
            if "v" in tags(head) or head in _VERB_FORMS:
                return True
    return False


def can_be_verb(word: str) -> bool:
    w = word.lower()
    if w in _VERB_FORMS:
        return True
    t = tags(w)
    return "v" in t or "V" in t or "u" in t


def is_non_verb(word: str) -> bool:
    """True only when the lexicon knows `word` and none of its readings is a verb or adverb.

    Unknown words, function words and flat adverbs are never "non-verbs": the detectors stay silent
    on what they cannot judge. Nor are nouns in use as verbs ("showcase", "bookmark": tag `u`, from
    word frequencies of their -ed/-ing forms) and verb+particle compounds ("checkout", "plug-in").
    """
    w = word.lower()
    if w in FUNCTION_WORDS or w in PRONOUNS or w in FLAT_ADVERBS or w in _VERB_FORMS:
        return False
    t = tags(w)
    if not t:
        return False
    # "u": in use as a verb today (its -ed/-ing forms are attested), though the thesaurus has no verb sense
    return not any(c in t for c in "vVru") and not _phrasal_compound(w)


def is_adjectival(word: str) -> bool:
    """An adjective (or superlative) that cannot be an adverb-in-"-ly" or a verb: preverbal slot test."""
    w = word.lower()
    if w in FUNCTION_WORDS or w in FLAT_ADVERBS or w.endswith("ly") or can_be_verb(w):
        return False
    t = tags(w)
    if w.endswith("est") and ("a" in t or "A" in t or "r" in t):
        return True
    return bool(t) and set(t) <= {"a", "A"}


def original_for(word: str, slot: str) -> str | None:
    """The likely original of spun `word` in `slot` ("past", "base", "adverb"), if one is clear."""
    return REVERSE.get(word.lower(), {}).get(slot)
