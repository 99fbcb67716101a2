"""One typed configuration object for the whole pipeline (ftfy's TextFixerConfig idea).

Every option has a default here; `cleaner.settings` (the config-file loader) and the CLI only ever
produce a `Config`. Rule selection works at three levels, most specific wins: a rule id
(`spin-news/at-the-minimum`), a pack (`spin-news`) or a category (`spin`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from .model import Severity

QuoteStyle = Literal["curly", "straight"]


@dataclass(frozen=True)
class Config:
    quote_style: QuoteStyle = "curly"
    #: rule ids, pack names or categories switched off / back on (enable beats disable at equal specificity)
    disable: frozenset[str] = frozenset()
    enable: frozenset[str] = frozenset()
    #: re-levelled severities, keyed by rule id, pack or category; "off" disables
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    #: boilerplate findings at or above this confidence are removed by `clean` (safe)
    boilerplate_threshold: float = 0.8
    #: a file whose boilerplate removal would take more than this share of its text is left unchanged
    #: (its boilerplate findings become `suggested`) and flagged for review; 1.0 forces the removal
    boilerplate_max_loss: float = 0.5
    #: lines of this file's site template (set by the batch runner from the file's folder, see
    #: cleaner/detect/boilerplate/template.py; not a configuration-file setting)
    site_template: frozenset[str] = frozenset()
    #: apply `suggested` fixes as well as `safe` ones
    unsafe_fixes: bool = False
    grammar: str | None = None
    languagetool_url: str | None = None
    language: str = "en-US"
    #: LanguageTool rule and category selection (ids as LanguageTool names them)
    languagetool_disabled_rules: frozenset[str] = frozenset()
    languagetool_enabled_rules: frozenset[str] = frozenset()
    languagetool_disabled_categories: frozenset[str] = frozenset()
    languagetool_enabled_categories: frozenset[str] = frozenset()
    languagetool_level: str = "default"  # or "picky"
    #: spelling matches: "lowercase" (report only lower-case words: names are not typos), "all" or "off"
    languagetool_spelling: str = "lowercase"
    exclude: tuple[str, ...] = ()
    #: extra rule-pack files or folders loaded after the shipped ones
    extra_packs: tuple[str, ...] = ()

    def with_(self, **changes: object) -> Config:
        return replace(self, **changes)  # type: ignore[arg-type]

    def _levels(self, rule: str, category: str) -> list[str]:
        pack = rule.split("/", 1)[0]
        return [rule, pack, category]

    def is_enabled(self, rule: str, category: str) -> bool:
        """Most specific mention wins: a rule id beats its pack, a pack beats its category."""
        if not (self.severity or self.enable or self.disable):
            return True  # the default configuration, asked tens of thousands of times per MB
        for key in self._levels(rule, category):
            if self.severity.get(key) == "off":
                return False
            if key in self.enable:
                return True
            if key in self.disable:
                return False
        return True

    def severity_for(self, rule: str, category: str, default: Severity) -> Severity:
        for key in self._levels(rule, category):
            level = self.severity.get(key)
            if level and level != "off":
                return Severity(level)
        return default


DEFAULT = Config()
