"""Find the prose in a file; everything else is masked and therefore never changed or flagged.

Plain text: paragraphs separated by blank lines; URLs and e-mail addresses inside them are masked.
Markdown: markdown-it-py's block map says which lines hold paragraphs, headings, list items and
blockquotes; on those lines the container syntax (`> `, `- `, `# `) is masked, and inside them inline
code, autolinks, bare URLs, link targets, images, inline HTML and comments, Hugo shortcodes and
Liquid tags are masked. Front matter, code blocks and HTML blocks are masked whole, except the
`title`, `description` and `summary` values of front matter, which are prose (kind `meta`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .document import MASK, Block, BlockKind, Document, Markup

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})

_BLANK_SPLIT = re.compile(r"(?:\r?\n|\r)[ \t\u00a0]*(?:\r?\n|\r)(?:[ \t\u00a0]*(?:\r?\n|\r))*")
# Every pattern here runs on user text and is linear in it (issue 26: `{{` * 16000 took 18 s, a
# 200 KB file over 2 minutes). The rules that make it so: a span never runs on past the next opener
# of its own kind (tempered tokens, `(?:(?!close|open).)*`), no loop can split the same characters in
# two ways (a backtick run is taken whole: `` `+(?!`) ``), so backtracking is linear too, and starts
# are tied to the beginning of a run (`(?<!`)`, `(?<![\w.+-])`): a failed attempt costs the distance
# to the next opener, and the attempts' scans do not overlap. (No possessive quantifiers: Python 3.10.)
_URL = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"“”«»]*[^\s<>\"“”«».,;:!?)\]'’]"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"
)
_INLINE_MASKS = re.compile(
    r"<!--(?:(?!-->|<!--).)*-->"  # HTML comment
    r"|(?<!`)(?P<ticks>`+)(?!`)(?:[^`]|(?!(?P=ticks)(?!`))`+(?!`))+(?P=ticks)(?!`)"  # inline code
    r"|\{\{[<%](?:(?![%>]\}\}|\{\{).)*[%>]\}\}"  # Hugo shortcode
    r"|\{%(?:(?!%\}|\{%).)*%\}|\{\{(?:(?!\}\}|\{\{).)*\}\}"  # Liquid tag / output
    r"|!\[[^\[\]]*\]\([^()]*\)"  # image, whole
    r"|\]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\)"  # link destination
    r"|\]\[[^\]]*\]"  # reference label
    r"|<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>"  # autolink
    r"|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>",  # inline HTML tag
    re.DOTALL,
)
_HEADING_PREFIX = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]+|$)")
_HEADING_SUFFIX = re.compile(r"(?<![ \t])[ \t]+(?:#+[ \t]*)?$")
_QUOTE_PREFIX = re.compile(r"(?:[ \t]*>[ \t]?)+")
_LIST_MARKER = re.compile(r"[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]+(?:\[[ xX]\][ \t]+)?|$)")
_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n(.*?\r?\n)?\1[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_META_KEYS = re.compile(
    r"^(?P<key>title|description|summary|subtitle|excerpt)[ \t]*[:=][ \t]*"
    r"(?P<q>[\"']?)(?P<value>[^\r\n]*?)(?P=q)[ \t]*$",
    re.MULTILINE,
)
_SHORT_LINE_END = re.compile(r"[.!?:;,]$")


def markup_for(path: str | None) -> Markup:
    if path:
        lower = path.lower()
        for suffix in MARKDOWN_SUFFIXES:
            if lower.endswith(suffix):
                return "markdown"
        if lower.endswith((".html", ".htm")):
            return "html"
    return "text"


def segment(text: str, markup: Markup = "text", path: str | None = None, encoding: str = "utf-8") -> Document:
    """Split `text` into prose blocks and build the mask (see module docstring)."""
    if markup == "markdown":
        mask, spans = _markdown(text)
    elif markup == "html":
        from .html_text import segment_html

        mask, spans = segment_html(text)
    else:
        mask, spans = _plain(text)
    blocks = [Block(s, e, k, i) for i, (s, e, k) in enumerate(spans)]
    newline = "\r\n" if "\r\n" in text else "\n"
    return Document(text=text, mask=mask, blocks=blocks, markup=markup, path=path, encoding=encoding, newline=newline)


def _url_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    # Every match holds "://", "www." or "@"; looking for those first is ~50x cheaper than the
    # pattern, whose e-mail branch runs at every word of every paragraph.
    if text.find("@", start, end) < 0 and text.find("://", start, end) < 0 and text.find("www.", start, end) < 0:
        return []
    return [m.span() for m in _URL.finditer(text, start, end)]


def _mask_urls(chars: list[str], text: str, start: int, end: int) -> None:
    for s, e in _url_spans(text, start, end):
        chars[s:e] = MASK * (e - s)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\u00a0\r\n\ufeff":
        start += 1
    while end > start and text[end - 1] in " \t\u00a0\r\n":
        end -= 1
    return start, end


def _plain(text: str) -> tuple[str, list[tuple[int, int, BlockKind]]]:
    spans: list[tuple[int, int, BlockKind]] = []
    pos = 0
    for m in [*_BLANK_SPLIT.finditer(text), None]:
        stop = m.start() if m else len(text)
        s, e = _trimmed(text, pos, stop)
        if e > s:
            spans.append((s, e, "paragraph"))
        if m:
            pos = m.end()
    # The mask is built from slices, not from `list(text)`: a list costs 8 bytes per character, 320 MB
    # for a 40 MB file, where the masked copy itself needs one to four bytes per character.
    pieces: list[str] = []
    last = 0
    for s, e, _ in spans:
        for us, ue in _url_spans(text, s, e):
            pieces += [text[last:us], MASK * (ue - us)]
            last = ue
    pieces.append(text[last:])
    kinded: list[tuple[int, int, BlockKind]] = []
    for i, (s, e, _) in enumerate(spans):
        body = text[s:e]
        single = "\n" not in body and "\r" not in body
        kind: BlockKind = "paragraph"
        if single and len(body) <= 200 and not _SHORT_LINE_END.search(body):
            kind = "title" if i == 0 else ("heading" if len(body.split()) <= 12 else "paragraph")
        kinded.append((s, e, kind))
    return "".join(pieces), kinded


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    # Block structure only (every caller reads block tokens and their line maps): the inline parse was
    # unused work, and markdown-it's link-label scan is quadratic (200 KB of `![` took 13 s; issue 26).
    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin).disable("inline")


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer(r"\r\n|\n|\r", text):
        starts.append(m.end())
    return starts


def _markdown(text: str) -> tuple[str, list[tuple[int, int, BlockKind]]]:
    chars = [c if c in "\r\n" else MASK for c in text]
    spans: list[tuple[int, int, BlockKind]] = []

    fm = _FRONT_MATTER.match(text)
    if fm and fm.group(2):
        body_start = fm.start(2)
        for m in _META_KEYS.finditer(text, body_start, fm.end(2)):
            s, e = m.span("value")
            if e > s:
                chars[s:e] = text[s:e]
                spans.append((s, e, "meta"))

    starts = _line_starts(text)
    n_lines = len(starts)

    def line_span(i: int) -> tuple[int, int]:
        s = starts[i]
        e = starts[i + 1] if i + 1 < n_lines else len(text)
        while e > s and text[e - 1] in "\r\n":
            e -= 1
        return s, e

    # The parser sees the front matter as blank lines (same line count, so token maps still index the
    # original's lines): markdown-it's front-matter plugin knows only `---`, and TOML `+++` front matter
    # would otherwise come back as a paragraph, its keys and values treated as prose.
    source = text
    if fm:
        source = "\n" * text.count("\n", 0, fm.end()) + text[fm.end() :]
    tokens = _md().parse(source)
    container: list[str] = []
    item_first_line: int | None = None
    for tok in tokens:
        if tok.type in ("blockquote_open", "list_item_open"):
            container.append(tok.type)
            if tok.type == "list_item_open" and tok.map:
                item_first_line = tok.map[0]
            continue
        if tok.type in ("blockquote_close", "list_item_close"):
            container.pop()
            continue
        if tok.type not in ("paragraph_open", "heading_open") or not tok.map:
            continue
        first, last = tok.map
        kind: BlockKind = "heading" if tok.type == "heading_open" else "paragraph"
        if kind == "paragraph" and container:
            kind = "list_item" if container[-1] == "list_item_open" else "blockquote"
        setext = tok.type == "heading_open" and tok.markup in ("=", "-")
        if setext:
            last -= 1  # the underline is markup
        block_start = block_end = -1
        for ln in range(first, last):
            s, e = line_span(ln)
            p = s
            if "blockquote_open" in container and (prefix := _QUOTE_PREFIX.match(text, p, e)):
                p = prefix.end()
            if ln == item_first_line and "list_item_open" in container and (prefix := _LIST_MARKER.match(text, p, e)):
                p = prefix.end()
            if tok.type == "heading_open" and not setext:
                if prefix := _HEADING_PREFIX.match(text, p, e):
                    p = prefix.end()
                m2 = _HEADING_SUFFIX.search(text, p, e)
                if m2:
                    e = m2.start()
            while p < e and text[p] in " \t":
                p += 1
            if e <= p:
                continue
            chars[p:e] = text[p:e]
            block_start = p if block_start < 0 else block_start
            block_end = e
        if block_start < 0:
            continue
        for m in _INLINE_MASKS.finditer(text, block_start, block_end):
            chars[m.start() : m.end()] = [c if c in "\r\n" else MASK for c in m.group()]
        _mask_urls(chars, text, block_start, block_end)
        spans.append((block_start, block_end, kind))
    spans.sort()
    return "".join(chars), spans
