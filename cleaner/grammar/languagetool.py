"""LanguageTool client: send prose, get matches, turn them into findings with exact offsets.

Two ways to reach LanguageTool, one protocol:
- a server (`--languagetool-url`, config `languagetool_url`, env `LANGUAGETOOL_URL`): we POST to
  `{url}/v2/check` with the standard library, so the raw JSON (issue type, category) is ours to map;
- a local install managed by language-tool-python (its `LTP_PATH` download folder, Java 17+): we let
  it start its Java server and then talk to that server the same way. We never download LanguageTool
  behind the user's back (it is ~250 MB); when it is missing the error says how to get it.

What is sent: only prose. Each block's masked characters (code, URLs, markup) are dropped, a run of
them or of line breaks becomes one space, and a per-character origin table maps every character
LanguageTool sees back to its offset in the original file. Paragraphs are joined with blank lines into
batches of at most `BATCH_LIMIT` UTF-16 units (few requests; LanguageTool treats the blank line as a
paragraph break) and the matches are split back per paragraph.

Offsets: LanguageTool counts UTF-16 code units (Java strings); Python counts code points. `Utf16Index`
converts exactly, so a paragraph with emoji before an error still points at the right characters.

Caching: each paragraph's matches are stored (in paragraph-relative code points) under a hash of its
text, the LanguageTool version, the server identity, the language and the settings sent. The server's
version is remembered from its last answer, so an unchanged file is re-checked without any request.
Cross-paragraph rules (e.g. word-variant coherency) therefore see only the paragraphs that were sent
together; that is the price of per-paragraph caching.
"""

from __future__ import annotations

import atexit
import contextlib
import http.client
import ipaddress
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..document import MASK
from ..model import Applicability, Finding, Severity
from . import GrammarUnavailable
from .cache import JsonCache, make_key

if TYPE_CHECKING:
    from ..config import Config
    from ..document import Block, Document

PACK = "languagetool"
URL_ENV = "LANGUAGETOOL_URL"
#: bump when the cached match format changes
CACHE_FORMAT = "lt-matches-1"
#: request size limit in UTF-16 units; public servers reject more than 20k characters
BATCH_LIMIT = 20_000
TIMEOUT = 120.0
#: the most a reply may hold: a 20k-character batch's matches take well under 1 MB; an endless body
#: once drove the process to 22.7 GB (issue 26)
MAX_REPLY = 16 * 1024 * 1024
SEPARATOR = "\n\n"

#: block kinds whose text is prose worth checking (tables are cell fragments)
CHECKED_KINDS = frozenset({"title", "heading", "paragraph", "list_item", "blockquote", "meta"})

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

#: LanguageTool categories / issue types that make a match `style` rather than `grammar`
STYLE_CATEGORIES = frozenset(
    {"STYLE", "REDUNDANCY", "TYPOGRAPHY", "PLAIN_ENGLISH", "REPETITIONS_STYLE", "WIKIPEDIA", "GENDER_NEUTRALITY"}
)
STYLE_ISSUES = frozenset({"style", "typographical", "whitespace", "register", "locale-violation"})
#: how much to trust a match, by LanguageTool's issue type
ISSUE_CONFIDENCE: dict[str, float] = {
    "grammar": 0.8,
    "misspelling": 0.6,
    "duplication": 0.7,
    "typographical": 0.6,
    "whitespace": 0.6,
    "inconsistency": 0.6,
    "style": 0.5,
    "register": 0.5,
    "uncategorized": 0.5,
}
SPELLING_CONFIDENCE = 0.4
#: dictionary spell checkers: in news their output is mostly proper nouns (al-Kadhimi, Hashd)
_SPELLER = re.compile(r"MORFOLOGIK|HUNSPELL|SPELLER|SPELLING_RULE")
#: a word that is a fragment of a hyphenated name split by a stray space
_HYPHEN_AFTER = re.compile(r"[ \t\u00a0]*-")
_HYPHEN_BEFORE = re.compile(r"-[ \t\u00a0]*$")


