"""Generated input and the pipeline's invariants (not a test module: test_properties.py and test_fuzz.py
import it).

Strategies: `plain_texts()`, `markdown_texts()` (front matter, fences, indented code, HTML blocks, lists,
quotes, links, inline code), built from tokens that make the detectors fire (foreign quotes, mojibake,
HTML entities, spun phrases taken from the shipped packs, boilerplate lines).

Checks (each raises AssertionError naming what broke): `check_pipeline` (no exception, `clean` is
idempotent, findings point at the original's characters, planned edits never overlap, masked runs
survive in order), `check_line_endings` and `check_bytes` (CRLF, BOM and the final newline survive a
bytes round trip in every encoding the decoder accepts).
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from hypothesis import strategies as st

from cleaner import clean_text
from cleaner.config import DEFAULT, Config
from cleaner.decode import BinaryFileError, DecodeError, decode, encode
from cleaner.document import MASK, Document
from cleaner.fixes import _conflict, applicable, plan
from cleaner.model import Edit, Finding, Result
from cleaner.segment import segment

#: boilerplate removal legitimately deletes whole paragraphs, URLs and container markup included;
#: with it off, *no* masked character may change at all.
NO_BOILERPLATE = DEFAULT.with_(disable=frozenset({"boilerplate"}))

BASE_TOKENS = [
    "the",
    "minister",
    "said",
    "at",
    "least",
    "al-",
    "al- Kadhimi",
    "Kadhimi",
    "he",
    "added",
    "Paris",
    "«",
    "»",
    "« Oui »",
    "„",
    "“",
    "”",
    "‘",
    "’",
    '"',
    "'",
    "‹",
    "›",
    "\u00a0",
    "\u202f",
    "  ",
    "\t",
    ",",
    ".",
    " ,",
    " .",
    ";",
    ":",
    "!",
    "?",
    "-",
    " - ",
    "–",
    "—",
    "(",
    ")",
    "[",
    "]",
    "…",
    "...",
    "Ã©",
    "â€™",
    "â€œ",
    "Ã¨s",
    "&amp;",
    "&quot;",
    "&#8217;",
    "&nbsp;",
    "\ufeff",
    "\u200b",
    "1,000",
    "3.5",
    "10 %",
    "U.S.",
    "e.g.",
    "don't",
    "it’s",
    "http://x.org/a?b=«c»",
    "https://example.com/path_(x)",
    "www.example.org",
    "a@b.co",
    "*",
    "_",
    "#",
    ">",
    "`",
    "|",
    "<b>",
    "</b>",
    "<!-- c -->",
    "{{< ref x >}}",
    "{% raw %}",
    "Follow us on Twitter",
    "Read more:",
    "Subscribe to our newsletter",
    "Share this article",
    "é",
    "ß",
    "中文",
    "😀",
    "\u0301",
    "\U0001f1eb\U0001f1f7",
]
NEWLINES = ["\n", "\r\n", "\n\n", "\r\n\r\n", "\r"]


@cache
def pack_phrases() -> tuple[str, ...]:
    """A spread of phrases from the shipped packs, so pack fixes (and their guards) really run."""
    from cleaner.packs import load_packs

    phrases = [p for e in load_packs().entries for p in e.phrases]
    step = max(1, len(phrases) // 300)
    return tuple(phrases[::step])


def _tokens() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(BASE_TOKENS),
        st.sampled_from(BASE_TOKENS),
        st.deferred(lambda: st.sampled_from(pack_phrases())),
        st.text(max_size=4),
    )


@st.composite
def prose_line(draw: st.DrawFn, max_words: int = 14) -> str:
    words = draw(st.lists(_tokens(), min_size=1, max_size=max_words))
    seps = draw(st.lists(st.sampled_from([" ", " ", " ", "", "  "]), min_size=len(words), max_size=len(words)))
    line = "".join(w + s for w, s in zip(words, seps, strict=True))
    return re.sub(r"[\r\n]", " ", line)


@st.composite
def plain_texts(draw: st.DrawFn) -> str:
    """Plain-text articles: paragraphs of generated prose with any line endings."""
    paras = draw(st.lists(prose_line(), max_size=6))
    nl = draw(st.sampled_from(NEWLINES))
    sep = draw(st.sampled_from([nl + nl, nl, nl + " " + nl, nl + nl + nl]))
    body = sep.join(paras)
    return body + draw(st.sampled_from(["", nl, nl + nl]))


@st.composite
def markdown_block(draw: st.DrawFn) -> str:
    kind = draw(
        st.sampled_from(
            [
                "para",
                "para",
                "heading",
                "setext",
                "list",
                "olist",
                "quote",
                "fence",
                "tilde",
                "indented",
                "html",
                "link",
                "table",
                "nested",
            ]
        )
    )
    line = draw(prose_line())
    raw = draw(st.text(max_size=30)).replace("`", "'").replace("~", "-")
    if kind == "heading":
        return "#" * draw(st.integers(1, 6)) + " " + line
    if kind == "setext":
        return line + "\n" + draw(st.sampled_from(["===", "---"]))
    if kind == "list":
        return "\n".join("- " + draw(prose_line(6)) for _ in range(draw(st.integers(1, 3))))
    if kind == "olist":
        return "\n".join(f"{i + 1}. " + draw(prose_line(6)) for i in range(draw(st.integers(1, 3))))
    if kind == "quote":
        return "> " + line + "\n> " + draw(prose_line(6))
    if kind == "nested":
        depth = draw(st.integers(1, 8))
        return ">" * depth + " - " + line
    if kind == "fence":
        return "```python\n" + raw + "\n" + line + "\n```"
    if kind == "tilde":
        return "~~~\n" + raw + "\n~~~"
    if kind == "indented":
        return "    " + line.replace("\r", "")
    if kind == "html":
        return '<div class="x">\n' + line + "\n</div>"
    if kind == "link":
        target = draw(st.sampled_from(["http://x.org/«a»", "/rel/path «b».html", "#anchor", 'x.md "ti « t » le"']))
        return line + " [" + draw(prose_line(4)) + "](" + target + ") `« code »` " + draw(prose_line(4))
    if kind == "table":
        return "| a « b » | c |\n|---|---|\n| " + draw(prose_line(4)).replace("|", "/") + " | d |"
    return line


@st.composite
def markdown_texts(draw: st.DrawFn) -> str:
    """Markdown articles with optional YAML/TOML front matter; newlines converted as a whole."""
    parts: list[str] = []
    if draw(st.booleans()):
        title = draw(prose_line(6)).replace("\r", " ")
        other = draw(st.text(max_size=20)).replace("\r", " ").replace("\n", " ").replace("-", "_")
        if draw(st.booleans()):
            parts.append(f"---\ntitle: {title}\nkey: « {other} » ,  x\n---")
        else:
            parts.append(f'+++\ntitle = "{title}"\nkey = "« {other} »"\n+++')
    parts += draw(st.lists(markdown_block(), max_size=6))
    text = "\n\n".join(parts) + draw(st.sampled_from(["", "\n"]))
    if draw(st.booleans()):
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return text


# -- checks shared with test_fuzz.py ---------------------------------------------------------------


def masked_runs(doc: Document) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(f"{MASK}+", doc.mask)]


def appears_in_order(pieces: list[str], text: str) -> str | None:
    """None when every piece occurs in `text` in this order without overlap, else the first missing one.

    Leftmost-first search finds an embedding whenever one exists, so this is exact for the question
    "are these pieces still there, in order".
    """
    pos = 0
    for piece in pieces:
        i = text.find(piece, pos)
        if i < 0:
            return piece
        pos = i + len(piece)
    return None


def outside_blocks(doc: Document, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Masked runs on lines that hold no prose block (front matter, code, HTML blocks)."""
    text = doc.text
    ranges = []
    for b in doc.blocks:
        s = max(text.rfind("\n", 0, b.start), text.rfind("\r", 0, b.start)) + 1
        e = b.end
        while e < len(text) and text[e] not in "\r\n":
            e += 1
        ranges.append((s, e))
    return [(s, e) for s, e in runs if not any(s < re_ and rs < e for rs, re_ in ranges)]


