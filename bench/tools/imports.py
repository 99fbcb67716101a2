"""The import graph of the `cleaner` package, read from the source (nothing is imported).

    python bench/tools/imports.py            # the import cycles (strongly connected components)
    python bench/tools/imports.py --top      # only imports run at module load (no lazy ones)
    python bench/tools/imports.py --big      # also the modules over 500 lines

Why: issue 21 asks for stages that only import downward and no module over 500 lines;
`tests/test_layout.py` keeps new cycles and new big modules out, and this prints what remains.
Imports under `if TYPE_CHECKING:` are not edges (they never run). An import inside a function is an
edge unless `--top` is given: it still ties the two modules together, only later.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "cleaner"
MAX_LINES = 500


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Dotted name → file of every module of the package."""
    out: dict[str, Path] = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, top_only: bool) -> Iterator[ast.Import | ast.ImportFrom]:
    def walk(node: ast.AST, in_function: bool) -> Iterator[ast.Import | ast.ImportFrom]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                yield from (x for c in child.orelse for x in walk(c, in_function))
                continue
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                if not (top_only and in_function):
                    yield child
                continue
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            yield from walk(child, inner)

    return walk(tree, False)


def graph(root: Path = ROOT, top_only: bool = False) -> dict[str, set[str]]:
    """Module → the package modules it imports (`from .x import y` counts `x.y` when that is a module)."""
    mods = modules(root)
    edges: dict[str, set[str]] = {m: set() for m in mods}
    for name, path in mods.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in _imports(ast.parse(path.read_text(encoding="utf-8")), top_only):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    stem = ".".join(base + ([node.module] if node.module else []))
                else:
                    stem = node.module or ""
                targets = [f"{stem}.{a.name}" if f"{stem}.{a.name}" in mods else stem for a in node.names]
            for t in targets:
                while t and t not in mods and "." in t:
                    t = t.rpartition(".")[0]
                if t in mods and t != name:
                    edges[name].add(t)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = 0

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return sorted(out)


def big_modules(root: Path = ROOT, limit: int = MAX_LINES) -> dict[str, int]:
    """Module file (relative, POSIX) → line count, for the files over `limit` lines."""
    out: dict[str, int] = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        n = len(path.read_text(encoding="utf-8").splitlines())
        if n > limit:
            out[path.relative_to(root).as_posix()] = n
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--top", action="store_true", help="only imports that run when the module is loaded")
    ap.add_argument("--big", action="store_true", help="also list modules over 500 lines")
    args = ap.parse_args(argv)
    found = cycles(graph(top_only=args.top))
    print(f"{len(found)} import cycle(s){' (module-level imports only)' if args.top else ''}")
    for component in found:
        print("  " + " <-> ".join(component))
    if args.big:
        big = big_modules()
        print(f"{len(big)} module(s) over {MAX_LINES} lines")
        for path, n in big.items():
            print(f"  {n:5d} {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
