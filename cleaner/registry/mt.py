"""Rules of the machine-translation detectors (cleaner/detect/mt.py, foreign.py, glued.py, conventions.py):
what a translation engine or a scraper leaves in English copy. None is fixed without an editor but the
glued words the frequency data is sure of."""

from __future__ import annotations

from ..model import Applicability, Severity
from .core import code_rule

SUGGESTED, NONE, INFO = Applicability.SUGGESTED, Applicability.NONE, Severity.INFO

#: MT rules judge English articles: enough English around an example for the detectors to know it is one
ENGLISH = (
    "Officials said the attack on the residence was a major escalation in the dispute over the election "
    "results, and they called for calm and restraint from all sides in the country.\n\n{example}\n\n"
    "Officials said the attack on the residence was a major escalation in the dispute over the election "
    "results, and they called for calm and restraint from all sides in the country.\n"
)

# -- mt.py: debris of translation and scraping ------------------------------------------------------

CAPITAL_AFTER_COMMA = code_rule(
    "mt/capital-after-comma",
    "mt",
    "A capital after a comma inside a quotation: the quotation should have closed before it",
    """French and Arabic news put the attribution after a comma inside the quotation marks; translated,
    the closing mark is lost and the attribution starts with a capital: `« It is over, He said.`. The
    capital is the trace; lower-casing it is suggested, and the missing mark is for an editor.""",
    ["« It is a new uproar from abroad, He said."],
    ["“It is a new uproar from abroad,” he said.", "In Paris, London and Rome, officials met."],
    context=ENGLISH,
)
UNCLOSED_QUOTE = code_rule(
    "mt/unclosed-quote",
    "mt",
    "A quotation opened and never closed, where translation dropped the closing mark",
    """A translated quotation often loses its closing mark, so the reader cannot tell where the speaker
    stops. Flagged (not fixed: where it closes is a judgement) unless the next paragraph continues the
    quotation, as news style does for long quotes.""",
    ["“We will win, he said, “and soon.”"],
    ["“We will win,” he said, “and soon.”"],
    applicability=NONE,
    context=ENGLISH,
)
STRAY_PARTICIPLE = code_rule(
    "mt/stray-participle",
    "mt",
    "A participle after a verb's object where English has none: a garbled sentence",
    """Word-by-word translation leaves a participle dangling after an object (`did not name him
    forgotten`). Only verbs that take no such complement are considered, and only words the lexicon
    knows as participles or adjectives; reported as information for an editor to re-read.""",
    ["The commander posted a tweet that was addressed to the prime minister and did not name him forgotten."],
    ["Police had him arrested. The blast left her shaken. Medics found them wounded."],
    severity=INFO,
    applicability=NONE,
    context=ENGLISH,
)
AMPERSAND_DEBRIS = code_rule(
    "mt/ampersand-debris",
    "mt",
    "A stray “&” between ordinary words, left by translation or scraping",
    """An `&` between words where neither "and" nor a company name fits (`the & support for the &
    terrorist groups`) is debris of an encoding or translation step; deleting it leaves the sentence.
    Names (AT&T, Procter & Gamble) and informal "&" for "and" pass.""",
    ["It came through the establishment of the & support for the & terrorist groups."],
    ["AT&T and Johnson & Johnson reported results; M&A activity slowed, analysts said."],
    context=ENGLISH,
)
ENTITY_DEBRIS = code_rule(
    "mt/entity-debris",
    "mt",
    "An HTML entity name printed literally (&quot; left in translated copy)",
    """A translation or scraping step prints an entity name HTML does not know (`&nbps;`), so the encoding
    repair cannot decode it (`encoding/html-entity` decodes the known ones). Reported for an editor.""",
    ["The site printed &nbps; between the words."],
    ["The site printed AT&T between the words."],
    severity=INFO,
    applicability=NONE,
    context=ENGLISH,
)

# -- foreign.py: untranslated leftovers -------------------------------------------------------------

