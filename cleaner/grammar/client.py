"""The HTTP client of a LanguageTool server: POST `/v2/check` with the standard library.

Every failure becomes one actionable `GrammarUnavailable` line. A request has one deadline for the
whole exchange (answer included, not each read) and the reply is read under a size cap: an endless
body once drove the process to 22.7 GB (issue 26).
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from .errors import GrammarUnavailable

URL_ENV = "LANGUAGETOOL_URL"
TIMEOUT = 120.0
#: the most a reply may hold: a 20k-character batch's matches take well under 1 MB; an endless body
#: once drove the process to 22.7 GB (issue 26)
MAX_REPLY = 16 * 1024 * 1024


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
