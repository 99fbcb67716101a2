"""Rules of the structural spin detectors (cleaner/detect/spin.py, spin_context.py): the shapes synonym
spinning leaves behind, which also catch swaps no phrase pack lists. (Spun phrases someone has seen are
pack entries: rules/spin-news.yaml, rules/tortured-phrases.yaml.)"""

from __future__ import annotations

from ..model import Applicability, Severity
from .core import code_rule

SAFE = Applicability.SAFE

VERB_SLOT_PAST = code_rule(
    "spin/verb-slot-past",
    "spin",
    "A noun or adjective where a reporting verb belongs (“, he additional.”)",
    """A spinner swaps “added” for its thesaurus neighbour “additional”, blind to part of speech. After a
    quotation, “he …” must be followed by a verb; a word the part-of-speech lexicon knows only as a noun or
    adjective there is a spun verb, and the verb it replaced is restored when the lexicon knows it.""",
    ["“It is over,” she statement."],
    ["“We have offered our assistance,” he added.", "“It is over,” she said. “It is over,” he alone."],
    applicability=SAFE,
)
VERB_SLOT_BASE = code_rule(
    "spin/verb-slot-base",
    "spin",
    "A noun or adjective where a base-form verb belongs (“who argument the results”, “to assistance”)",
    """After “who”, “to” or a modal (“could”, “will”) and before an object comes a verb. A spun word there
    that is only a noun or adjective (“who argument the results”) is flagged; nouns in use as verbs
    (“text”, “showcase”) and irregular pasts pass.""",
    ["Officials who gratitude the decision spoke to reporters.", "The rebels could argument the ceasefire terms."],
    ["Supporters of parties who dispute the results protested.", "Soldiers rushed to the assistance of the injured."],
    applicability=SAFE,
)
ADVERB_SLOT = code_rule(
    "spin/adverb-slot",
    "spin",
    "An adjective where an adverb belongs before a past-tense verb (“No group closest claimed”)",
    """“No group immediately claimed responsibility” becomes “No group closest claimed” when a spinner
    swaps the adverb for a neighbour of the wrong part of speech.""",
    ["No official swiftest denied the report."],
    ["No group immediately claimed responsibility for the attack.", "The village closest to the border was shelled."],
    applicability=SAFE,
)
BROKEN_TITLE = code_rule(
    "spin/broken-title",
    "spin",
    "A lower-case spun modifier inside a capitalised title before a name (“international Minister”)",
    """A title before a name is capitalised as a whole (“Foreign Minister Sergei Lavrov”). A lower-case
    first word there is a spinner's synonym (“international” for “Foreign”); the usual title is suggested.""",
    ["Talks with international Minister Sergei Lavrov ended."],
    ["Talks with Foreign Minister Sergei Lavrov ended.", "Talks with the former Minister Sergei Lavrov ended."],
)
CHIEF_MINISTER = code_rule(
    "spin/chief-minister",
    "spin",
    "“Chief minister” for a national head of government (a spun “prime minister”)",
    """“Chief minister” is right in Indian, Pakistani, Malaysian and Australian-territory politics, and
    those contexts pass. Elsewhere it is a spun “prime minister”; when the same article also says “Prime
    Minister”, “PM” or “premier”, the fix is safe, otherwise suggested.""",
    ["The chief minister of the country resigned on Friday."],
    ["West Bengal chief minister Mamata Banerjee met the prime minister in Delhi."],
)
CONTEXT_SWAP = code_rule(
    "spin/context-swap",
    "spin",
    "A word whose thesaurus neighbour is far more probable in its context, in an article judged spun",
    """A spinner replaces content words by thesaurus neighbours blind to collocation: “physicians” for
    “doctors”, “highway accident” for “road accident”. A bigram model finds words whose neighbour is far
    likelier between the same left and right words; they are flagged only inside articles whose density
    of such swaps (and of pack spin hits) marks them as spun, a gate fitted on a development set
    (bench/spin_dev.py), and only where a position model (bench/spin_flags.py) gives P(swapped) >= 0.75
    (flag precision 89 % at spin rate 0.25, 75 % at 0.1). Reported as information, never fixed.""",
    # a page of WCXB (CC BY 4.0, © 2026 Murrough Foley) spun by bench/spin_sim.py, and its original
    # (tests/data/spin_dev): a swap is judged only inside an article that reads as spun as a whole
    [
        "Are you spellbound by the world of event planning? Do you dream of orchestrating memorable and "
        "undefeated events? Event planning is an exciting field that requires a combination of ability, "
        "organization, and attention to force. In this beginner'reciprocal ohm guide, we will explore the "
        "basics of event cerebration, armament you with the essential knowledge and skills to embark on your "
        "go as an result planner. Whether you are a student with a passion for event management or simply "
        "inquisitive about the field, this obligate will provide you with valuable insights to understand "
        "started."
    ],
    [
        "Are you fascinated by the world of event planning? Do you dream of organizing memorable and "
        "successful events? Event planning is an exciting field that requires a combination of creativity, "
        "organization, and attention to detail. In this beginner's guide, we will explore the basics of event "
        "planning, equipping you with the essential knowledge and skills to embark on your journey as an "
        "event planner. Whether you are a student with a passion for event management or simply curious about "
        "the field, this article will provide you with valuable insights to get started."
    ],
    severity=Severity.INFO,
)
