"""Rules of the normalisers (cleaner/normalise): encoding repair, quotation marks, spacing; and the
inline-control check (cleaner/controls.py). Most carry safe fixes: they restore what the author typed."""

from __future__ import annotations

from ..model import Applicability, Severity
from .core import code_rule

SAFE, NONE, INFO = Applicability.SAFE, Applicability.NONE, Severity.INFO

# -- encoding ---------------------------------------------------------------------------------------

HTML_ENTITY = code_rule(
    "encoding/html-entity",
    "encoding",
    "An HTML entity (&amp;, &#8217;) left undecoded in the text",
    """A scraper or a CMS export that forgot to decode HTML leaves `&amp;` or `&#8217;` in the text, and a
    reader sees the code instead of the character. Decoding it restores exactly what the page showed.""",
    ["Profits rose &amp; fell in the quarter.", "It&#8217;s over, he said."],
    ["Profits rose & fell in the quarter.", "It’s over, he said."],
    applicability=SAFE,
)
MOJIBAKE = code_rule(
    "encoding/mojibake",
    "encoding",
    "UTF-8 text decoded with the wrong encoding (â€™, Ã©)",
    """Text saved as UTF-8 and read back as cp1252 or Latin-1 turns every accent and curly quote into two
    or three odd characters ("cafÃ©", "itâ€™s"). The sequences are unambiguous, so ftfy reverses them
    exactly; nothing else in the paragraph changes.""",
    ["The cafÃ© reopened on Monday.", "Itâ€™s over, he said."],
    ["The café reopened on Monday.", "It’s over, he said."],
    applicability=SAFE,
)
LEGACY_ENCODING = code_rule(
    "encoding/legacy-encoding",
    "encoding",
    "The file is not UTF-8 (cp1252, Latin-1…): read and written back in its own encoding",
    """Not a defect in the text but a fact an editor may want: the file was read as cp1252, Latin-1 or
    another legacy encoding, and is written back in the same encoding so that nothing else changes.
    Reported by the batch runner (files on disk), not by `clean_text`, which gets a decoded string.""",
    ["(a file saved as cp1252, e.g. b'caf\\xe9')"],
    ["(a file saved as UTF-8)"],
    severity=INFO,
    applicability=NONE,
    examples_need="a file on disk",
)

# -- quotation marks --------------------------------------------------------------------------------

QUOTES_HOUSE_STYLE = code_rule(
    "quotes/house-style",
    "quotes",
    "A quotation mark in another style than the house style (straight vs curly)",
    """A publication uses one style of quotation marks (`quote-style`, curly by default). Straight quotes
    pasted from a plain-text source, or curly ones in a straight-quote house, are turned into the house
    style; the pairing is worked out first, so an opening mark becomes an opening one.""",
    ['He said "yes" to the plan.'],
    ["He said “yes” to the plan."],
    severity=INFO,
    applicability=SAFE,
)
APOSTROPHE = code_rule(
    "quotes/apostrophe",
    "quotes",
    "A straight apostrophe where the (curly) house style has ’",
    """With curly quotes as the house style, a straight apostrophe in a contraction or possessive
    (`don't`, `Iraq's`) is the one mark left in the other style. It becomes ’; straight quotes used as
    quotation marks, primes (5'11") and code are left to the other rules.""",
    ["The minister's plan was approved."],
    ["The minister’s plan was approved."],
    severity=INFO,
    applicability=SAFE,
)
REVERSED = code_rule(
    "quotes/reversed",
    "quotes",
    "A closing quotation mark written as an opening one, or the reverse",
    """Machine translation and careless re-typing put ” where “ belongs (or the reverse), so the quotation
    reads backwards. Which mark opens and which closes follows from their order in the paragraph.""",
    ["“We will win,“ he said."],
    ["“We will win,” he said."],
    applicability=SAFE,
)
FOREIGN_QUOTES = code_rule(
    "quotes/foreign",
    "quotes",
    "A quotation mark of another language (« », „ “, ‹ ›) in English text",
    """French, German and Russian quotation marks survive machine translation into English: «like this»
    or „like this“. English text uses the house style; the quotation itself is unchanged.""",
    ["He said « yes » to the plan."],
    ["He said “yes” to the plan."],
    severity=Severity.WARNING,
    applicability=SAFE,
)
PADDING = code_rule(
    "quotes/padding",
    "quotes",
    "A space inside quotation marks (“ like this ”)",
    """French typography puts a space inside guillemets; carried into English quotation marks it shows as
    “ padding ”. English never has it, so the spaces go and the words are untouched.""",
    ["He said “ yes ” to the plan."],
    ["He said “yes” to the plan."],
    applicability=SAFE,
)
UNBALANCED = code_rule(
    "quotes/unbalanced",
    "quotes",
    "A quotation opened and never closed (or closed, never opened) in its paragraph",
    """A quotation mark without its partner usually means the translation or the scrape lost part of the
    quotation. Where the end belongs cannot be known, so this is flagged for an editor and not fixed. A
    paragraph that leaves a quotation open and the next one re-opening it (a continued quote) passes.""",
    ["“We will win, he said, and left the hall."],
    ["“We will win,” he said, and left the hall."],
    applicability=NONE,
)

