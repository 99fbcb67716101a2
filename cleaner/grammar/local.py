"""Finding a LanguageTool backend: a server URL, or a local install managed by language-tool-python.

For a local install we probe language-tool-python's download folder (`LTP_PATH`) and Java, let it
start its Java server once per process, and then talk to that server like any other. We never
download LanguageTool behind the user's back (it is ~250 MB); when it is missing the error says how
to get it.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .client import URL_ENV, ServerClient, _one_line
from .errors import GrammarUnavailable

if TYPE_CHECKING:
    from ..config import Config


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