# --------------------------------------------------------------------------------------------- offsets


class Utf16Index:
    """Converts UTF-16 code-unit offsets in `text` to code-point offsets (LanguageTool → Python)."""

    __slots__ = ("_ends",)

    def __init__(self, text: str) -> None:
        ends: list[int] = []
        if not text.isascii():
            extra = 0
            for i, ch in enumerate(text):
                if ord(ch) > 0xFFFF:
                    ends.append(i + extra + 2)  # UTF-16 offset just after this surrogate pair
                    extra += 1
        self._ends = ends

    def to_code_point(self, unit: int) -> int:
        """Code-point offset for UTF-16 offset `unit` (an offset inside a pair rounds up)."""
        if not self._ends:
            return unit
        # every surrogate pair that ends at or before `unit` took two units for one code point
        return unit - bisect_right(self._ends, unit)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# ----------------------------------------------------------------------------------------------- prose


@dataclass(frozen=True, slots=True)
class Paragraph:
    """What LanguageTool sees of one block; `origin[i]` is the offset in `doc.text` of `text[i]`."""

    text: str
    origin: Sequence[int]


_SOFT = frozenset({MASK, "\r", "\n"})


def paragraph_for(doc: Document, block: Block) -> Paragraph | None:
    """The block's prose with masked runs and line breaks collapsed to single spaces."""
    prose = doc.prose(block)
    base = block.start
    if not any(c in prose for c in _SOFT):
        return Paragraph(prose, range(base, base + len(prose))) if prose.strip() else None
    out: list[str] = []
    origin: list[int] = []
    i, n = 0, len(prose)
    while i < n:
        ch = prose[i]
        if ch in _SOFT or ch.isspace():
            j, first_soft, first_mask = i, -1, -1
            while j < n and (prose[j] in _SOFT or prose[j].isspace()):
                if prose[j] in _SOFT and first_soft < 0:
                    first_soft = j
                if prose[j] == MASK and first_mask < 0:
                    first_mask = j
                j += 1
            if first_soft < 0:  # ordinary spacing: keep it as it is
                out.append(prose[i:j])
                origin.extend(range(base + i, base + j))
            elif out and j < n:  # one space, pointing at a masked char if the run hid one
                out.append(" ")
                origin.append(base + (first_mask if first_mask >= 0 else first_soft))
            i = j
            continue
        out.append(ch)
        origin.append(base + i)
        i += 1
    text = "".join(out)
    return Paragraph(text, origin) if text.strip() else None


def paragraphs(doc: Document, keep: Callable[[int, int, str], bool] | None = None) -> list[Paragraph]:
    """The prose paragraphs to send; `keep(start, end, text)` may leave some out (`select.selector`)."""
    out: list[Paragraph] = []
    for block in doc.blocks:
        if block.kind not in CHECKED_KINDS:
            continue
        para = paragraph_for(doc, block)
        if para is not None and (keep is None or keep(block.start, block.end, para.text)):
            out.append(para)
    return out


# -------------------------------------------------------------------------------------------- settings


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


# --------------------------------------------------------------------------------------------- clients


def _one_line(text: str, limit: int = 160) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _read_capped(response: Any, deadline: float, limit: int, where: str) -> bytes:
    """The reply body, read in blocks: at most `limit` bytes, and done by `deadline` (monotonic).

    Why: `read()` with a socket timeout bounds each read, not the whole; a server that streams a
    never-ending body was read until memory ran out. Each block's read waits at most until the
    deadline (the socket's timeout is shortened to what is left).
    """
    declared = response.headers.get("Content-Length") if getattr(response, "headers", None) else None
    if declared and declared.isdigit() and int(declared) > limit:
        raise GrammarUnavailable(f"{where} announced a {int(declared) >> 20} MB answer (limit {limit >> 20} MB)")
    sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
    chunks: list[bytes] = []
    total = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.settimeout(left)
        block = response.read1(1 << 16) if hasattr(response, "read1") else response.read(1 << 16)
        if not block:
            return b"".join(chunks)
        total += len(block)
        if total > limit:
            raise GrammarUnavailable(f"{where} sent more than {limit >> 20} MB in one answer; stopped reading")
        chunks.append(block)


