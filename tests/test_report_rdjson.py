"""reviewdog's rdjson: one diagnostic per finding, with columns in UTF-8 bytes as reviewdog counts them."""

from __future__ import annotations

import json

from report_data import seed_results

from cleaner.model import Applicability, Finding, Result, Severity
from cleaner.report.rdjson import rdjson_dict, render_rdjson


def test_rdjson_shape() -> None:
    results = seed_results()
    d = json.loads(render_rdjson(results))
    assert d["source"] == {"name": "cleaner"}
    diags = d["diagnostics"]
    findings = [f for r in results for f in r.findings]
    assert len(diags) == len(findings)
    for diag, f in zip(diags, findings, strict=True):
        assert set(diag) >= {"message", "location", "severity", "source", "code"}
        assert diag["severity"] == f.severity.value.upper()
        assert diag["code"] == {"value": f.rule}
        rng = diag["location"]["range"]
        assert rng["start"]["line"] >= 1 and rng["start"]["column"] >= 1
        assert (rng["end"]["line"], rng["end"]["column"]) >= (rng["start"]["line"], rng["start"]["column"])
        if f.suggestion is not None:
            assert diag["suggestions"][0]["text"] == (f.fix.replacement if f.fix else f.suggestion)
        else:
            assert "suggestions" not in diag


def test_rdjson_columns_are_utf8_bytes() -> None:
    text = "“Quote” at the minimum\n"
    i = text.index("at the")
    r = Result(
        "a.txt",
        text,
        text,
        findings=[
            Finding(
                "spin-news/a",
                "spin",
                Severity.WARNING,
                "m",
                i,
                i + 14,
                "at the minimum",
                "at least",
                Applicability.SAFE,
            )
        ],
    )
    (diag,) = rdjson_dict([r])["diagnostics"]
    # “ and ” are 3 bytes each in UTF-8: code-point column 9 is byte column 13
    assert diag["location"]["range"] == {"start": {"line": 1, "column": 13}, "end": {"line": 1, "column": 27}}
    assert diag["suggestions"] == [{"range": diag["location"]["range"], "text": "at least"}]
