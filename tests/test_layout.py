"""The package's shape (issue 21): no module over 500 lines, no new import cycle.

The modules over the limit today are listed as known exceptions, to be shrunk: a new big module or a
new cycle (or a known cycle that grows) fails here, and so does an exception that is no longer
needed, so that the lists only ever get shorter. `python bench/tools/imports.py --big` prints
the current state.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from conftest import ROOT

# the checker is a bench tool (it also prints the current state); loaded from its file
_spec = importlib.util.spec_from_file_location("cleaner_layout_imports", ROOT / "bench" / "tools" / "imports.py")
assert _spec is not None and _spec.loader is not None
_tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_tool)
MAX_LINES, big_modules, cycles, graph = _tool.MAX_LINES, _tool.big_modules, _tool.cycles, _tool.graph

#: modules over the limit today: none (add one here only with the issue that will split it)
KNOWN_BIG: frozenset[str] = frozenset()

#: import cycles allowed for now (lazy imports included), each as its set of modules: none remain;
#: add one here only with the issue that will remove it
KNOWN_CYCLES: tuple[frozenset[str], ...] = ()


def test_no_new_module_over_the_limit() -> None:
    big = big_modules(ROOT, MAX_LINES)
    new = {path: n for path, n in big.items() if path not in KNOWN_BIG}
    assert not new, f"modules over {MAX_LINES} lines (split them by concern): {new}"
    stale = KNOWN_BIG - big.keys()
    assert not stale, f"no longer over {MAX_LINES} lines, remove from KNOWN_BIG: {sorted(stale)}"


def test_no_new_import_cycle() -> None:
    found = [frozenset(c) for c in cycles(graph(ROOT))]
    new = [sorted(c) for c in found if not any(c <= known for known in KNOWN_CYCLES)]
    assert not new, f"new import cycles (import downward; see bench/tools/imports.py): {new}"
    stale = [sorted(k) for k in KNOWN_CYCLES if not any(c & k for c in found)]
    assert not stale, f"cycles gone, remove from KNOWN_CYCLES: {stale}"


def test_no_cycle_at_module_load() -> None:
    """Even the known cycles close only through imports inside functions."""
    assert cycles(graph(ROOT, top_only=True)) == []


def test_the_cycle_finder(tmp_path: Path) -> None:
    """The checker itself, on a small package: a cycle closed by a lazy import is found (and not when
    only module-level imports count); an import under TYPE_CHECKING is no edge."""
    pkg = tmp_path / "cleaner"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from .sub import b\nX = 1\n")
    (pkg / "sub" / "b.py").write_text("def f():\n    from ..a import X\n    return X\n")
    (pkg / "c.py").write_text(
        "from typing import TYPE_CHECKING\nfrom . import a\nif TYPE_CHECKING:\n    from .d import Y\n"
    )
    (pkg / "d.py").write_text("from .c import a\nY = 2\n")
    assert cycles(graph(tmp_path)) == [["cleaner.a", "cleaner.sub.b"]]
    assert cycles(graph(tmp_path, top_only=True)) == []
    (pkg / "sub" / "b.py").write_text("from cleaner.c import a\n")
    assert cycles(graph(tmp_path, top_only=True)) == [["cleaner.a", "cleaner.c", "cleaner.sub.b"]]
    (pkg / "big.py").write_text("x = 1\n" * (MAX_LINES + 1))
    assert list(big_modules(tmp_path)) == ["cleaner/big.py"]
