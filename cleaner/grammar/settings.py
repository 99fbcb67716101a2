"""What is sent with every LanguageTool request (part of the cache key) and the local spelling filter,
read from the `languagetool_*` options and `disable`/`enable` entries `languagetool/RULE`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import GrammarUnavailable

if TYPE_CHECKING:
    from ..config import Config

PACK = "languagetool"

#: LanguageTool rules switched off by default because another cleaner stage owns the problem or
#: because the rule is house style, not an error, in news copy:
DEFAULT_DISABLED_RULES: frozenset[str] = frozenset(
    {
        "WHITESPACE_RULE",  # spacing/double-space
        "EN_QUOTES",  # straight vs curly quotes: quotes/* and the house quote style
        "DASH_RULE",  # en vs em dash is house style
        "PUNCTUATION_PARAGRAPH_END",  # headlines and captions end without a full stop
    }
)


def _conf(config: Config, name: str, default: Any) -> Any:
    value = getattr(config, name, default)
    return default if value is None else value


@dataclass(frozen=True)
class Settings:
    """What is sent with every request (part of the cache key) plus the local spelling filter."""

    language: str = "en-US"
    disabled_rules: tuple[str, ...] = tuple(sorted(DEFAULT_DISABLED_RULES))
    enabled_rules: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    level: str = "default"
    #: "lowercase" (default: dictionary misses on words with no capital letter, at info), "all", "off"
    spelling: str = "lowercase"

    @classmethod
    def from_config(cls, config: Config) -> Settings:
        """Read the `languagetool_*` options; `disable`/`enable` entries `languagetool/RULE` count too."""
        prefix = f"{PACK}/"
        enabled = {str(r) for r in _conf(config, "languagetool_enabled_rules", ())}
        enabled |= {r[len(prefix) :] for r in config.enable if r.startswith(prefix)}
        disabled = set(DEFAULT_DISABLED_RULES)
        disabled |= {str(r) for r in _conf(config, "languagetool_disabled_rules", ())}
        disabled |= {r[len(prefix) :] for r in config.disable if r.startswith(prefix)}
        disabled -= enabled
        level = str(_conf(config, "languagetool_level", "default"))
        spelling = str(_conf(config, "languagetool_spelling", "lowercase"))
        if level not in ("default", "picky"):
            raise GrammarUnavailable(f"languagetool_level must be 'default' or 'picky', not {level!r}")
        if spelling not in ("lowercase", "all", "off"):
            raise GrammarUnavailable(f"languagetool_spelling must be 'lowercase', 'all' or 'off', not {spelling!r}")
        return cls(
            language=config.language or "en-US",
            disabled_rules=tuple(sorted(disabled)),
            enabled_rules=tuple(sorted(enabled - {"*"})),
            disabled_categories=tuple(sorted(_conf(config, "languagetool_disabled_categories", ()))),
            enabled_categories=tuple(sorted(_conf(config, "languagetool_enabled_categories", ()))),
            level=level,
            spelling=spelling,
        )

    def params(self) -> dict[str, str]:
        """The form fields of `/v2/check` besides `text`."""
        p = {"language": self.language}
        if self.disabled_rules:
            p["disabledRules"] = ",".join(self.disabled_rules)
        if self.enabled_rules:
            p["enabledRules"] = ",".join(self.enabled_rules)
        if self.disabled_categories:
            p["disabledCategories"] = ",".join(self.disabled_categories)
        if self.enabled_categories:
            p["enabledCategories"] = ",".join(self.enabled_categories)
        if self.level == "picky":
            p["level"] = "picky"
        return p

    def fingerprint(self) -> str:
        return json.dumps(sorted(self.params().items()), ensure_ascii=False)
