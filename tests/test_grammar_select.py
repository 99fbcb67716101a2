"""Which paragraphs go to LanguageTool: not those flagged as boilerplate, not those in another language.

Against the replay server (tests/lt_server.py): its `requests` show exactly what was sent.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SEEDS
from lt_server import LanguageToolReplayServer

from cleaner.config import Config
from cleaner.grammar import local as lt_local
from cleaner.grammar.select import selector
from cleaner.model import Finding, Severity
from cleaner.pipeline import clean_text

ENGLISH = "The minister said the the budget would raise spending on schools next year."
FRENCH = "Donnez votre avis et abonnez-vous pour plus d’infos"
PROMO = "Share this article on Facebook and Twitter and subscribe to our newsletter for more."


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("LANGUAGETOOL_URL", raising=False)
    lt_local._backends.clear()
    yield
    lt_local._backends.clear()


def test_selector_leaves_out_boilerplate_and_foreign_paragraphs() -> None:
    text = f"{ENGLISH}\n\n{PROMO}\n\n{FRENCH}\n"
    p = text.index(PROMO)
    bp = Finding("boilerplate/share", "boilerplate", Severity.WARNING, "share", p, p + len(PROMO), PROMO)
    keep = selector("en-US", [bp])
    f = text.index(FRENCH)
    assert keep(0, len(ENGLISH), ENGLISH)
    assert not keep(p, p + len(PROMO), PROMO)
    assert not keep(f, f + len(FRENCH), FRENCH)
    # checking French, the French paragraph goes and the English one does not
    fr = selector("fr", [])
    assert fr(f, f + len(FRENCH), FRENCH) and not fr(0, len(ENGLISH), ENGLISH)
    # a headline of names that lingua only half believes foreign is still sent
    headline = "Mustafa al-Kadhimi: Iraq’s PM survives ‘assassination attempt’ | News"
    assert keep(0, len(headline), headline)


def test_pipeline_sends_only_english_article_paragraphs() -> None:
    seed = (SEEDS / "000_af6df560e1acb889.txt").read_text(encoding="utf-8")
    with LanguageToolReplayServer() as server:
        result = clean_text(
            seed, "000.txt", config=Config(grammar="languagetool", languagetool_url=server.url), fix=False
        )
        sent = "\n".join(server.texts())
    assert "Kadhimi" in sent  # the article itself was checked
    assert "votre" not in sent and "Vidéo du jour" not in sent  # the French footer was not
    boilerplate = [f.text for f in result.findings if f.category == "boilerplate"]
    assert boilerplate
    for para in boilerplate:
        assert para.strip() not in sent, para
