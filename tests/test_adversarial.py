"""Adversarial inputs complete, with correct output (issue 26, case 6).

Why: patterns with lazy DOTALL spans (`\\{\\{.*?\\}\\}`, `<!--.*?-->`) rescanned the rest of the
document at every unclosed opener: `{{` * 16000 took 18 s, a 200 KB file over 2 minutes; the HTML
parser did the same for unclosed `<a `; the quote normaliser searched the whole text at every « and
sliced it at every ". Each input here is ~200 KB of one hostile pattern: quadratic code would take
minutes on it (and the test run would show it); linear code takes well under a second. No timing is
asserted (bench/adversarial.py prints time per KB); the folder walk is checked by counting work.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.document import MASK
from cleaner.segment import _url_spans, segment

SIZE = 200_000


def masked(doc, start: int, end: int) -> bool:  # type: ignore[no-untyped-def]
    return all(c == MASK for c in doc.mask[start:end])


@pytest.mark.parametrize(
    ("unit", "tail"),
    [
        ("{{", "{{ x }}"),
        ("{{<", "{{< ok >}}"),
        ("{%", "{% if x %}"),
        ("<!--", "<!-- c -->"),
        ("![", "![alt](pic.png)"),
        ("](x (", "[a](http://e.com)"),
        ("<a x ", "<b>"),
    ],
)
def test_markdown_runs_of_unclosed_openers(unit: str, tail: str) -> None:
    # The complete construct comes first; the openers after it have nothing to close them.
    text = "Start " + tail + " " + unit * (SIZE // len(unit)) + " end.\n"
    doc = segment(text, "markdown")
    assert len(doc.mask) == len(text)
    t = text.index(tail)
    if tail.startswith("[a]"):
        t = text.index("](")  # only the link destination is markup; the label is prose
    assert masked(doc, t, text.index(tail) + len(tail)), tail
    assert doc.mask.startswith("Start ") and doc.mask.endswith(" end.\n")  # prose around it is kept


def test_backtick_runs_and_code_spans() -> None:
    text = "`" * SIZE + " and `code` here.\n"
    doc = segment(text, "markdown")
    s = text.rindex("`code`")
    assert masked(doc, s, s + 6) and doc.mask.endswith(" here.\n")
    # runs of every length up to 400, none closed: each may only scan to the next run of its length
    text = "".join("`" * k + "a" for k in range(1, 400)) + "\n"
    assert len(segment(text, "markdown").mask) == len(text)


def test_heading_with_a_long_run_of_spaces() -> None:
    text = "# a" + " " * SIZE + "b ##\n"
    doc = segment(text, "markdown")
    assert [text[b.start : b.end] for b in doc.blocks] == ["a" + " " * SIZE + "b"]


@pytest.mark.parametrize(
    ("unit", "tail"),
    [("{{", "{{ x }}"), ("{{<", "{{< ok >}}"), ("{#", "{# c #}"), ("<!--", "<!-- c -->"), ("<a x ", ""), ("&a", "")],
)
def test_html_runs_of_unclosed_openers(unit: str, tail: str) -> None:
    text = "<p>Start " + tail + " " + unit * (SIZE // len(unit)) + " end.\n"
    doc = segment(text, "html")
    assert len(doc.mask) == len(text)
    if tail:
        t = text.index(tail)
        assert masked(doc, t, t + len(tail))
    assert doc.blocks and text[doc.blocks[0].start : doc.blocks[0].start + 5] == "Start"


def test_html_unclosed_tags_stay_text_as_the_parser_reads_them() -> None:
    """After the last `>`, a `<` opens nothing: the parser's reading (text) is kept."""
    text = "<p>Intro.</p>\n<p>Then " + "<a x " * (SIZE // 5) + "end"
    doc = segment(text, "html")
    last = doc.blocks[-1]
    assert text[last.start : last.end].startswith("Then <a x")
    assert text[last.start : last.end].endswith("end")


def test_email_pattern_on_a_long_dotted_run() -> None:
    text = "a." * (SIZE // 2) + "@"
    assert _url_spans(text, 0, len(text)) == []
    text = "write to " + "a." * (SIZE // 2) + "b@example.com today"
    spans = _url_spans(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == ["a." * (SIZE // 2) + "b@example.com"]


class _Counting(str):
    """A text that counts the characters its slices and `in` tests go through."""

    scanned = 0

    def __contains__(self, item: object) -> bool:
        _Counting.scanned += len(self)
        return super().__contains__(item)  # type: ignore[operator]

    def __getitem__(self, key):  # type: ignore[no-untyped-def,override]
        part = super().__getitem__(key)
        _Counting.scanned += len(part)
        return part


@pytest.mark.parametrize("glyph", ['"', "«", "»", "“", "„"])
def test_quote_roles_work_is_linear_on_a_run_of_marks(glyph: str) -> None:
    """Counted, not timed: the quote roles look at each mark's neighbours, not at the whole text
    again (a search of the text at every « and a slice of it at every " made 200 KB take 19 s)."""
    from cleaner.normalise.quotes import _roles

    n = 20_000
    _Counting.scanned = 0
    marks = _roles(_Counting(glyph * n))
    assert len(marks) <= n
    if glyph == '"':  # straight quotes alternate: open, close, open…
        assert len(marks) == n
        assert {m.role for m in marks[0::2]} != {m.role for m in marks[1::2]}
    assert _Counting.scanned <= 10 * n, _Counting.scanned


def test_folder_walk_work_is_linear_in_depth(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each folder's `.gitignore` chain is built once: the lookups grow with the depth, not its square."""
    from cleaner import files

    calls = 0
    real = files._GitIgnores._spec

    def counting(self, folder):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return real(self, folder)

    monkeypatch.setattr(files._GitIgnores, "_spec", counting)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("*.draft.md\n", encoding="utf-8")
    depth = 200
    d = tmp_path
    for i in range(depth):
        d = d / "d"
        d.mkdir()
        (d / f"f{i}.md").write_text("x\n", encoding="utf-8")
        (d / f"f{i}.draft.md").write_text("x\n", encoding="utf-8")
    targets, errors = files.discover([str(tmp_path)])
    assert not errors and len(targets) == depth  # the drafts are ignored at every depth
    assert calls <= 3 * depth + 10, calls


def test_fix_loop_keys_each_block_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted: a block's key (its text) is built once per block and pass, not once per fix in it
    (10,000 fixes in one 200 KB block copied the block 10,000 times: 200 KB of " took 19 s)."""
    from cleaner import pipeline

    calls = 0
    real = pipeline._block_key

    def counting(doc, b):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return real(doc, b)

    monkeypatch.setattr(pipeline, "_block_key", counting)
    text = 'He said "yes" , then "no" . ' * 2000  # one paragraph, thousands of fixes
    result = pipeline.clean_text(text, "x.txt")
    assert result.fixes_applied >= 2000
    assert calls <= 2 * pipeline.MAX_PASSES * 4, calls