class _TooLarge(Exception):
    """HTTP 413: the server's text limit is smaller than our batch."""


class ServerClient:
    """POSTs to a LanguageTool server's `/v2/check`; every failure becomes `GrammarUnavailable`."""

    def __init__(self, url: str, timeout: float = TIMEOUT, max_reply: int = MAX_REPLY) -> None:
        base = url.strip().rstrip("/")
        if not re.match(r"^https?://", base):
            raise GrammarUnavailable(f"LanguageTool URL must start with http:// or https://, got {url!r}")
        for suffix in ("/v2/check", "/v2"):
            if base.endswith(suffix):
                base = base[: -len(suffix)]
                break
        self.url = base
        self.identity = f"server:{base}"
        self.check_url = f"{base}/v2/check"
        self.timeout = timeout  # for the whole request, answer included (not each read)
        self.max_reply = max_reply
        handlers: list[urllib.request.BaseHandler] = []
        if _is_loopback(urllib.parse.urlsplit(base).hostname):
            handlers.append(urllib.request.ProxyHandler({}))  # never send loopback through a proxy
        self._opener = urllib.request.build_opener(*handlers)
        self.requests = 0

    def check(self, text: str, params: dict[str, str]) -> dict[str, Any]:
        data = urllib.parse.urlencode({**params, "text": text}).encode("utf-8")
        request = urllib.request.Request(
            self.check_url,
            data=data,
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
        )
        self.requests += 1
        where = f"LanguageTool server at {self.check_url}"
        try:
            deadline = time.monotonic() + self.timeout
            with self._opener.open(request, timeout=self.timeout) as response:
                body = _read_capped(response, deadline, self.max_reply, where)
        except urllib.error.HTTPError as e:
            detail = e.read(400).decode("utf-8", "replace") if e.fp else ""
            if e.code == 413:
                raise _TooLarge(detail) from e
            said = f": {_one_line(detail)}" if detail.strip() else ""
            raise GrammarUnavailable(f"{where} answered HTTP {e.code} {e.reason}{said}") from e
        except urllib.error.URLError as e:
            raise GrammarUnavailable(
                f"{where} is unreachable ({_one_line(str(e.reason))}); start a LanguageTool server there "
                f"or point --languagetool-url / {URL_ENV} at one"
            ) from e
        except TimeoutError as e:
            raise GrammarUnavailable(f"{where} did not answer within {self.timeout:g} s") from e
        except (OSError, http.client.HTTPException) as e:
            raise GrammarUnavailable(f"{where} failed: {_one_line(str(e) or type(e).__name__)}") from e
        try:
            payload = json.loads(body.decode("utf-8"))
        except ValueError as e:
            got = _one_line(body[:60].decode("utf-8", "replace"))
            raise GrammarUnavailable(
                f"{where} did not answer with LanguageTool JSON (got {got!r}); is this URL a LanguageTool server?"
            ) from e
        if not isinstance(payload, dict) or not isinstance(payload.get("matches"), list):
            raise GrammarUnavailable(
                f"{where} answered JSON without a 'matches' list; is this URL a LanguageTool server?"
            )
        return payload


