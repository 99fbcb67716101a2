"""A folder is evidence: lines that repeat across many pages of one folder are the site's template.

A scraper writes one file per page of a site; its navigation, share rows, newsletter boxes and footers
come back on every page, word for word, whatever they say and in whatever language. Before a batch
runs, `folder_templates` counts each folder's distinct lines (up to `SAMPLE_PAGES` files a folder)
and keeps those found on at least `MIN_SHARE` of the pages and on at least `MIN_PAGES` of them; the
runner gives each file's `Config.site_template` its folder's lines (`with_templates`), and `detect`
flags a paragraph made only of such lines as `boilerplate/site-template`:

- outside the article run: removed (`safe`, `TEMPLATE_CONFIDENCE`);
- inside it: reported for an editor only (`suggested`): a series of articles may share its own
  sub-headings ("Ingredients", "Key takeaways"), which are article text.

A folder of pages from many sites (no line on half of them) gets no template at all.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ...registry.boilerplate import SITE_TEMPLATE

if TYPE_CHECKING:
    from ...config import Config
    from ...files import Target

#: fewest pages in a folder, and on which a line must stand, for it to count as template
MIN_PAGES = 3
#: share of the folder's pages a template line stands on
MIN_SHARE = 0.5
#: files read per folder to find the template (a sample: the template is on every page)
SAMPLE_PAGES = 200
#: longer lines are not template material (a repeated paragraph of prose is left to the other rules)
MAX_LINE_CHARS = 300
#: a template larger than this share of a typical page's lines means the pages are one article's versions
MAX_TEMPLATE_SHARE = 0.5
TEMPLATE_CONFIDENCE = 0.95
#: template lines inside the article run: shown to an editor, not removed
REVIEW_CONFIDENCE = 0.7
TEMPLATE_RULE = SITE_TEMPLATE


def norm_line(line: str) -> str:
    """A line as it is compared across pages: spaces collapsed, lower case."""
    return " ".join(line.lower().split())


def page_lines(text: str) -> set[str]:
    """The distinct comparable lines of a page (with a letter, 2..MAX_LINE_CHARS characters)."""
    out = set()
    for line in text.splitlines():
        n = norm_line(line)
        if 2 <= len(n) <= MAX_LINE_CHARS and any(c.isalpha() for c in n):
            out.add(n)
    return out


def template_of(texts: Iterable[str]) -> frozenset[str]:
    """The template lines of one folder's page texts.

    Copies of one page (the same article saved twice, in another encoding) count once: a template is
    what *different* pages share. When the shared lines are most of a typical page, the pages are
    versions of one article, not pages of one site: no template.
    """
    counts: Counter[str] = Counter()
    seen: set[frozenset[str]] = set()
    sizes: list[int] = []
    for text in texts:
        lines = frozenset(page_lines(text))
        if not lines or lines in seen:
            continue
        seen.add(lines)
        sizes.append(len(lines))
        counts.update(lines)
    pages = len(sizes)
    if pages < MIN_PAGES:
        return frozenset()
    need = max(MIN_PAGES, math.ceil(MIN_SHARE * pages))
    found = frozenset(line for line, c in counts.items() if c >= need)
    typical = sorted(sizes)[pages // 2]
    return frozenset() if len(found) > MAX_TEMPLATE_SHARE * typical else found


def _read(path: Path) -> str | None:
    from ...decode import DecodeError, decode
    from ...files import read_regular

    try:
        return decode(read_regular(path)).text
    except (OSError, DecodeError):
        return None


def folder_templates(targets: Sequence[Target]) -> dict[Path, frozenset[str]]:
    """Template lines per folder of `targets` (folders of fewer than `MIN_PAGES` files have none)."""
    by_folder: dict[Path, list[Path]] = {}
    for t in targets:
        by_folder.setdefault(t.path.parent, []).append(t.path)
    out: dict[Path, frozenset[str]] = {}
    for folder, paths in by_folder.items():
        if len(paths) < MIN_PAGES:
            continue
        texts = (text for p in paths[:SAMPLE_PAGES] if (text := _read(p)) is not None)
        lines = template_of(texts)
        if lines:
            out[folder] = lines
    return out


def with_templates(targets: Sequence[Target], cfg_for: Callable[[Path], Config]) -> Callable[[Path], Config]:
    """`cfg_for`, giving each file its folder's template lines (unchanged when no folder has any)."""
    templates = folder_templates(targets) if len(targets) >= MIN_PAGES else {}
    if not templates:
        return cfg_for

    def configured(path: Path) -> Config:
        cfg = cfg_for(path)
        lines = templates.get(path.parent)
        return cfg.with_(site_template=lines) if lines and cfg.is_enabled(TEMPLATE_RULE, "boilerplate") else cfg

    return configured


def is_template(text: str, lines: frozenset[str]) -> bool:
    """Whether every non-blank line of a paragraph is a template line."""
    found = False
    for line in text.splitlines():
        n = norm_line(line)
        if not n:
            continue
        if n not in lines:
            return False
        found = True
    return found
