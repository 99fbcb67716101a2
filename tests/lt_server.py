"""A stand-in LanguageTool server for the tests: speaks `POST /v2/check` on 127.0.0.1.

Why: the grammar client must be tested on LanguageTool's real protocol (form fields in, JSON with
UTF-16 offsets out) without Java, a 250 MB download or a network. This server replays responses
recorded from a real LanguageTool 6.3 server (tests/data/languagetool, see its README):

- a request whose text was recorded gets the recorded answer;
- a batched request (paragraphs joined by blank lines) is answered paragraph by paragraph: recorded
  paragraphs contribute their recorded matches, shifted by the UTF-16 length of what precedes them;
  unrecorded ones get matches from a few FAKE rules below, computed here independently of the client
  (UTF-16 offsets from `str.encode("utf-16-le")`), so offsets of emoji-bearing text can be checked;
- `disabledRules` is honoured, as LanguageTool does.

Failure modes for the error-path tests: `mode = "error500" | "badjson" | "slow"`, and
`max_text_length` (HTTP 413 above it, LanguageTool's answer to a too-long text).
Every request's form fields are kept in `requests`.
"""

from __future__ import annotations

import contextlib
import copy
import json
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

RECORDED = Path(__file__).parent / "data" / "languagetool" / "v2-check-recorded.json"


@dataclass(frozen=True)
class FakeRule:
    """A regex standing in for a LanguageTool rule on text the recording does not have."""

    id: str
    pattern: str
    replacement: str | None  # None: use group 1 of the match
    message: str
    issue_type: str
    category_id: str
    category_name: str


FAKE_RULES: tuple[FakeRule, ...] = (
    FakeRule(
        "FAKE_AGREEMENT",
        r"\bhave(?= been tense\b)",
        "has",
        "The verb ‘have’ does not agree with the singular subject.",
        "grammar",
        "GRAMMAR",
        "Grammar",
    ),
    FakeRule(
        "FAKE_REPEAT",
        r"\b(\w+)\s+\1\b",
        None,
        "Possible typo: you repeated a word.",
        "duplication",
        "MISC",
        "Miscellaneous",
    ),
    FakeRule(
        "FAKE_WORDINESS",
        r"\bin order to\b",
        "to",
        "‘In order to’ is wordy; consider ‘to’.",
        "style",
        "REDUNDANCY",
        "Redundant Phrases",
    ),
    FakeRule(
        "MORFOLOGIK_RULE_EN_US",
        r"\b(?:recieve|Zxqvia)\b",
        "receive",
        "Possible spelling mistake found.",
        "misspelling",
        "TYPOS",
        "Possible Typo",
    ),
)


def u16(text: str) -> int:
    """Length of `text` in UTF-16 code units, as Java counts it."""
    return len(text.encode("utf-16-le")) // 2


def load_recordings(path: Path = RECORDED) -> dict[str, dict[str, Any]]:
    """Recorded request text → recorded response."""
    records = json.loads(path.read_text(encoding="utf-8"))
    return {r["request"]["text"]: r["response"] for r in records}