FOREIGN_SENTENCE = code_rule(
    "mt/foreign-sentence",
    "mt",
    "A sentence of an English article left in the source language",
    """A translation engine sometimes skips a sentence, leaving it in French or German in the English
    copy. A sentence counts only when the other language's function words (that are not English words)
    carry it and the language identifier agrees with high confidence; names and loanwords pass.""",
    ["Le gouvernement a annoncé une enquête sur les violences de la semaine dernière."],
    ["The government announced an inquiry into last week’s violence, with Museo del Prado staff."],
    applicability=NONE,
    context=ENGLISH,
)
FOREIGN_PHRASE = code_rule(
    "mt/foreign-phrase",
    "mt",
    "A run of words in another language inside an English sentence",
    """Part of a sentence left untranslated ("the spokesman, qui a été nommé en janvier dernier, refused
    to comment") reads as noise to an English reader. Reported as information: an editor translates it.""",
    ["The spokesman, qui a été nommé en janvier dernier, refused to comment on the report."],
    ["The spokesman, who was appointed in January, refused to comment on the coup d’état report."],
    severity=INFO,
    applicability=NONE,
    context=ENGLISH,
)
FOREIGN_SCRIPT = code_rule(
    "mt/foreign-script",
    "mt",
    "A word in another script (Cyrillic, Chinese…) left in English prose",
    """A name left in its own script (Сергей Лавров, 王毅) is one the engine did not transliterate; the
    English copy needs the English spelling.""",
    ["The president met Сергей Лавров in Moscow, where the talks lasted three hours, officials said."],
    ["The president met Sergei Lavrov in Moscow, where the talks lasted three hours, officials said."],
    severity=INFO,
    applicability=NONE,
    context=ENGLISH,
)
FOREIGN_FURNITURE = code_rule(
    "mt/foreign-furniture",
    "mt",
    "A source site's label left untranslated (“Lire aussi”, “Leer más”, “Читайте также”)",
    """Machine translation of a page leaves the source site's labels in the English copy. The labels are
    the languages' ordinary words for "read also", "subscribe", "related" (cleaner/data/furniture.json,
    each with its own flag and pass example, all run as tests); only forms that are not English words.""",
    ["Auch interessant: Die Regierung plant neue Steuern", "The minister, Lire aussi, spoke."],
    ["He read also the footnotes."],
    context=ENGLISH,
    applicability=NONE,
)

# -- glued.py: lost and stray spaces ----------------------------------------------------------------

GLUED_WORDS = code_rule(
    "mt/glued-words",
    "mt",
    "Two words glued into one token by a lost space (thepresident, saidon)",
    """A space lost in scraping or re-flowing glues two words into a token no dictionary has. The split is
    found with word frequencies; it is a safe fix only when one split is far likelier than any other and
    the token is not a name, handle, URL or code.""",
    [
        "The visit of thepresident was postponed.",
        "The minister saidon Tuesday that talks would resume.",
        "Thegovernment announced the measures on Monday.",
    ],
    [
        "The nonetheless surprising result stood.",
        "Follow @thepresident and #saidon for updates.",
        "See thepresident.com for details.",
        "The iPhone and YouTube were mentioned by Thepresident Ltd and Thepresident Inc.",
        "Theodore and Thebes were named.",
    ],
)
SPLIT_WORD = code_rule(
    "mt/split-word",
    "mt",
    "One word split in two by a stray space (govern ment)",
    """A stray space splits one word into a fragment and a rest (line re-flowing, hyphenation lost). Joining
    is suggested when the joined word is common and the parts are not.""",
    ["The govern ment announced new measures.", "The na tional team won."],
    ["Many tax payers may be affected.", "He gave in to pressure.", "Prices rose 5 per cent."],
)

# -- conventions.py: the source language's number, date and time formats -----------------------------

