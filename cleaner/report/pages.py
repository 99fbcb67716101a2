"""Writing the review page for a batch of any size: one page when it is small, an index page plus
pages of details when it is not.

Why: one page holding every article of a 1,440-file batch was 105 MB and took a browser (and cleaner)
more than a minute. An editor triages from a table and then reads a few articles, so a large batch
gets an index page (overview, charts, one table row per file, in order of risk) and the articles'
sections on pages of at most `PAGE_FILES` files and about `PAGE_BYTES` of HTML each, in the same
order of risk, named `<index stem>_files/p<N>.html` beside the index. Every page is self-contained
(its own CSS and script), so any of them opens alone from disk or from a CI artifact.

A batch that fits on one page (`PAGE_FILES` files and `PAGE_BYTES` of sections at most) is written as
one page exactly as `html.render_html` renders it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..model import Result
from .html import render_page, views

__all__ = ["PAGE_BYTES", "PAGE_FILES", "pages_folder", "write_review"]

#: at most this many files' sections on one page …
PAGE_FILES = 40
#: … and about this much of their HTML (a page ends at the first file that would pass it; a single
#: file larger than this gets a page of its own)
PAGE_BYTES = 2_000_000

_PAGE_NAME = re.compile(r"p\d+\.html")


def pages_folder(index: Path) -> Path:
    """Where the detail pages of `index` go: `review.html` → `review_files/`."""
    return index.with_name(index.stem + "_files")


def _chunks(files: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    out: list[list[dict[str, Any]]] = []
    size = 0
    for f in files:
        n = len(f["section"])
        if not out or len(out[-1]) >= PAGE_FILES or (size + n > PAGE_BYTES and out[-1]):
            out.append([])
            size = 0
        out[-1].append(f)
        size += n
    return out


def _remove_stale(folder: Path, keep: set[str]) -> None:
    """Pages left over from an earlier, larger run of the same report would be stale: remove them
    (only files named like our pages; the folder itself is left when anything else is in it)."""
    if not folder.is_dir():
        return
    for old in folder.iterdir():
        if _PAGE_NAME.fullmatch(old.name) and old.name not in keep:
            old.unlink()
    if not keep and not any(folder.iterdir()):
        folder.rmdir()


def write_review(
    results: list[Result],
    index: Path,
    title: str,
    write: Callable[[Path, bytes], None],
    on_page: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Write the review of `results` to `index` (and, for a large batch, its detail pages) through
    `write(path, data)`; returns the paths written. `on_page(done, total)` reports progress."""
    files = views(results)
    sections = sum(len(f["section"]) for f in files)
    folder = pages_folder(index)
    if len(files) <= PAGE_FILES and sections <= PAGE_BYTES:
        _remove_stale(folder, set())
        write(index, render_page(title, files, table=files).encode("utf-8"))
        if on_page:
            on_page(1, 1)
        return [index]
    chunks = _chunks(files)
    names = [f"p{k + 1}.html" for k in range(len(chunks))]
    href = {f["idx"]: f"{folder.name}/{names[k]}#file-{f['idx']}" for k, chunk in enumerate(chunks) for f in chunk}
    written: list[Path] = []
    total = len(chunks) + 1
    for k, chunk in enumerate(chunks):
        nav = {
            "index": f"../{index.name}",
            "page": k + 1,
            "pages": len(chunks),
            "prev": names[k - 1] if k else "",
            "next": names[k + 1] if k + 1 < len(chunks) else "",
        }
        path = folder / names[k]
        page_title = f"{title} · page {k + 1} of {len(chunks)}"
        write(path, render_page(page_title, chunk, table=None, nav=nav).encode("utf-8"))
        written.append(path)
        if on_page:
            on_page(k + 1, total)
    _remove_stale(folder, set(names))
    write(
        index,
        render_page(title, [], table=files, href=href, nav_pages=[f"{folder.name}/{n}" for n in names]).encode("utf-8"),
    )
    written.append(index)
    if on_page:
        on_page(total, total)
    return written
