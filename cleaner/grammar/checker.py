"""Checking paragraphs through the cache: batching, splitting answers back per paragraph, caching.

Paragraphs are joined with blank lines into batches of at most `BATCH_LIMIT` UTF-16 units (few
requests; LanguageTool treats the blank line as a paragraph break) and the matches are split back
per paragraph. Each paragraph's matches are stored (in paragraph-relative code points) under a hash
of its text, the LanguageTool version, the server identity, the language and the settings sent; the
server's version is remembered from its last answer, so an unchanged file is re-checked without any
request.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from .cache import JsonCache, make_key
from .client import _one_line, _TooLarge
from .errors import GrammarUnavailable
from .local import Backend
from .prose import Paragraph, Utf16Index, utf16_len
from .settings import Settings

#: bump when the cached match format changes
CACHE_FORMAT = "lt-matches-1"
#: request size limit in UTF-16 units; public servers reject more than 20k characters
BATCH_LIMIT = 20_000
SEPARATOR = "\n\n"


def _compact(match: dict[str, Any], start: int, end: int) -> dict[str, Any]:
    """The fields of a LanguageTool match we keep (and cache), offsets in code points."""
    rule = match.get("rule") or {}
    category = rule.get("category") or {}
    replacements = [r.get("value") for r in match.get("replacements") or [] if isinstance(r, dict)]
    return {
        "start": start,
        "end": end,
        "rule": str(rule.get("id") or "UNKNOWN"),
        "message": str(match.get("message") or match.get("shortMessage") or rule.get("description") or ""),
        "replacements": [r for r in replacements if isinstance(r, str)][:5],
        "issue": str(rule.get("issueType") or "uncategorized"),
        "category": str(category.get("id") or ""),
    }


def _split_matches(payload: dict[str, Any], batch: Sequence[Paragraph]) -> list[list[dict[str, Any]]]:
    """Distribute a batch response's matches to its paragraphs, offsets made paragraph-relative."""
    starts: list[int] = []
    pos = 0
    for para in batch:
        starts.append(pos)
        pos += len(para.text) + len(SEPARATOR)
    text = SEPARATOR.join(p.text for p in batch)
    index = Utf16Index(text)
    out: list[list[dict[str, Any]]] = [[] for _ in batch]
    for match in payload["matches"]:
        try:
            offset, length = int(match["offset"]), int(match["length"])
        except (KeyError, TypeError, ValueError):
            continue
        start = index.to_code_point(offset)
        end = index.to_code_point(offset + length)
        i = bisect_right(starts, start) - 1
        if i < 0 or end < start:
            continue
        local_start, local_end = start - starts[i], end - starts[i]
        if local_end > len(batch[i].text):  # crosses into the separator: not about one paragraph
            continue
        out[i].append(_compact(match, local_start, local_end))
    return out


def _version(payload: dict[str, Any]) -> str:
    software = payload.get("software") or {}
    return f"{software.get('version', '?')} {software.get('buildDate', '')}".strip()


def _batches(items: Sequence[int], sizes: Sequence[int], limit: int) -> list[list[int]]:
    """Greedy packing, in document order, of items whose joined size stays within `limit`."""
    out: list[list[int]] = []
    size = 0
    for item, n in zip(items, sizes, strict=True):
        if out and size + len(SEPARATOR) + n <= limit:
            out[-1].append(item)
            size += len(SEPARATOR) + n
        else:
            out.append([item])
            size = n
    return out


class Checker:
    """Checks paragraphs against one backend with one settings set, through the cache."""

    def __init__(
        self, backend: Backend, settings: Settings, cache: JsonCache | None = None, batch_limit: int = BATCH_LIMIT
    ) -> None:
        self.backend = backend
        self.settings = settings
        self.cache = cache if cache is not None else JsonCache("languagetool")
        self.batch_limit = batch_limit
        self._version_key = make_key("server-version", backend.identity)

    def _key(self, version: str, para: Paragraph) -> str:
        return make_key(CACHE_FORMAT, self.backend.identity, version, self.settings.fingerprint(), para.text)

    def _known_version(self) -> str | None:
        value = self.cache.get(self._version_key)
        return value if isinstance(value, str) else None

    def check(self, paras: Sequence[Paragraph]) -> list[list[dict[str, Any]]]:
        """Compact matches for each paragraph, from the cache where possible."""
        results: list[list[dict[str, Any]] | None] = [None] * len(paras)
        version = self._known_version()
        if version is not None:
            for i, para in enumerate(paras):
                hit = self.cache.get(self._key(version, para))
                if isinstance(hit, list):
                    results[i] = hit
        todo = [i for i, r in enumerate(results) if r is None]
        if todo:
            seen = self._send(paras, todo, results)
            if version is not None and seen is not None and seen != version:
                # the server was upgraded since the cached entries were written: they are stale
                missed = set(todo)
                stale = [i for i in range(len(paras)) if i not in missed]
                if stale:
                    self._send(paras, stale, results)
        return [r or [] for r in results]

    def _send(self, paras: Sequence[Paragraph], todo: list[int], results: list[Any]) -> str | None:
        """Check `paras[i]` for i in `todo`, in few batches; fill `results`; return the server version."""
        seen: str | None = None
        pending = _batches(todo, [utf16_len(paras[i].text) for i in todo], self.batch_limit)
        while pending:
            batch = pending.pop(0)
            sent = [paras[i] for i in batch]
            try:
                payload = self.backend.check(SEPARATOR.join(p.text for p in sent), self.settings.params())
            except _TooLarge as e:
                if len(batch) == 1:
                    raise GrammarUnavailable(
                        f"LanguageTool refused a {utf16_len(sent[0].text)}-character paragraph as too long "
                        f"({_one_line(str(e))}); raise the server's maxTextLength"
                    ) from e
                half = len(batch) // 2
                pending[:0] = [batch[:half], batch[half:]]
                continue
            seen = _version(payload)
            complete = not (payload.get("warnings") or {}).get("incompleteResults")
            for i, para, matches in zip(batch, sent, _split_matches(payload, sent), strict=True):
                results[i] = matches
                if complete:  # a server that ran out of time answered partially: do not keep that
                    self.cache.put(self._key(seen, para), matches)
        if seen is not None:
            self.cache.put(self._version_key, seen)
        return seen
