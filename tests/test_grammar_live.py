"""Grammar against a real LanguageTool server, when one is reachable at `LANGUAGETOOL_URL`.

Skipped, with the reason, when the variable is unset or nothing answers there (tests never reach the
network: point it at a local server, e.g. `docker run -p 8010:8010 erikvl87/languagetool` or the
project's `lt-server.sh`, and set LANGUAGETOOL_URL=http://127.0.0.1:8010). Checks what only a real
server can: its matches land on the exact characters (UTF-16 → code points, emoji included), a known
English error is found, and the seed's French footer and boilerplate yield no finding at all.
"""

from __future__ import annotations

import json
import os
import urllib.request
from pathlib import Path

import pytest
from conftest import SEEDS, cleaner

URL = os.environ.get("LANGUAGETOOL_URL", "")


def _reachable(url: str) -> str | None:
    """None when a LanguageTool server answers at `url`, else why the test is skipped."""
    if not url:
        return "LANGUAGETOOL_URL is not set (start a LanguageTool server and point it there)"
    if not url.startswith(("http://127.", "http://localhost", "http://[::1]")):
        return f"LANGUAGETOOL_URL={url} is not on this machine (tests never use the network)"
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/v2/languages", timeout=5) as resp:
            json.load(resp)
    except (OSError, ValueError) as exc:
        return f"no LanguageTool server answers at {url}: {exc}"
    return None


pytestmark = pytest.mark.skipif(_reachable(URL) is not None, reason=_reachable(URL) or "")

FOOTER = "Donnez votre avis et abonnez-vous pour plus d’infos\n\nVidéo du jour:\n"
ERROR = "Smile 😀 he go to the the market on Sunday, officials said."


def _check(path: Path, tmp: Path) -> tuple[int, list[dict[str, object]], str]:
    env = {"LANGUAGETOOL_URL": URL, "CLEANER_CACHE_DIR": str(tmp / "cache")}
    proc = cleaner("check", "--grammar", "--format", "json", str(path), env=env)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)["files"][0]["findings"], proc.stderr


def test_real_server_offsets_and_a_known_error(tmp_path: Path) -> None:
    post = tmp_path / "post.txt"
    text = f"Officials said the storm moved east overnight.\n\n{ERROR}\n\n{FOOTER}"
    post.write_text(text, encoding="utf-8")
    _, findings, _ = _check(post, tmp_path)
    grammar = [f for f in findings if f["category"] in ("grammar", "style")]
    for f in grammar:
        assert text[f["start"] : f["end"]] == f["text"], f  # type: ignore[index, misc]
    found = {str(f["text"]) for f in grammar}
    assert "the the" in found or any(t == "go" for t in found), grammar  # the English errors are seen
    footer_start = text.index(FOOTER)
    assert not [f for f in grammar if int(f["start"]) >= footer_start], grammar  # type: ignore[call-overload]


def test_seed_french_footer_gets_no_english_spelling_findings(tmp_path: Path) -> None:
    seed = SEEDS / "000_af6df560e1acb889.txt"
    text = seed.read_text(encoding="utf-8")
    _, findings, _ = _check(seed, tmp_path)
    footer = text.index("Donnez votre avis")
    grammar = [f for f in findings if f["category"] in ("grammar", "style")]
    late = [f for f in grammar if int(f["start"]) >= footer]  # type: ignore[call-overload]
    assert late == [], late
    for word in ("votre", "avis", "abonnez"):
        assert not any(word in str(f["text"]) for f in grammar), word
    for f in grammar:
        assert text[f["start"] : f["end"]] == f["text"], f  # type: ignore[index, misc]
