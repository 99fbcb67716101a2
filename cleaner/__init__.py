"""cleaner: text-quality cleanup for machine-translated and synonym-spun news.

Library use (no CLI needed, e.g. inside a Spark `mapPartitions` or a Dask task)::

    from cleaner import clean_text
    result = clean_text(text, path="story.md")
    result.cleaned, result.findings, result.scores

Imports are lazy so that `import cleaner` costs almost nothing (it runs in pre-commit hooks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Config", "Edit", "Finding", "Result", "__version__", "clean_file", "clean_text"]

if TYPE_CHECKING:
    from .cleanfile import clean_file
    from .config import Config
    from .model import Edit, Finding, Result
    from .pipeline import clean_text

_LAZY = {
    "Config": "config",
    "Edit": "model",
    "Finding": "model",
    "Result": "model",
    "clean_file": "cleanfile",
    "clean_text": "pipeline",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
