"""Configuration files: `[tool.cleaner]` in pyproject.toml or a `.cleaner.toml`, found by walking up.

Each file gets the configuration nearest to it, so folders of one repository may differ (a stricter
`news/` next to a lenient `blog/`). The nearest file wins whole — settings are not merged across
levels, as in ruff, because a file that shows everything that applies is easier to reason about.
A `.cleaner.toml` beats a `pyproject.toml` in the same folder; a pyproject.toml without a
`[tool.cleaner]` table is passed over. `--config FILE` uses one file for everything. Command-line
options beat the file. Keys are kebab-case (snake_case accepted). Unknown keys are errors that name
the key and the file, because a misspelt `disabel` silently doing nothing is worse than a failing hook.

    [tool.cleaner]
    quote-style = "curly"            # or "straight"
    disable = ["spin"]               # rule ids, packs or categories
    enable = ["spin-news/at-the-minimum"]
    fail-on = "warning"              # error | warning | info
    boilerplate-threshold = 0.8
    boilerplate-max-loss = 0.5       # leave a file whose removal would take more of its text; 1 forces
    exclude = ["drafts/**"]          # gitignore-style globs, relative to this file's folder
    grammar = "languagetool"         # off by default
    languagetool-url = "http://127.0.0.1:8081"
    languagetool-level = "picky"
    packs = ["style/house.yaml"]     # extra rule packs, relative to this file's folder
    "spin-news/at-the-minimum" = "error"   # re-level a rule, pack or category right here, or:

    [tool.cleaner.severity]          # re-level (or "off") rules, packs, categories
    "spin-news/at-the-minimum" = "error"
    mt = "info"
"""

from __future__ import annotations

import stat
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .config import DEFAULT, Config
from .model import CATEGORIES, Severity

LEVELS = ("error", "warning", "info", "off")
CONFIG_NAMES = (".cleaner.toml", "pyproject.toml")
_LT_SETS = {
    "languagetool-disabled-rules": "languagetool_disabled_rules",
    "languagetool-enabled-rules": "languagetool_enabled_rules",
    "languagetool-disabled-categories": "languagetool_disabled_categories",
    "languagetool-enabled-categories": "languagetool_enabled_categories",
}
_LT_CHOICES = {
    "languagetool-level": ("languagetool_level", ("default", "picky")),
    "languagetool-spelling": ("languagetool_spelling", ("lowercase", "all", "off")),
}


class ConfigError(ValueError):
    pass


