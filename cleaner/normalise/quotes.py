"""Quote marks to one house style, with the spacing around them repaired.

What machine translation from French (and scrapers of French-styled sites) leave behind:
`« I am fine »` with NO-BREAK SPACEs inside the guillemets, German `„…“`, single `‹ ›`, padding inside
curly quotes (`failed attempt ”.`), and a closing quote typed as an opening one
(`…this attack, « he added`). Each double quote mark in a paragraph gets a role — open or close —
from its glyph and its neighbours; a mark whose glyph says "open" while a quotation is already open,
and that follows clause punctuation and precedes a lower-case word, is a closing quote typed wrong.
Every mark then becomes the house-style glyph for its role, with the padding on its inner side
removed; one edit per mark, so edits never overlap. Quotation marks that cannot be paired are
flagged, not guessed at.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..detect import language
from ..model import Applicability, Finding, Severity
from ..registry import typography as rules

if TYPE_CHECKING:
    from ..config import Config
    from ..document import Document

OPEN, CLOSE, EITHER = "open", "close", "either"
_SPACES = " \t\u00a0\u202f\u2009\u2007"
_SPACED_CAPITAL = re.compile("[" + re.escape(_SPACES) + "]*[A-Z]")
_DOUBLE = re.compile('[«»“”„"]')
_SINGLE_GUILLEMET = re.compile("[‹›‚]")
_APOSTROPHE = re.compile(
    r"(?<=[^\W_])'(?=[^\W_])|(?<=[^\W_]s)'(?=[\s.,;:!?)\]]|$)|(?<=\s)'(?=(?:\d\ds|em|tis|twas|n)\b)"
)
# `…terrorist groups, He said.` — the speaker tag shows the quotation should have closed before it.
_ATTRIBUTION_END = re.compile(
    r"[,.!?]\s+(?:he|she|they|it|we|I|the \w+|[A-Z]\w+)\s+(?:said|added|says|adds|wrote|told \w+|stated)\.?\s*$",
    re.IGNORECASE,
)
_HOUSE = {"curly": {OPEN: "“", CLOSE: "”"}, "straight": {OPEN: '"', CLOSE: '"'}}
_HOUSE_SINGLE = {"curly": {OPEN: "‘", CLOSE: "’"}, "straight": {OPEN: "'", CLOSE: "'"}}


@dataclass(slots=True)
class _Mark:
    pos: int
    glyph: str
    role: str
    reversed: bool = False


def _glyph_role(glyph: str, prev: str, nxt: str, german: bool) -> str:
    if glyph == "«":
        return CLOSE if german else OPEN
    if glyph == "»":
        return OPEN if german else CLOSE
    if glyph == "„":
        return OPEN
    if glyph == "“":
        return CLOSE if german else OPEN
    if glyph == "”":
        return CLOSE
    # straight quote: decide by neighbours
    if not prev or prev in _SPACES + "\r\n([{—–-":
        return OPEN
    if not nxt or nxt in _SPACES + "\r\n.,;:!?)]}—–":
        return CLOSE
    return EITHER


def not_a_quote(prose: str, i: int, glyph: str, prev: str, nxt: str, depth: int) -> bool:
    """Marks that look like quotation marks and are not: an inch or seconds sign after a number
    (`the 16" model`, when no quotation is open for it to close), and guillemets used as arrows,
    separators or pager marks, which web pages are full of:

    - doubled, `Read More »»`: quotation marks never come in pairs of one glyph;
    - on a navigation line, `« Previous Post Next Post »`, `Home » Dare to Play »`: a short line of
      title-case words (English function words aside) without sentence punctuation (a line that one
      pair of guillemets encloses whole is a quoted title unless pager words or a "|" show otherwise);
    - alone in the paragraph (no guillemet of the other direction in it): at a line's edge as an arrow
      or bullet (`» Publicidade`, `Read more »`, `Photo of the Day»`, `Back to Top «`), or between words
      with a space on each side and a capital or digit after it, as a breadcrumb separator
      (`Mensagens » Mensagens de Autoestima » Só quem se Ama…`).

    A French-style quotation that opened in an earlier paragraph and closes in this one ends after the
    sentence's punctuation (`…la guerre. »`), which the line-end rule does not take. The MT detector's
    unclosed-quote check asks the same question."""
    if glyph == '"':
        return not depth and prev.isdigit()
    if glyph not in "«»":
        return False
    if prev == glyph or nxt == glyph:
        return True
    start, end = _line_bounds(prose, i)
    if _navigation_at(prose, start, end):
        return True
    if _holds(prose, "»" if glyph == "«" else "«"):
        return False
    before = prose[start:i].rstrip(_SPACES)
    after = prose[i + 1 : end].lstrip(_SPACES)
    if glyph == "»":
        if not before:
            return nxt in _SPACES  # `» Publicidade`
        if not after:
            # `Go to Home Page »`, `Photo of the Day»`; not `…la guerre. »`
            return before[-1].isalnum() or (prev in _SPACES and len(before.split()) <= 8)
        # `Home » Column » Story`
        capital = after[0].isupper() or after[0].isdigit()
        return prev in _SPACES and nxt in _SPACES and before[-1].isalnum() and capital
    return not after and prev in _SPACES  # `Back to Top «`: nothing follows for it to open


_ENGLISH_FUNCTION = frozenset(
    "a an and at by for from in into of on or the to with vs".split()  # noqa: SIM905 (reads as text)
)


def _navigation_line(line: str) -> bool:
    """A pager, breadcrumb or "more" line: guillemets with title-case words (and English function
    words), digits or separators, at most 16 words, no sentence punctuation."""
    if not any(c in line for c in ".!?;,") and ("«" in line or "»" in line):
        toks = [t for t in line.replace("«", " ").replace("»", " ").split() if t not in "|/·•-–—:"]
        if not toks or len(toks) > 16:
            return False
        caps = 0
        for t in toks:
            if t[0].isupper():
                caps += 1
            elif not (t[0].isdigit() or t.lower() in _ENGLISH_FUNCTION):
                return False
        stripped = line.strip(_SPACES)
        if stripped.startswith("«") and stripped.endswith("»") and stripped.count("«") == 1:
            # one pair around the whole line: a quoted title (`« The Plague »`) unless a pager says so
            return caps > 0 and ("|" in line or any(t.lower() in _PAGER_WORDS or t[0].isdigit() for t in toks))
        return caps > 0
    return False


#: words of pagers and "back" links: with them, a line in « » is navigation, not a quoted title
_PAGER_WORDS = frozenset(
    """previous prev next older newer back home more top first last page post posts entries article articles
    story stories""".split()  # noqa: SIM905 (reads as text)
)


_presence: list[object] = [None, False, False]


def _holds(prose: str, glyph: str) -> bool:
    """`glyph in prose` for « or », worked out once per text: asked at every mark, the search made
    200 KB of « quadratic (issue 26). Keyed by the text's identity, length and (cached) hash."""
    key = (id(prose), len(prose), hash(prose))
    if _presence[0] != key:
        _presence[:] = [key, "«" in prose, "»" in prose]
    return bool(_presence[1] if glyph == "«" else _presence[2])


