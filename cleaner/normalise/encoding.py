"""Encoding repair: mojibake and HTML entities, with ftfy, on prose only.

ftfy is run with every option spelled out: its defaults would also uncurl quotes (destroying the
house style), normalise line breaks (breaking CRLF files and every offset) and apply NFC. Only the
two repairs this normaliser is for are switched on. ftfy is skipped entirely on runs that carry no
mojibake signature and no `&`, which is nearly all clean text (ftfy's mojibake search is most of its
cost).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ..document import MASK
from ..model import Applicability, Finding, Severity
from ..registry import typography as rules

if TYPE_CHECKING:
    from ftfy import TextFixerConfig

    from ..config import Config
    from ..document import Document

_RUNS = re.compile(f"[^{MASK}]+")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Characters mojibake is made of: UTF-8 read as cp1252/latin-1 leaves Ã, Â, â€, Ð, etc.
_MOJIBAKE_HINT = re.compile("[\u00c2-\u00c3\u00e2\u00c5\u00ce\u00cf\u00d0\u00d1\u00d8\u00d9\ufffd\u0080-\u009f]")


@lru_cache(maxsize=1)
def _ftfy_config() -> TextFixerConfig:
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )


def _candidate(run: str) -> bool:
    return not run.isascii() and _MOJIBAKE_HINT.search(run) is not None


def _entities(doc: Document, start: int, run: str) -> Iterator[Finding]:
    """HTML entities (`&amp;`, `&#8217;`) that a scraper failed to decode."""
    import html  # imported here, like difflib below: neither is needed to start a one-file check

    for m in _ENTITY.finditer(run):
        new = html.unescape(m.group())
        if new == m.group():
            continue
        s, e = start + m.start(), start + m.end()
        yield Finding(
            rule=rules.HTML_ENTITY,
            category="encoding",
            severity=Severity.WARNING,
            message=f"HTML entity {m.group()!r} left in the text; it stands for {new!r}",
            start=s,
            end=e,
            text=doc.text[s:e],
            suggestion=new,
            applicability=Applicability.SAFE,
            confidence=0.97,
        )


def fix_encoding(doc: Document, config: Config) -> Iterator[Finding]:
    """Repair mojibake (`Ã©` → `é`, `â€™` → `’`) and HTML entities (`&amp;` → `&`) in prose."""
    for block in doc.blocks:
        prose = doc.prose(block)
        for m in _RUNS.finditer(prose):
            run = m.group()
            if "&" in run:
                yield from _entities(doc, block.start + m.start(), run)
            if not _candidate(run):
                continue
            import ftfy  # imported only when needed: ~0.15 s of a pre-commit hook's start-up

            fixed = ftfy.fix_text(run, config=_ftfy_config())
            if fixed == run:
                continue
            base = block.start + m.start()
            import difflib

            matcher = difflib.SequenceMatcher(None, run, fixed, autojunk=False)
            for op, i1, i2, j1, j2 in _merged_opcodes(matcher.get_opcodes()):
                if op == "equal":
                    continue
                start, end = base + i1, base + i2
                old, new = run[i1:i2], fixed[j1:j2]
                yield Finding(
                    rule=rules.MOJIBAKE,
                    category="encoding",
                    severity=Severity.WARNING,
                    message=f"mojibake {old!r}: text decoded with the wrong encoding; it was {new!r}",
                    start=start,
                    end=end,
                    text=doc.text[start:end],
                    suggestion=new,
                    applicability=Applicability.SAFE,
                    confidence=0.97,
                )


def _merged_opcodes(ops: Sequence[tuple[str, int, int, int, int]]) -> list[tuple[str, int, int, int, int]]:
    """Join change opcodes separated by tiny equal runs, so one mojibake sequence is one finding."""
    out: list[tuple[str, int, int, int, int]] = []
    for op in ops:
        if out and op[0] != "equal" and out[-1][0] != "equal":
            p = out.pop()
            out.append(("replace", p[1], op[2], p[3], op[4]))
        elif out and op[0] == "equal" and op[2] - op[1] <= 1 and out[-1][0] != "equal":
            out.append(op)
        elif out and len(out) >= 2 and out[-1][0] == "equal" and out[-1][2] - out[-1][1] <= 1 and op[0] != "equal":
            eq = out.pop()
            p = out.pop()
            out.append(("replace", p[1], op[2], p[3], op[4]))
            del eq
        else:
            out.append(op)
    return out