# -- spacing ----------------------------------------------------------------------------------------

BEFORE_PUNCTUATION = code_rule(
    "spacing/before-punctuation",
    "spacing",
    "A space before , . ; : ! ? in English text",
    """French typography puts a space before ; : ! and ?, and translated or re-flowed text carries it into
    English, where no punctuation mark takes a space before it. Paragraphs in another language keep their
    own typography.""",
    ["The talks failed , officials said ."],
    ["The talks failed, officials said."],
    applicability=SAFE,
)
DOUBLE_SPACE = code_rule(
    "spacing/double-space",
    "spacing",
    "Several spaces between words",
    """Runs of spaces are left by re-flowed or scraped text; in prose they only make a ragged line, and
    one space says the same. Indentation, code and tables are not prose and are never touched.""",
    ["The talks  failed on Monday."],
    ["The talks failed on Monday."],
    severity=INFO,
    applicability=SAFE,
)
SPACED_HYPHEN = code_rule(
    "spacing/spaced-hyphen",
    "spacing",
    "A spaced hyphen inside an Arabic (or similar) name: al- Kadhimi",
    """Scraped and translated news splits names with a particle: `al- Kadhimi`, `bin -Salman`. The name is
    one token with a plain hyphen; the space makes it look like two words and breaks search.""",
    ["Prime Minister Mustafa al- Kadhimi spoke on Sunday."],
    ["Prime Minister Mustafa al-Kadhimi spoke on Sunday.", "The vote was 52 - 48 in favour."],
    applicability=SAFE,
)
BEFORE_APOSTROPHE = code_rule(
    "spacing/before-apostrophe",
    "spacing",
    "A space before the apostrophe of a possessive or contraction: Senate ’s, don ’t",
    """A re-flow or a translation step splits `Senate’s` into `Senate ’s`. English never spaces a clitic
    from its word; joining them restores the word.""",
    ["The Senate ’s vote was delayed."],
    ["The Senate’s vote was delayed.", "He called it ’the plan’ twice."],
    applicability=SAFE,
)

# -- inline controls --------------------------------------------------------------------------------

UNKNOWN_DIRECTIVE = code_rule(
    "controls/unknown-directive",
    "style",
    "A `<!-- cleaner: … -->` comment that says something cleaner does not understand",
    """An inline control that is misspelt (`<!-- cleaner: of -->`) would silently do nothing, and the
    writer would believe the passage is excluded. It is reported instead; the known commands are off,
    on, disable=…, enable=… and ignore-next-line.""",
    ["<!-- cleaner: of -->\n\nThe talks failed on Monday."],
    ["<!-- cleaner: off -->\n\nThe talks failed on Monday.\n\n<!-- cleaner: on -->"],
    applicability=NONE,
)
