"""Grammar checking through an external checker (LanguageTool), switched on with `--grammar`.

Why a separate stage: machine translation leaves errors that no phrase list can see ("the relationship
between Kadhimi and the militias *have* been tense"); a real grammar checker finds them. It is optional
because it needs either Java and a LanguageTool install or a LanguageTool server.

When the user asked for grammar and it cannot be had, the run must stop with one actionable line,
never a traceback and never a silent skip: every failure surfaces as `GrammarUnavailable`, which the
CLI turns into exit code 2.

Importing this package is cheap; the client is imported on first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .errors import GrammarUnavailable

if TYPE_CHECKING:
    from ..config import Config
    from ..document import Document
    from ..model import Finding

__all__ = ["GrammarUnavailable", "detect_grammar"]


def detect_grammar(doc: Document, config: Config, found: Sequence[Finding] = ()) -> list[Finding]:
    """Grammar findings for `doc` when `config.grammar` names a backend, else nothing. `found`: the
    findings of the other detectors (paragraphs they call boilerplate are not sent).

    Raises `GrammarUnavailable` when the backend cannot be reached or started.
    """
    backend = (config.grammar or "").strip().lower()
    if backend in ("", "off", "none", "false"):
        return []
    if backend != "languagetool":
        raise GrammarUnavailable(f"unknown grammar backend {config.grammar!r}: the only one is 'languagetool'")
    from .languagetool import detect

    return detect(doc, config, found)
