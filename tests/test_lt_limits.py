"""The LanguageTool client against servers that never stop talking (issue 26, case 5).

Why: only each read had a timeout; a server streaming an endless JSON body drove the process to
22.7 GB until the kernel killed it, with nothing printed. The client now reads in blocks, stops at a
size cap and at a deadline for the whole answer, and fails with one clear line (GrammarUnavailable).
Both servers here are local loopback servers (no network).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from cleaner.grammar import GrammarUnavailable
from cleaner.grammar.languagetool import ServerClient


def _handler(delay: float, block: bytes) -> type[BaseHTTPRequestHandler]:
    class Endless(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            try:
                self.wfile.write(b'{"matches": [')
                while True:  # never ends: only the client can stop it
                    self.wfile.write(block)
                    self.wfile.flush()
                    if delay:
                        time.sleep(delay)
            except OSError:
                return

    return Endless


@contextlib.contextmanager
def serving(delay: float, block: bytes) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(delay, block))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_endless_body_stops_at_the_size_cap() -> None:
    with serving(0.0, b'{"message": "x"},' * 4096) as url:
        client = ServerClient(url, timeout=60, max_reply=2 << 20)
        with pytest.raises(GrammarUnavailable) as info:
            client.check("Some text.", {"language": "en-US"})
    message = str(info.value)
    assert "more than 2 MB" in message and "\n" not in message


def test_endless_slow_body_stops_at_the_total_deadline() -> None:
    # One small block every 50 ms: each read succeeds, so only a deadline for the whole answer ends it.
    with serving(0.05, b" ") as url:
        client = ServerClient(url, timeout=1.0)
        with pytest.raises(GrammarUnavailable, match="did not answer within 1 s"):
            client.check("Some text.", {"language": "en-US"})


def test_default_cap_is_bounded() -> None:
    from cleaner.grammar import languagetool

    assert 0 < languagetool.MAX_REPLY <= 64 << 20
    assert ServerClient("http://127.0.0.1:9").max_reply == languagetool.MAX_REPLY
