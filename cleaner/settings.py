"""Configuration files: `[tool.cleaner]` in pyproject.toml or a `.cleaner.toml`, found by walking up.

The nearest file wins (a `.cleaner.toml` beats a `pyproject.toml` in the same folder; a pyproject.toml
without a `[tool.cleaner]` table is passed over). Command-line options beat the file. Keys are
kebab-case (snake_case accepted). Unknown keys are errors that name the key and the file, because a
misspelt `disabel` silently doing nothing is worse than a failing hook.

    [tool.cleaner]
    quote-style = "curly"            # or "straight"
    disable = ["spin"]               # rule ids, packs or categories
    enable = ["spin-news/at-the-minimum"]
    fail-on = "warning"              # error | warning | info
    boilerplate-threshold = 0.8
    exclude = ["drafts/**"]
    grammar = "languagetool"         # off by default
    languagetool-url = "http://127.0.0.1:8081"
    packs = ["style/house.yaml"]     # extra rule packs, relative to the config file

    [tool.cleaner.severity]          # re-level (or "off") rules, packs, categories
    "spin-news/at-the-minimum" = "error"
    mt = "info"
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import DEFAULT, Config
from .model import CATEGORIES, Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

LEVELS = ("error", "warning", "info", "off")


class ConfigError(ValueError):
    pass


@dataclass
class Loaded:
    config: Config
    path: Path | None
    sources: dict[str, str] = field(default_factory=dict)  # option -> where its value came from


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest configuration at or above `start`: (file, its cleaner table)."""
    here = start.resolve()
    if here.is_file() or not here.exists():
        here = here.parent
    for folder in (here, *here.parents):
        dot = folder / ".cleaner.toml"
        if dot.is_file():
            return dot, _read(dot, tool=False)
        py = folder / "pyproject.toml"
        if py.is_file():
            table = _read(py, tool=True)
            if table is not None:
                return py, table
    return None


def _read(path: Path, tool: bool) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    if tool:
        return data.get("tool", {}).get("cleaner")  # type: ignore[no-any-return]
    return data.get("tool", {}).get("cleaner", data) if "tool" in data else data


def _is_selector(key: str) -> bool:
    return "/" in key or key in CATEGORIES


def _str_list(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return value


def config_from_table(table: dict[str, Any], path: Path | None, base: Config = DEFAULT) -> Loaded:
    """Validate a `[tool.cleaner]` table into a Config (errors name the key and file)."""
    where = str(path) if path else "configuration"
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    severity = dict(base.severity)
    for raw_key, value in table.items():
        key = raw_key.replace("_", "-")
        src = f"{where}"
        if key == "quote-style":
            if value not in ("curly", "straight"):
                raise ConfigError(f'{where}: \'quote-style\' must be "curly" or "straight", not {value!r}')
            values["quote_style"] = value
        elif key in ("disable", "enable"):
            values[key] = frozenset(_str_list(value, key, where))
        elif key == "fail-on":
            if value not in ("error", "warning", "info"):
                raise ConfigError(f"{where}: 'fail-on' must be error, warning or info, not {value!r}")
            values["fail_on"] = Severity(value)
        elif key == "boilerplate-threshold":
            if not isinstance(value, int | float) or not 0 <= value <= 1:
                raise ConfigError(f"{where}: 'boilerplate-threshold' must be a number in [0, 1]")
            values["boilerplate_threshold"] = float(value)
        elif key == "exclude":
            values["exclude"] = tuple(_str_list(value, key, where))
        elif key == "grammar":
            if value not in ("languagetool", "off", False):
                raise ConfigError(f'{where}: \'grammar\' must be "languagetool" or "off", not {value!r}')
            values["grammar"] = None if value in ("off", False) else value
        elif key == "languagetool-url":
            values["languagetool_url"] = str(value)
        elif key == "language":
            values["language"] = str(value)
        elif key == "unsafe-fixes":
            values["unsafe_fixes"] = bool(value)
        elif key == "packs":
            root = path.parent if path else Path.cwd()
            values["extra_packs"] = tuple(str((root / p).resolve()) for p in _str_list(value, key, where))
        elif key in ("severity", "rules"):
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: '{key}' must be a table of rule = level")
            for rule, level in value.items():
                if level not in LEVELS:
                    raise ConfigError(f"{where}: {key}.{rule}: level must be one of {', '.join(LEVELS)}")
                severity[rule] = level
                sources[f"severity.{rule}"] = src
            continue
        elif _is_selector(raw_key) and value in LEVELS:
            severity[raw_key] = value
            sources[f"severity.{raw_key}"] = src
            continue
        else:
            raise ConfigError(f"{where}: unknown key '{raw_key}'")
        sources[key] = src
    values["severity"] = severity
    return Loaded(base.with_(**values), path, sources)


def resolve_config(paths: list[str], overrides: dict[str, Any], config_file: Path | None = None) -> Config:
    """The Config for a run: nearest file (or `config_file`), then command-line overrides."""
    return load_effective(paths, overrides, config_file).config


def load_effective(paths: list[str], overrides: dict[str, Any], config_file: Path | None = None) -> Loaded:
    if config_file is not None:
        if not config_file.is_file():
            raise ConfigError(f"{config_file}: configuration file not found")
        table = _read(config_file, tool=config_file.name == "pyproject.toml") or {}
        loaded = config_from_table(table, config_file)
    else:
        start = Path(paths[0]) if paths else Path.cwd()
        found = find_config(start)
        loaded = config_from_table(found[1], found[0]) if found else Loaded(DEFAULT, None)
    cfg = loaded.config
    extra_disable = overrides.pop("disable_extra", None)
    if extra_disable:
        cfg = cfg.with_(disable=cfg.disable | extra_disable)
        loaded.sources["disable"] = "command line"
    if overrides:
        cfg = cfg.with_(**overrides)
        for k in overrides:
            loaded.sources[k.replace("_", "-")] = "command line"
    loaded.config = cfg
    return loaded
