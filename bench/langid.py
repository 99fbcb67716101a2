"""Language labels among close languages: per-language accuracy of `cleaner.detect.language.detect`.

The labelled set is `tests/data/langid_close.tsv` (news sentences and headline-length phrases written
for the project, 12 per language): Spanish, Portuguese, Catalan, Galician, Italian, French, German,
Danish, Norwegian (bokmål), Swedish, Russian, Ukrainian, Bulgarian and English. Short phrases are the
hard part, and what an editor's report labels most often (a footer line, a "Read more" in Portuguese).

Run from the project root:  python bench/langid.py [--tsv FILE]
Prints one line per language (correct/total and what the misses were labelled), the overall accuracy,
and the time per text (lingua's models load once, before the clock starts).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict
from pathlib import Path

from cleaner.detect import language

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "tests" / "data" / "langid_close.tsv"


def rows(path: Path) -> list[tuple[str, str]]:
    """(language, text) pairs of a TSV file; `#` lines are comments."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            lang, text = line.split("\t", 1)
            out.append((lang, text))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tsv", type=Path, default=DEFAULT)
    a = ap.parse_args()
    data = rows(a.tsv)
    language.detect("warm the detector up")
    language.detect.cache_clear()
    ok: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong: dict[str, Counter[str]] = defaultdict(Counter)
    t0 = time.perf_counter()
    for lang, text in data:
        got = language.detect(text)[0] or "?"
        total[lang] += 1
        if got == lang:
            ok[lang] += 1
        else:
            wrong[lang][got] += 1
    dt = time.perf_counter() - t0
    for lang in total:
        misses = ", ".join(f"{k} {v}" for k, v in wrong[lang].most_common())
        name = language.language_name(lang)
        print(f"{lang} {name:<11} {ok[lang]:>3}/{total[lang]:<3} {ok[lang] / total[lang]:6.1%}  {misses}")
    n = sum(total.values())
    print(f"overall {sum(ok.values())}/{n} = {sum(ok.values()) / n:.1%}; {dt / n * 1000:.2f} ms a text")


if __name__ == "__main__":
    main()