def _ltp_path() -> Path:
    """language-tool-python's download folder, computed without creating it."""
    return Path(os.environ.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")


def installed_languagetool() -> str | None:
    """The newest LanguageTool version language-tool-python has downloaded (e.g. "6.8"), or None."""
    root = _ltp_path()
    found: list[tuple[tuple[int, ...], str]] = []
    with contextlib.suppress(OSError):
        for path in root.glob("LanguageTool-*"):
            jar = any((path / j).is_file() for j in ("languagetool-server.jar", "languagetool.jar"))
            m = re.fullmatch(r"LanguageTool-(\d+\.\d+|\d{8}|latest)", path.name)
            if path.is_dir() and jar and m:
                found.append((tuple(int(x) for x in re.findall(r"\d+", m.group(1))), m.group(1)))
    return max(found)[1] if found else None


def _java_problem(version: str) -> str | None:
    """Why Java cannot run LanguageTool `version`, or None when it can."""
    java = shutil.which("java")
    install = "install a Java 17+ runtime (e.g. `apt-get install openjdk-17-jre-headless`)"
    if not java:
        return f"LanguageTool needs Java and no `java` is on PATH: {install} or use --languagetool-url URL"
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError) as e:
        return f"LanguageTool needs Java and `{java} -version` failed ({_one_line(str(e))}): {install}"
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not m:
        return None  # unknown format: let the server start tell
    major = int(m.group(2) or 0) if m.group(1) == "1" else int(m.group(1))
    needed = 9 if re.fullmatch(r"\d+\.\d+", version) and tuple(map(int, version.split("."))) < (6, 6) else 17
    if major < needed:
        return f"LanguageTool {version} needs Java {needed}+, found Java {major}: {install}"
    return None


class LocalServer:
    """A LanguageTool server started by language-tool-python from its own download folder."""

    def __init__(self) -> None:
        version = installed_languagetool()
        if version is None:
            raise GrammarUnavailable(
                f"LanguageTool is not installed in {_ltp_path()} (language-tool-python's LTP_PATH): "
                f"download it once with `{sys.executable} -m cleaner.grammar.languagetool download`, "
                f"or pass --languagetool-url / set {URL_ENV} to a LanguageTool server"
            )
        problem = _java_problem(version)
        if problem:
            raise GrammarUnavailable(problem)
        self.version = version
        self.identity = f"local:LanguageTool-{version}"
        self._tool: Any = None
        self._client: ServerClient | None = None
        self._lock = threading.Lock()

    def _start(self) -> ServerClient:
        with self._lock:
            if self._client is None:
                try:
                    import language_tool_python

                    self._tool = language_tool_python.LanguageTool("en-US", language_tool_download_version=self.version)
                except Exception as e:  # LanguageToolError, ServerError, PathError, JavaError, ...
                    raise GrammarUnavailable(
                        f"could not start the local LanguageTool {self.version} server "
                        f"({_one_line(str(e) or type(e).__name__)}); check Java 17+ and {_ltp_path()}, "
                        "or use --languagetool-url URL"
                    ) from e
                atexit.register(self.close)
                self._client = ServerClient(self._tool.url)
            return self._client

    @property
    def requests(self) -> int:
        return self._client.requests if self._client else 0

    def check(self, text: str, params: dict[str, str]) -> dict[str, Any]:
        return self._start().check(text, params)

    def close(self) -> None:
        if self._tool is not None:
            with contextlib.suppress(Exception):
                self._tool.close()
            self._tool = None
            self._client = None


Backend = ServerClient | LocalServer
_backends: dict[str, Backend] = {}
_backends_lock = threading.Lock()


def backend_for(config: Config) -> Backend:
    """One backend per URL (or the local install) per process, so a local Java server starts once."""
    url = config.languagetool_url or os.environ.get(URL_ENV) or ""
    key = url.strip() or "local"
    with _backends_lock:
        backend = _backends.get(key)
        if backend is None:
            backend = ServerClient(url) if url.strip() else LocalServer()
            _backends[key] = backend
        return backend


# --------------------------------------------------------------------------------------------- checking


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


# --------------------------------------------------------------------------------------------- findings


def _is_speller(rule: str) -> bool:
    return bool(_SPELLER.search(rule))