def check_findings(text: str, result: Result) -> None:
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(text), f
        assert f.text == text[f.start : f.end], f
        if f.fix is not None:
            assert 0 <= f.fix.start <= f.fix.end <= len(text), f


def check_plan(text: str, findings: list[Finding], config: Config) -> list[Edit]:
    edits = plan(findings, config, text)
    assert edits == sorted(edits, key=lambda e: e.start)
    for a, b in pairwise(edits):
        assert a.end <= b.start, (a, b)
        assert not _conflict(a, b), (a, b)
    return edits


def check_pipeline(text: str, markup: str, config: Config = DEFAULT) -> Result:
    """Every invariant for one input; returns the result for further checks."""
    path = "article.md" if markup == "markdown" else "article.txt"
    result = clean_text(text, path, config=config)
    check_findings(text, result)
    doc = segment(text, markup)  # type: ignore[arg-type]
    check_plan(text, result.findings, config)
    boilerplate_on = config.is_enabled("boilerplate/x", "boilerplate")
    for f in result.findings:
        if applicable(f, config) and f.fix is not None and not (boilerplate_on and f.category == "boilerplate"):
            assert MASK not in doc.mask[f.fix.start : f.fix.end], (f, doc.mask[f.fix.start : f.fix.end])
    runs = masked_runs(doc)
    if not boilerplate_on:
        missing = appears_in_order([text[s:e] for s, e in runs], result.cleaned)
        assert missing is None, f"masked text {missing!r} changed"
    else:
        missing = appears_in_order([text[s:e] for s, e in outside_blocks(doc, runs)], result.cleaned)
        assert missing is None, f"non-prose text {missing!r} changed"
    again = clean_text(result.cleaned, path, config=config)
    assert again.cleaned == result.cleaned, "clean is not idempotent"
    return result