class LanguageToolReplayServer:
    """Start with `with LanguageToolReplayServer() as server:`; `server.url` is the base URL."""

    def __init__(self, recordings: dict[str, dict[str, Any]] | None = None) -> None:
        self.recordings = recordings if recordings is not None else load_recordings()
        self.stripped = {text.strip(): (text, resp) for text, resp in self.recordings.items()}
        some = next(iter(self.recordings.values()), {})
        self.software: dict[str, Any] = copy.deepcopy(
            some.get("software") or {"name": "LanguageTool", "version": "6.3"}
        )
        self.requests: list[dict[str, str]] = []
        self.mode = "replay"
        self.max_text_length: int | None = None
        self.delay = 0.0
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ answers
    def _fake_matches(self, text: str) -> list[dict[str, Any]]:
        out = []
        for rule in FAKE_RULES:
            for m in re.finditer(rule.pattern, text, flags=re.IGNORECASE if rule.id == "FAKE_REPEAT" else 0):
                value = rule.replacement if rule.replacement is not None else m.group(1)
                out.append(
                    {
                        "message": rule.message,
                        "shortMessage": "",
                        "replacements": [{"value": value}],
                        "offset": u16(text[: m.start()]),
                        "length": u16(m.group()),
                        "context": {"text": text, "offset": u16(text[: m.start()]), "length": u16(m.group())},
                        "sentence": text,
                        "type": {"typeName": "Other"},
                        "rule": {
                            "id": rule.id,
                            "description": rule.message,
                            "issueType": rule.issue_type,
                            "category": {"id": rule.category_id, "name": rule.category_name},
                        },
                    }
                )
        out.sort(key=lambda m: m["offset"])
        return out

    def _paragraph_matches(self, part: str) -> list[dict[str, Any]]:
        if part in self.recordings:
            return copy.deepcopy(self.recordings[part]["matches"])
        if part.strip() in self.stripped:
            recorded_text, response = self.stripped[part.strip()]
            shift = u16(part[: len(part) - len(part.lstrip())]) - u16(
                recorded_text[: len(recorded_text) - len(recorded_text.lstrip())]
            )
            matches = copy.deepcopy(response["matches"])
            for m in matches:
                m["offset"] += shift
            return matches
        return self._fake_matches(part)

    def answer(self, text: str, language: str) -> dict[str, Any]:
        if text in self.recordings:
            response = copy.deepcopy(self.recordings[text])
        else:
            matches: list[dict[str, Any]] = []
            pos = 0
            for part in text.split("\n\n"):
                for m in self._paragraph_matches(part):
                    m["offset"] += u16(text[:pos])
                    matches.append(m)
                pos += len(part) + 2
            response = {
                "software": copy.deepcopy(self.software),
                "warnings": {"incompleteResults": False},
                "language": {"name": language, "code": language},
                "matches": matches,
            }
        response["software"] = copy.deepcopy(self.software)
        return response

    # ------------------------------------------------------------------ HTTP
    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
                pass

            def _send(self, status: int, body: str, content_type: str) -> None:
                data = body.encode("utf-8")
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # client gave up
                    self.wfile.write(data)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                fields = {k: v[-1] for k, v in urllib.parse.parse_qs(raw, keep_blank_values=True).items()}
                with server._lock:
                    server.requests.append(fields)
                if self.path.rstrip("/") != "/v2/check":
                    self._send(404, "Not found", "text/plain")
                    return
                if server.delay:
                    time.sleep(server.delay)
                if server.mode == "error500":
                    body = "Error: Internal Server Error\njava.lang.RuntimeException: boom"
                    self._send(500, body, "text/plain")
                    return
                if server.mode == "badjson":
                    self._send(200, "<html><body>It works!</body></html>", "text/html")
                    return
                text = fields.get("text", "")
                if "language" not in fields:
                    self._send(400, "Error: Missing 'language' parameter", "text/plain")
                    return
                if server.max_text_length is not None and u16(text) > server.max_text_length:
                    self._send(
                        413,
                        f"Error: Your text exceeds the limit of {server.max_text_length} "
                        f"characters (it's {u16(text)} characters).",
                        "text/plain",
                    )
                    return
                response = server.answer(text, fields["language"])
                disabled = set(filter(None, fields.get("disabledRules", "").split(",")))
                response["matches"] = [m for m in response["matches"] if m["rule"]["id"] not in disabled]
                self._send(200, json.dumps(response, ensure_ascii=False), "application/json")

        return Handler

    @property
    def url(self) -> str:
        assert self._httpd is not None
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> LanguageToolReplayServer:
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, name="lt-replay", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> LanguageToolReplayServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def texts(self) -> list[str]:
        """The `text` field of every request so far."""
        return [r.get("text", "") for r in self.requests]
