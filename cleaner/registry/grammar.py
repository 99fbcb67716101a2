"""The LanguageTool rules (cleaner/grammar/): one family, `languagetool/<LanguageTool rule ID>`, since
LanguageTool decides its own rules (thousands, per language and version). Select them as
`languagetool/MORFOLOGIK_RULE_EN_US` in `disable`/`enable`, or all of them as `languagetool`."""

from __future__ import annotations

from ..model import Applicability
from .core import code_rule

LANGUAGETOOL = code_rule(
    "languagetool/*",
    "grammar",
    "A LanguageTool match (grammar, or style for its style categories), under LanguageTool's own rule ID",
    """With `--grammar` (or `grammar = "languagetool"`), each prose paragraph is checked by a LanguageTool
    server and its matches become findings in category `grammar` or `style`. Spell-checker matches on
    capitalised words (names) are dropped, and rules that duplicate cleaner's own checks (whitespace,
    dashes, quotes) are off by default. A replacement is offered only where LanguageTool saw exactly the
    flagged text.""",
    ["He go to school every day."],
    ["He goes to school every day."],
    applicability=Applicability.SUGGESTED,
    examples_need="a LanguageTool server (cleaner check --grammar; tests/test_grammar.py runs a recorded one)",
)
