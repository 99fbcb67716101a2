"""Time per KB on adversarial inputs, at growing sizes: it must not grow with the size (issue 26).

Why: a pattern that backtracks over the rest of the document at every opener is quadratic; `{{` *
16000 took 18 s and a 200 KB file over 2 minutes. This prints, for each hostile input (runs of each
special character, unclosed template and HTML tags) and each markup, the milliseconds per KB of
`clean_text` (fix on, the whole pipeline) at each size, and the ratio of the largest size's figure
to the smallest's: ~1 is linear, ~4 at 4x the size would be quadratic. Then the same for walking a
folder tree of growing depth (`files.discover`). Tests (tests/test_adversarial.py) check that the
same inputs complete with correct output; figures are printed here, never asserted.

    python bench/adversarial.py                 # 50, 100 and 200 KB
    python bench/adversarial.py --sizes 25 50   # quicker
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner.pipeline import clean_text

#: name -> (unit repeated to fill the size, markup)
CASES: dict[str, tuple[str, str]] = {
    "{{": ("{{", "markdown"),
    "{{<": ("{{<", "markdown"),
    "{%": ("{%", "markdown"),
    "{{ html": ("{{", "html"),
    "{{< html": ("{{<", "html"),
    "<!-- md": ("<!--", "markdown"),
    "<!-- html": ("<!--", "html"),
    "backtick": ("`", "markdown"),
    "backtick runs": ("`a``b", "markdown"),
    "![": ("![", "markdown"),
    "](": ("](x (", "markdown"),
    "<a unclosed md": ("<a x ", "markdown"),
    "<a unclosed html": ("<a x ", "html"),
    "<div> unclosed": ("<div>word ", "html"),
    "& html": ("&", "html"),
    "&a html": ("&a", "html"),
    "&#x html": ("&#x", "html"),
    "<a> + <a unclosed": ("<a x ", "html>"),
    "[": ("[", "markdown"),
    "*": ("*", "markdown"),
    "_": ("_", "markdown"),
    "# heading spaces": ("#" + " " * 9, "markdown"),
    '"': ('"', "text"),
    "«": ("«", "text"),
    "“”": ("“", "text"),
    "'": ("'", "text"),
    "-": ("-", "text"),
    ".": (".", "text"),
    "space": (" ", "text"),
    "newline": ("\n", "text"),
    "a.": ("a.", "text"),
    "a.@": ("a.", "text@"),
    "word , ": ("word , ", "text"),
}


def _text(unit: str, markup: str, size: int) -> str:
    if markup == "text@":
        return unit * (size // len(unit)) + "@"
    if markup == "html>":  # one `>` at the end: the unclosed tags are closed by it, or not
        return unit * (size // len(unit)) + ">"
    return unit * (size // len(unit))


def time_case(unit: str, markup: str, size: int) -> float:
    text = _text(unit, markup, size)
    markup = {"text@": "text", "html>": "html"}.get(markup, markup)
    t = time.perf_counter()
    clean_text(text, f"x.{ {'markdown': 'md', 'html': 'html', 'text': 'txt'}[markup] }", fix=True)
    return time.perf_counter() - t


def walk_depth(depth: int) -> float:
    from cleaner.files import discover

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        for i in range(depth):
            d = d / "d"
            d.mkdir()
            (d / f"f{i}.md").write_text("Text.\n", encoding="utf-8")
        (Path(tmp) / ".gitignore").write_text("*.tmp\n", encoding="utf-8")
        t = time.perf_counter()
        targets, _ = discover([tmp])
        elapsed = time.perf_counter() - t
        assert len(targets) == depth
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200], help="sizes in KB")
    ap.add_argument("--depths", type=int, nargs="+", default=[125, 250, 500], help="folder depths")
    ap.add_argument("--only", nargs="*", help="case names")
    args = ap.parse_args()
    clean_text("Warm-up.\n", "x.md")
    sizes = [s * 1000 for s in args.sizes]
    print(f"{'input':<20} {'markup':<9}" + "".join(f"{s // 1000:>7} KB" for s in sizes) + "   ms/KB ratio")
    worst = 0.0
    for name, (unit, markup) in CASES.items():
        if args.only and name not in args.only:
            continue
        per_kb = [time_case(unit, markup, s) * 1000 / (s / 1000) for s in sizes]
        ratio = per_kb[-1] / per_kb[0] if per_kb[0] else 0.0
        worst = max(worst, ratio)
        shown = {"text@": "text", "html>": "html"}.get(markup, markup)
        print(f"{name:<20} {shown:<9}" + "".join(f"{v:>7.2f}ms" for v in per_kb) + f"   {ratio:.2f}", flush=True)
    print(f"worst ratio of ms/KB, {args.sizes[-1]} KB against {args.sizes[0]} KB: {worst:.2f} (linear ~1)")
    times = [walk_depth(d) for d in args.depths]
    print(
        "folder walk, ms per level at depth "
        + ", ".join(f"{d}: {t * 1000 / d:.2f}" for d, t in zip(args.depths, times, strict=True))
    )


if __name__ == "__main__":
    main()