@dataclass
class Loaded:
    """A Config plus where it came from: the file, and for each option its source."""

    config: Config
    path: Path | None
    sources: dict[str, str] = field(default_factory=dict)  # option -> file path or "command line"

    @property
    def root(self) -> Path:
        """The folder `exclude` globs are relative to."""
        return self.path.parent if self.path else Path.cwd()


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest configuration at or above `start`: (file, its cleaner table)."""
    here = start.resolve()
    if here.is_file() or not here.exists():
        here = here.parent
    for folder in (here, *here.parents):
        found = _config_in(folder)
        if found is not None:
            return found
    return None


def _is_file(path: Path) -> bool:
    """`Path.is_file`, but a folder that cannot be searched holds no configuration file (its articles
    cannot be read either: each gets its own error line) instead of aborting the whole run."""
    try:
        return path.is_file()
    except PermissionError:
        return False


def _config_in(folder: Path) -> tuple[Path, dict[str, Any]] | None:
    dot = folder / ".cleaner.toml"
    if _is_file(dot):
        return dot, _read(dot, tool=False) or {}
    py = folder / "pyproject.toml"
    if _is_file(py):
        table = _read(py, tool=True)
        if table is not None:
            return py, table
    return None


def _read(path: Path, tool: bool) -> dict[str, Any] | None:
    # The TOML parser is imported only when there is a configuration file to read.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    try:
        # utf-8-sig: a byte-order mark (Windows editors add one) is not a TOML error
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    if tool:
        table = data.get("tool", {}).get("cleaner")
    else:
        table = data.get("tool", {}).get("cleaner", data) if "tool" in data else data
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.cleaner] must be a table")
    return table


def _is_selector(key: str, extra: tuple[str, ...]) -> bool:
    from .registry.lookup import pack_file_names

    return "/" in key or key in CATEGORIES or key in pack_file_names(extra)


def _str_list(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return value


def config_from_table(table: dict[str, Any], path: Path | None, base: Config = DEFAULT) -> Loaded:
    """Validate a `[tool.cleaner]` table into a Config (errors name the key and file)."""
    where = str(path) if path else "configuration"
    src = str(path) if path else "configuration"
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    severity = dict(base.severity)
    selectors: list[tuple[str, Any]] = []
    for raw_key, value in table.items():
        key = raw_key.replace("_", "-") if "/" not in raw_key else raw_key
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
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
                raise ConfigError(f"{where}: 'boilerplate-threshold' must be a number in [0, 1]")
            values["boilerplate_threshold"] = float(value)
        elif key == "boilerplate-max-loss":
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
                raise ConfigError(f"{where}: 'boilerplate-max-loss' must be a number in [0, 1]")
            values["boilerplate_max_loss"] = float(value)
        elif key == "exclude":
            values["exclude"] = tuple(_str_list(value, key, where))
        elif key == "grammar":
            if value not in ("languagetool", "off", False, True):
                raise ConfigError(f'{where}: \'grammar\' must be "languagetool" or "off", not {value!r}')
            values["grammar"] = None if value in ("off", False) else "languagetool"
        elif key == "languagetool-url":
            if not isinstance(value, str):
                raise ConfigError(f"{where}: 'languagetool-url' must be a string")
            values["languagetool_url"] = value
        elif key == "language":
            if not isinstance(value, str):
                raise ConfigError(f"{where}: 'language' must be a string like \"en-US\"")
            values["language"] = value
        elif key in _LT_SETS:
            values[_LT_SETS[key]] = frozenset(_str_list(value, key, where))
        elif key in _LT_CHOICES:
            attr, choices = _LT_CHOICES[key]
            if value not in choices:
                raise ConfigError(f"{where}: '{key}' must be one of {', '.join(choices)}, not {value!r}")
            values[attr] = value
        elif key == "unsafe-fixes":
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: 'unsafe-fixes' must be true or false")
            values["unsafe_fixes"] = value
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
        else:
            selectors.append((raw_key, value))  # checked once `packs` is known
            continue
        sources[key] = src
    for raw_key, value in selectors:
        if not (isinstance(value, str) and _is_selector(raw_key, values.get("extra_packs", ()))):
            raise ConfigError(f"{where}: unknown key '{raw_key}'")
        if value not in LEVELS:
            raise ConfigError(f"{where}: {raw_key}: level must be one of {', '.join(LEVELS)}")
        severity[raw_key] = value
        sources[f"severity.{raw_key}"] = src
    named = [*values.get("disable", ()), *values.get("enable", ()), *(k for k in severity if k not in base.severity)]
    _check_selectors(sorted(named), where, values.get("extra_packs", base.extra_packs))
    values["severity"] = severity
    return Loaded(base.with_(**values), path, sources)


def _check_selectors(selectors: list[str], where: str, extra_packs: tuple[str, ...]) -> None:
    """Every rule ID, pack or category named must exist (cleaner/registry/lookup.py): a misspelt
    `disable` silently doing nothing is worse than a failing hook. Close matches are suggested."""
    if not selectors:
        return
    from .packs import PackError
    from .registry.lookup import UnknownRuleError, check_selectors

    try:
        check_selectors(selectors, where, extra_packs)
    except (UnknownRuleError, PackError) as exc:
        raise ConfigError(str(exc)) from None


def apply_overrides(loaded: Loaded, overrides: dict[str, Any]) -> Loaded:
    """Command-line options on top of a file's configuration (a new Loaded; `loaded` is unchanged).

    `disable_extra` adds to the file's `disable` list and takes the names out of its `enable` list,
    so `--disable spin` wins over `enable = ["spin"]` in the file.
    """
    cfg = loaded.config
    sources = dict(loaded.sources)
    overrides = dict(overrides)
    extra_disable = overrides.pop("disable_extra", None)
    if extra_disable:
        _check_selectors(sorted(extra_disable), "--disable", cfg.extra_packs)
        cfg = cfg.with_(disable=cfg.disable | extra_disable, enable=cfg.enable - extra_disable)
        sources["disable"] = "command line" if "disable" not in sources else f"{sources['disable']} + command line"
    if overrides:
        cfg = cfg.with_(**overrides)
        for k in overrides:
            sources[_option_name(k)] = "command line"
    return Loaded(cfg, loaded.path, sources)


def _option_name(attr: str) -> str:
    return "packs" if attr == "extra_packs" else attr.replace("_", "-")


def _load_file(config_file: Path) -> Loaded:
    try:
        st = config_file.stat()
    except FileNotFoundError:
        raise ConfigError(f"{config_file}: configuration file not found") from None
    except OSError as exc:
        raise ConfigError(f"{config_file}: cannot read configuration file: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise ConfigError(f"{config_file}: is a folder, not a configuration file")
    if not stat.S_ISREG(st.st_mode):  # /dev/zero would be read forever, a FIFO would block
        raise ConfigError(f"{config_file}: not a regular file (a device, pipe or socket); give a TOML file")
    table = _read(config_file, tool=config_file.name == "pyproject.toml") or {}
    return config_from_table(table, config_file)


class Resolver:
    """The configuration of each file: `resolver(path) -> Config` (what `runner.run` accepts).

    Files in different folders may have different configuration files; each folder's answer is
    looked up once. With `config_file`, that one file applies everywhere.
    """

    def __init__(self, overrides: dict[str, Any] | None = None, config_file: Path | None = None) -> None:
        self.overrides = dict(overrides or {})
        self._fixed = apply_overrides(_load_file(config_file), self.overrides) if config_file else None
        self._by_folder: dict[Path, Loaded] = {}
        self._by_file: dict[Path | None, Loaded] = {}

    def loaded(self, path: Path | str) -> Loaded:
        """The effective configuration (with sources) for `path`, a file or a folder."""
        if self._fixed is not None:
            return self._fixed
        p = Path(path).resolve()
        folder = p if p.is_dir() else p.parent
        hit = self._by_folder.get(folder)
        if hit is not None:
            return hit
        walked: list[Path] = []
        result: Loaded | None = None
        for f in (folder, *folder.parents):
            if f in self._by_folder:
                result = self._by_folder[f]
                break
            walked.append(f)
            found = _config_in(f)
            if found is not None:
                if found[0] not in self._by_file:
                    self._by_file[found[0]] = apply_overrides(config_from_table(found[1], found[0]), self.overrides)
                result = self._by_file[found[0]]
                break
        if result is None:
            if None not in self._by_file:
                self._by_file[None] = apply_overrides(Loaded(DEFAULT, None), self.overrides)
            result = self._by_file[None]
        for f in walked:
            self._by_folder[f] = result
        return result

    def __call__(self, path: Path) -> Config:
        return self.loaded(path).config

    def excluded(self, path: Path | str) -> bool:
        """Whether the `exclude` globs of the configuration that applies to `path` match it."""
        loaded = self.loaded(path)
        patterns = loaded.config.exclude
        if not patterns:
            return False
        p = Path(path).resolve()
        try:
            rel = p.relative_to(loaded.root.resolve()).as_posix()
        except ValueError:
            return False
        if p.is_dir():
            rel += "/"
        return _spec(patterns).match_file(rel)


def _spec(patterns: tuple[str, ...]):  # type: ignore[no-untyped-def]
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def resolve_config(paths: list[str], overrides: dict[str, Any], config_file: Path | None = None) -> Config:
    """The Config for the first of `paths` (nearest file or `config_file`), then command-line overrides."""
    return load_effective(paths, overrides, config_file).config


def load_effective(paths: list[str], overrides: dict[str, Any], config_file: Path | None = None) -> Loaded:
    start = Path(paths[0]) if paths else Path.cwd()
    return Resolver(overrides, config_file).loaded(start)


def describe(loaded: Loaded) -> str:
    """The effective configuration as TOML, each value commented with where it came from."""
    import json

    cfg = loaded.config
    lines = [f"# configuration file: {loaded.path if loaded.path else '(none: defaults)'}", "[tool.cleaner]"]

    def show(value: object) -> str:
        if isinstance(value, Severity):
            value = value.value
        if isinstance(value, frozenset | tuple | list):
            value = sorted(value) if isinstance(value, frozenset) else list(value)
        if value is None:
            return '""'
        return json.dumps(value, ensure_ascii=False)

    rows: list[tuple[str, str, str]] = []
    for f in fields(Config):
        if f.name in ("severity", "site_template"):
            continue
        name = _option_name(f.name)
        value = getattr(cfg, f.name)
        shown = '"off"' if f.name == "grammar" and value is None else show(value)
        rows.append((name, shown, loaded.sources.get(name, "default")))
    width = max(len(n) + len(v) for n, v, _ in rows) + 3
    for name, value, source in rows:
        lines.append(f"{name} = {value}".ljust(width) + f"  # {source}")
    lines.append("")
    lines.append("[tool.cleaner.severity]")
    for rule, level in sorted(cfg.severity.items()):
        lines.append(f"{json.dumps(rule)} = {json.dumps(level)}  # {loaded.sources.get('severity.' + rule, 'default')}")
    return "\n".join(lines) + "\n"