DECIMAL_COMMA = code_rule(
    "mt/decimal-comma",
    "mt",
    "A decimal comma (3,5 million) in English text",
    "English writes a decimal point; a comma before one or two digits is the source's decimal comma.",
    ["Exports fell by 3,5 million tonnes.", "Inflation reached 2,75 % in May.", "A coffee costs €2,50 there."],
    ["Exports fell by 3,500 tonnes.", "Sizes 1,2 and 3 were sold.", "Inflation reached 2.75% in May."],
)
THOUSANDS_SEPARATOR = code_rule(
    "mt/thousands-separator",
    "mt",
    "Thousands grouped with dots or spaces (1.500.000)",
    "English groups thousands with commas; dots or spaces between groups are continental/Russian style.",
    ["The city paid 1.500.000 euros for the bridge.", "The fund holds 2 500 000 dollars."],
    ["Version 22.360.000 of the ledger.", "Call 1 602 827 2456 for details.", "It cost 1,500,000 euros."],
)
TIME_FORMAT = code_rule(
    "mt/time-format",
    "mt",
    "A time written the French/German way (13h30, 20.15 h)",
    "English writes 13:30 or 1.30pm; “13h30” and “13.30 h” are French/German/Spanish notation.",
    ["The meeting starts at 13h30 in the town hall.", "Doors open at 20.15 h sharp.", "Kick-off at 21h."],
    ["The meeting starts at 13:30.", "He ran for 2 hours 30 minutes.", "The H30 model sold well."],
)
DAY_OF_MONTH = code_rule(
    "mt/day-of-month",
    "mt",
    "A date in the source's word order (the 5 of March, 5. March)",
    "“the 5 of March” renders “le 5 mars”/“el 5 de marzo”; “5. March” renders German “5. März”.",
    ["The vote was held on the 5 of March.", "Talks resume on 12. September in Geneva."],
    ["The vote was held on 5 March.", "The vote was held on the 5th of March.", "Two of March's games."],
)
LOWERCASE_MONTH = code_rule(
    "mt/lowercase-month",
    "mt",
    "A month name in lower case (1 january)",
    "English capitalises month names; “5 january” keeps the source's lower case.",
    ["The law takes effect on 1 january 2025.", "Until june 30 the offices stay shut."],
    ["The law takes effect on 1 January 2025.", "They may 5 times a day.", "We march 10 miles."],
)
ORDINAL = code_rule(
    "mt/ordinal",
    "mt",
    "A wrong English ordinal suffix or a Romance ordinal sign (21th, 1º, 1er)",
    "A wrong English ordinal suffix or a Romance ordinal sign (“21th”, “1º”, “1er”).",
    ["He finished 21th in the race.", "The 1º of May is a holiday.", "The 3nd round begins."],
    ["He finished 21st in the race.", "The 11th and 12th rounds.", "The 13th annual fair."],
)
CURRENCY_AFTER_AMOUNT = code_rule(
    "mt/currency-after-amount",
    "mt",
    "A currency sign after the amount (500 €)",
    "English puts the currency sign before the amount: “€500”, not “500 €”.",
    ["Tickets cost 500 € each.", "The fine was 1.200€ at most."],
    ["Tickets cost €500 each.", "Tickets cost 500 euros each.", "The model $i+1$ follows."],
)
NUMBER_ABBREVIATION = code_rule(
    "mt/number-abbreviation",
    "mt",
    "A German, Italian or Russian abbreviation of million or billion (Mio., Mrd.)",
    "“Mio.”/“Mrd.”/“mld”/“mlrd” are German, Italian and Russian abbreviations of million and billion.",
    ["The state invested 25 Mio. euros.", "Debt rose to 3 Mrd euros."],
    ["The state invested 25 million euros.", "Debt rose to €3bn."],
)
DOTTED_DATE = code_rule(
    "mt/dotted-date",
    "mt",
    "A day.month.year date (05.03.2024)",
    "“05.03.2024” is the German/Russian day.month.year date; English writes “5 March 2024”. Only the "
    "zero-padded form: “1.2.2024” is as often a version number.",
    ["The decree of 05.03.2024 was annulled."],
    ["The decree of 5 March 2024 was annulled.", "Version 1.2.2024 of the app."],
)
PERCENT_SPACE = code_rule(
    "mt/percent-space",
    "mt",
    "A space before “%” in a document with other source-language conventions",
    "A space before “%” is French/German typography; reported only with other source conventions.",
    ["Turnout was 3,5 million, or 20 % of voters."],
    ["Turnout was 20 % of voters.", "Turnout was 20% of voters."],
    severity=INFO,
)