def check_line_endings(original: str, cleaned: str) -> None:
    """CRLF stays CRLF (no bare LF appears), and a final newline is kept or not added."""
    if "\r\n" in original and "\n" not in original.replace("\r\n", ""):
        assert "\n" not in cleaned.replace("\r\n", ""), "a bare LF appeared in a CRLF file"
    if "\n" not in original and "\r" not in original:
        assert "\n" not in cleaned and "\r" not in cleaned, "a line break appeared"
    if cleaned:
        for nl in ("\r\n", "\n", "\r"):
            if original.endswith(nl):
                assert cleaned.endswith(nl), "final newline lost"
                break
        else:
            assert not cleaned.endswith(("\n", "\r")), "final newline added"


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def check_bytes(data: bytes, markup: str = "text") -> None:
    try:
        decoded = decode(data)
    except DecodeError:
        return  # refused with a message: that is the contract for binary / undecodable data
    result = clean_text(decoded.text, "a.md" if markup == "markdown" else "a.txt", encoding=decoded.label)
    check_findings(decoded.text, result)
    payload, enc = encode(result.cleaned, decoded)
    if enc == decoded.encoding:
        assert payload.startswith(decoded.bom)
        assert payload[len(decoded.bom) :].decode(enc) == result.cleaned
        legacy_reads_as_utf8 = not enc.startswith("utf") and _valid_utf8(payload)
        if (decoded.bom or not enc.startswith("utf-16")) and not legacy_reads_as_utf8:
            # BOM-less UTF-16 is recognised by its NUL bytes, a guess a short output may not repeat; and
            # cp1252 output whose bytes happen to be valid UTF-8 (b"\xdd\x9e": "Ýž" or "ݞ") reads as
            # UTF-8, as any tool would read it: both are guesses the decoder cannot make twice.
            try:
                assert decode(payload).text == result.cleaned
            except BinaryFileError as exc:
                # Generated text full of C0 controls can sit at the "control bytes" threshold; a fix
                # that shortens the text (an entity decoded) can tip it over. Only that reason is allowed.
                assert "control bytes" in str(exc) and result.changed and len(payload) < len(data)
        if not result.changed:
            assert payload == data, "an unchanged file did not round-trip byte for byte"
    check_line_endings(decoded.text, result.cleaned)
