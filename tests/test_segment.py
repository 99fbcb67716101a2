from __future__ import annotations

from cleaner.document import MASK
from cleaner.segment import markup_for, segment

MD = """---
title: "Spun « title »"
tags: [at the minimum]
draft: true
---

# Heading text

Some `inline code` and a [link text](http://example.com/at-the-minimum "t") here.

> quoted line
> second line

- item one
- item two
  continued

```
code at the minimum
```

    indented code block

<!-- a comment -->
<div>html block</div>

Visit https://example.com/a_b?c=d now. {{< shortcode arg >}} and {% liquid %}.
"""


def prose_of(doc) -> list[str]:  # type: ignore[no-untyped-def]
    return [doc.prose(b) for b in doc.blocks]


def test_markdown_masks_everything_that_is_not_prose() -> None:
    doc = segment(MD, "markdown")
    assert len(doc.mask) == len(MD)
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["meta", "heading", "paragraph", "blockquote", "list_item", "list_item", "paragraph"]
    prose = prose_of(doc)
    assert prose[0] == "Spun « title »"
    assert prose[1] == "Heading text"
    assert "inline code" not in prose[2] and "example.com" not in prose[2] and "link text" in prose[2]
    assert prose[3].replace(MASK, "") == "quoted line\nsecond line"
    assert "example.com" not in prose[6] and "shortcode" not in prose[6] and "liquid" not in prose[6]
    masked_text = "".join(c for c, m in zip(MD, doc.mask, strict=True) if m == MASK)
    for secret in ("tags:", "code at the minimum", "indented code block", "a comment", "html block"):
        assert secret in masked_text


def test_plain_text_paragraphs_and_title() -> None:
    text = "A headline here\n\n\nFirst paragraph line one.\nline two.\n\r\nSecond https://x.org/y. End."
    doc = segment(text)
    assert [b.kind for b in doc.blocks] == ["title", "paragraph", "paragraph"]
    assert doc.raw(doc.blocks[1]) == "First paragraph line one.\nline two."
    assert "x.org" not in doc.prose(doc.blocks[2])
    assert doc.raw(doc.blocks[2]).endswith("End.")


def test_markup_for_suffixes() -> None:
    assert markup_for("a/b.md") == "markdown"
    assert markup_for("a/b.MARKDOWN") == "markdown"
    assert markup_for("a/b.txt") == "text"
    assert markup_for(None) == "text"
