"""The data model every stage shares: edits, findings, per-file results.

Offsets are code-point offsets into the *decoded original* text (BOM stripped, line endings kept as
they are in the file), so a finding always points at the exact characters of the file the user has.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

CATEGORIES: tuple[str, ...] = (
    "encoding",
    "quotes",
    "spacing",
    "spin",
    "boilerplate",
    "mt",
    "names",
    "grammar",
    "style",
)


class Severity(str, Enum):
    """How loud a finding is; `--fail-on` compares against this order."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Applicability(str, Enum):
    """Whether a finding's fix may be applied without a human (ruff's safe/unsafe split).

    `safe` fixes are applied by `clean` and `check --fix`; `suggested` ones are shown and applied only
    when asked (`--unsafe-fixes`); `none` means the finding carries no machine fix.
    """

    SAFE = "safe"
    SUGGESTED = "suggested"
    NONE = "none"


@dataclass(frozen=True, slots=True, order=True)
class Edit:
    """Replace `text[start:end]` with `replacement` (empty replacement deletes)."""

    start: int
    end: int
    replacement: str

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad edit range {self.start}..{self.end}")


@dataclass(slots=True)
class Finding:
    """One thing an editor should look at.

    `suggestion` is the replacement for exactly `[start, end)` (the JSON contract); `fix` is the edit the
    fixer applies, which is usually the same range but may be wider (a deleted paragraph also takes the
    blank line after it). `text` is always `original[start:end]`.
    """

    rule: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    text: str
    suggestion: str | None = None
    applicability: Applicability = Applicability.NONE
    confidence: float = 1.0
    fix: Edit | None = None

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category!r} for rule {self.rule}")
        if self.fix is None and self.suggestion is not None and self.applicability != Applicability.NONE:
            self.fix = Edit(self.start, self.end, self.suggestion)

    @property
    def pack(self) -> str:
        return self.rule.split("/", 1)[0]

    def to_dict(self, line_index: LineIndex | None = None) -> dict[str, Any]:
        d: dict[str, Any] = {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message,
            "start": self.start,
            "end": self.end,
        }
        if line_index is not None:
            line, col = line_index.position(self.start)
            end_line, end_col = line_index.position(self.end)
            d.update(line=line, column=col, end_line=end_line, end_column=end_col)
        d["text"] = self.text
        if self.suggestion is not None:
            d["suggestion"] = self.suggestion
        d["applicability"] = self.applicability.value
        d["confidence"] = round(self.confidence, 3)
        return d


class LineIndex:
    """Maps code-point offsets to 1-based (line, column); columns count code points.

    A line ends at "\\n"; a "\\r" before it belongs to the line, so CRLF files report the same lines
    as editors show.
    """

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts: list[int] | array[int] = starts

    @classmethod
    def streamed(cls) -> LineIndex:
        """An index filled window by window (`extend`), 8 bytes a line (`bigfile`: the text is never
        whole in memory, and a list of int objects would cost 40 bytes a line)."""
        index = cls.__new__(cls)
        index._starts = array("q", [0])
        return index

    def extend(self, text: str, offset: int) -> None:
        """Add the lines that start in `text`, which stands at `offset` of the whole text."""
        starts, find = self._starts, text.find
        i = find("\n")
        while i != -1:
            starts.append(offset + i + 1)
            i = find("\n", i + 1)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


@dataclass(slots=True)
class Result:
    """Everything cleaner learned about one file: findings, scores and the cleaned text."""

    path: str | None
    original: str
    cleaned: str
    encoding: str = "utf-8"
    findings: list[Finding] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    fixes_applied: int = 0
    error: str | None = None
    skipped: str | None = None
    #: Set by `drop_texts`: whether the file changed, once the texts are gone.
    was_changed: bool | None = None
    #: The file's part of the HTML review page, when the worker that cleaned it also prepared that
    #: (`Job.html_view`): a process pool then renders the pages' costliest parts in parallel.
    view: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    #: Set by a `check --fix` re-check, which replaces `findings` by what the fixed text still holds:
    #: how many applied fixes each rule gave, so the hook can still say what it changed.
    fixed_rules: dict[str, int] | None = field(default=None, repr=False, compare=False)
    #: A big file cleaned as a stream (`bigfile`) comes back without its texts: its line starts and
    #: its length in characters stand in for the original text where reports need them.
    lines: LineIndex | None = field(default=None, repr=False, compare=False)
    length: int | None = field(default=None, repr=False, compare=False)

    def line_index(self) -> LineIndex:
        """Lines of the original text (for line:column positions)."""
        return self.lines if self.lines is not None else LineIndex(self.original)

    @property
    def original_length(self) -> int:
        return self.length if self.length is not None else len(self.original)

    @property
    def changed(self) -> bool:
        if self.was_changed is not None:
            return self.was_changed
        return self.cleaned != self.original

    def drop_texts(self) -> None:
        """Forget the original and cleaned texts (kept: findings, scores, counts). A batch of 100,000
        articles then costs the parent process a few hundred bytes per file, not two copies of each."""
        self.was_changed = self.changed
        self.original = self.cleaned = ""

    def to_dict(self, lazy: bool = False) -> dict[str, Any]:
        """The file's part of the JSON report. `lazy`: the findings as an iterator of dicts, made as
        they are written (`report.json.iter_json`; a streamed file may have a million findings)."""
        index = self.line_index()
        found = (f.to_dict(index) for f in self.findings)
        d: dict[str, Any] = {
            "path": self.path,
            "encoding": self.encoding,
            "changed": self.changed,
            "scores": {k: round(v, 3) for k, v in self.scores.items()},
            "findings": found if lazy else list(found),
        }
        if self.error:
            d["error"] = self.error
        if self.skipped:
            d["skipped"] = self.skipped
        return d