def to_finding(doc: Document, para: Paragraph, m: dict[str, Any], settings: Settings) -> Finding | None:
    """One finding for one compact match, or None when it is filtered out or touches non-prose."""
    s, e = int(m["start"]), int(m["end"])
    if not (0 <= s <= e <= len(para.text)):
        return None
    sent = para.text[s:e]
    if e > s:
        start, end = para.origin[s], para.origin[e - 1] + 1
    else:
        start = end = para.origin[s] if s < len(para.text) else para.origin[-1] + 1
    if not doc.is_prose(start, end):
        return None
    text = doc.text[start:end]
    rule, issue, category = m["rule"], m["issue"], m["category"]
    speller = _is_speller(rule)
    if speller and (
        settings.spelling == "off"
        or (settings.spelling == "lowercase" and _has_capital(sent))
        or _HYPHEN_AFTER.match(para.text, e)  # "al -Kadhimi", "al- Kadhimi": the spacing stage's
        or _HYPHEN_BEFORE.search(para.text, 0, s)  # job, and "al" → "all" would be a harmful edit
    ):
        return None
    style = category in STYLE_CATEGORIES or issue in STYLE_ISSUES
    if speller:
        severity, confidence = Severity.INFO, SPELLING_CONFIDENCE
    elif style:
        severity, confidence = Severity.INFO, ISSUE_CONFIDENCE.get(issue, 0.5)
    else:
        severity, confidence = Severity.WARNING, ISSUE_CONFIDENCE.get(issue, 0.5)
    suggestion: str | None = None
    replacements = m.get("replacements") or []
    # a replacement is only an edit when the flagged span is exactly what LanguageTool saw
    if replacements and sent == text and replacements[0] != text:
        suggestion = replacements[0]
    message = m["message"] or f"LanguageTool rule {rule}"
    return Finding(
        rule=f"{PACK}/{rule}",
        category="style" if style else "grammar",
        severity=severity,
        message=message,
        start=start,
        end=end,
        text=text,
        suggestion=suggestion,
        applicability=Applicability.SUGGESTED if suggestion is not None else Applicability.NONE,
        confidence=confidence,
    )


def _has_capital(word: str) -> bool:
    return any(c.isupper() for c in word)


def findings_for(doc: Document, checker: Checker, keep: Callable[[int, int, str], bool] | None = None) -> list[Finding]:
    paras = paragraphs(doc, keep)
    if not paras:
        return []
    out: list[Finding] = []
    for para, matches in zip(paras, checker.check(paras), strict=True):
        for m in matches:
            finding = to_finding(doc, para, m, checker.settings)
            if finding is not None:
                out.append(finding)
    out.sort(key=lambda f: (f.start, f.end, f.rule))
    return out


def detect(doc: Document, config: Config, found: Sequence[Finding] = ()) -> list[Finding]:
    """The grammar detector: LanguageTool findings for `doc` (see the module docstring). `found`, the
    other detectors' findings: paragraphs they call boilerplate are not sent, nor paragraphs in
    another language (`select.py`)."""
    from .select import selector

    settings = Settings.from_config(config)
    return findings_for(doc, Checker(backend_for(config), settings), selector(settings.language, found))


def download(version: str | None = None) -> str:
    """Download LanguageTool through language-tool-python (its LTP_PATH folder); return the version."""
    from language_tool_python.download_lt import LTP_DOWNLOAD_VERSION, LocalLanguageTool

    wanted = version or LTP_DOWNLOAD_VERSION
    LocalLanguageTool.from_version_name(wanted).download()
    return wanted


def _main(argv: Iterable[str]) -> int:
    args = list(argv)
    if args[:1] != ["download"] or len(args) > 2:
        print("usage: python -m cleaner.grammar.languagetool download [VERSION]", file=sys.stderr)
        return 2
    try:
        version = download(args[1] if len(args) > 1 else None)
    except Exception as e:
        print(f"error: could not download LanguageTool: {_one_line(str(e))}", file=sys.stderr)
        return 2
    print(f"LanguageTool {version} is installed in {_ltp_path()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
