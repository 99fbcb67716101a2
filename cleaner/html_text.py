"""The prose of an HTML file: its text nodes, found with exact offsets, everything else masked.

`segment_html(text) -> (mask, spans)` is what `cleaner.segment` calls for `.html`/`.htm` files. The
standard library's `html.parser` walks the file (it is lenient about broken markup, and has no
dependency); with `convert_charrefs=False` every text node arrives exactly as written, so its offset
plus its length is its span in the original file, and nothing is ever decoded.

Decisions, and why:
- Only text nodes are prose. Tags, attributes (including `alt` and `title`: rewriting them would be
  altering markup), comments, doctype, CDATA and processing instructions are masked, so no finding or
  fix can ever touch markup.
- Character references (`&amp;`, `&#8217;`, `&nbsp;`) stay masked: decoding them would make offsets
  and fixes disagree with the file, and a fix must never turn `&rsquo;` into a different spelling.
  A phrase split by an entity is therefore not matched; that is the safe side.
- `script`, `style`, `pre`, `code`, `textarea`, `template`, `svg`, `math`, `kbd`, `samp` and `var`
  contents are not prose. Template syntax inside text (`{{ .Title }}`, `{% if %}`, Hugo shortcodes)
  is masked, so layouts of static-site generators are safe to check too.
- Block elements (p, h1–h6, li, blockquote, td, th, title, div, figcaption, dt, dd, caption, …) start
  and end blocks; inline elements (a, em, strong, span) stay inside their block, masked, so a block is
  one paragraph as a reader sees it. Newlines are left unmasked, as in Markdown, so that blank lines
  keep separating prose for the phrase matcher.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .document import MASK, BlockKind

SKIP = frozenset({"script", "style", "pre", "code", "textarea", "template", "svg", "math", "kbd", "samp", "var"})
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
BLOCK_KINDS: dict[str, BlockKind] = {
    "title": "title",
    **{f"h{i}": "heading" for i in range(1, 7)},
    "li": "list_item",
    "dt": "list_item",
    "dd": "list_item",
    "blockquote": "blockquote",
    "td": "table",
    "th": "table",
    "caption": "table",
}
BLOCK_TAGS = frozenset(
    {
        *BLOCK_KINDS,
        "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "figure", "figcaption",
        "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "body", "head", "html", "form", "fieldset",
        "legend", "details", "summary", "address", "hr", "br", "option", "select", "label", "button",
    }
)  # fmt: skip
#: template tags; a span stops at the next opener of its kind, so unclosed tags cost linear time
#: (the lazy DOTALL `\{\{.*?\}\}` made `{{` * 16000 quadratic; issue 26)
_TEMPLATE = re.compile(
    r"\{\{[<%](?:(?![%>]\}\}|\{\{).)*[%>]\}\}|\{%(?:(?!%\}|\{%).)*%\}"
    r"|\{\{(?:(?!\}\}|\{\{).)*\}\}|\{#(?:(?!#\}|\{#).)*#\}",
    re.DOTALL,
)
_SPACE = " \t\r\n\f\u00a0"


#: stands in for a `<` that cannot open anything (see `_defused`); any character but `<` and `&` would do
_INERT = "\ufffc"


def _defused(text: str) -> str:
    """`text` with every `<` after the last `>` replaced by an inert character of the same length.

    Why: every tag, comment or declaration ends with `>`, so such a `<` opens nothing, and the parser
    treats it as text, but only after scanning the rest of the document for an end that is not there,
    once per `<`: 200 KB of unclosed `<a x ` took minutes (issue 26). Offsets and line breaks are
    unchanged, and the walker takes prose positions from this text and characters from the original.
    """
    last = text.rfind(">")
    if text.find("<", last + 1) < 0:
        return text
    return text[: last + 1] + text[last + 1 :].replace("<", _INERT)


class _Walker(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.fed = _defused(text)  # what the parser is given (same length, same line breaks)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.stack: list[str] = []
        self.skip_depth = 0
        self.pieces: list[tuple[int, int]] = []  # prose ranges of the current block
        self.kind: BlockKind = "paragraph"
        self.blocks: list[tuple[list[tuple[int, int]], BlockKind]] = []

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _close_block(self, kind: BlockKind = "paragraph") -> None:
        if self.pieces:
            self.blocks.append((self.pieces, self.kind))
        self.pieces = []
        self.kind = kind

    def _kind_for_stack(self) -> BlockKind:
        for tag in reversed(self.stack):
            if tag in BLOCK_KINDS:
                return BLOCK_KINDS[tag]
            if tag in BLOCK_TAGS:
                return "paragraph"
        return "paragraph"

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in BLOCK_TAGS:
            self._close_block(BLOCK_KINDS.get(tag, "paragraph"))
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag in SKIP:
            self.skip_depth += 1

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        if tag in BLOCK_TAGS:
            self._close_block(self._kind_for_stack())

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag in self.stack:
            while self.stack:
                top = self.stack.pop()
                if top in SKIP:
                    self.skip_depth -= 1
                if top == tag:
                    break
        if tag in BLOCK_TAGS:
            self._close_block(self._kind_for_stack())

    def handle_data(self, data: str) -> None:
        if self.skip_depth or not data:
            return
        start = self._offset()
        if self.fed[start : start + len(data)] != data:  # never guess an offset: leave it masked
            return
        if self.stack and self.stack[-1] == "title":
            self.kind = "title"
        self.pieces.append((start, start + len(data)))


def _joined(pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Adjacent prose ranges as one range."""
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        if out and out[-1][1] == s:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def segment_html(text: str) -> tuple[str, list[tuple[int, int, BlockKind]]]:
    """The mask (prose kept, everything else MASK except line breaks) and the prose blocks of `text`."""
    walker = _Walker(text)
    walker.feed(_defused(text))
    walker.close()
    walker._close_block()
    chars = [c if c in "\r\n" else MASK for c in text]
    spans: list[tuple[int, int, BlockKind]] = []
    for pieces, kind in walker.blocks:
        for s, e in pieces:
            chars[s:e] = text[s:e]
        for s, e in _joined(pieces):  # the parser splits text at each `<`, as in `{{< shortcode >}}`
            for m in _TEMPLATE.finditer(text, s, e):
                chars[m.start() : m.end()] = [c if c in "\r\n" else MASK for c in m.group()]
        # The block runs from its first to its last prose character (markup between stays masked).
        s, e = pieces[0][0], pieces[-1][1]
        while s < e and (text[s] in _SPACE or chars[s] == MASK):
            s += 1
        while e > s and (text[e - 1] in _SPACE or chars[e - 1] == MASK):
            e -= 1
        if e > s:
            spans.append((s, e, kind))
    spans.sort()
    return "".join(chars), spans