_nav_memo: list[object] = [None, False]


def _navigation_at(prose: str, start: int, end: int) -> bool:
    """`_navigation_line` of the line `[start, end)`, worked out once per line: asked at every mark of a
    long line, it made a line of many guillemets quadratic (issue 26)."""
    key = (id(prose), len(prose), hash(prose), start, end)
    if _nav_memo[0] != key:
        _nav_memo[:] = [key, _navigation_line(prose[start:end])]
    return bool(_nav_memo[1])


_breaks_memo: list[object] = [None, []]


def _line_bounds(prose: str, i: int) -> tuple[int, int]:
    """The line around `i`, from the text's line breaks found once per text (searching outwards from
    every mark made one long line of marks quadratic)."""
    key = (id(prose), len(prose), hash(prose))
    if _breaks_memo[0] != key:
        _breaks_memo[:] = [key, [m.start() for m in re.finditer(r"[\r\n]", prose)]]
    breaks: list[int] = _breaks_memo[1]  # type: ignore[assignment]
    k = bisect_left(breaks, i)
    start = breaks[k - 1] + 1 if k else 0
    return start, breaks[k] if k < len(breaks) else len(prose)


def _roles(prose: str) -> list[_Mark]:
    found = list(_DOUBLE.finditer(prose))
    if not found:
        return []
    german = "„" in prose or bool(re.search(r"»\w", prose) and re.search(r"\w[.,!?]?«", prose))
    marks: list[_Mark] = []
    depth = 0
    for m in found:
        i = m.start()
        prev = prose[i - 1] if i else ""
        nxt = prose[i + 1] if i + 1 < len(prose) else ""
        if not_a_quote(prose, i, m.group(), prev, nxt, depth):
            continue
        role = _glyph_role(m.group(), prev, nxt, german)
        if role == EITHER:
            role = CLOSE if depth else OPEN
        mark = _Mark(i, m.group(), role)
        if role == OPEN and depth:
            # A second opener inside a quotation: a closing quote typed as an opening one?
            # the neighbours past any spaces, without slicing the text at every mark (linear time)
            b = i
            while b and prose[b - 1] in _SPACES:
                b -= 1
            a = i + 1
            while a < len(prose) and prose[a] in _SPACES:
                a += 1
            if b and prose[b - 1] in ",.!?;…" and a < len(prose) and "a" <= prose[a] <= "z":
                mark.role, mark.reversed = CLOSE, True
        elif role == CLOSE and not depth:
            # A closer with nothing open: an opener typed as a closer when text follows it directly.
            nxt_ch = prose[i + 1 : i + 2]
            if (
                nxt_ch
                and nxt_ch in _SPACES
                and _SPACED_CAPITAL.match(prose, i + 1) is not None
                and (i == 0 or prose[i - 1] in _SPACES + "\r\n")
            ):
                mark.role, mark.reversed = OPEN, True
        depth = 1 if mark.role == OPEN else 0
        marks.append(mark)
    return marks


