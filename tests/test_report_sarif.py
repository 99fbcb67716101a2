"""SARIF 2.1.0: validated against the vendored official schema, positions in code points, fixes that
reproduce the cleaned text, relative percent-encoded URIs, unreadable files as notifications."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from report_data import hostile_result, seed_results, validate_sarif

from cleaner.model import Applicability, Finding, Result, Severity
from cleaner.report.json import report_dict
from cleaner.report.sarif import render_sarif, sarif_log


def test_schema_is_the_official_one(sarif_schema: dict[str, object]) -> None:
    assert "sarif-schema-2.1.0.json" in str(sarif_schema["id"])
    assert sarif_schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    jsonschema.Draft4Validator.check_schema(sarif_schema)


def test_schema_rejects_broken_sarif(sarif_schema: dict[str, object]) -> None:
    """The validation must be able to fail: a result with a bad level or region is refused."""
    log = sarif_log(seed_results())
    log["runs"][0]["results"][0]["level"] = "fatal"  # type: ignore[index]
    with pytest.raises(AssertionError):
        validate_sarif(log, sarif_schema)
    log = sarif_log(seed_results())
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0  # type: ignore[index]
    with pytest.raises(AssertionError):
        validate_sarif(log, sarif_schema)


def test_sarif_valid_and_counts_match_json(sarif_schema: dict[str, object]) -> None:
    results = [*seed_results(), hostile_result()]
    log = json.loads(render_sarif(results))
    validate_sarif(log, sarif_schema)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["tool"]["driver"]["name"] == "cleaner"
    assert run["tool"]["driver"]["version"]
    report = report_dict(results)
    json_findings = [f for file in report["files"] for f in file["findings"]]  # type: ignore[index]
    assert len(run["results"]) == len(json_findings) == report["summary"]["findings"]  # type: ignore[index]
    # every result's region is the JSON finding's position, and the rule index points at its rule
    for res, jf in zip(run["results"], json_findings, strict=True):
        region = res["locations"][0]["physicalLocation"]["region"]
        assert res["ruleId"] == jf["rule"]
        assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == jf["rule"]
        assert (region["startLine"], region["startColumn"]) == (jf["line"], jf["column"])
        assert (region["endLine"], region["endColumn"]) == (jf["end_line"], jf["end_column"])
        assert (region["charOffset"], region["charLength"]) == (jf["start"], jf["end"] - jf["start"])
        assert res["level"] == {"error": "error", "warning": "warning", "info": "note"}[jf["severity"]]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(ids) == len(set(ids)) == len({f["rule"] for f in json_findings})
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["shortDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}


def test_sarif_fixes_reproduce_the_cleaned_text() -> None:
    """Applying the SARIF fixes of the safe findings gives exactly the cleaned text."""
    for r in seed_results():
        log = sarif_log([r])
        edits = []
        for res in log["runs"][0]["results"]:
            if res["properties"]["applicability"] != "safe" or "fixes" not in res:
                continue
            (rep,) = res["fixes"][0]["artifactChanges"][0]["replacements"]
            region = rep["deletedRegion"]
            edits.append(
                (region["charOffset"], region["charOffset"] + region["charLength"], rep["insertedContent"]["text"])
            )
        text = r.original
        for s, e, new in sorted(set(edits), reverse=True):
            text = text[:s] + new + text[e:]
        assert text == r.cleaned


def test_sarif_uri_is_relative_and_encoded(tmp_path: Path) -> None:
    r = Result(
        str(tmp_path / "a dir" / "ä.md"),
        "x at the minimum y\n",
        "x at the minimum y\n",
        findings=[Finding("spin-news/a", "spin", Severity.WARNING, "m", 2, 16, "at the minimum")],
    )
    log = sarif_log([r], root=tmp_path)
    loc = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "a%20dir/%C3%A4.md"
    assert "fixes" not in log["runs"][0]["results"][0]


def test_sarif_columns_count_code_points() -> None:
    text = "“Emoji 🙂” at the minimum.\n"
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
    region = sarif_log([r])["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    # in UTF-16 code units 🙂 would count twice (12 and 26)
    assert region["startColumn"] == i + 1 == 11 and region["endColumn"] == 25


def test_sarif_reports_unreadable_files(sarif_schema: dict[str, object]) -> None:
    results = [
        Result("bin.dat", "", "", error="cannot read: Permission denied"),
        Result("img.png", "", "", skipped="binary file"),
    ]
    log = sarif_log(results)
    validate_sarif(log, sarif_schema)
    inv = log["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert len(inv["toolExecutionNotifications"]) == 2
    assert log["runs"][0]["results"] == []
