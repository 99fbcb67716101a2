"""The spin rule packs: size, examples, and the PPS importer."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from conftest import ROOT, cleaner

from cleaner.config import DEFAULT
from cleaner.packs import load_packs
from cleaner.packs.examples import check_examples
from cleaner.packs.pps import import_pps


def _entries(name: str) -> list[dict]:
    return yaml.safe_load((ROOT / "rules" / f"{name}.yaml").read_text(encoding="utf-8"))["entries"]


def test_spin_news_size_and_attribution() -> None:
    data = yaml.safe_load((ROOT / "rules/spin-news.yaml").read_text(encoding="utf-8"))
    assert len(data["entries"]) >= 1500
    assert "Kevin Atkinson" in data["source"]
    assert all(e.get("examples", {}).get("flag") and e["examples"].get("pass") for e in data["entries"])


def test_tortured_phrases_attribution() -> None:
    data = yaml.safe_load((ROOT / "rules/tortured-phrases.yaml").read_text(encoding="utf-8"))
    assert "Problematic Paper Screener" in data["source"] and "2107.06751" in data["source"]
    assert data["licence"].startswith("CC BY 4.0")
    assert len(data["entries"]) > 5000


def test_spin_pack_examples_pass() -> None:
    total, failures = check_examples(load_packs(DEFAULT), {"spin-news", "tortured-phrases"})
    assert total > 3000
    assert failures == []


def test_import_pps_honours_clauses_and_cleans(tmp_path: Path) -> None:
    src = tmp_path / "pps.json"
    src.write_text(
        json.dumps(
            {
                "version": "t",
                "lastUpdated": "2026-01-01",
                "phrases": [
                    {"tortured": "synthetic intelligence (ai)", "correct": "artificial intelligence (ai)"},
                    {"tortured": '"bosom peril" AND "cancer" NOT "novel"', "correct": "breast cancer"},
                    {"tortured": "clothes airers", "correct": "???"},
                    {"tortured": "speech intelligence", "correct": "speech intelligibility (?)"},
                    {"tortured": "profound organizations", "correct": "deep [neural] networks"},
                    {"tortured": "crowd crushes", "correct": "???"},
                    {"tortured": "quiet village", "correct": "calm village"},
                    {"tortured": "word", "correct": "term"},
                ],
            }
        ),
        encoding="utf-8",
    )
    pack = import_pps(src, clean_texts=["They lived in a quiet village."])
    by = {e["phrase"]: e for e in pack["entries"]}
    assert by["synthetic intelligence"]["suggest"] == "artificial intelligence"
    assert by["bosom peril"]["when"] == [{"document": r"\bcancer\b"}]
    assert by["bosom peril"]["unless"] == [{"document": r"\bnovel\b"}]
    assert "suggest" not in by["clothes airers"]
    assert by["speech intelligence"]["suggest"] == "speech intelligibility"
    assert by["speech intelligence"]["confidence"] < 0.7
    assert by["profound organizations"]["suggest"] == "deep networks"
    assert "crowd crushes" not in by  # ordinary news English
    assert "quiet village" not in by  # found in the clean corpus
    assert "word" not in by  # one-word forms are too ambiguous
    assert "Problematic Paper Screener" in pack["source"]


def test_import_pps_command_with_clean_corpus(tmp_path: Path) -> None:
    """`cleaner rules import-pps EXPORT --clean-corpus DIR -o PACK` writes a loadable pack without the
    entries the clean articles contain."""
    src = tmp_path / "pps.json"
    phrases = [
        {"tortured": "bosom peril", "correct": "breast cancer"},
        {"tortured": "quiet village", "correct": "calm village"},
    ]
    src.write_text(json.dumps({"phrases": phrases}), encoding="utf-8")
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "a.md").write_text("They lived in a quiet village.\n", encoding="utf-8")
    out = tmp_path / "pack.yaml"
    r = cleaner("rules", "import-pps", str(src), "-o", str(out), "--clean-corpus", str(clean))
    assert r.returncode == 0, r.stderr
    assert "1 entries" in r.stdout
    from cleaner.packs.schema import load_pack

    pack = load_pack(out)
    assert [p for e in pack.entries for p in e.phrases] == ["bosom peril"]