#: characters the quote normaliser can act on: a block without any is skipped before any language check
_QUOTISH = re.compile("[«»“”„\"‹›‚‘’']")


def fix_quotes(doc: Document, config: Config) -> Iterator[Finding]:
    """Convert quote marks to the house style and remove padding inside them (see module doc).

    English prose only: a paragraph in another language keeps that language's quotation marks and
    apostrophes (« » in French or Russian, „ “ in German), and so does every paragraph of an article in
    another language, whose short lines (a heading, a caption) say nothing by themselves."""
    style = _HOUSE.get(config.quote_style, _HOUSE["curly"])
    single = _HOUSE_SINGLE.get(config.quote_style, _HOUSE_SINGLE["curly"])
    doc_foreign: bool | None = None
    for block in doc.blocks:
        prose = doc.prose(block)
        if not _QUOTISH.search(prose):
            continue
        if doc_foreign is None:
            doc_foreign = language.document_is_foreign(doc.mask[: language.DOCUMENT_SAMPLE])
        if language.is_foreign_prose(prose, doc_foreign):
            continue
        base = block.start
        marks = _roles(prose)
        fixed_at = {mark.pos: list(_fix_mark(doc, base, prose, mark, style[mark.role])) for mark in marks}
        for problem in _unbalanced(doc, base, prose, marks):
            # one defect, one finding: a mark converted (or turned round) that is also unpaired is
            # reported once, by the finding that fixes it, with the pairing problem in its message
            same = fixed_at.get(problem.start - base)
            if same:
                same[0].message += f"; {problem.message}"
                if problem.severity.rank > same[0].severity.rank:
                    same[0].severity = problem.severity
            else:
                yield problem
        for fixes in fixed_at.values():
            yield from fixes
        for m in _SINGLE_GUILLEMET.finditer(prose):
            role = OPEN if m.group() in "‹‚" else CLOSE
            yield from _fix_mark(doc, base, prose, _Mark(m.start(), m.group(), role), single[role])
        if config.quote_style == "straight":
            for m in re.finditer("[‘’]", prose):
                s = base + m.start()
                yield _finding(
                    doc, rules.QUOTES_HOUSE_STYLE, s, s + 1, "'", f"curly {m.group()!r} in a straight-quote house style"
                )
        else:
            for m in _APOSTROPHE.finditer(prose) if "'" in prose else ():  # slow regex; most blocks lack '
                s = base + m.start()
                yield _finding(doc, rules.APOSTROPHE, s, s + 1, "’", "straight apostrophe; the house style is ’")


