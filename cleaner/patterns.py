"""Patterns compiled on first use.

Why: compiling a pattern costs 0.1–7 ms (`regex` parses in Python), and cleaner's modules hold ~100
of them, most needed only when a paragraph looks a certain way (a "chief minister", a byline, a CJK
character). A pre-commit hook checking one short file paid ~80 ms compiling patterns it never ran.
A `LazyPattern` stands in for the compiled pattern and compiles itself when first used; the pack cache
stores pack patterns as LazyPatterns too (unpickling a `regex` pattern would compile it).
"""

from __future__ import annotations

from typing import Any

#: methods a LazyPattern keeps once compiled, so later calls skip `__getattr__` (hot loops call them)
_BOUND = ("search", "match", "fullmatch", "finditer", "findall", "sub")


class LazyPattern:
    """A compiled pattern that compiles on first use and otherwise behaves as the pattern.

    Hold the LazyPattern, not its bound `search`: taking the method compiles the pattern. After the
    first use the methods of `_BOUND` sit in slots of their own and cost a plain attribute lookup.
    """

    __slots__ = ("_compiled", "_module", "flags", "pattern", *_BOUND)

    def __init__(self, module: str, pattern: str, flags: int) -> None:
        self._module = module
        self.pattern = pattern
        self.flags = flags
        self._compiled: Any = None

    def compiled(self) -> Any:
        if self._compiled is None:
            from importlib import import_module

            self._compiled = import_module(self._module).compile(self.pattern, self.flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        value = getattr(self.compiled(), name)
        if name in _BOUND:
            setattr(self, name, value)
        return value

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyPattern, (self._module, self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self._module!r}, {self.pattern!r}, {self.flags})"


#: every pattern made by `lazy`/`lazy_re` (the modules' own; pack patterns are not listed)
_MADE: list[LazyPattern] = []


def lazy(pattern: str, flags: int = 0, module: str = "regex") -> Any:
    """`regex.compile(pattern, flags)` (or `re.compile` with module="re"), compiled on first use."""
    p = LazyPattern(module, pattern, flags)
    _MADE.append(p)
    return p


def lazy_re(pattern: str, flags: int = 0) -> Any:
    """`re.compile(pattern, flags)`, compiled on first use."""
    return lazy(pattern, flags, "re")


def compile_all() -> int:
    """Compile every module pattern now; how many there are. A process about to fork its workers calls
    it, so that they start with the patterns compiled instead of each compiling them again."""
    for p in _MADE:
        p.compiled()
    return len(_MADE)
