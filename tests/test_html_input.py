"""Sites: front-matter prose; shortcodes and Liquid tags untouched; `.html` text nodes checked, markup never touched."""

from __future__ import annotations

import re
from pathlib import Path

from clirunner import invoke

from cleaner import clean_text
from cleaner.document import MASK
from cleaner.files import discover
from cleaner.html_text import segment_html
from cleaner.segment import segment

SPUN = "Police said at the minimum six people died."
FIXED = "Police said at least six people died."
RULE = "spin-news/at-the-minimum"

YAML_POST = f"""---
title: "{SPUN}"
description: {SPUN}
summary: '{SPUN}'
tags: [at the minimum six]
slug: at-the-minimum-six
draft: false
---

{SPUN}

{{{{< figure src="x.png" caption="at the minimum six people" >}}}}

{{% include note.html text="at the minimum six people" %}}

```
{SPUN}
```
"""


def test_yaml_front_matter_prose_values_are_checked_and_fixed_the_rest_untouched() -> None:
    r = clean_text(YAML_POST, "post.md")
    meta = [f for f in r.findings if f.rule == RULE and f.start < YAML_POST.index("\n---\n")]
    assert len(meta) == 3  # title, description, summary
    head_before, _, _ = YAML_POST.partition("\n---\n")
    head_after, _, _ = r.cleaned.partition("\n---\n")
    assert head_after == head_before.replace(SPUN, FIXED)
    for line in ("tags: [at the minimum six]", "slug: at-the-minimum-six", "draft: false"):
        assert line in r.cleaned
    # shortcodes, Liquid tags and code blocks stay byte-identical
    for piece in re.findall(r"\{\{<.*?>\}\}|\{%.*?%\}|```\n.*?\n```", YAML_POST, re.DOTALL):
        assert piece in r.cleaned


def test_toml_front_matter() -> None:
    text = f'+++\ntitle = "{SPUN}"\nauthor = "at the minimum six"\n+++\n\nBody.\n'
    doc = segment(text, "markdown")
    metas = [b for b in doc.blocks if b.kind == "meta"]
    assert [doc.raw(b) for b in metas] == [SPUN]
    r = clean_text(text, "post.md")
    assert r.cleaned == text.replace(SPUN, FIXED)


def test_shortcodes_and_liquid_inside_prose_are_masked() -> None:
    text = "Police said {{< ref at the minimum >}} and {% raw at the minimum %} and {{ page.at_the_minimum }} rose.\n"
    doc = segment(text, "markdown")
    for m in re.finditer(r"\{\{.*?\}\}|\{%.*?%\}", text):
        assert set(doc.mask[m.start() : m.end()]) == {MASK}
    assert clean_text(text, "p.md").cleaned == text


PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta name="description" content="{SPUN}">
  <title>Storm report</title>
  <style>p::after {{ content: "at the minimum six"; }}</style>
  <script>const s = "at the minimum six people";</script>
</head>
<body class="at the minimum">
  <h1>Storm  report</h1>
  <p class="lead">{SPUN}</p>
  <p>Officials &amp; <a href="/at-the-minimum">residents</a> said at the minimum six people died.</p>
  <pre><code>{SPUN}</code></pre>
  <ul><li>{SPUN}</li></ul>
  <img alt="{SPUN}" src="x.png">
  <!-- {SPUN} -->
  <p>{{{{ .Params.at_the_minimum }}}} stays.</p>
</body>
</html>
"""


def _tags(text: str) -> list[str]:
    return re.findall(r"<[^>]*>|&\w+;", text)


def test_html_text_nodes_checked_and_fixed_markup_never_altered() -> None:
    r = clean_text(PAGE, "page.html")
    hits = [f for f in r.findings if f.rule == RULE]
    assert len(hits) == 3  # lead paragraph, second paragraph, list item: not meta, alt, script, pre, comment
    for f in r.findings:
        assert PAGE[f.start : f.end] == f.text
    assert _tags(r.cleaned) == _tags(PAGE)
    assert r.cleaned.count(FIXED) == 2 and "said at least six people died" in r.cleaned
    assert "<h1>Storm report</h1>" in r.cleaned  # prose spacing still repaired
    assert "{{ .Params.at_the_minimum }}" in r.cleaned
    assert f"<pre><code>{SPUN}</code></pre>" in r.cleaned


def test_segment_html_offsets_are_exact_and_entities_masked() -> None:
    mask, spans = segment_html(PAGE)
    assert len(mask) == len(PAGE)
    for i, ch in enumerate(mask):
        assert ch == MASK or ch == PAGE[i]
    kinds = {PAGE[s:e]: k for s, e, k in spans}
    assert kinds["Storm report"] == "title"
    assert kinds["Storm  report"] == "heading"
    assert kinds[SPUN] in ("paragraph", "list_item")
    amp = PAGE.index("&amp;")
    assert set(mask[amp : amp + 5]) == {MASK}
    assert "content=" not in "".join(c for c in mask if c != MASK)


def test_broken_html_does_not_crash_or_move_offsets() -> None:
    text = "<p>Unclosed <b>bold at the minimum six people died.<div>Police said at the minimum six</p></span>"
    r = clean_text(text, "x.htm")
    for f in r.findings:
        assert text[f.start : f.end] == f.text
    assert _tags(r.cleaned) == _tags(text)


def test_html_in_folder_walk_and_cli(tmp_path: Path) -> None:
    page = tmp_path / "site" / "index.html"
    page.parent.mkdir()
    page.write_text(PAGE, encoding="utf-8")
    targets, _ = discover([str(tmp_path)])
    assert [t.path for t in targets] == [page]
    r = invoke(["check", "--fix", str(page)], env={"GITHUB_ACTIONS": ""})
    assert r.exit_code in (0, 1), r.output
    assert _tags(page.read_text(encoding="utf-8")) == _tags(PAGE)
    assert FIXED in page.read_text(encoding="utf-8")
