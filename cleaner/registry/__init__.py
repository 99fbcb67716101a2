"""The rule registry: every rule cleaner can report, registered once, with what an editor needs to know.

A rule is a pack entry (data under `rules/`, read by `cleaner.packs`) or a rule of a detector in code.
Both end up here as `Rule` objects: ID, category, default severity, applicability, a one-line summary,
a short "why" paragraph, and should-flag / should-pass examples that the tests run through the whole
pipeline (`tests/test_rule_registry.py`; pack examples also run with `cleaner rules test`).

Code rules are declared in the modules of this package named after their category (`registry.mt`,
`registry.boilerplate`, …), each as `NAME = register(Rule(...))`, which returns the rule's ID: the
detectors import those constants instead of writing the ID as a string, so a rule cannot be reported
that the registry does not know. The declarations live here rather than in the detector modules so that
`cleaner rules`, `cleaner explain` and the selector checks can read every rule without importing the
detectors (and their lexicons and models).

`cleaner.registry.lookup` puts the two sources together (`all_rules`, `get`), checks selectors given in
configuration, on the command line and in inline controls (`check_selectors`), and suggests close matches.
"""

from __future__ import annotations

from .core import Rule, register

__all__ = ["Rule", "register"]
