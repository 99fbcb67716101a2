"""LanguageTool client: send prose, get matches, turn them into findings with exact offsets.

Two ways to reach LanguageTool, one protocol:
- a server (`--languagetool-url`, config `languagetool_url`, env `LANGUAGETOOL_URL`): we POST to
  `{url}/v2/check` with the standard library, so the raw JSON (issue type, category) is ours to map;
- a local install managed by language-tool-python (its `LTP_PATH` download folder, Java 17+): we let
  it start its Java server and then talk to that server the same way. We never download LanguageTool
  behind the user's back (it is ~250 MB); when it is missing the error says how to get it.

What is sent: only prose. Each block's masked characters (code, URLs, markup) are dropped, a run of
them or of line breaks becomes one space, and a per-character origin table maps every character
LanguageTool sees back to its offset in the original file. Paragraphs are joined with blank lines into
batches of at most `BATCH_LIMIT` UTF-16 units (few requests; LanguageTool treats the blank line as a
paragraph break) and the matches are split back per paragraph.

Offsets: LanguageTool counts UTF-16 code units (Java strings); Python counts code points. `Utf16Index`
converts exactly, so a paragraph with emoji before an error still points at the right characters.

Caching: each paragraph's matches are stored (in paragraph-relative code points) under a hash of its
text, the LanguageTool version, the server identity, the language and the settings sent. The server's
version is remembered from its last answer, so an unchanged file is re-checked without any request.
Cross-paragraph rules (e.g. word-variant coherency) therefore see only the paragraphs that were sent
together; that is the price of per-paragraph caching.

The work is split by concern: `prose` (what is sent, offsets), `settings` (request parameters),
`client` (HTTP), `local` (local install, backend choice), `checker` (batching, cache), `findings`
(matches to findings, filtering). This module is the entry point (`detect`, `download`) and
re-exports their public names.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .checker import BATCH_LIMIT, CACHE_FORMAT, SEPARATOR, Checker
from .client import MAX_REPLY, TIMEOUT, URL_ENV, ServerClient, _one_line
from .findings import ISSUE_CONFIDENCE, SPELLING_CONFIDENCE, STYLE_CATEGORIES, STYLE_ISSUES, findings_for, to_finding
from .local import Backend, LocalServer, _ltp_path, backend_for, installed_languagetool
from .prose import CHECKED_KINDS, Paragraph, Utf16Index, paragraph_for, paragraphs, utf16_len
from .settings import DEFAULT_DISABLED_RULES, PACK, Settings

if TYPE_CHECKING:
    from ..config import Config
    from ..document import Document
    from ..model import Finding

__all__ = [
    "BATCH_LIMIT",
    "CACHE_FORMAT",
    "CHECKED_KINDS",
    "DEFAULT_DISABLED_RULES",
    "ISSUE_CONFIDENCE",
    "MAX_REPLY",
    "PACK",
    "SEPARATOR",
    "SPELLING_CONFIDENCE",
    "STYLE_CATEGORIES",
    "STYLE_ISSUES",
    "TIMEOUT",
    "URL_ENV",
    "Backend",
    "Checker",
    "LocalServer",
    "Paragraph",
    "ServerClient",
    "Settings",
    "Utf16Index",
    "backend_for",
    "detect",
    "download",
    "findings_for",
    "installed_languagetool",
    "paragraph_for",
    "paragraphs",
    "to_finding",
    "utf16_len",
]


def detect(doc: Document, config: Config, found: Sequence[Finding] = ()) -> list[Finding]:
    """The grammar detector: LanguageTool findings for `doc` (see the module docstring). `found`, the
    other detectors' findings: paragraphs they call boilerplate are not sent, nor paragraphs in
    another language (`select.py`)."""
    from .select import selector

    settings = Settings.from_config(config)
    return findings_for(doc, Checker(backend_for(config), settings), selector(settings.language, found))


def download(version: str | None = None) -> str:
    """Download LanguageTool through language-tool-python (its LTP_PATH folder); return the version."""
    from language_tool_python.download_lt import LTP_DOWNLOAD_VERSION, LocalLanguageTool

    wanted = version or LTP_DOWNLOAD_VERSION
    LocalLanguageTool.from_version_name(wanted).download()
    return wanted


def _main(argv: Iterable[str]) -> int:
    args = list(argv)
    if args[:1] != ["download"] or len(args) > 2:
        print("usage: python -m cleaner.grammar.languagetool download [VERSION]", file=sys.stderr)
        return 2
    try:
        version = download(args[1] if len(args) > 1 else None)
    except Exception as e:
        print(f"error: could not download LanguageTool: {_one_line(str(e))}", file=sys.stderr)
        return 2
    print(f"LanguageTool {version} is installed in {_ltp_path()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
