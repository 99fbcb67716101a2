"""The one error of the grammar stage (re-exported by `cleaner.grammar`).

Its own module so that the client modules can raise it without importing the package that imports
them (which made the package and its modules an import cycle).
"""

from __future__ import annotations


class GrammarUnavailable(RuntimeError):
    """The grammar backend the user asked for cannot be used; `str(exc)` is one line saying why and
    what to install or which URL failed."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))