def _finding(
    doc: Document, rule: str, start: int, end: int, new: str, message: str, severity: Severity = Severity.INFO
) -> Finding:
    return Finding(
        rule=rule,
        category="quotes",
        severity=severity,
        message=message,
        start=start,
        end=end,
        text=doc.text[start:end],
        suggestion=new,
        applicability=Applicability.SAFE,
        confidence=0.95,
    )


def _fix_mark(doc: Document, base: int, prose: str, mark: _Mark, glyph: str) -> Iterator[Finding]:
    i = mark.pos
    start, end = i, i + 1
    prefix = suffix = ""
    if mark.role == OPEN:
        j = end
        while j < len(prose) and prose[j] in _SPACES:
            j += 1
        if j > end and j < len(prose) and prose[j] not in "\r\n":
            end = j
        k = start
        while k > 0 and prose[k - 1] in "\u00a0\u202f":
            k -= 1
        if k < start:
            start, prefix = k, " " if k > 0 and prose[k - 1] not in _SPACES else ""
    else:
        k = start
        while k > 0 and prose[k - 1] in _SPACES:
            k -= 1
        if k < start and k > 0 and prose[k - 1] not in "\r\n":
            start = k
        j = end
        while j < len(prose) and prose[j] in "\u00a0\u202f":
            j += 1
        if j > end:
            end, suffix = j, " " if j < len(prose) and prose[j] not in _SPACES + "\r\n" else ""
    new = prefix + glyph + suffix
    old = prose[start:end]
    if new == old:
        return
    padded = len(old.strip(_SPACES)) != len(old)
    if mark.reversed:
        rule, sev = rules.REVERSED, Severity.WARNING
        msg = f"closing quote written as an opening one ({mark.glyph!r}); it closes the quotation"
        if mark.role == OPEN:
            msg = f"opening quote written as a closing one ({mark.glyph!r}); it opens the quotation"
    elif mark.glyph != glyph and mark.glyph in "«»„‹›‚":
        rule, sev = rules.FOREIGN_QUOTES, Severity.WARNING
        msg = f"{mark.glyph!r} is not an English quotation mark; the house style is {glyph!r}"
        if padded:
            msg += ", with no space inside the quotes"
    elif padded:
        rule, sev = rules.PADDING, Severity.WARNING
        msg = "space inside quotation marks"
    else:
        rule, sev = rules.QUOTES_HOUSE_STYLE, Severity.INFO
        msg = f"{mark.glyph!r} → {glyph!r} (house quote style)"
    yield _finding(doc, rule, base + start, base + end, new, msg, sev)


def _unbalanced(doc: Document, base: int, prose: str, marks: list[_Mark]) -> Iterator[Finding]:
    depth_at_open: _Mark | None = None
    problems: list[_Mark] = []
    for mark in marks:
        if mark.role == OPEN:
            if depth_at_open is not None:
                problems.append(depth_at_open)
            depth_at_open = mark
        else:
            if depth_at_open is None:
                problems.append(mark)
            depth_at_open = None
    if depth_at_open is not None:
        # A quotation left open at the end of a paragraph is normal when the next paragraph
        # continues the same speaker and opens again.
        nxt = doc.block_at(base + len(prose) + 2)
        following = doc.text[base + len(prose) :].lstrip()
        continued = following[:1] in '«“„"' and nxt is not None
        if not continued or _ATTRIBUTION_END.search(prose):
            problems.append(depth_at_open)
    for mark in problems:
        s = base + mark.pos
        what = "opened and never closed" if mark.role == OPEN else "closed but never opened"
        yield Finding(
            rule=rules.UNBALANCED,
            category="quotes",
            severity=Severity.WARNING,
            message=f"quotation {what} in this paragraph",
            start=s,
            end=s + 1,
            text=doc.text[s : s + 1],
            confidence=0.8,
        )
